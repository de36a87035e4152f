"""The admin classes every app's admin.py builds on: each write logged like every other, and the
permissions of the admin site (canbo.site.admin_site: system administrators only), never Django's
per-model permission table.

- every save and delete writes the change log under an explicit actor context (the admin user,
  origin "web", label "Django admin"), and goes through the owning app's service where one exists;
- models whose writes belong to a workflow are read-only here (`read_only = True`).

Who reaches the admin is the site's decision (a role), so the kernel imports no accounts code.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.contrib import admin
from django.db import transaction

ADMIN_LABEL = "Django admin"


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
        """The site's own check (CanboAdminSite.has_permission: an active system administrator)."""
        return self.admin_site.has_permission(request)

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
