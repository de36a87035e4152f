from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from canbo.core.forms import VersionField, VnDateField, VnDecimalField, VnIntegerField, require_version_when_editing
from canbo.orgs.models import Unit
from canbo.people.choices import Category
from canbo.training.choices import Funding, Place, Result, StudyMode
from canbo.training.models import InspectionKind, Programme, ProgrammeKind


class ProgrammeForm(forms.Form):
    code = forms.CharField(label=_("Mã chương trình"), max_length=40)
    name = forms.CharField(label=_("Tên chương trình"), max_length=255)
    kind = forms.ModelChoiceField(label=_("Loại"), queryset=ProgrammeKind.objects.filter(is_active=True))
    periods = VnIntegerField(label=_("Thời lượng (tiết)"), min_value=0, initial=0)
    weeks = VnDecimalField(label=_("Thời gian (tuần)"), min_value=0, max_digits=5, decimal_places=1, required=False)
    duty_periods = VnIntegerField(label=_("Số tiết tính vào nghĩa vụ bồi dưỡng"), min_value=0, initial=0)
    target_categories = forms.MultipleChoiceField(
        label=_("Đối tượng"), choices=Category.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(label=_("Mô tả"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ClassForm(forms.Form):
    code = forms.CharField(label=_("Mã lớp"), max_length=50, help_text=_("Ví dụ 2026-DB-TCT-05."))
    name = forms.CharField(label=_("Tên lớp"), max_length=255)
    programme = forms.ModelChoiceField(label=_("Chương trình"), queryset=Programme.objects.filter(is_active=True))
    organiser = forms.ModelChoiceField(label=_("Đơn vị tổ chức"), queryset=Unit.unscoped.none())
    institution = forms.ModelChoiceField(
        label=_("Cơ sở đào tạo"), queryset=Unit.unscoped.filter(kind="training_institution"), required=False
    )
    place = forms.ChoiceField(label=_("Địa điểm"), choices=Place.choices)
    location = forms.CharField(label=_("Nơi học"), max_length=255, required=False)
    study_mode = forms.ChoiceField(label=_("Hình thức học"), choices=StudyMode.choices)
    start_date = VnDateField(label=_("Ngày khai giảng"))
    end_date = VnDateField(label=_("Ngày bế giảng"))
    capacity = VnIntegerField(label=_("Số học viên tối đa"), min_value=1, required=False)
    cost = VnDecimalField(label=_("Kinh phí (đồng)"), min_value=0, max_digits=15, decimal_places=0, required=False)
    funding = forms.ChoiceField(label=_("Nguồn kinh phí"), choices=Funding.choices)
    target_categories = forms.MultipleChoiceField(
        label=_("Đối tượng"),
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Để trống: theo đối tượng của chương trình."),
    )
    open_to = forms.ModelChoiceField(
        label=_("Nhận học viên của"),
        queryset=Unit.unscoped.none(),
        required=False,
        help_text=_(
            "Các đơn vị thuộc phạm vi này thấy lớp và cử người của mình đi học. "
            "Để trống: đơn vị tổ chức (cơ sở đào tạo: đơn vị cấp trên của cơ sở)."
        ),
    )
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    version = VersionField()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        require_version_when_editing(self)
        from django.db.models import Q

        from canbo.core.scope import Scope

        scope = Scope.for_user(user)
        self.fields["organiser"].queryset = Unit.unscoped.filter(scope.q("path")).filter(valid_to__isnull=True)
        # The units above the user's own (a school's classes take the province's staff) and those within reach.
        above = user.unit.ancestor_ids() if getattr(user, "unit", None) is not None else []
        self.fields["open_to"].queryset = Unit.unscoped.filter(Q(pk__in=above) | scope.q("path")).filter(
            valid_to__isnull=True
        )


class NominateForm(forms.Form):
    person = forms.CharField(
        label=_("Học viên"),
        max_length=120,
        help_text=_("Số định danh cá nhân, hoặc họ và tên (khi không trùng tên)."),
    )
    intended_post = forms.CharField(
        label=_("Đào tạo để bố trí vào"),
        max_length=200,
        required=False,
        help_text=_("Chức vụ, chức danh dự kiến bố trí sau khi học (nếu có)."),
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class SessionForm(forms.Form):
    day = VnDateField(label=_("Ngày học"))
    topic = forms.CharField(label=_("Nội dung"), max_length=255, required=False)
    periods = VnIntegerField(label=_("Số tiết"), min_value=1, max_value=12, initial=4)


RESULT_CHOICES = [("", "—"), *Result.choices]


class InspectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=InspectionKind.choices)
    day = VnDateField(label=_("Ngày"))
    inspector = forms.CharField(label=_("Người, đoàn kiểm tra"), max_length=255)
    rating = VnIntegerField(label=_("Đánh giá chung (1–5)"), min_value=1, max_value=5, required=False)
    findings = forms.CharField(label=_("Kết quả, phát hiện"), widget=forms.Textarea(attrs={"rows": 3}))
    recommendations = forms.CharField(label=_("Kiến nghị"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class SelfStudyForm(forms.Form):
    title = forms.CharField(label=_("Nội dung, khóa học"), max_length=255)
    provider = forms.CharField(label=_("Nơi tổ chức"), max_length=255, required=False)
    start_date = VnDateField(label=_("Từ ngày"))
    end_date = VnDateField(label=_("Đến ngày"))
    periods = VnIntegerField(label=_("Số tiết"), min_value=1, max_value=2000)
    evidence = forms.CharField(
        label=_("Minh chứng"), max_length=255, help_text=_("Số giấy chứng nhận, đường dẫn khóa học trực tuyến, …")
    )
    evidence_file = forms.FileField(
        label=_("Tệp minh chứng (PDF, ảnh)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence_file"].help_text = _(
            "PDF, ảnh JPEG hoặc PNG, văn bản Word (.docx), bảng tính Excel (.xlsx); tối đa %(limit)s MB."
        ) % {"limit": settings.CANBO_UPLOAD_MAX_MB}


class PlacementForm(forms.Form):
    post = forms.CharField(label=_("Chức vụ, vị trí được bố trí"), max_length=200)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.unscoped.filter(valid_to__isnull=True))
    start_date = VnDateField(label=_("Từ ngày"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
