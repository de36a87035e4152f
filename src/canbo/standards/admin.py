"""The title and job-position catalogues are data that administrators may extend; every change is
logged with the administrator as the actor."""

from django.contrib import admin

from canbo.core.admin_site import AuditedAdmin
from canbo.core.text import fold
from canbo.standards.models import JobPosition, Title


class CatalogueAdmin(AuditedAdmin):
    list_display = ("name", "code", "unit_level", "sector", "valid_from", "valid_to")
    list_filter = ("unit_level",)
    search_fields = ("name", "code")

    def save_model(self, request, obj, form, change):
        obj.name_key = fold(obj.name)
        super().save_model(request, obj, form, change)


admin.site.register(Title, CatalogueAdmin)
admin.site.register(JobPosition, CatalogueAdmin)
