"""Vietnamese dates and numbers typed into forms and shown back: 07/12/2026, 1.200.000.000 and 8,5,
whatever the browser's language; one percentage format (104,2%)."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from canbo.core.dates import parse_day
from canbo.core.forms import (
    VnDateField,
    VnDecimalField,
    VnIntegerField,
    format_decimal,
    parse_date,
    parse_number,
)

DEC_7 = datetime.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.mark.parametrize(
    "typed", ["07/12/2026", "7/12/2026", "07-12-2026", "07.12.2026", "2026-12-07", " 7 / 12 / 2026 ", "7/12/2026\u00a0"]
)
def test_a_date_is_read_day_first_or_iso(typed):
    assert parse_date(typed) == DEC_7


def test_an_impossible_date_is_refused_naming_it():
    with pytest.raises(forms.ValidationError) as caught:
        parse_date("31/02/2026")
    assert caught.value.messages == ["Ngày «31/02/2026» không có thật."]


@pytest.mark.parametrize("typed", ["12/31/2026", "7/12/26", "07/12-2026", "hôm nay", "2026/12/07"])
def test_a_text_that_is_no_date_is_refused_naming_it(typed):
    with pytest.raises(forms.ValidationError) as caught:
        parse_date(typed)
    message = caught.value.messages[0]
    # 12/31/2026 (month first, as an English browser writes it) has no 31st month: it is refused.
    assert f"«{typed}»" in message
    assert "không có thật" in message or "ví dụ 07/12/2026" in message


def test_an_empty_date_is_none():
    assert parse_date("") is None and parse_date("  ") is None and parse_date(None) is None


class DateForm(forms.Form):
    day = VnDateField(label="Ngày")
    optional = VnDateField(label="Ngày khác", required=False)


def test_the_date_field_renders_day_first_with_a_numeric_keypad_and_no_browser_date_input():
    html = str(DateForm(initial={"day": DEC_7})["day"])
    assert 'value="07/12/2026"' in html
    assert 'type="text"' in html and 'type="date"' not in html
    assert 'inputmode="numeric"' in html and 'placeholder="dd/mm/yyyy"' in html and "pattern=" in html


def test_the_date_field_stores_the_date_and_shows_back_what_was_refused():
    form = DateForm(data={"day": "07/12/2026", "optional": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"day": DEC_7, "optional": None}
    refused = DateForm(data={"day": "31/02/2026"})
    assert not refused.is_valid()
    assert refused.errors["day"] == ["Ngày «31/02/2026» không có thật."]
    assert 'value="31/02/2026"' in str(refused["day"])  # the typed text stays, to be corrected


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.200.000.000", Decimal("1200000000")),
        ("1 200 000", Decimal("1200000")),
        ("1\u00a0200\u202f000", Decimal("1200000")),
        ("8,5", Decimal("8.5")),
        ("1.200,75", Decimal("1200.75")),
        ("8.5", Decimal("8.5")),
        ("30000", Decimal("30000")),
        ("-3", Decimal("-3")),
        ("", None),
    ],
)
def test_a_number_is_read_the_vietnamese_way(typed, value):
    assert parse_number(typed) == value


@pytest.mark.parametrize("typed", ["1,200,000", "abc", "1..2", "1.20.000", "8,5,1"])
def test_a_text_that_is_no_number_is_refused_naming_it(typed):
    with pytest.raises(forms.ValidationError) as caught:
        parse_number(typed)
    assert caught.value.messages == [
        f"«{typed}» không phải là số: viết phần nghìn bằng dấu chấm và phần thập phân bằng dấu phẩy, "
        "ví dụ 1.200.000 hoặc 8,5."
    ]


class NumberForm(forms.Form):
    money = VnDecimalField(label="Kinh phí", max_digits=15, decimal_places=0, min_value=0, required=False)
    weeks = VnDecimalField(label="Tuần", max_digits=5, decimal_places=1, required=False)
    periods = VnIntegerField(label="Số tiết", min_value=0, required=False)


def test_number_fields_store_and_render_dots_and_commas():
    form = NumberForm(data={"money": "1.200.000.000", "weeks": "8,5", "periods": "30.000"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"money": Decimal("1200000000"), "weeks": Decimal("8.5"), "periods": 30000}
    shown = NumberForm(initial={"money": Decimal("1200000000.00"), "weeks": Decimal("8.50"), "periods": 30000})
    assert 'value="1.200.000.000"' in str(shown["money"]) and 'inputmode="numeric"' in str(shown["money"])
    assert 'value="8,5"' in str(shown["weeks"]) and 'inputmode="decimal"' in str(shown["weeks"])
    assert 'value="30.000"' in str(shown["periods"])
    assert 'type="number"' not in str(shown["periods"])  # the browser would refuse "30.000"


def test_number_fields_refuse_with_the_value_named():
    form = NumberForm(data={"money": "1.200.000,5", "weeks": "abc", "periods": "1,5"})
    assert not form.is_valid()
    assert form.errors["periods"] == ["«1,5» không phải là số nguyên."]
    assert "«abc» không phải là số" in form.errors["weeks"][0]
    assert form.errors["money"] == ["Hãy chắc chắn rằng không có nhiều hơn 0 chữ số thập phân."]
    assert 'value="1.200.000,5"' in str(form["money"])


def test_format_decimal_keeps_only_the_places_a_value_has():
    assert format_decimal(Decimal("8.50")) == "8,5"
    assert format_decimal(Decimal("10.00")) == "10"
    assert format_decimal(1234567) == "1.234.567"
    assert format_decimal(None) == "" and format_decimal("gõ sai") == "gõ sai"


def render(text, **context):
    return Template("{% load canbo %}" + text).render(Context(context))


def test_one_percentage_format():
    assert render("{{ v|vpct }}", v=104.2) == "104,2%"
    assert render("{{ v|vpct }}", v=30000) == "30.000,0%"
    assert render("{{ v|vpct:0 }}", v=85) == "85%"
    assert render("{{ v|vpct }}", v=None) == "—"
    assert render("{{ a|vpct_of:b }}", a=25, b=24) == "104,2%"
    assert render("{{ a|vpct_of:b }}", a=5, b=0) == "—"
    assert render("{{ v|vnum }}", v=30000) == "30.000"
    assert render("{{ v|vdec }}", v=Decimal("8.50")) == "8,5"


def test_a_filters_date_box_is_the_forms_date_box():
    html = render('{% date_input "day" day id="s-day" %}', day=DEC_7)
    assert 'name="day"' in html and 'id="s-day"' in html and 'value="07/12/2026"' in html
    assert 'placeholder="dd/mm/yyyy"' in html and 'type="text"' in html
    # A query string's ISO date is shown back day-first; a text that is no date as it was typed.
    assert 'value="07/12/2026"' in render('{% date_input "from" v id="f" %}', v="2026-12-07")
    assert 'value="hôm qua"' in render('{% date_input "from" v id="f" %}', v="hôm qua")
    assert " disabled" in render('{% date_input "day" v id="f" disabled=True %}', v=DEC_7)


def test_query_string_dates_are_read_as_people_type_them():
    assert parse_day("07/12/2026") == DEC_7 and parse_day("07.12.2026") == DEC_7 and parse_day("2026-12-07") == DEC_7
    default = datetime.date(2020, 1, 1)
    assert parse_day("31/02/2026", default) == default and parse_day("", default) == default
