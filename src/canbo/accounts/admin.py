from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm
from django.utils.translation import gettext_lazy as _

from canbo.accounts.models import LoginAttempt, SensitiveAccess, User


class _AdminSetPassword:
    """A password an administrator types is known to them: its holder must replace it."""

    def set_password_and_save(self, user, *args, **kwargs):
        user.must_change_password = True
        return super().set_password_and_save(user, *args, **kwargs)


class ForcedChangeCreationForm(_AdminSetPassword, AdminUserCreationForm):
    pass


class ForcedChangePasswordForm(_AdminSetPassword, AdminPasswordChangeForm):
    pass


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Django admin is for system administrators (staff) only; everyday work uses canbo's pages."""

    list_display = ("username", "first_name", "last_name", "unit", "is_active")
    list_select_related = ("unit",)
    search_fields = ("username", "first_name", "last_name", "unit__code")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Đơn vị và vai trò"), {"fields": ("unit", "roles", "must_change_password")}),
    )
    raw_id_fields = ("unit",)
    add_form = ForcedChangeCreationForm
    change_password_form = ForcedChangePasswordForm


@admin.register(SensitiveAccess)
class SensitiveAccessAdmin(admin.ModelAdmin):
    """Who saw whose sensitive fields: read-only, for audits."""

    list_display = ("time", "user_name", "person", "fields", "where", "request_id")
    list_filter = ("where",)
    search_fields = ("user_name", "person__full_name", "request_id")
    list_select_related = ("person",)
    date_hierarchy = "time"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LoginAttempt)
class LoginAttemptAdmin(admin.ModelAdmin):
    """The security log of password log-ins: read-only, for audits and to see a lock-out."""

    list_display = ("time", "username", "address", "outcome")
    list_filter = ("outcome",)
    search_fields = ("username", "address")
    date_hierarchy = "time"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
