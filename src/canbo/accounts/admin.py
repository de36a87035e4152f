"""Accounts in the admin: roles chosen from the Role list (never raw JSON), a unit required for every
role but system administrator, `is_staff`/`is_superuser` derived from the roles, every change
logged; the record of who saw sensitive data is read-only."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm, UserChangeForm
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from canbo.accounts.choices import Role
from canbo.accounts.models import LoginAttempt, SensitiveAccess, User
from canbo.core import audit
from canbo.core.admin_site import AdminPermissions, AuditedAdminMixin, ReadOnlyAdmin, acting_for


class _AdminSetPassword:
    """A password an administrator types is known to them: its holder must replace it."""

    def set_password_and_save(self, user, *args, **kwargs):
        user.must_change_password = True
        return super().set_password_and_save(user, *args, **kwargs)


class RolesField(forms.TypedMultipleChoiceField):
    """The roles as ticked boxes of Role values; anything else is refused by the choice check."""

    def __init__(self, **kwargs):
        super().__init__(
            choices=Role.choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            label=_("Vai trò"),
            help_text=_("Quyền của tài khoản; phạm vi quản lý là đơn vị của tài khoản và các đơn vị trực thuộc."),
            **kwargs,
        )

    def prepare_value(self, value):
        return list(value or [])


class RolesFormMixin:
    def clean(self):
        cleaned = super().clean()
        roles = cleaned.get("roles") or []
        unit = cleaned.get("unit")
        if roles and unit is None and roles != [Role.SYSTEM_ADMIN]:
            others = ", ".join(str(Role(r).label) for r in roles if r != Role.SYSTEM_ADMIN)
            self.add_error(
                "unit",
                gettext(
                    "Vai trò “%(roles)s” cần một đơn vị: phạm vi quản lý của tài khoản là đơn vị đó và "
                    "các đơn vị trực thuộc. Chọn đơn vị, hoặc chỉ giữ vai trò Quản trị hệ thống."
                )
                % {"roles": others},
            )
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        roles = self.instance.roles or []
        self.instance.is_staff = self.instance.is_superuser = Role.SYSTEM_ADMIN in roles


class UserRolesChangeForm(RolesFormMixin, UserChangeForm):
    roles = RolesField()

    class Meta(UserChangeForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email", "is_active", "unit", "person", "roles")


class UserRolesCreationForm(RolesFormMixin, _AdminSetPassword, AdminUserCreationForm):
    roles = RolesField()

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "unit", "person", "roles")


class LoggedPasswordChangeForm(_AdminSetPassword, AdminPasswordChangeForm):
    """A password set by an administrator is a change of the account: logged (never the hash), and
    its holder must replace it."""

    def save(self, commit=True):
        before = audit.snapshot(self.user) | {"password": "********"}
        user = super().save(commit=commit)
        audit.log_update(user, before)
        return user


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):
    """System administrators manage accounts here; every change is in canbo's change log."""

    form = UserRolesChangeForm
    add_form = UserRolesCreationForm
    list_display = ("username", "first_name", "last_name", "unit", "is_active")
    list_filter = ("is_active",)
    list_select_related = ("unit",)
    search_fields = ("username", "first_name", "last_name", "unit__code")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("first_name", "last_name", "email")}),
        (
            _("Đơn vị và vai trò"),
            {"fields": ("unit", "person", "roles", "must_change_password", "is_active", "is_staff", "is_superuser")},
        ),
        (_("Thời điểm"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2", "unit", "person", "roles"),
            },
        ),
    )
    readonly_fields = ("is_staff", "is_superuser", "last_login", "date_joined")
    raw_id_fields = ("unit", "person")
    filter_horizontal = ()
    change_password_form = LoggedPasswordChangeForm

    def user_change_password(self, request, id, form_url=""):
        with acting_for(request):
            return super().user_change_password(request, id, form_url)


@admin.register(SensitiveAccess)
class SensitiveAccessAdmin(ReadOnlyAdmin):
    """Who saw whose sensitive fields: read-only, for audits."""

    list_display = ("time", "user_name", "where", "fields", "people_count", "request_id")
    list_filter = ("where",)
    search_fields = ("user_name", "request_id")
    date_hierarchy = "time"


# Groups are not listed: canbo's permissions come from roles (accounts/permissions.py), and the
# site lists only audited admins (site/admin_site.CanboAdminSite.register).


@admin.register(TOTPDevice)
class AuthenticatorAdmin(AdminPermissions, admin.ModelAdmin):
    """A lost or stolen authenticator is removed here (its holder enrols a new one at the next
    log-in); it is never added or edited here, and its secret is never shown nor logged."""

    list_display = ("user", "name", "confirmed")
    search_fields = ("user__username",)
    fields = ("user", "name", "confirmed")
    readonly_fields = fields

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        with acting_for(request), transaction.atomic():
            audit.log_delete(obj, {"user_id": obj.user_id, "name": obj.name, "confirmed": obj.confirmed})
            obj.delete()

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(LoginAttempt)
class LoginAttemptAdmin(ReadOnlyAdmin):
    """The security log of password log-ins: read-only, for audits and to see a lock-out."""

    list_display = ("time", "username", "address", "outcome")
    list_filter = ("outcome",)
    search_fields = ("username", "address")
    date_hierarchy = "time"
