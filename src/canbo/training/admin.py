"""Programme kinds are rules (data) that administrators may edit; classes and enrolments change
through the training pages so that every change is checked and logged."""

from django.contrib import admin

from canbo.training.models import ProgrammeKind


@admin.register(ProgrammeKind)
class ProgrammeKindAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "group", "ladder", "max_weeks", "source", "is_active")
