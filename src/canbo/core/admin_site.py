"""The Django admin, closed to everyone but system administrators and logged like every other write.

Everyday work uses canbo's pages; the admin is a maintenance tool for reference data and accounts.
Three rules keep it from being a back door:

- only an active user holding the system-admin role reaches it (reach: everything), whatever their
  `is_staff`/`is_superuser` flags say, so a province officer made staff cannot edit another
  province's data through it; log-in and change of password are canbo's own pages (one place for
  throttling, 2FA and the password policy);
- every save and delete writes the change log under an explicit actor context (the admin user,
  origin "web", label "Django admin"), and goes through the owning app's service where one exists;
- models whose writes belong to a workflow are read-only here (`read_only = True`).
"""

from __future__ import annotations

from contextlib import contextmanager

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from canbo.accounts.choices import Role

ADMIN_LABEL = "Django admin"


def is_system_admin(user) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.has_role(Role.SYSTEM_ADMIN)
    )


class CanboAdminSite(admin.AdminSite):
    site_header = _("Quản trị hệ thống canbo")
    site_title = _("Quản trị hệ thống canbo")
    index_title = _("Dữ liệu danh mục và tài khoản")

    def has_permission(self, request):
        """The role decides, not `is_staff`: roles are what canbo's permissions are made of."""
        return is_system_admin(request.user)

    def login(self, request, extra_context=None):
        """Anonymous visitors log in on canbo's page; a logged-in user without the role gets the
        same 404 as any other place outside their reach (and no redirect loop)."""
        from django.contrib.auth.views import redirect_to_login  # imports models: not at app loading

        if request.user.is_authenticated:
            if self.has_permission(request):
                return super().login(request, extra_context)
            raise Http404
        return redirect_to_login(request.GET.get("next") or request.get_full_path(), settings.LOGIN_URL)

    def password_change(self, request, extra_context=None):
        """canbo's own page (password policy, change log, other sessions ended), back to the admin."""
        return redirect(f"{reverse('accounts:password_change')}?{urlencode({'next': reverse('admin:index')})}")

    def password_change_done(self, request, extra_context=None):
        return redirect("admin:index")

    def register(self, model_or_iterable, admin_class=None, **options):
        """Only admins built on AdminPermissions (audited or read-only) are listed: the admins other
        packages register for their own models (django-otp's devices, django-tasks' results,
        Django's groups) would write without canbo's change log and permissions."""
        if admin_class is None or not issubclass(admin_class, AdminPermissions):
            return
        super().register(model_or_iterable, admin_class, **options)


class CanboAdminConfig(AdminConfig):
    default_site = "canbo.core.admin_site.CanboAdminSite"


@contextmanager
def acting_for(request):
    """The admin user as the actor of the change log, under the request's own id."""
    from canbo.core.context import acting_as, new_request_id

    request_id = getattr(request, "request_id", None) or new_request_id()
    with acting_as(request.user, origin="web", label=ADMIN_LABEL, request_id=request_id) as ctx:
        yield ctx


def _fresh(obj):
    """The stored row (before the form's values were put on `obj`), through the unscoped manager."""
    return type(obj)._base_manager.get(pk=obj.pk)


def logged_save(obj, *, change: bool) -> None:
    """Save one object and log it; a versioned record gets a new version so that canbo's open
    edit forms refuse to overwrite the admin's change."""
    from canbo.core import audit

    if change:
        before = audit.snapshot(_fresh(obj))
        if hasattr(obj, "version"):
            obj.version = (obj.version or 0) + 1
        obj.save()
        audit.log_update(obj, before)
    else:
        obj.save()
        audit.log_create(obj)


def logged_delete(obj) -> None:
    from canbo.core import audit

    audit.log_delete(obj, audit.snapshot(obj))  # before the delete: the log needs the primary key
    obj.delete()


class AdminPermissions:
    """Permissions from the role (the site's check) and the model's `read_only`, never from
    Django's per-model permission table, which canbo does not use."""

    read_only = False

    def _allowed(self, request) -> bool:
        return is_system_admin(request.user)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request, *args):
        return not self.read_only and self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return not self.read_only and self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return not self.read_only and self._allowed(request)


class AuditedAdminMixin(AdminPermissions):
    """Saves, deletes (one or a selection) and inline rows logged with the admin as the actor."""

    def save_model(self, request, obj, form, change):
        with acting_for(request):
            logged_save(obj, change=change)

    def delete_model(self, request, obj):
        with acting_for(request), transaction.atomic():
            logged_delete(obj)

    def delete_queryset(self, request, queryset):
        with acting_for(request), transaction.atomic():
            for obj in queryset:
                logged_delete(obj)

    def save_formset(self, request, form, formset, change):
        with acting_for(request):
            instances = formset.save(commit=False)
            for obj in formset.deleted_objects:
                logged_delete(obj)
            for obj in instances:
                logged_save(obj, change=not obj._state.adding)
            formset.save_m2m()


class AuditedAdmin(AuditedAdminMixin, admin.ModelAdmin):
    pass


class ReadOnlyAdmin(AdminPermissions, admin.ModelAdmin):
    read_only = True


class AuditedInline(AdminPermissions, admin.TabularInline):
    """Inline rows are saved by the parent's AuditedAdmin.save_formset (logged there)."""
