"""Org units in the admin: units are read-only (they change through canbo's unit pages and services,
which keep paths, validity and everything filed under a unit consistent); a succession is recorded
through the orgs service, so it is checked and logged like one made by the demo or a command."""

from django.contrib import admin

from canbo.core.admin_site import AuditedAdmin, ReadOnlyAdmin, acting_for
from canbo.orgs import services
from canbo.orgs.models import Unit, UnitSuccession


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ("code", "official_code", "name", "kind", "valid_from", "valid_to")
    list_filter = ("kind",)
    search_fields = ("code", "official_code", "name", "name_key")


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(AuditedAdmin):
    list_display = ("predecessor", "successor", "date", "decision")
    raw_id_fields = ("predecessor", "successor")

    def get_readonly_fields(self, request, obj=None):
        # The pair is what the record is about: change it by recording another succession.
        return ("predecessor", "successor") if obj is not None else ()

    def save_model(self, request, obj, form, change):
        with acting_for(request):
            saved = services.succession_record(
                predecessor=obj.predecessor, successor=obj.successor, date=obj.date, decision=obj.decision
            )
        obj.pk = saved.pk
