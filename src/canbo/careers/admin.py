"""Careers data administrators may edit: evaluation schemes and their score bands, the
succession-pool rules, the ranks of leading titles and the weights of the training priority
(every change logged with the administrator as the actor)."""

from django.contrib import admin

from canbo.careers.models import EvaluationBand, EvaluationScheme, PoolRule, PriorityWeight, TitleRank
from canbo.core.admin_site import AuditedAdmin, AuditedInline


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


class BandInline(AuditedInline):
    model = EvaluationBand
    extra = 0


@admin.register(EvaluationScheme)
class EvaluationSchemeAdmin(AuditedAdmin):
    list_display = ("name", "code", "category", "valid_from", "valid_to", "uses_score", "confirmed")
    list_filter = ("category", "confirmed", "uses_score")
    search_fields = ("name", "code", "source")
    inlines = [BandInline]
