"""Careers data administrators may edit: the succession-pool rules, the ranks of leading titles and
the weights of the training priority (every change logged with the administrator as the actor)."""

from django.contrib import admin

from canbo.careers.models import PoolRule, PriorityWeight, TitleRank
from canbo.core.admin_site import AuditedAdmin


class PoolRuleAdmin(AuditedAdmin):
    list_display = ("kind", "value", "unit", "valid_from", "valid_to", "source", "confirmed")
    list_filter = ("kind", "confirmed")
    search_fields = ("source", "note")
    raw_id_fields = ("unit",)


class TitleRankAdmin(AuditedAdmin):
    list_display = ("title", "rank", "source")
    raw_id_fields = ("title",)


admin.site.register(PoolRule, PoolRuleAdmin)
admin.site.register(TitleRank, TitleRankAdmin)


@admin.register(PriorityWeight)
class PriorityWeightAdmin(AuditedAdmin):
    """The weights of the training priority: a system administrator sets the province's emphasis
    (each change logged)."""

    list_display = ("label", "key", "value")
    list_editable = ("value",)
    readonly_fields = ("key",)
    search_fields = ("key", "label")
    ordering = ("order", "key")

    def has_add_permission(self, request):  # keys are the code's; only their values are data
        return False

    def has_delete_permission(self, request, obj=None):
        return False
