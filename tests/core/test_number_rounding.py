"""One rounding everywhere: half away from zero, as Excel shows a 0.0 cell and as Vietnamese reports
round (104,25 -> 104,3). Python's own format rounds an exact half to even (104,2), so a page and
the download of the same figure disagreed."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from canbo.core.text import format_number, format_percent, round_half_up


def render(text, **context):
    return Template("{% load canbo %}" + text).render(Context(context))


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (Decimal("104.25"), 1, "104,3"),
        (104.25, 1, "104,3"),
        (Decimal("104.35"), 1, "104,4"),
        (12.5, 0, "13"),
        (2.5, 0, "3"),
        (Decimal("0.125"), 2, "0,13"),
        (1.005, 2, "1,01"),  # as the float is written (1.005), not its binary 1.00499…
        (-104.25, 1, "-104,3"),
        (99.95, 1, "100,0"),
        (27071, 0, "27.071"),
        (Decimal("1200000000"), 0, "1.200.000.000"),
    ],
)
def test_half_rounds_away_from_zero(value, decimals, shown):
    assert format_number(value, decimals) == shown


def test_a_small_negative_is_no_minus_zero():
    assert format_number(-0.04, 1) == "0,0"
    assert format_percent(-0.04) == "0,0%"
    assert format_number(Decimal("-0"), 0) == "0"


def test_the_filters_round_the_same_way_and_take_numbers_written_as_text():
    assert render("{{ v|vpct }}", v=Decimal("104.25")) == "104,3%"
    assert render("{{ v|vpct }}", v="104.25") == "104,3%"
    assert render("{{ v|vnum:1 }}", v=104.25) == "104,3"
    assert render("{{ v|vnum }}", v="27071") == "27.071"
    assert render("{{ a|vpct_of:b }}", a=417, b=400) == "104,3%"
    assert render("{{ v|vpct }}", v=0) == "0,0%"
    assert render("{{ v|vnum }}", v=0) == "0"


def test_a_text_that_is_no_number_is_shown_as_it_is_not_a_server_error():
    assert render("{{ v|vnum }}", v="không rõ") == "không rõ"
    assert render("{{ v|vpct }}", v="không rõ") == "không rõ"
    assert render("{{ v|vpct }}", v=None) == "—"


@pytest.mark.parametrize(
    ("value", "decimals", "rounded"),
    [(104.25, 1, 104.3), (Decimal("104.25"), 1, 104.3), (12.5, 0, 13), (87.5, 0, 88), (-2.5, 0, -3), (None, 1, None)],
)
def test_round_half_up_is_the_rounding_of_figures_written_to_downloads(value, decimals, rounded):
    """The standards report, plan-vs-actual command, dashboard, statistical forms' average ages and
    attendance rates round with it, so the downloaded 104,3 is the page's 104,3 (round() gave 104,2)."""
    result = round_half_up(value, decimals)
    assert result == rounded and type(result) is type(rounded)
