from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.core.forms import VersionField, VnDateField, require_version_when_editing
from canbo.orgs.choices import UnitKind
from canbo.orgs.models import Unit, code_validator, official_code_validator
from canbo.orgs.services import may_set_official_code


class CodeField(forms.CharField):
    """Unit codes are capitals; people type them in any case."""

    def to_python(self, value):
        return super().to_python(value).upper()


class UnitForm(forms.Form):
    """Fields of a unit; the parent list holds only units the user reaches."""

    code = CodeField(
        label=_("Mã đơn vị"),
        max_length=50,
        validators=[code_validator],
        help_text=_("Chữ in hoa không dấu, số và dấu gạch ngang, ví dụ DB-MUONGNHE."),
    )
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    # Optional, after the name: the keyboard goes from canbo's code to the name, as before.
    official_code = forms.CharField(
        label=_("Mã đơn vị hành chính"),
        max_length=5,
        required=False,
        validators=[official_code_validator],
        help_text=_("Mã theo danh mục đơn vị hành chính của Nhà nước, ví dụ 03328; để trống nếu không có."),
    )
    kind = forms.ChoiceField(label=_("Loại đơn vị"), choices=UnitKind.choices)
    parent = forms.ModelChoiceField(label=_("Đơn vị cấp trên"), queryset=Unit.unscoped.none(), required=False)
    valid_from = VnDateField(label=_("Hiệu lực từ ngày"))
    valid_to = VnDateField(
        label=_("Hiệu lực đến ngày"),
        required=False,
        help_text=_("Để trống nếu đơn vị còn hoạt động."),
    )
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    version = VersionField()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        require_version_when_editing(self)
        self.fields["parent"].queryset = Unit.objects.for_user(user).order_by("path")
        self.fields["parent"].label_from_instance = lambda u: f"{'— ' * u.depth}{u.name} ({u.code})"
        if not may_set_official_code(user):
            # Shown, not offered: the service would refuse a change (a disabled field keeps its value).
            self.fields["official_code"].disabled = True
            self.fields["official_code"].help_text = _("Do quản trị cấp tỉnh ghi.")


class UnitCloseForm(forms.Form):
    valid_to = VnDateField(label=_("Ngày cuối cùng còn hiệu lực"))
    version = VersionField(required=True)
