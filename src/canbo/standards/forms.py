"""The rule form: what an administrator edits, with the accepted fields one per line."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.core.forms import VersionField, VnDateField, VnIntegerField, require_version_when_editing
from canbo.orgs.choices import UnitKind
from canbo.people.choices import Category
from canbo.people.models import Ladder, Level
from canbo.standards.choices import RuleKind
from canbo.standards.models import JobPosition, Title
from canbo.training.models import ProgrammeKind


class RuleForm(forms.Form):
    version = VersionField()
    code = forms.CharField(label=_("Mã"), max_length=60, required=False)
    name = forms.CharField(label=_("Tên tiêu chuẩn"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại"), choices=RuleKind.choices)
    title = forms.ModelChoiceField(label=_("Chức danh"), queryset=Title.objects.all(), required=False)
    position = forms.ModelChoiceField(label=_("Vị trí việc làm"), queryset=JobPosition.objects.all(), required=False)
    category = forms.ChoiceField(label=_("Loại cán bộ"), choices=[("", "—"), *Category.choices], required=False)
    unit_kind = forms.ChoiceField(label=_("Loại đơn vị"), choices=[("", "—"), *UnitKind.choices], required=False)
    ladder = forms.ModelChoiceField(label=_("Thang trình độ"), queryset=Ladder.objects.all(), required=False)
    min_level = forms.ModelChoiceField(
        label=_("Trình độ tối thiểu"),
        queryset=Level.objects.select_related("ladder"),
        required=False,
    )
    accepted_fields = forms.CharField(
        label=_("Chuyên ngành được chấp nhận"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Mỗi dòng một chuyên ngành; để trống nếu chấp nhận mọi chuyên ngành."),
    )
    periods = VnIntegerField(label=_("Số tiết tối thiểu mỗi năm"), min_value=1, required=False)
    grace_months = VnIntegerField(label=_("Thời hạn bổ sung sau khi bổ nhiệm (tháng)"), min_value=0, initial=0)
    closing_kinds = forms.ModelMultipleChoiceField(
        label=_("Loại chương trình giúp đạt chuẩn"),
        queryset=ProgrammeKind.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    source = forms.CharField(label=_("Văn bản quy định"), max_length=255, required=False)
    confirmed = forms.BooleanField(label=_("Đã xác nhận còn hiệu lực"), required=False)
    valid_from = VnDateField(label=_("Hiệu lực từ ngày"))
    valid_to = VnDateField(label=_("Hiệu lực đến ngày"), required=False)
    transition_held_on = VnDateField(
        label=_("Chuyển tiếp cho người giữ chức danh vào ngày"),
        required=False,
    )
    transition_until = VnDateField(
        label=_("Thời hạn chuẩn hoá đến ngày"),
        required=False,
    )
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean_accepted_fields(self):
        text = self.cleaned_data.get("accepted_fields") or ""
        return [line.strip() for line in text.replace(";", "\n").splitlines() if line.strip()]

    def service_kwargs(self) -> tuple[dict, list, int | None]:
        data = dict(self.cleaned_data)
        version = data.pop("version", None)
        closing = list(data.pop("closing_kinds") or [])
        data["fields"] = data.pop("accepted_fields")
        data["grace_months"] = data.get("grace_months") or 0
        return data, closing, version

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        require_version_when_editing(self)

    @classmethod
    def initial_for(cls, rule) -> dict:
        initial = {name: getattr(rule, name) for name in cls.base_fields if hasattr(rule, name)}
        initial["accepted_fields"] = "\n".join(rule.fields or [])
        initial["closing_kinds"] = list(rule.closing_kinds.all()) if rule.pk else []
        initial["version"] = rule.version
        return initial
