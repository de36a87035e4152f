"""Vietnamese text helpers: people search without diacritics ("lo thi van" finds "Lò Thị Vân")."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case, diacritic-free, single-spaced form of a text, used as a search key.

    đ/Đ are letters of their own, not d plus a mark, so NFD does not split them: map them by hand.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", text).strip().lower()


def foreign_digits(text: str) -> bool:
    """Digits other than 0–9 ("０", "٣", "𝟏"): str.isdigit() and int() accept them, so an ID typed with
    them would be stored beside its ASCII twin."""
    if text.isascii():  # the usual case, at C speed (the import checks every row's ID number)
        return False
    return any(ch.isdigit() and not ch.isascii() for ch in text)


def nfc(text: str | None) -> str:
    """Composed (NFC) form, so that the same name typed on two keyboards compares equal."""
    return unicodedata.normalize("NFC", _SPACES.sub(" ", text or "").strip())


def format_number(value: float | int, decimals: int = 0) -> str:
    """27071 -> "27.071"; 104.2 -> "104,2": the Vietnamese grouping whatever the active locale."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(value: float | int | None, decimals: int = 1) -> str:
    """104.2 -> "104,2%": the one percentage format of pages, texts and commands ("—" when none)."""
    if value is None or value == "":
        return "—"
    return format_number(value, decimals) + "%"
