"""Form helpers shared by every app's views."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.core.errors import DomainError, raise_if_permission_refusal
from canbo.core.text import format_number


def apply_domain_error(form, error: DomainError) -> None:
    """Show a service's refusal on the form: beside the field it names, or above the form; a refusal
    of access (the user may see the page but not make this change) is a 403 instead."""
    raise_if_permission_refusal(error)
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def version_missing_message() -> str:
    from django.utils.translation import gettext as _

    return _(
        "Thiếu số phiên bản của hồ sơ đang sửa (trường “version”), nên không kiểm tra được có ai sửa "
        "hồ sơ này sau khi bạn mở biểu mẫu hay không. Thay đổi chưa được lưu; hãy mở lại biểu mẫu."
    )


class VersionField(forms.IntegerField):
    """The hidden version of the record being edited: without it a stale edit would silently
    overwrite someone else's, so an edit form must send it (required once the form is an edit)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)

    def validate(self, value):
        if value in self.empty_values and self.required:
            raise forms.ValidationError(version_missing_message(), code="required")
        super().validate(value)


def require_version_when_editing(form) -> None:
    """An edit form (its initial data carries the record's version) must post the version back."""
    if "version" in form.fields and form.initial.get("version") is not None:
        form.fields["version"].required = True


# Vietnamese dates and numbers, typed and shown the way the offices write them whatever the
# browser's language: 07/12/2026, 1.200.000.000 and 8,5. An <input type="date"> would show the
# browser's own format (12/07/2026 in an English browser) and <input type="number"> refuses "1.200".

DATE_PLACEHOLDER = "dd/mm/yyyy"
# The browser's first check (the server's parser is the judge): day-first with / - or . , or ISO.
DATE_PATTERN = r"\s*(\d{1,2}\s*[\/.\-]\s*\d{1,2}\s*[\/.\-]\s*\d{4}|\d{4}-\d{1,2}-\d{1,2})\s*"
_DAY_FIRST = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# Spaces around a date's separators are slips of no consequence ("7 / 12 / 2026"); a space inside
# the day, the month or the year ("07/12/202 6") is not read past.
_SPACED_SEPARATOR = re.compile(r" ?([/.\-]) ?")
# No record of the offices is dated before 1900 or after 2100: 07/12/0026 is a typo of 2026 (and
# would print back as 07/12/26), so it is refused rather than stored.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def _single_spaced(raw) -> str:
    """The text with every run of spaces (also no-break and narrow no-break) as one space, trimmed."""
    return _SPACES.sub(" ", str(raw or "")).strip()


def parse_date(raw) -> datetime.date | None:
    """07/12/2026, 7/12/2026, 07-12-2026, 07.12.2026 or 2026-12-07 -> 7 December 2026; empty -> None.

    Raises ValidationError naming what was typed: the form shows it beside the field."""
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    text = _SPACED_SEPARATOR.sub(r"\1", _single_spaced(raw))
    if not text:
        return None
    if match := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_FIRST.fullmatch(text):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    else:
        raise forms.ValidationError(
            _("«%(value)s» không phải là ngày: hãy nhập ngày/tháng/năm, ví dụ 07/12/2026."),
            code="invalid",
            params={"value": str(raw).strip()},
        )
    try:
        day_read = datetime.date(year, month, day)
    except ValueError:
        raise forms.ValidationError(
            _("Ngày «%(value)s» không có thật."), code="invalid_date", params={"value": str(raw).strip()}
        ) from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise forms.ValidationError(
            _("Ngày «%(value)s» có năm ngoài khoảng %(first)s–%(last)s: hãy kiểm tra lại năm."),
            code="year_range",
            params={"value": str(raw).strip(), "first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return day_read


def format_date(value) -> str:
    """A date as dd/mm/yyyy; anything else (a value typed and refused) is shown back as it was."""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


class VnDateInput(forms.TextInput):
    """A text box for a day-first date: the same 07/12/2026 in every browser language, the
    numeric keypad on phones. static/canbo/canbo.js adds a calendar button beside it."""

    def __init__(self, attrs=None):
        defaults = {
            "inputmode": "numeric",
            "placeholder": DATE_PLACEHOLDER,
            "pattern": DATE_PATTERN,
            "autocomplete": "off",
            "maxlength": "20",
            "data-vn-date": "",
            "data-pick-label": _("Chọn ngày trên lịch"),
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        return format_date(value) or None


class VnDateField(forms.DateField):
    """A date typed day-first (or ISO, as older links and the API write it)."""

    widget = VnDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return parse_date(value)


_THOUSANDS_DOT = re.compile(r"-?\d{1,3}(\.\d{3})+(,\d+)?")
_COMMA_DECIMAL = re.compile(r"-?\d+(,\d+)?")
_DOT_DECIMAL = re.compile(r"-?\d+\.\d+")
# One point and three digits: 1.500 (fifteen hundred, or 1,5 to someone used to a decimal point).
_ONE_THOUSANDS_DOT = re.compile(r"-?\d{1,3}\.\d{3}")
# A space inside a number only groups thousands (1 200 000): "8 5" is a slip, not 85.
_SPACED_THOUSANDS = re.compile(r"-?\d{1,3}( \d{3})+(,\d+)?")


def parse_number(raw) -> Decimal | None:
    """1.200.000.000, "1 200 000", 8,5 and 1.200,5 -> Decimal; a lone point with other than three
    digits after it ("8.5") is a decimal point. Empty -> None; else a ValidationError naming the value."""
    if isinstance(raw, (int, Decimal)):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(str(raw))
    text = _single_spaced(raw)
    if not text:
        return None
    if " " in text and _SPACED_THOUSANDS.fullmatch(text):
        text = text.replace(" ", "")
    if _THOUSANDS_DOT.fullmatch(text):
        text = text.replace(".", "").replace(",", ".")
    elif _COMMA_DECIMAL.fullmatch(text):
        text = text.replace(",", ".")
    elif not _DOT_DECIMAL.fullmatch(text):
        raise forms.ValidationError(
            _(
                "«%(value)s» không phải là số: viết phần nghìn bằng dấu chấm và phần thập phân bằng "
                "dấu phẩy, ví dụ 1.200.000 hoặc 8,5."
            ),
            code="invalid",
            params={"value": str(raw).strip()},
        )
    if "." in text:  # zeros ending the decimals say nothing: 8,50 is 8,5 (a 1-place field takes it)
        text = text.rstrip("0").rstrip(".")
    return Decimal(text)


def format_decimal(value, decimals: int | None = None) -> str:
    """1200000 -> "1.200.000", Decimal("8.50") -> "8,5": as many decimals as the value has (or
    `decimals`). A value that is not a number (typed and refused) is shown back as it was."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        # A text is read the way it would be typed: "1.500" is fifteen hundred, never 1,5.
        try:
            value = parse_number(value)
        except forms.ValidationError:
            return value
    try:
        number = Decimal(value) if not isinstance(value, float) else Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    if decimals is None:
        exponent = number.normalize().as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_number(number, decimals)


class VnNumberInput(forms.TextInput):
    """A text box for a number written the Vietnamese way (1.200.000; 8,5): an <input type=number>
    would refuse the dots and show a point or a comma depending on the browser."""

    def __init__(self, attrs=None, decimal=False):
        defaults = {"inputmode": "decimal" if decimal else "numeric", "autocomplete": "off", "data-vn-number": ""}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, str):  # what was typed, shown again exactly as typed
            return value or None
        return format_decimal(value) or None


class VnDecimalField(forms.DecimalField):
    """Money and decimals: "1.200.000.000" and "8,5" are accepted and shown back that way."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", VnNumberInput(decimal=kwargs.get("decimal_places") != 0))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if self.decimal_places != 0 and isinstance(value, str) and _ONE_THOUSANDS_DOT.fullmatch(_single_spaced(value)):
            # 8.5 is read as 8,5, so in a field with decimals "1.500" could be either reading.
            raise forms.ValidationError(
                _(
                    "«%(value)s» có thể hiểu là %(thousands)s hoặc %(decimal)s: nếu là số thập phân, hãy viết "
                    "%(decimal)s (dấu phẩy); nếu là hàng nghìn, hãy viết %(thousands)s,0."
                ),
                code="ambiguous",
                params={
                    "value": value.strip(),
                    "thousands": value.strip(),
                    "decimal": value.strip().replace(".", ",").rstrip("0").rstrip(","),
                },
            )
        return parse_number(value)


class VnIntegerField(forms.IntegerField):
    """Counts (periods, seats, people): "1.200" is twelve hundred."""

    widget = VnNumberInput
    # The largest count the database's integer column holds: beyond it a save would be a server error.
    LARGEST = 2_147_483_647

    def __init__(self, **kwargs):
        kwargs.setdefault("max_value", self.LARGEST)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_number(value)
        if number != number.to_integral_value():
            raise forms.ValidationError(
                _("«%(value)s» không phải là số nguyên."), code="invalid", params={"value": str(value).strip()}
            )
        return int(number)
