"""Hostile input to the Vietnamese date and number fields: what could be stored other than what the
officer meant is refused with the value named, never guessed; a form shown again keeps the value."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from canbo.core.forms import VnDecimalField, VnIntegerField, parse_date, parse_number


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


class MoneyForm(forms.Form):
    budget = VnDecimalField(label="Kinh phí", max_digits=15, decimal_places=0, min_value=0, required=False)
    weeks = VnDecimalField(label="Tuần", max_digits=5, decimal_places=1, required=False)
    turns = VnIntegerField(label="Số lượt", min_value=0, required=False)
    other = forms.CharField(label="Khác")  # required: its error shows the form again


@pytest.mark.parametrize("typed", ["8 5", "1 2,5", "12 34", "1 2000", "1.200 000 0"])
def test_a_space_inside_a_number_is_only_a_thousands_separator(typed):
    """ "8 5" is a slip of the thumb, not 85: spaces group thousands (1 200 000) and nothing else."""
    with pytest.raises(forms.ValidationError) as caught:
        parse_number(typed)
    assert f"«{typed}»" in caught.value.messages[0]


def test_spaced_thousands_and_surrounding_spaces_still_read():
    assert parse_number(" 8,5 ") == Decimal("8.5")
    assert parse_number("1 200 000") == Decimal("1200000")
    assert parse_number("12 000,5") == Decimal("12000.5")


def test_a_form_shown_again_keeps_the_thousands_the_officer_typed():
    """1.500 (one thousand five hundred) shown again after another field's error must not come back
    as "1,5": a second submit would store 1.5."""
    form = MoneyForm(data={"budget": "1.500", "weeks": "1.500", "turns": "1.500", "other": ""})
    assert not form.is_valid()
    assert form.cleaned_data["budget"] == Decimal("1500") and form.cleaned_data["turns"] == 1500
    for name in ("budget", "turns"):
        assert 'value="1.500"' in str(form[name]), str(form[name])
    again = MoneyForm(data={"budget": "1.500", "turns": "1.500", "other": "x"})
    assert again.is_valid(), again.errors
    assert again.cleaned_data["budget"] == Decimal("1500") and again.cleaned_data["turns"] == 1500


def test_a_count_beyond_what_the_database_holds_is_refused_not_a_server_error():
    form = MoneyForm(data={"turns": "99.999.999.999.999", "other": "x"})
    assert not form.is_valid()
    assert form.errors["turns"] and "99.999.999.999.999" not in str(form.cleaned_data)


@pytest.mark.parametrize("typed", ["07/12/0026", "07/12/1026", "01/01/1899", "07/12/2150", "0026-12-07"])
def test_a_year_outside_1900_2100_is_refused_naming_the_date(typed):
    """07/12/0026 is a typo of 2026 (and would print back as 07/12/26); no record of the offices is
    dated before 1900 or after 2100."""
    with pytest.raises(forms.ValidationError) as caught:
        parse_date(typed)
    assert f"«{typed}»" in caught.value.messages[0]


def test_the_year_limits_themselves_are_dates():
    assert parse_date("01/01/1900") == datetime.date(1900, 1, 1)
    assert parse_date("31/12/2100") == datetime.date(2100, 12, 31)


@pytest.mark.parametrize("typed", ["07/12/202 6", "0 7/12/2026", "2026-1 2-07"])
def test_a_space_inside_a_day_month_or_year_is_refused(typed):
    with pytest.raises(forms.ValidationError) as caught:
        parse_date(typed)
    assert f"«{typed}»" in caught.value.messages[0]


@pytest.mark.parametrize(
    "typed", ["12/07/2026", " 12/07/2026 ", "12-07-2026", "12.07.2026", "2026-07-12", "2026-07-12 "]
)
def test_day_first_whatever_the_browser(typed):
    """The server never guesses month-first: 12/07/2026 is 12 July as an en-US browser's user typed it."""
    assert parse_date(typed) == datetime.date(2026, 7, 12)


@pytest.mark.parametrize("typed", ["07/12/26", "7/12", "2026-12-07T00:00", "12/31/2026", "29/02/2025"])
def test_ambiguous_or_impossible_dates_are_refused(typed):
    with pytest.raises(forms.ValidationError) as caught:
        parse_date(typed)
    assert f"«{typed}»" in caught.value.messages[0]


def test_a_filters_date_box_says_a_typed_text_was_not_applied():
    """A filter box showing "31/02/2026" over an unfiltered list would be a silent misread: the box
    is marked invalid and says, naming the text, that the filter was not applied."""
    from django.template import Context, Template

    html = Template('{% load canbo %}{% date_input "from" v id="f-from" %}').render(Context({"v": "31/02/2026"}))
    assert 'value="31/02/2026"' in html and "is-invalid" in html
    assert "Ngày «31/02/2026» không có thật." in html and "chưa được áp dụng" in html
    assert 'aria-describedby="f-from_error"' in html and 'id="f-from_error"' in html
    good = Template('{% load canbo %}{% date_input "from" v id="f-from" %}').render(Context({"v": "2026-12-07"}))
    assert "is-invalid" not in good and 'value="07/12/2026"' in good


@pytest.mark.django_db
def test_the_change_log_with_a_mistyped_date_says_it_is_not_filtered(login, tree):
    from django.urls import reverse

    html = login("province_admin").get(reverse("site:changes"), {"from": "31/02/2026"}).content.decode()
    assert "Ngày «31/02/2026» không có thật." in html and "chưa được áp dụng" in html


def test_zeros_ending_the_decimals_do_not_refuse_a_value_the_field_holds():
    """8,50 weeks is 8,5 weeks: a one-place field refused it as having two decimals."""
    form = MoneyForm(data={"weeks": "8,50", "budget": "1.200.000,00", "turns": "12,0", "other": "x"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["weeks"] == Decimal("8.5") and form.cleaned_data["budget"] == Decimal("1200000")
    assert form.cleaned_data["turns"] == 12
    assert parse_number("100") == Decimal("100") and parse_number("1.500") == Decimal("1500")
    assert parse_number("10,0") == Decimal("10") and parse_number("-0,50") == Decimal("-0.5")


@pytest.mark.parametrize("typed", ["1.500", "12.250", "-2.125", " 8.500 "])
def test_one_dot_and_three_digits_in_a_field_with_decimals_is_refused_as_ambiguous(typed):
    """The parser takes 8.5 as 8,5 (a point with other than three digits); so in a field with
    decimals 1.500 could be 1.500 or 1,5: refused, naming the value and both readings."""
    form = MoneyForm(data={"weeks": typed, "other": "x"})
    assert not form.is_valid()
    message = form.errors["weeks"][0]
    assert f"«{typed.strip()}»" in message and "dấu phẩy" in message


def test_unambiguous_thousands_still_read_in_every_field():
    form = MoneyForm(data={"weeks": "1.500,0", "budget": "1.500", "turns": "1.500", "other": "x"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["weeks"] == Decimal("1500") and form.cleaned_data["budget"] == Decimal("1500")
    assert form.cleaned_data["turns"] == 1500
    assert MoneyForm(data={"weeks": "8.5", "other": "x"}).is_valid()
    assert MoneyForm(data={"weeks": "1.200.000", "other": "x"}).errors["weeks"]  # too many digits, not ambiguous
