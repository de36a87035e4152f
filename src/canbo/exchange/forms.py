from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.orgs.models import Unit


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách"),
        help_text=_("Tệp .xlsx, .xls, .ods hoặc .csv; dòng tiêu đề có thể nằm dưới các dòng tên đơn vị, tên biểu."),
    )
    unit = forms.ModelChoiceField(
        label=_("Đơn vị nhận dữ liệu"),
        queryset=Unit.unscoped.none(),
        help_text=_("Dòng không ghi đơn vị sẽ thuộc đơn vị này; đơn vị ghi trong tệp phải thuộc đơn vị này."),
    )
    skip_invalid = forms.BooleanField(label=_("Bỏ qua các dòng lỗi, chỉ nhập các dòng hợp lệ"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.for_user(user).filter(valid_to__isnull=True).order_by("path")
        self.fields["unit"].label_from_instance = lambda u: f"{'— ' * u.depth}{u.name} ({u.code})"
