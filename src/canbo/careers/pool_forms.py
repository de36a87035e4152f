"""Forms of the succession-pool pages: a term, a post, a decision, a place, bringing out, a round
and its votes. Choices are limited to what the user reaches; the services check again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.careers.choices import PoolExit
from canbo.core.forms import VersionField, VnDateField, VnIntegerField


class TermForm(forms.Form):
    code = forms.CharField(label=_("Mã nhiệm kỳ"), max_length=20)
    name = forms.CharField(label=_("Tên nhiệm kỳ"), max_length=100)
    start_date = VnDateField(label=_("Bắt đầu"))
    end_date = VnDateField(label=_("Kết thúc"))


class PostForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=None)
    title = forms.ModelChoiceField(label=_("Chức danh quy hoạch"), queryset=None)

    def __init__(self, *args, units, titles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["title"].queryset = titles


class DecisionForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=None)
    number = forms.CharField(label=_("Số quyết định"), max_length=60)
    date = VnDateField(label=_("Ngày quyết định"))
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    is_review = forms.BooleanField(label=_("Quyết định rà soát, bổ sung hằng năm"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class MemberAddForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Người được quy hoạch"), queryset=None)
    decision = forms.ModelChoiceField(label=_("Theo quyết định"), queryset=None)
    added_on = VnDateField(label=_("Quy hoạch từ ngày"), required=False)

    def __init__(self, *args, people, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["decision"].queryset = decisions


class MemberRemoveForm(forms.Form):
    reason = forms.ChoiceField(label=_("Lý do đưa ra khỏi quy hoạch"), choices=PoolExit.choices)
    note = forms.CharField(label=_("Ghi chú lý do"), max_length=255, required=False)
    decision = forms.ModelChoiceField(label=_("Theo quyết định rà soát"), queryset=None, required=False)
    removed_on = VnDateField(label=_("Ngày đưa ra"), required=False)
    version = VersionField()

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Hội nghị giới thiệu"), max_length=200)
    held_on = VnDateField(label=_("Ngày hội nghị"))
    total_votes = VnIntegerField(label=_("Tổng số phiếu"), min_value=1)


class VoteForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Người được giới thiệu"), queryset=None)
    votes = VnIntegerField(label=_("Số phiếu"), min_value=0)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
