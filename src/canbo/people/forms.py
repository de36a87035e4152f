from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.core.forms import VersionField, VnDateField, require_version_when_editing
from canbo.core.text import foreign_digits
from canbo.orgs.models import Unit
from canbo.people.choices import Category, Gender, MemberRole
from canbo.people.models import Ethnicity, Level, Religion
from canbo.people.sensitive import SENSITIVE_FIELDS


class PersonForm(forms.Form):
    """The personal part of the record (Mẫu 2C, items 1–12); validated again by the services."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=[("", "—"), *Gender.choices], required=False)
    birth_date = VnDateField(label=_("Ngày sinh"), required=False)
    birth_year = forms.IntegerField(
        label=_("Năm sinh"),
        required=False,
        min_value=1900,
        max_value=2100,
        help_text=_("Chỉ điền năm sinh khi không rõ ngày sinh."),
    )
    id_number = forms.CharField(
        label=_("Số định danh cá nhân"),
        max_length=12,
        required=False,
        help_text=_("12 chữ số (số căn cước công dân)."),
    )
    ethnicity = forms.ModelChoiceField(label=_("Dân tộc"), queryset=Ethnicity.objects.all(), required=False)
    religion = forms.ModelChoiceField(label=_("Tôn giáo"), queryset=Religion.objects.all(), required=False)
    party_member = forms.BooleanField(label=_("Đảng viên"), required=False)
    party_joined_on = VnDateField(label=_("Ngày vào Đảng"), required=False)
    home_town = forms.CharField(label=_("Quê quán"), max_length=255, required=False)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=30, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    health_note = forms.CharField(label=_("Tình trạng sức khỏe"), max_length=255, required=False)
    version = VersionField()

    SENSITIVE = SENSITIVE_FIELDS

    def __init__(self, *args, show_sensitive=True, **kwargs):
        super().__init__(*args, **kwargs)
        require_version_when_editing(self)
        if not show_sensitive:
            for name in self.SENSITIVE:
                del self.fields[name]

    def clean_id_number(self):
        value = self.cleaned_data["id_number"].replace(" ", "").replace(".", "")
        if foreign_digits(value):
            raise forms.ValidationError(
                _(
                    "Số định danh cá nhân chỉ gồm các chữ số 0–9; “%(value)s” có chữ số kiểu khác (chữ số toàn "
                    "khổ hoặc chữ số Ả Rập, thường do bộ gõ hoặc sao chép từ tệp PDF). Hãy gõ lại bằng các phím số."
                )
                % {"value": value}
            )
        if value and not (len(value) == 12 and value.isdigit()):
            raise forms.ValidationError(
                _("Số định danh cá nhân phải có đúng 12 chữ số; giá trị đã nhập có %(n)s ký tự.") % {"n": len(value)}
            )
        return value or None


class NewPersonForm(PersonForm):
    unit = forms.ModelChoiceField(label=_("Đơn vị công tác"), queryset=Unit.unscoped.none())
    category = forms.ChoiceField(label=_("Loại"), choices=[("", "—"), *Category.choices], required=False)
    title = forms.CharField(label=_("Chức vụ, chức danh"), max_length=150, required=False)
    start_date = VnDateField(label=_("Ngày bắt đầu công tác tại đơn vị"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.for_user(user).filter(valid_to__isnull=True).order_by("path")
        self.fields["unit"].label_from_instance = lambda u: f"{'— ' * u.depth}{u.name} ({u.code})"


class LevelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.ladder.name}: {obj.label}"


class QualificationForm(forms.Form):
    level = LevelChoiceField(
        label=_("Trình độ"), queryset=Level.objects.select_related("ladder").order_by("ladder__order", "order")
    )
    field = forms.CharField(
        label=_("Chuyên ngành / ngôn ngữ"),
        max_length=150,
        required=False,
        help_text=_("Ví dụ: Luật; Tiếng Anh; Tiếng Thái."),
    )
    institution = forms.CharField(label=_("Cơ sở đào tạo"), max_length=200, required=False)
    year = forms.IntegerField(label=_("Năm tốt nghiệp / cấp"), min_value=1950, max_value=2100, required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class AssignmentForm(forms.Form):
    """A new main assignment: a transfer, an appointment or a change of post."""

    unit = forms.ModelChoiceField(label=_("Đơn vị công tác mới"), queryset=Unit.unscoped.none())
    category = forms.ChoiceField(label=_("Loại"), choices=[("", "—"), *Category.choices], required=False)
    title = forms.CharField(label=_("Chức vụ, chức danh"), max_length=150, required=False)
    job_position = forms.CharField(label=_("Vị trí việc làm"), max_length=150, required=False)
    rank = forms.CharField(label=_("Ngạch, chức danh nghề nghiệp"), max_length=150, required=False)
    sector = forms.CharField(label=_("Lĩnh vực"), max_length=150, required=False)
    start_date = VnDateField(label=_("Từ ngày"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.for_user(user).filter(valid_to__isnull=True).order_by("path")
        self.fields["unit"].label_from_instance = lambda u: f"{'— ' * u.depth}{u.name} ({u.code})"


class AssignmentCategoryForm(forms.Form):
    """The category of the current post, corrected by the HR officer (an import without "Loại")."""

    category = forms.ChoiceField(label=_("Loại"), choices=[("", "—"), *Category.choices], required=False)


class AssignmentEndForm(forms.Form):
    """The end of an open assignment: retirement, leaving the service, a post given up."""

    end_date = VnDateField(label=_("Ngày kết thúc"))


class BodyForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.unscoped.none())
    name = forms.CharField(
        label=_("Tên tập thể"), max_length=255, help_text=_("Ví dụ: Ban Chấp hành Đảng bộ xã, nhiệm kỳ 2025–2030.")
    )
    term_start = VnDateField(label=_("Nhiệm kỳ từ ngày"))
    term_end = VnDateField(label=_("Nhiệm kỳ đến ngày"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.for_user(user).order_by("path")
        self.fields["unit"].label_from_instance = lambda u: f"{'— ' * u.depth}{u.name} ({u.code})"


class MemberForm(forms.Form):
    person = forms.CharField(
        label=_("Số định danh hoặc họ và tên"), max_length=120, help_text=_("Người thuộc đơn vị của tập thể.")
    )
    role = forms.ChoiceField(label=_("Vai trò"), choices=MemberRole.choices, initial=MemberRole.MEMBER)


class TransferForm(forms.Form):
    """Chuyển công tác: the target unit is any open unit of the province; a unit the user reaches
    moves the person at once (person_transfer), another one receives a release to accept."""

    to_unit = forms.TypedChoiceField(label=_("Đơn vị chuyển đến"), coerce=int, choices=())
    start_date = VnDateField(label=_("Ngày bắt đầu công tác tại đơn vị mới"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    category = forms.ChoiceField(
        label=_("Loại"),
        choices=[("", _("— giữ như hiện tại —")), *Category.choices],
        required=False,
        help_text=_("Chỉ áp dụng khi chuyển ngay trong phạm vi quản lý của bạn."),
    )
    title = forms.CharField(
        label=_("Chức vụ, chức danh tại đơn vị mới"),
        max_length=150,
        required=False,
        help_text=_("Để trống nếu giữ chức vụ, chức danh hiện tại."),
    )
    note = forms.CharField(
        label=_("Lý do, ghi chú gửi đơn vị nhận"),
        max_length=255,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, targets, reaches, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {u.pk: u for u in targets}
        inside = [(u.pk, f"{'— ' * u.depth}{u.name} ({u.code})") for u in targets if reaches(u)]
        outside = [(u.pk, f"{u.name} ({u.code})") for u in targets if not reaches(u)]
        groups = []
        if inside:
            groups.append((_("Trong phạm vi quản lý của bạn: chuyển ngay"), inside))
        if outside:
            groups.append((_("Đơn vị khác trong tỉnh: chờ đơn vị nhận tiếp nhận"), outside))
        self.fields["to_unit"].choices = [("", "—"), *groups]

    def clean_to_unit(self):
        return self.units[self.cleaned_data["to_unit"]]


class TransferAcceptForm(forms.Form):
    """Tiếp nhận: the receiving unit's decision (date, post, number), prefilled from the release."""

    start_date = VnDateField(label=_("Ngày bắt đầu công tác tại đơn vị"))
    title = forms.CharField(label=_("Chức vụ, chức danh"), max_length=150, required=False)
    decision_number = forms.CharField(label=_("Số quyết định tiếp nhận"), max_length=60, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput())


class TransferDeclineForm(forms.Form):
    note = forms.CharField(label=_("Lý do từ chối"), max_length=255, widget=forms.Textarea(attrs={"rows": 2}))
