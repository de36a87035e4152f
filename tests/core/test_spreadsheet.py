"""Texts a spreadsheet would run are escaped on the way out and read back unchanged."""

import pytest

from canbo.core.spreadsheet import escape_formula, unescape_formula


@pytest.mark.parametrize("text", ["=1+1", "+84 912", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_it_escapes_every_formula_start_and_reads_it_back(text):
    escaped = escape_formula(text)
    assert escaped == "'" + text
    assert unescape_formula(escaped) == text


@pytest.mark.parametrize("text", ["Lò Thị Vân", "", "'quoted'", "1+1", "'"])
def test_it_leaves_plain_texts_alone(text):
    assert escape_formula(text) == text
    assert unescape_formula(text) == text
