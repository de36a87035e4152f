"""Cells that a spreadsheet would run: every export escapes them, every import reads them back.

A text starting with = + - @ (or a tab or carriage return) is a formula to Excel, LibreOffice and
Google Sheets once the file goes through CSV or copy-paste ("CSV injection"). Exports prefix such
texts with an apostrophe, the spreadsheet convention for "this is text"; importers drop that
apostrophe again, so an exported list re-imports unchanged.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """ "=1+1" -> "'=1+1"; plain texts are returned as they are."""
    if text and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def unescape_formula(text: str) -> str:
    """The inverse of escape_formula, for importers: "'=1+1" -> "=1+1"."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text
