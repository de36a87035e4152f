"""The Django admin, closed to everyone but system administrators and logged like every other write.

Everyday work uses canbo's pages; the admin is a maintenance tool for reference data and accounts.
Three rules keep it from being a back door:

- only an active user holding the system-admin role reaches it (reach: everything), whatever their
  `is_staff`/`is_superuser` flags say, so a province officer made staff cannot edit another
  province's data through it; log-in and change of password are canbo's own pages (one place for
  throttling, 2FA and the password policy);
- every save and delete writes the change log under an explicit actor context, and models whose
  writes belong to a workflow are read-only (canbo.core.admin_site: the classes every admin.py uses);
- only admins built on those classes are listed (`register`).

The site, not the kernel, holds it: it asks accounts for the role.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from canbo.accounts.choices import Role
from canbo.core.admin_site import AdminPermissions


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
    default_site = "canbo.site.admin_site.CanboAdminSite"
