from django.contrib import admin

from canbo.reports.models import StatForm


@admin.register(StatForm)
class StatFormAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "source", "is_active")
    list_filter = ("kind", "is_active")
