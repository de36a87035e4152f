"""Evaluation schemes and their score bands are rules as data: system administrators edit them here
(a decree replaced, a band corrected), every change logged."""

from django.contrib import admin

from canbo.careers.models import EvaluationBand, EvaluationScheme
from canbo.core.admin_site import AuditedAdmin, AuditedInline


class BandInline(AuditedInline):
    model = EvaluationBand
    extra = 0


@admin.register(EvaluationScheme)
class EvaluationSchemeAdmin(AuditedAdmin):
    list_display = ("name", "code", "category", "valid_from", "valid_to", "uses_score", "confirmed")
    list_filter = ("category", "confirmed", "uses_score")
    search_fields = ("name", "code", "source")
    inlines = [BandInline]
