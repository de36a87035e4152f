"""Turning the loose values people type in staff spreadsheets into clean values.

Pure Python: no Django models, importable without settings. Messages are Vietnamese, wrapped in
gettext and built only when a function runs (never at import time).
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache

from django.utils.translation import gettext as _

from canbo.core.spreadsheet import unescape_formula
from canbo.core.text import fold, foreign_digits

__all__ = [
    "LanguageTest",
    "LevelMatcher",
    "OldIdNumber",
    "Problem",
    "Reading",
    "TestScale",
    "clean_name",
    "clean_text",
    "fold",
    "match_key",
    "parse_birth",
    "parse_bool_yes",
    "parse_date",
    "parse_email",
    "parse_gender",
    "parse_id_number",
    "parse_old_id_number",
    "parse_party",
    "parse_phone",
    "plain",
    "read_language_test",
    "score_text",
    "spelling_key",
]

EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 once Lotus' phantom 29/02/1900 is accounted for
MIN_SERIAL, MAX_SERIAL = 1, 80000
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_AGE, MIN_AGE = 100, 15

_SPACES = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")  # zero-width, BOM, soft hyphen
# Vietnamese writes a final i as y after some consonants in an older spelling: kỹ/kĩ, sỹ/sĩ, lý/lí, mỹ/mĩ.
# "uy" (quy, huy, tuy) is a real diphthong and keeps its y: only a y that is the whole vowel changes.
_FINAL_Y = re.compile(r"\b([bcdghklmnpqrstvx]+)y\b")


@dataclass
class Problem:
    """Why a cell could not be used, in Vietnamese, with an optional suggested correction."""

    message: str
    suggestion: str | None = None


# ---------------------------------------------------------------------------------------------- text


def clean_text(value) -> str:
    """The text of a cell: NFC, single spaces, no invisible characters; 12.0 -> "12"; dates as dd/mm/yyyy."""
    if type(value) is str:  # most cells: checked first
        return _clean_str(value) if value else ""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.hour or value.minute or value.second:
            return value.strftime("%d/%m/%Y %H:%M")
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, str):
        return _clean_str(value) if value else ""
    return _clean_str(str(value))


@lru_cache(maxsize=200_000)
def _clean_str(value: str) -> str:
    """Cached: the same spellings ("ĐH", "Thái", a unit's name) fill most cells of a large file."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", value))
    return unescape_formula(_SPACES.sub(" ", text).strip())


_QUOTES = "'‘’`\"“”"


_NOTE_MARK = re.compile(
    r"\s*(?:\(\s*\*+\s*\)|\*+|\(\d{1,2}\))\s*$"
)  # "Lò Văn Hải (*)", "… *", "… (1)": a footnote mark


def _capitalised(word: str) -> str:
    """ "LÒ" / "lò" -> "Lò"; "H'HEN" -> "H'Hen" (Ê Đê and J'rai names); a mixed-case word is kept."""
    if not (word.isupper() or word.islower()):
        return word
    parts = re.split(r"(['’-])", word.lower())
    return "".join(part[:1].upper() + part[1:] for part in parts)


def clean_name(value) -> str:
    """A person's name as records write it: every word capitalised ("LÒ THỊ VÂN", "lò thị vân" ->
    "Lò Thị Vân"), composed Unicode, single spaces (non-breaking and double spaces too), no quote
    Excel was told to keep as text."""
    text = clean_text(value)
    if text.istitle() and text[0] not in _QUOTES and text[-1] not in _QUOTES and text[-1] not in "*)":
        return text  # the usual case, at once: "Lò Văn Hải", "H'Hen Niê"
    text = _NOTE_MARK.sub("", text).strip(_QUOTES + " ")
    return " ".join(_capitalised(word) for word in text.split(" ")) if text else ""


_MARKS = {**dict.fromkeys(range(0x300, 0x370)), ord("đ"): "d", ord("Đ"): "D"}
_MARKS_RE = re.compile("[\u0300-\u036f]")  # str.translate with a dict is slow on long texts
_NOT_ALNUM = re.compile(r"[\W_]+")


def _unmarked(text: str) -> str:
    text = _MARKS_RE.sub("", unicodedata.normalize("NFD", _INVISIBLE.sub("", text)))
    return text.replace("đ", "d").replace("Đ", "D").lower()


def plain(text: str) -> str:
    """Lower-case text without diacritics (đ -> d) and with i for the old final y, punctuation kept.

    Runs at C speed (NFD and regular expressions): it is called for every cell of large sheets.
    """
    return _FINAL_Y.sub(r"\1i", _unmarked(text))


def match_key(value) -> str:
    """Comparison key of a header or a level: "Ngày, tháng,\\nnăm sinh:" -> "ngay thang nam sinh".

    fold()ed, punctuation and line breaks as single spaces, and the old final-y spelling unified
    with i ("thạc sỹ" == "thạc sĩ", "lý luận" == "lí luận").
    """
    text = value if isinstance(value, str) else clean_text(value)
    if not text:
        return ""
    key = _NOT_ALNUM.sub(" ", _unmarked(text))
    return _FINAL_Y.sub(r"\1i", key.strip())


def _keyed(value) -> tuple[str, str, list[int]]:
    """(clean text, match_key of it, key position -> text position), to cut the original text."""
    text = clean_text(value)
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFD", ch).translate(_MARKS).lower():
            if not c.isalnum():
                c = " "
            if c == " " and (not out or out[-1] == " "):
                continue
            out.append(c)
            where.append(i)
    while out and out[-1] == " ":
        out.pop()
        where.pop()
    key = _FINAL_Y.sub(lambda m: m.group(1) + "i", "".join(out))  # same length: the map still holds
    return text, key, where


# --------------------------------------------------------------------------------------------- dates

_TIME_SUFFIX = re.compile(r"\s+\d{1,2}:\d{2}(:\d{2})?(\s*[ap]\.?m\.?)?$", re.IGNORECASE)
_AROUND_SEPARATORS = re.compile(r"\s*([/\-.])\s*")
_DMY = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$")
_YMD = re.compile(r"^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})$")
_MY = re.compile(r"^(\d{1,2})[/\-.](\d{4})$")
_Y = re.compile(r"^(\d{4})$")
_DM_SHORT_YEAR = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{2})$")
_SERIAL_TEXT = re.compile(r"^(\d{5})(?:\.0+)?$")  # an Excel date serial that became text (CSV, pasted values)
_WORDS = re.compile(r"^(?:ngay\s*(\d{1,2})\s*)?thang\s*(\d{1,2})\s*nam\s*(\d{2,4})$")


def _make_date(year: int, month: int, day: int) -> date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(
            _("Năm %(year)s không hợp lệ (phải từ %(low)s đến %(high)s).")
            % {"year": year, "low": MIN_YEAR, "high": MAX_YEAR}
        )
    try:
        return date(year, month, day)
    except ValueError:
        if month > 12 and day <= 12:
            raise ValueError(
                _(
                    "%(text)s không phải ngày có thật: tháng %(month)s không có. Có vẻ ngày được ghi theo kiểu "
                    "Mỹ (tháng/ngày/năm); hãy ghi ngày/tháng/năm, ví dụ %(fixed)s."
                )
                % {"text": f"{day:02d}/{month:02d}/{year}", "month": month, "fixed": f"{month:02d}/{day:02d}/{year}"}
            ) from None
        raise ValueError(_("%(text)s không phải ngày có thật.") % {"text": f"{day:02d}/{month:02d}/{year}"}) from None


def _check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(
            _("Năm %(year)s không hợp lệ (phải từ %(low)s đến %(high)s).")
            % {"year": year, "low": MIN_YEAR, "high": MAX_YEAR}
        )
    return year


def _from_serial(number: float) -> date:
    return EXCEL_EPOCH + timedelta(days=int(number))


def _unreadable(value) -> ValueError:
    return ValueError(
        _("Không đọc được ngày “%(value)s”; hãy ghi theo dạng ngày/tháng/năm, ví dụ 02/05/1980.")
        % {"value": clean_text(value)}
    )


def _pivot_year(short: int, today: date | None = None) -> int:
    """A two-digit year of a past event: 05 -> 2005, 98 -> 1998 (never in the future)."""
    this_year = (today or date.today()).year
    return 2000 + short if 2000 + short <= this_year else 1900 + short


def _parse_parts(value, short_year=_pivot_year) -> tuple[date | None, int | None]:
    """(full date or None, year or None) from a cell; ValueError when the cell cannot be a date.

    `short_year` turns a two-digit year (15/03/80) into four digits.
    """
    if value is None:
        return None, None
    if isinstance(value, bool):
        raise _unreadable(value)
    if isinstance(value, datetime):
        return value.date(), value.year
    if isinstance(value, date):
        return value, value.year
    if isinstance(value, int | float):
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            return None, None
        if float(value).is_integer() and MIN_YEAR <= value <= MAX_YEAR:
            return None, int(value)
        if MIN_SERIAL <= value <= MAX_SERIAL:
            day = _from_serial(value)
            return day, day.year
        raise _unreadable(value)

    text = clean_text(value)
    if not text:
        return None, None
    text = _TIME_SUFFIX.sub("", text)
    text = _AROUND_SEPARATORS.sub(r"\1", text)
    if m := _DMY.match(text):
        day, month, year = (int(g) for g in m.groups())
        d = _make_date(year, month, day)
        return d, d.year
    if m := _YMD.match(text):
        year, month, day = (int(g) for g in m.groups())
        d = _make_date(year, month, day)
        return d, d.year
    if m := _MY.match(text):
        month, year = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise ValueError(_("Tháng %(month)s không có thật (phải từ 1 đến 12).") % {"month": month})
        return None, _check_year(year)
    if m := _Y.match(text):
        return None, _check_year(int(m.group(1)))
    if m := _DM_SHORT_YEAR.match(text):
        day, month, short = (int(g) for g in m.groups())
        d = _make_date(short_year(short), month, day)
        return d, d.year
    if m := _SERIAL_TEXT.match(text):
        number = int(m.group(1))
        if MIN_SERIAL <= number <= MAX_SERIAL:
            day = _from_serial(number)
            return day, day.year
    if m := _WORDS.match(fold(text).replace(",", " ")):
        day_text, month_text, year_text = m.groups()
        if len(year_text) != 4:
            raise ValueError(_("Năm trong “%(value)s” phải có đủ 4 chữ số.") % {"value": text})
        if day_text is None:
            return None, _check_year(int(year_text))
        d = _make_date(int(year_text), int(month_text), int(day_text))
        return d, d.year
    raise _unreadable(text)


def parse_date(value) -> date | None:
    """A full date (decision, Party admission…): real Excel date, serial number or dd/mm/yyyy text."""
    day, year = _parse_parts(value)
    if year is None:
        return None
    if day is None:
        raise ValueError(
            _("“%(value)s” chỉ có năm hoặc tháng/năm; cần ngày đầy đủ dạng ngày/tháng/năm.")
            % {"value": clean_text(value)}
        )
    return day


def parse_birth(value, *, today: date | None = None) -> tuple[date | None, int | None]:
    """(full birth date or None, birth year) — many lists only know the year.

    A bare 1900..2100 number is a year, not an Excel serial (serial 1980 is in 1905). A two-digit
    year is the century that gives a working age: 15/03/80 is 1980, 15/03/02 is 2002.
    """
    today = today or date.today()

    def century(short: int) -> int:
        return 1900 + short if today.year - (1900 + short) <= MAX_AGE else 2000 + short

    day, year = _parse_parts(value, short_year=century)
    if year is None:
        return None, None
    if day is not None:
        if day > today:
            raise ValueError(_("Ngày sinh %(date)s ở tương lai.") % {"date": day.strftime("%d/%m/%Y")})
        age = today.year - day.year - ((today.month, today.day) < (day.month, day.day))
        shown = day.strftime("%d/%m/%Y")
    else:
        if year > today.year:
            raise ValueError(_("Năm sinh %(year)s ở tương lai.") % {"year": year})
        age = today.year - year
        shown = str(year)
    if age > MAX_AGE:
        raise ValueError(
            _("Sinh %(date)s thì đã %(age)s tuổi, quá %(max)s tuổi; hãy kiểm tra lại.")
            % {"date": shown, "age": age, "max": MAX_AGE}
        )
    if age < MIN_AGE:
        raise ValueError(
            _("Sinh %(date)s thì mới %(age)s tuổi, chưa đủ %(min)s tuổi; hãy kiểm tra lại.")
            % {"date": shown, "age": age, "min": MIN_AGE}
        )
    return day, year


# ------------------------------------------------------------------------------------ gender, yes/no

_MALE = {"nam", "m", "male", "ong", "trai"}
_FEMALE = {"nu", "f", "female", "ba", "gai"}


def parse_gender(value) -> str | None:
    """ "male" / "female" from "Nam", "nữ", "M", "F"…; digits are refused (1/0 mean different things)."""
    text = clean_text(value)
    if not text:
        return None
    key = match_key(text)
    if key in _MALE:
        return "male"
    if key in _FEMALE:
        return "female"
    raise ValueError(_("Giới tính “%(value)s” không rõ; hãy ghi “Nam” hoặc “Nữ”.") % {"value": text})


_YES = {"x", "co", "1", "dang vien", "dv", "yes", "y", "v", "true", "phai", "la dang vien"}
_NO = {"khong", "0", "no", "n", "false", "k", "chua"}
_TICKS = {"✓", "✔", "☑", "√", "•", "+"}


def parse_bool_yes(value) -> bool | None:
    """True for a tick ("x", "Có", "ĐV", "Đảng viên", 1, a date), False for "Không"/0, None when blank."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, date):  # the admission date typed into a yes/no column
        return True
    if isinstance(value, int | float):
        if value == 1:
            return True
        if value == 0:
            return False
    text = clean_text(value)
    if not text:
        return None
    if text in _TICKS:
        return True
    key = match_key(text)
    if key in _YES:
        return True
    if key in _NO:
        return False
    try:
        if parse_date(text):
            return True
    except ValueError:
        pass
    raise ValueError(
        _("Không hiểu giá trị “%(value)s”; ghi “x” hoặc “Có” nếu có, để trống hoặc ghi “Không” nếu không.")
        % {"value": text}
    )


_PARTY_YES = {"du bi", "dang vien du bi", "chinh thuc", "dang vien chinh thuc", "dvdb", "dvct", "d v"}


def parse_party(value, *, today: date | None = None) -> tuple[bool | None, date | None]:
    """(member?, date joined) from a "Đảng viên" cell: a tick, "Đảng viên", "Dự bị", "Không", or the
    admission date itself (a real date, dd/mm/yyyy text, or a year alone, which gives no date)."""
    if value is None or isinstance(value, bool):
        return value, None
    if isinstance(value, datetime):
        return True, value.date()
    if isinstance(value, date):
        return True, value
    if isinstance(value, int | float) and float(value).is_integer() and MIN_YEAR <= value <= MAX_YEAR:
        return True, None
    text = clean_text(value)
    if not text:
        return None, None
    if match_key(text) in _PARTY_YES:
        return True, None
    if (any(ch.isdigit() for ch in text) and not text.isdigit()) or _Y.match(text) or _SERIAL_TEXT.match(text):
        try:
            day, year = _parse_parts(text, short_year=lambda short: _pivot_year(short, today))
        except ValueError:
            day, year = None, None
        if year is not None:
            return True, day
    return parse_bool_yes(value), None


# ------------------------------------------------------------------------------------------- ID number

_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?e\+?\d+$", re.IGNORECASE)
_FLOAT_TEXT = re.compile(r"^(\d+)\.0+$")
MAX_PROVINCE_CODE = 96


class OldIdNumber(ValueError):
    """A 9-digit identity card number (CMND), issued before the 12-digit CCCD: not the personal ID,
    but a number the person is still known by. Callers that can keep it catch this; the others see a
    ValueError saying why it is not accepted as the personal ID."""

    def __init__(self, digits: str):
        self.digits = digits
        super().__init__(
            _(
                "“%(value)s” là số chứng minh nhân dân (CMND) cũ 9 chữ số; cần số định danh cá nhân "
                "12 chữ số (số căn cước công dân)."
            )
            % {"value": digits}
        )


def parse_id_number(value) -> str | None:
    """The 12-digit personal ID (CCCD / số định danh cá nhân), repairing what Excel does to it.

    Excel stores a typed ID as a number and drops its leading zeros (every ID starts with a province
    code 001..096): a number of 10 or 11 digits gets its zeros back. Text is never padded. A 9-digit
    number (8 from a number that lost its zero) is an old CMND: OldIdNumber, which carries the digits.
    """
    if value is None:
        return None
    if (
        type(value) is str
        and len(value) == 12
        and value.isdigit()
        and value.isascii()
        and 1 <= int(value[:3]) <= MAX_PROVINCE_CODE
    ):
        return value  # the usual case, at once
    digits: str
    from_number = False
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and (math.isnan(value) or not value.is_integer()):
            raise ValueError(
                _("Số định danh “%(value)s” không hợp lệ; chỉ được gồm chữ số.") % {"value": clean_text(value)}
            )
        digits = str(int(value))
        from_number = True
    else:
        text = clean_text(value).lstrip("'‘’`")
        if not text:
            return None
        compact = re.sub(r"[\s.]", "", text) if not _FLOAT_TEXT.match(text) else text
        if _SCIENTIFIC.match(compact.replace(" ", "")):
            raise ValueError(
                _(
                    "Số định danh “%(value)s” đã bị Excel đổi sang dạng số mũ và mất chữ số; hãy định dạng "
                    "cột là Văn bản (Text) rồi nhập lại đủ 12 chữ số."
                )
                % {"value": text}
            )
        if m := _FLOAT_TEXT.match(compact):  # "11090001234.0" written out by a script
            digits, from_number = m.group(1), True
        else:
            digits = compact
        if foreign_digits(digits):
            raise ValueError(
                _(
                    "Số định danh cá nhân chỉ gồm các chữ số 0–9; “%(value)s” có chữ số kiểu khác (chữ số toàn "
                    "khổ hoặc chữ số Ả Rập, thường do bộ gõ hoặc sao chép từ tệp PDF). Hãy gõ lại bằng các phím số."
                )
                % {"value": text}
            )
        if not digits.isdigit() or not digits.isascii():
            raise ValueError(_("Số định danh “%(value)s” chỉ được gồm chữ số.") % {"value": text})
    if from_number and len(digits) in (10, 11):
        digits = digits.zfill(12)
    if from_number and len(digits) == 8:  # a CMND of a northern province (01…09) lost its zero
        digits = digits.zfill(9)
    if len(digits) == 9:
        raise OldIdNumber(digits)
    if len(digits) in (10, 11) and 1 <= int(digits.zfill(12)[:3]) <= MAX_PROVINCE_CODE:
        raise ValueError(
            _(
                "Số định danh phải có đúng 12 chữ số; giá trị có %(count)s chữ số. Có lẽ Excel đã bỏ số 0 ở đầu "
                "(số đúng là %(fixed)s?): hãy định dạng cột là Văn bản (Text) và ghi đủ 12 chữ số."
            )
            % {"count": len(digits), "fixed": digits.zfill(12)}
        )
    if len(digits) != 12:
        raise ValueError(
            _("Số định danh phải có đúng 12 chữ số; giá trị có %(count)s chữ số.") % {"count": len(digits)}
        )
    province = int(digits[:3])
    if not 1 <= province <= MAX_PROVINCE_CODE:
        raise ValueError(
            _("Số định danh %(value)s: 3 chữ số đầu là mã tỉnh, phải từ 001 đến 096 (đang là %(code)s).")
            % {"value": digits, "code": digits[:3]}
        )
    return digits  # the 4th digit (gender and century) is any of 0..9


def parse_old_id_number(value) -> str | None:
    """The 9-digit CMND of a "Số CMND cũ" column (Excel's lost zero repaired as for the personal ID)."""
    try:
        number = parse_id_number(value)
    except OldIdNumber as old:
        return old.digits
    except ValueError:
        number = None
    if number is None and not clean_text(value):
        return None
    raise ValueError(
        _("Số CMND cũ phải có đúng 9 chữ số; “%(value)s” không phải. Số 12 chữ số ghi vào cột số định danh cá nhân.")
        % {"value": clean_text(value)}
    )


# ----------------------------------------------------------------------------------- e-mail, phone

_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
_SEVERAL = re.compile(r"[;,\s/]+")


def parse_email(value) -> str:
    """An e-mail address as Django's EmailValidator (validate_email) accepts it ("" for a blank cell); "vhtram" or
    "ads@a" are refused with the reason, since a wrong address is worse than none."""
    if value is None or value == "":
        return ""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    text = _MAILTO.sub("", clean_text(value)).strip(" <>.;,")
    if not text:
        return ""
    if len([part for part in _SEVERAL.split(text) if part]) > 1:
        raise ValueError(
            _("Ô thư điện tử “%(value)s” có nhiều hơn một địa chỉ; mỗi người chỉ ghi một địa chỉ.") % {"value": text}
        )
    if "@" not in text:
        raise ValueError(
            _("“%(value)s” không phải địa chỉ thư điện tử: thiếu dấu @ và tên miền (ví dụ ten@dienbien.gov.vn).")
            % {"value": text}
        )
    try:
        validate_email(text)
    except ValidationError:
        raise ValueError(
            _(
                "“%(value)s” không phải địa chỉ thư điện tử hợp lệ: sau dấu @ phải là tên miền đầy đủ "
                "(ví dụ ten@dienbien.gov.vn)."
            )
            % {"value": text}
        ) from None
    return text


_PHONE_SEPARATORS = re.compile(r"\s*[;,/\n]\s*|\s+-\s+")
_PHONE_INNER = re.compile(r"[\s.\-()]")
# Mobile numbers have 10 digits (03, 05, 07, 08, 09 since the 2018 change); landlines 11 (02 + area
# code + subscriber, since 2017). Old 11-digit mobiles (01x) are said, not guessed.
_MOBILE = re.compile(r"^0[35789]\d{8}$")
_LANDLINE = re.compile(r"^02\d{9}$")


def _one_phone(text: str, from_number: bool) -> str:
    digits = _PHONE_INNER.sub("", text)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("0084"):
        digits = "0" + digits[4:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    elif from_number and len(digits) in (9, 10) and not digits.startswith("0"):
        digits = "0" + digits  # Excel dropped the leading zero of a number typed as a number
    if not digits.isdigit() or not digits.isascii():
        raise ValueError(
            _("Số điện thoại “%(value)s” chỉ được gồm chữ số (có thể có dấu cách, dấu chấm hoặc +84 ở đầu).")
            % {"value": text}
        )
    if _MOBILE.match(digits) or _LANDLINE.match(digits):
        return digits
    if len(digits) == 11 and digits.startswith("01"):
        raise ValueError(
            _(
                "“%(value)s” là số di động 11 chữ số cũ (đầu 01…); từ năm 2018 các số này đã đổi sang 10 chữ số. "
                "Hãy ghi số mới."
            )
            % {"value": text}
        )
    raise ValueError(
        _(
            "Số điện thoại “%(value)s” không hợp lệ: số di động có 10 chữ số bắt đầu bằng 03, 05, 07, 08, 09; "
            "số cố định có 11 chữ số bắt đầu bằng 02 (hoặc viết +84 thay cho số 0 đầu)."
        )
        % {"value": text}
    )


def parse_phone(value) -> str:
    """Vietnamese phone numbers as digits ("0912 345 678", "0912.345.678", "+84 912 345 678" ->
    "0912345678"; a landline 0215 3825 123 -> "02153825123"); several in a cell are kept, joined by
    ", ". "" for a blank cell; "123" is refused with the reason."""
    if value is None or value == "":
        return ""
    from_number = isinstance(value, int | float) and not isinstance(value, bool)
    text = clean_text(value).lstrip("'‘’`")
    if not text:
        return ""
    parts = [part for part in _PHONE_SEPARATORS.split(text) if part.strip()]
    return ", ".join(_one_phone(part.strip(), from_number) for part in parts)


# --------------------------------------------------------------------------------------------- levels

_REMAINDER_EDGES = " -–—:;,./()[]"
# How a degree was studied, or a note in brackets: said after the level, never part of the field.
_STUDY_MODE = re.compile(
    r"\b(?:hệ\s+)?(?:tại chức|chính quy|từ xa|liên thông|vừa làm vừa học|văn bằng\s*(?:2|hai)|VB\s?2|bằng\s*(?:2|hai)|"
    r"đang học(?:\s.*)?|đang theo học(?:\s.*)?)$|^(?:hệ\s+)?(?:tại chức|chính quy|từ xa|liên thông|vừa làm vừa học)\b",
    re.IGNORECASE,
)
_LIST_SEPARATORS = re.compile(r"[;\n+]")
_BRACKETS = re.compile(r"\(([^)]*)\)|\[([^\]]*)\]")


def _strip_mode(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, _STUDY_MODE.sub("", text).strip(_REMAINDER_EDGES)
    return text


def _field_of(remainder: str) -> str:
    """The field after a level, without how it was studied or a note in brackets:
    "Luật (tại chức)" -> "Luật"; "(tại chức)" -> ""; "(Luật)" -> "Luật"; "Kinh tế - chính quy" -> "Kinh tế"."""
    inside = [_strip_mode(a or b) for a, b in _BRACKETS.findall(remainder)]
    outside = _strip_mode(_SPACES.sub(" ", _BRACKETS.sub(" ", remainder)).strip(_REMAINDER_EDGES))
    if outside:
        return outside
    return next((text for text in inside if text), "")


# ------------------------------------------------------------------------------ language test scores

_CEFR_WORDS = {"a1": 1, "a2": 2, "b1": 3, "b2": 4, "c1": 5, "c2": 6}
_SCORE = re.compile(r"^(\d{1,3}(?:[.,]\d{1,2})?)(?:\s|$)")
_LEVEL_WORD = re.compile(r"^(?:(?:trinh do|bac)\s*)?([abc][12])(?:\s|$)|^bac\s*([1-6])(?:\s|$)")
_TEST_PREFIX = re.compile(r"^(?:(?:chung chi|cc|tieng anh|anh van|ngoai ngu|diem|bai thi)\s+)+")
_TEST_EDGES = " -–—:;,()[]"


@dataclass(frozen=True)
class TestScale:
    """A language test people list with their score: its name, how files write it, its score range
    and step, the language it certifies. Data passed in (reference data), not written here."""

    name: str
    spellings: tuple[str, ...]
    low: Decimal
    high: Decimal
    step: Decimal
    language: str


@dataclass(frozen=True)
class LanguageTest:
    """ "IELTS 6.5" read: the test, its score (None when only a level is written, "VSTEP B2") and
    the framework level written with it (bậc 1–6, None when only a score is)."""

    test: str
    score: Decimal | None
    level: int | None
    language: str


def read_language_test(value, tests: list[TestScale]) -> LanguageTest | None:
    """ "IELTS 6.5", "TOEIC 550", "TOEFL iBT 80", "VSTEP B2", "VSTEP bậc 4", "Chứng chỉ IELTS 6,5":
    the test and its score; None when the cell names no known test. A test with an impossible score
    ("IELTS 65") raises ValueError saying the test's range."""
    text = clean_text(value)
    key = _TEST_PREFIX.sub("", match_key(text)) if text else ""
    if not key:
        return None
    found = None
    for scale in tests:
        for spelling in scale.spellings:
            if not key.startswith(spelling) or (len(key) > len(spelling) and key[len(spelling)].isalpha()):
                continue  # "ielts" at a word's end: "ieltsx" names no test
            if found is None or len(spelling) > len(found[1]):
                found = (scale, spelling)
    if found is None:
        return None
    scale, spelling = found
    rest = _original_rest(text, key, spelling)
    score = level = None
    if m := _SCORE.match(rest):
        score = Decimal(m.group(1).replace(",", "."))
        rest = rest[m.end() :].strip(_TEST_EDGES)
    if m := _LEVEL_WORD.match(match_key(rest)):
        level = _CEFR_WORDS[m.group(1)] if m.group(1) else int(m.group(2))
    if score is None and level is None:
        raise ValueError(
            _("“%(value)s”: thiếu điểm %(test)s (ví dụ “%(test)s %(example)s”) hoặc bậc (ví dụ “%(test)s B1”).")
            % {"value": text, "test": scale.name, "example": _number(scale.high * 2 / 3, scale.step)}
        )
    if score is not None and not (scale.low <= score <= scale.high and (score - scale.low) % scale.step == 0):
        raise ValueError(
            _("Điểm %(test)s “%(score)s” không có thật: thang điểm từ %(low)s đến %(high)s, bước %(step)s.")
            % {
                "test": scale.name,
                "score": _number(score, Decimal("0.1")),
                "low": _number(scale.low, scale.step),
                "high": _number(scale.high, scale.step),
                "step": _number(scale.step, scale.step),
            }
        )
    return LanguageTest(scale.name, score, level, scale.language)


def _original_rest(text: str, key: str, spelling: str) -> str:
    """What follows the test's name and the words before it, in the original text: "6,5" of
    "Chứng chỉ IELTS 6,5" (digits, commas and dots survive match_key's folding only in the text)."""
    prefix = _TEST_PREFIX.match(match_key(text))
    words = len((prefix.group(0) if prefix else "").split()) + len(spelling.split())
    # match_key turns "6.5" into "6 5": cut the original after as many words, punctuation aside.
    pieces = re.findall(r"[^\W_]+|[\W_]+", text)
    seen = 0
    for i, piece in enumerate(pieces):
        if piece[0].isalnum():
            seen += 1
            if seen == words:
                return "".join(pieces[i + 1 :]).strip(_TEST_EDGES)
    return ""


def _number(value: Decimal, step: Decimal) -> str:
    """6.5 -> "6,5", 550 -> "550": a score in a Vietnamese sentence (decimal comma, no trailing zeros)."""
    value = Decimal(value).quantize(step if step < 1 else Decimal(1))
    return format(value.normalize(), "f").replace(".", ",")


def score_text(score: Decimal | None) -> str:
    """6.5 -> "6.5", 550 -> "550", 6.0 -> "6.0" for a band score: as certificates and files write a
    test's score (IELTS 6.5, TOEIC 550), which the importer reads back unchanged."""
    if score is None:
        return ""
    score = Decimal(score)
    return format(score.quantize(Decimal(1)) if score == score.to_integral() and score >= 10 else score, "f")


_MARK_CHARS = "\u0300-\u036f"
_NOT_SPELLING = re.compile(rf"[^\w{_MARK_CHARS}]+|_+")
_FINAL_Y_MARKED = re.compile(rf"\b([bcdghklmnpqrstvx]+)y(?=[{_MARK_CHARS}]*(?:\s|$))")


_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng (not the hats and horns)
_TONED_WORD = re.compile(rf"\w*[{_TONES}][\w{_MARK_CHARS}]*")


def _tone_last(match: re.Match) -> str:
    word = match.group(0)
    return "".join(ch for ch in word if ch not in _TONES) + "".join(ch for ch in word if ch in _TONES)


def spelling_key(text: str) -> str:
    """A comparison key that keeps the diacritics: case, spacing, punctuation, the old final-y
    spelling and where the tone mark sits ("hoá" / "hóa") ignored — "Thạc Sỹ" == "thạc sĩ",
    "TC-LLCT" == "TC LLCT" — but "cơ bàn" != "cơ bản" and "Dai hoc" != "Đại học": what tells a
    spelling read loosely from one written as accepted."""
    text = unicodedata.normalize("NFD", _INVISIBLE.sub("", text).lower())
    text = _FINAL_Y_MARKED.sub(r"\1i", _NOT_SPELLING.sub(" ", text).strip())
    return _TONED_WORD.sub(_tone_last, text)


@dataclass(frozen=True)
class Reading:
    """How a level was read off a cell: the level, what followed it (the field), the words that
    named it, and whether the reading deserves a note — a spelling accepted only without its
    diacritics ("cơ bàn", "Dai hoc"), or an old name mapped to today's level ("Chứng chỉ B tin học")."""

    code: str
    rest: str
    written: str
    loose: bool = False
    old_name: bool = False


class LevelMatcher:
    """Reads a level of one ladder off the start of a loose text: "Cử nhân Luật" -> ("dai_hoc", "Luật").

    Case- and diacritics-insensitive; the longest synonym wins ("TSKH" over "TS") and must end at a
    word boundary ("CN" does not match "CNTT"). The ladders are data passed in, not written here.
    A level may also list old names (a 4th item): spellings of an older certificate that today's
    level replaces; a reading through one is flagged so the importer can say so.
    """

    def __init__(self, ladder_name: str, levels: list[tuple]):
        self.ladder_name = ladder_name
        self.labels: dict[str, str] = {}
        keys: dict[str, tuple[str, bool]] = {}
        self._spellings: dict[str, set[str]] = {}
        for code, label, synonyms, *more in levels:
            old_names = more[0] if more else ()
            self.labels[code] = label
            for texts, old in (([label, *synonyms], False), (list(old_names), True)):
                for text in texts:
                    key = match_key(text)
                    if key:
                        keys.setdefault(key, (code, old))
                        self._spellings.setdefault(key, set()).add(spelling_key(text))
        self._keys = sorted(
            ((key, code, old) for key, (code, old) in keys.items()), key=lambda item: (-len(item[0]), item[0])
        )

    def _text_of(self, value):
        # Excel turns "9/12" or "12/12" (general education) into a date: read it back as day/month.
        if isinstance(value, date) and not isinstance(value, datetime):
            return f"{value.day}/{value.month}"
        if isinstance(value, datetime) and not (value.hour or value.minute or value.second):
            return f"{value.day}/{value.month}"
        return value

    def read(self, value) -> Reading | None:
        """The level at the start of `value`, with how it was read; None when no level starts it."""
        text, key, where = _keyed(self._text_of(value))
        if not key:
            return None
        for synonym, code, old in self._keys:
            n = len(synonym)
            if key.startswith(synonym) and (len(key) == n or key[n] == " "):
                written = text[: where[n - 1] + 1]
                loose = spelling_key(written) not in self._spellings[synonym]
                rest = "" if len(key) == n else _field_of(text[where[n] :])
                return Reading(code, rest, written, loose=loose, old_name=old)
        return None

    def match(self, value) -> tuple[str | None, str]:
        reading = self.read(value)
        if reading is None:
            return None, clean_text(self._text_of(value)) if value is not None else ""
        return reading.code, reading.rest

    def read_all(self, value) -> list[Reading] | None:
        """Every level of a cell that lists several — "Cử nhân Luật; Thạc sĩ QLHC", "ĐH Luật, ThS
        QLKT", one per line — one Reading each; a single level as one; None when the cell does not
        start with a level. A comma splits only when every piece is a level, so "Đại học, Luật"
        stays one degree with its field."""
        first = self.read(value)
        if first is None:
            return None
        if not isinstance(value, str):
            return [first]
        parts = [part for part in _LIST_SEPARATORS.split(value) if part.strip()]
        if len(parts) == 1:
            parts = [part for part in value.split(",") if part.strip()]
        if len(parts) > 1:
            found = [self.read(part) for part in parts]
            if all(reading is not None for reading in found):
                return found  # type: ignore[return-value]
        return [first]

    def match_all(self, value) -> list[tuple[str, str]] | None:
        """read_all as (code, field) pairs."""
        found = self.read_all(value)
        return None if found is None else [(reading.code, reading.rest) for reading in found]

    def suggest(self, value) -> str | None:
        """The canonical label closest to a value no synonym matched (difflib, cutoff 0.6)."""
        key = match_key(self._text_of(value))
        if not key:
            return None
        words = key.split()
        best, best_ratio = None, 0.0
        for synonym, code, _old in self._keys:
            n = len(synonym.split())
            for candidate in {key, " ".join(words[:n])}:
                if difflib.get_close_matches(candidate, [synonym], n=1, cutoff=0.6):
                    ratio = difflib.SequenceMatcher(None, candidate, synonym).ratio()
                    if ratio > best_ratio:
                        best, best_ratio = code, ratio
        return self.labels[best] if best else None


def named_under(rows, *, root: str, past_paths, allowed, birth_date, birth_year) -> list[int]:
    """The people a row names by name and birth (no ID number): `rows` are the (pk, birth date,
    birth year, current unit path) of everyone with that name; kept are those now or once
    (`past_paths`: pk → paths of their assignments) under `root`, allowed to the importer, and
    born on the day given (or, when either side knows only the year, in that year). More than one
    is ambiguous: the importers then ask for the ID number."""
    found = []
    for pk, p_date, p_year, path in rows:
        if not (path.startswith(root) or any(p.startswith(root) for p in past_paths.get(pk, ()))):
            continue
        if not allowed(pk):
            continue
        if birth_date is not None and p_date is not None:
            same = p_date == birth_date
        else:
            same = (p_year or (p_date.year if p_date else None)) == (birth_year or birth_date.year)
        if same:
            found.append(pk)
    return found
