"""Statistical forms are data (layouts and sources) that administrators may edit, logged."""

from django.contrib import admin

from canbo.core.admin_site import AuditedAdmin
from canbo.reports.models import StatForm


@admin.register(StatForm)
class StatFormAdmin(AuditedAdmin):
    list_display = ("code", "name", "kind", "source", "is_active")
    list_filter = ("kind", "is_active")
