"""Careers data administrators may edit: the succession-pool rules and the ranks of leading titles
(every change logged with the administrator as the actor)."""

from django.contrib import admin

from canbo.careers.models import PoolRule, TitleRank
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
