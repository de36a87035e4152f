"""Programme kinds are rules (data) that administrators may edit, logged with the administrator as
the actor; classes and enrolments change through the training pages so that every change is checked
and logged."""

from django.contrib import admin

from canbo.core.admin_site import AuditedAdmin
from canbo.training.models import ProgrammeKind


@admin.register(ProgrammeKind)
class ProgrammeKindAdmin(AuditedAdmin):
    list_display = ("name", "code", "group", "ladder", "max_weeks", "source", "is_active")
