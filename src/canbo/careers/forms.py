from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.careers.choices import EvaluationLevel, Sanction
from canbo.core.forms import VersionField, VnDateField, VnDecimalField, require_version_when_editing
from canbo.orgs.models import Unit


class EvaluationForm(forms.Form):
    """One person's evaluation of one year, with the steps as practised."""

    version = VersionField()
    unit = forms.ModelChoiceField(label=_("Đơn vị khi được đánh giá"), queryset=Unit.unscoped.none())
    title = forms.CharField(label=_("Chức vụ, chức danh"), max_length=150, required=False)
    # 1. self-assessment
    self_score = VnDecimalField(
        label=_("Điểm tự chấm"), max_digits=5, decimal_places=2, min_value=0, max_value=100, required=False
    )
    self_level = forms.ChoiceField(
        label=_("Tự xếp loại"), choices=[("", "—"), *EvaluationLevel.choices], required=False
    )
    self_assessed_on = VnDateField(label=_("Ngày tự đánh giá"), required=False)
    # 2. the direct superior
    superior_comment = forms.CharField(
        label=_("Nhận xét của cấp trên trực tiếp"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    superior_on = VnDateField(label=_("Ngày nhận xét"), required=False)
    # 3. the collective
    collective_opinion = forms.CharField(
        label=_("Ý kiến của tập thể"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    collective_on = VnDateField(label=_("Ngày họp tập thể"), required=False)
    # 4. the decision
    score = VnDecimalField(
        label=_("Điểm (cấp có thẩm quyền)"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Theo thang 100 khi quy định của năm có chấm điểm (công chức từ năm 2026)."),
    )
    level = forms.ChoiceField(
        label=_("Xếp loại"),
        choices=[("", "—"), *EvaluationLevel.choices],
        required=False,
        help_text=_(
            "Để trống khi đã ghi điểm: mức xếp loại lấy theo khung điểm của quy định. Số xuất sắc bị giới hạn "
            "theo tỷ lệ của quy định trên số hoàn thành tốt nhiệm vụ của đơn vị trong năm: ghi các kết quả "
            "hoàn thành tốt trước, hoặc nhập cả danh sách từ Excel."
        ),
    )
    sanction = forms.ChoiceField(
        label=_("Kỷ luật trong năm"), choices=[("", _("Không")), *Sanction.choices], required=False
    )
    decided_by = forms.CharField(label=_("Người có thẩm quyền quyết định"), max_length=150, required=False)
    decided_on = VnDateField(label=_("Ngày quyết định"), required=False)
    decision_number = forms.CharField(label=_("Số quyết định, văn bản"), max_length=60, required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: f"{u.name} ({u.code})"
        require_version_when_editing(self)


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Năm đánh giá"), min_value=2000, max_value=2100)
