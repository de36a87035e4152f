"""Programme kinds are rules (data) that administrators may edit, logged with the administrator as
the actor; classes and enrolments change through the training pages so that every change is checked
and logged."""

from django import forms
from django.contrib import admin

from canbo.core.admin_site import AuditedAdmin
from canbo.training.models import CertificateSeries, ProgrammeKind


@admin.register(ProgrammeKind)
class ProgrammeKindAdmin(AuditedAdmin):
    list_display = ("name", "code", "group", "ladder", "max_weeks", "source", "is_active")


class CertificateSeriesForm(forms.ModelForm):
    """The signer's title is what the admin comes here to set: required, so an empty post saves nothing."""

    class Meta:
        model = CertificateSeries
        fields = ("signer_title", "signer_name")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signer_title"].required = True


@admin.register(CertificateSeries)
class CertificateSeriesAdmin(AuditedAdmin):
    """Who signs an institution's certificates; the numbers themselves are the service's."""

    form = CertificateSeriesForm
    list_display = ("institution", "prefix", "next_number", "signer_title", "signer_name")
    fields = ("institution", "prefix", "next_number", "signer_title", "signer_name")
    readonly_fields = ("institution", "prefix", "next_number")

    def has_add_permission(self, request, *args):
        return False  # a series is opened by the first certificate an institution issues
