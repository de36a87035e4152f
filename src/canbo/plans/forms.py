"""Forms of the plan pages: the plan's header, one row per target (a formset), and review comments."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.core.forms import VnDecimalField, VnIntegerField
from canbo.plans.choices import TargetGroup
from canbo.training.choices import Place
from canbo.training.models import ProgrammeKind


class PlanCreateForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=None)
    year = forms.IntegerField(label=_("Năm kế hoạch"), min_value=2000, max_value=2100)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=255, required=False)
    budget = VnDecimalField(
        label=_("Kinh phí dự kiến (đồng)"), max_digits=15, decimal_places=0, required=False, min_value=0
    )
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class TargetForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Loại chương trình"), queryset=ProgrammeKind.objects.all(), required=False)
    group = forms.ChoiceField(label=_("Đối tượng"), choices=TargetGroup.choices, initial=TargetGroup.OTHER)
    place = forms.ChoiceField(label=_("Địa điểm"), choices=Place.choices, initial=Place.IN_PROVINCE)
    classes = VnIntegerField(label=_("Số lớp"), min_value=0, required=False)
    turns = VnIntegerField(label=_("Số lượt người"), min_value=0, required=False)


TargetFormSet = forms.formset_factory(TargetForm, extra=3)


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)
