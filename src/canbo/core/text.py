"""Vietnamese text helpers: people search without diacritics ("lo thi van" finds "Lò Thị Vân")."""

import decimal
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


def _as_decimal(value) -> decimal.Decimal | None:
    """A number as a Decimal: a float as it is written (1.005, not its binary 1.00499…), a text as
    Python writes numbers ("104.25"); None when it is no finite number."""
    if isinstance(value, bool):
        value = int(value)
    try:
        number = decimal.Decimal(str(value).strip() if isinstance(value, (float, str)) else value)
    except (decimal.InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


def round_half_up(value, decimals: int = 0):
    """round() as reports and Excel round: an exact half away from zero (104.25 -> 104.3, 12.5 -> 13)
    where Python's round() gives 104.2 and 12. A float as it is written; an int when decimals is 0;
    None stays None. Figures written to a download go through it, so the sheet and the page agree."""
    if value is None:
        return None
    number = _as_decimal(value)
    if number is None:
        raise ValueError(f"not a number: {value!r}")
    rounded = number.quantize(decimal.Decimal(1).scaleb(-decimals), rounding=decimal.ROUND_HALF_UP)
    return int(rounded) if decimals == 0 else float(rounded)


def format_number(value, decimals: int = 0) -> str:
    """27071 -> "27.071"; 104.2 -> "104,2": the Vietnamese grouping whatever the active locale.

    An exact half rounds away from zero (104,25 -> 104,3), as Excel shows a "0.0" cell of the same
    figure and as reports round; Python's own format would give 104,2. No "-0,0" for a tiny
    negative. A value that is no number is shown as it is."""
    number = _as_decimal(value)
    if number is None:
        return str(value)
    with decimal.localcontext() as context:
        context.prec = max(28, number.adjusted() + decimals + 2)
        number = number.quantize(decimal.Decimal(1).scaleb(-decimals), rounding=decimal.ROUND_HALF_UP)
    if number.is_zero():
        number = abs(number)
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(value, decimals: int = 1) -> str:
    """104.2 -> "104,2%": the one percentage format of pages, texts and commands ("—" when none)."""
    if value is None or value == "":
        return "—"
    if _as_decimal(value) is None:
        return str(value)
    return format_number(value, decimals) + "%"
