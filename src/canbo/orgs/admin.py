from django.contrib import admin

from canbo.orgs.models import Unit, UnitSuccession


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    """Read-only in admin: units change through canbo's pages so that every change is logged."""

    list_display = ("code", "name", "kind", "valid_from", "valid_to")
    list_filter = ("kind",)
    search_fields = ("code", "name", "name_key")
    readonly_fields = [f.name for f in Unit._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(admin.ModelAdmin):
    list_display = ("predecessor", "successor", "date", "decision")
    raw_id_fields = ("predecessor", "successor")
