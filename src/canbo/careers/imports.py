"""Excel import of annual evaluation results, with the people import's quality: the same reader
(header found under title rows, sheet choice, hidden rows, merged cells), the column mapping shown
and correctable (`--map`), every row checked before anything is written, every error with row,
column, value and reason, dry run, and the rules of the year's decree (careers.rules) applied to the
whole file at once — the cap on "xuất sắc" per unit and year included.

People are matched by ID number, or by name and date of birth within the importing unit's subtree;
a missing or ambiguous match is reported, never guessed.
"""

from __future__ import annotations

import datetime
import math
import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from canbo.accounts.permissions import Perm, authorize, reach_of, within_reach
from canbo.careers import bulk, rules
from canbo.careers.choices import EvaluationLevel, Sanction
from canbo.core import context
from canbo.core.text import fold
from canbo.orgs.models import Unit
from canbo.people import headers as people_columns
from canbo.people.models import Assignment, Person
from canbo.people.services import outside_reach_message
from canbo.tabular import normalise as norm
from canbo.tabular import registry
from canbo.tabular.mapping import column_list, doubt_message, doubts, open_mapped
from canbo.tabular.reader import FileRefused, Limits, table_records
from canbo.tabular.results import ImportResult, RowError, column_letter, table_notes

COLUMNS: dict[str, list[str]] = {
    "row_no": people_columns.PEOPLE_COLUMNS["row_no"],
    "full_name": people_columns.PEOPLE_COLUMNS["full_name"],
    "birth": people_columns.PEOPLE_COLUMNS["birth"],
    "id_number": people_columns.PEOPLE_COLUMNS["id_number"],
    "unit": people_columns.PEOPLE_COLUMNS["unit"],
    "title": people_columns.PEOPLE_COLUMNS["title"],
    "year": ["Năm", "Năm đánh giá", "Năm xếp loại", "Đánh giá năm"],
    "self_score": ["Điểm tự chấm", "Điểm tự đánh giá", "Tự chấm điểm"],
    "self_level": ["Tự xếp loại", "Tự đánh giá, xếp loại", "Cá nhân tự xếp loại"],
    "score": ["Điểm", "Điểm đánh giá", "Tổng điểm", "Điểm xếp loại", "Điểm cấp có thẩm quyền"],
    "level": [
        "Xếp loại",
        "Kết quả xếp loại",
        "Xếp loại chất lượng",
        "Kết quả đánh giá, xếp loại",
        "Mức xếp loại",
        "Kết quả xếp loại chất lượng",
    ],
    "sanction": ["Kỷ luật", "Hình thức kỷ luật", "Kỷ luật trong năm", "Bị kỷ luật"],
    "decided_on": ["Ngày quyết định", "Ngày phê duyệt", "Ngày quyết định xếp loại"],
    "decision_number": ["Số quyết định", "Quyết định số", "Số QĐ"],
    "decided_by": ["Người quyết định", "Cấp có thẩm quyền", "Người có thẩm quyền"],
    "note": ["Ghi chú"],
}
LABELS = {
    "row_no": gettext_noop("STT"),
    "full_name": gettext_noop("Họ và tên"),
    "birth": gettext_noop("Ngày sinh"),
    "id_number": gettext_noop("Số định danh cá nhân"),
    "unit": gettext_noop("Đơn vị"),
    "title": gettext_noop("Chức vụ"),
    "year": gettext_noop("Năm"),
    "self_score": gettext_noop("Điểm tự chấm"),
    "self_level": gettext_noop("Tự xếp loại"),
    "score": gettext_noop("Điểm"),
    "level": gettext_noop("Xếp loại"),
    "sanction": gettext_noop("Kỷ luật"),
    "decided_on": gettext_noop("Ngày quyết định"),
    "decision_number": gettext_noop("Số quyết định"),
    "decided_by": gettext_noop("Người quyết định"),
    "note": gettext_noop("Ghi chú"),
}
# Words officers write for the four levels (folded: no diacritics, lower case, single spaces).
LEVEL_WORDS = {
    EvaluationLevel.EXCELLENT: {
        "htxsnv",
        "htxs",
        "xs",
        "xuat sac",
        "hoan thanh xuat sac",
        "hoan thanh xuat sac nhiem vu",
        "ht xuat sac nv",
        "ht xuat sac",
    },
    EvaluationLevel.GOOD: {
        "httnv",
        "htt",
        "tot",
        "hoan thanh tot",
        "hoan thanh tot nhiem vu",
        "ht tot",
        "ht tot nv",
    },
    EvaluationLevel.DONE: {"htnv", "ht", "hoan thanh", "hoan thanh nhiem vu", "ht nv"},
    EvaluationLevel.FAILED: {
        "khtnv",
        "kht",
        "khong hoan thanh",
        "khong hoan thanh nhiem vu",
        "k ht",
        "k htnv",
        "chua hoan thanh",
    },
}
SANCTION_WORDS = {
    "khien trach": Sanction.REPRIMAND,
    "canh cao": Sanction.WARNING,
    "ha bac luong": Sanction.SALARY_DOWN,
    "ha bac": Sanction.SALARY_DOWN,
    "giang chuc": Sanction.DEMOTION,
    "cach chuc": Sanction.REMOVAL,
    "buoc thoi viec": Sanction.DISMISSAL,
}
NO_SANCTION = {"khong", "khong co", "", "-", "0", "x khong"}
_NO_SANCTION_WORDS = {norm.match_key(w) for w in ("Không bị kỷ luật", "Không kỷ luật", "Không bị")}


# The same words cut to their initials, as clerks mix them ("Không HTNV", "Hoàn thành tốt NV",
# "HT xuất sắc nhiệm vụ"): each whole word or pair of words → its abbreviation, then compared joined.
_SHORT_PAIRS = {"nhiem vu": "nv", "hoan thanh": "ht", "xuat sac": "xs"}
_SHORT_WORDS = {"khong": "k", "chua": "k", "tot": "t"}
_SHORT_LEVELS = {
    EvaluationLevel.EXCELLENT: {"htxsnv", "htxs", "xs", "xsnv"},
    EvaluationLevel.GOOD: {"httnv", "htt", "t", "tnv"},
    EvaluationLevel.DONE: {"htnv", "ht"},
    EvaluationLevel.FAILED: {"khtnv", "kht"},
}


def _initials(key: str) -> str:
    words, out, i = key.split(), [], 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        if pair in _SHORT_PAIRS:
            out.append(_SHORT_PAIRS[pair])
            i += 2
            continue
        out.append(_SHORT_WORDS.get(words[i], words[i]))
        i += 1
    return "".join(out)


def level_of(raw) -> str | None:
    """ "HTXSNV", "Hoàn thành tốt", "HTNV", "Không HTNV", "Hoàn thành tốt NV"… → a level; None when unknown."""
    key = norm.match_key(raw).replace(".", "").replace("-", " ").strip()
    key = " ".join(key.split())
    for level, words in LEVEL_WORDS.items():
        if key in words or key.replace(" ", "") in words:
            return level
    short = _initials(key)
    for level, words in _SHORT_LEVELS.items():
        if short in words:
            return level
    return None


def sanction_of(raw) -> str | None:
    key = " ".join(norm.match_key(raw).replace("-", " ").split())
    if key in NO_SANCTION or key in _NO_SANCTION_WORDS:
        return ""
    for word, sanction in SANCTION_WORDS.items():
        if key.startswith(word):
            return sanction
    return None


def _text(value) -> str:
    return norm.clean_text(value)


_AROUND_MARK = re.compile(r"\s*([.,])\s*")
_SCORE_TEXT = re.compile(r"^[+-]?\d{1,6}(?:[.,]\d+)?$")


def _decimal(value) -> Decimal | None:
    """A score: an Excel number, or text "85,5" / "85.5" / "90 điểm"; InvalidOperation for anything
    else ("NaN", "1e2", "8,5/10"), never a value that is not a finite number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            raise InvalidOperation(value)
        # 6 places drop a formula's float noise (85.50000000000001) and keep what was meant
        return _two_places(Decimal(str(value)).quantize(Decimal("0.000001")).normalize())
    text = _text(value)
    if not text:
        return None
    folded = fold(text)
    if folded.endswith("diem"):
        text = folded[: -len("diem")]  # digits, comma and dot come through fold() unchanged
    # spaces around the decimal mark are a typing habit ("85 ,5"); between digits ("8 5") a slip, not 85
    text = _AROUND_MARK.sub(r"\1", text.strip())
    if not _SCORE_TEXT.match(text):
        raise InvalidOperation(text)
    return _two_places(Decimal(text.replace(",", ".")))


class TooPrecise(ValueError):
    """A score with more than 2 decimals: rounding it could cross a band (89,995 → 90,00)."""


def _two_places(number: Decimal) -> Decimal:
    if number != number.quantize(Decimal("0.01")):
        raise TooPrecise(number)
    return number.quantize(Decimal("0.01"))


# "…NĂM 2025" in the title rows above the header; not a date ("ngày 05 tháng 01 năm 2026", where the
# report was signed) nor a period ("năm 2021 - 2025"). Matched on fold()ed text.
_TITLE_DATE = re.compile(r"(?:ngay\s*\d{1,2}\s*)?thang\s*\d{1,2}\s*nam\s*\d{4}")
_TITLE_YEAR = re.compile(r"\bnam\s+(\d{4})\b(?!\s*[-–]\s*\d)")


def title_year(table) -> tuple[int, str] | None:
    """(year, title text) when the rows above the header name exactly one evaluation year."""
    first = table.match.first_row or table.match.row_number
    years: dict[int, str] = {}
    for number, cells in table.head:
        if number >= first:
            break
        for cell in cells:
            text = _text(cell)
            if text:
                for m in _TITLE_YEAR.finditer(_TITLE_DATE.sub(" ", fold(text))):
                    years.setdefault(int(m.group(1)), text)
    return next(iter(years.items())) if len(years) == 1 else None


def _year(value) -> int | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else None
    text = _text(value)
    if not text:
        return None
    if text.isdigit() and len(text) == 4:
        return int(text)
    raise ValueError(text)


class _People:
    """Who a row names: by ID number anywhere, or by name and birth within the importing unit's
    subtree (now or in a past post). `paths` keeps each candidate's current unit path."""

    def __init__(self, records, root: Unit):
        self.root = root
        numbers = set()
        for _n, r in records:
            try:
                number = norm.parse_id_number(r.get("id_number")) if _text(r.get("id_number")) else None
            except ValueError:
                number = None
            if number:
                numbers.add(number)
        self.by_id: dict[str, int] = {}
        self.paths: dict[int, str] = {}
        self.units: dict[int, int] = {}
        self.who: dict[int, tuple] = {}  # pk → (full name, name key, birth date, birth year) of an ID match
        ids = sorted(numbers)
        for start in range(0, len(ids), 2000):
            chunk = ids[start : start + 2000]
            for number, pk, path, unit_id, *who in Person.unscoped.filter(id_number__in=chunk).values_list(
                "id_number", "pk", "unit_path", "unit_id", "full_name", "name_key", "birth_date", "birth_year"
            ):
                self.by_id[number] = pk
                self.paths[pk], self.units[pk] = path, unit_id
                self.who[pk] = tuple(who)
        keys = sorted({fold(norm.clean_name(r.get("full_name"))) for _n, r in records} - {""})
        self.by_name: dict[str, list[tuple]] = defaultdict(list)
        for start in range(0, len(keys), 2000):
            for pk, key, birth_date, birth_year, path, unit_id in Person.unscoped.filter(
                name_key__in=keys[start : start + 2000]
            ).values_list("pk", "name_key", "birth_date", "birth_year", "unit_path", "unit_id"):
                self.by_name[key].append((pk, birth_date, birth_year, path))
                self.paths[pk], self.units[pk] = path, unit_id
        candidates = sorted({pk for rows in self.by_name.values() for pk, *_r in rows})
        self.past_paths: dict[int, set[str]] = defaultdict(set)
        for start in range(0, len(candidates), 2000):
            for pk, path in Assignment.unscoped.filter(person_id__in=candidates[start : start + 2000]).values_list(
                "person_id", "unit__path"
            ):
                self.past_paths[pk].add(path)

    def match(self, rec, allowed) -> tuple[int | None, str, str]:
        raw_id = rec.get("id_number")
        if _text(raw_id):
            try:
                number = norm.parse_id_number(raw_id)
            except ValueError as error:
                return None, "id_number", str(error)
            pk = self.by_id.get(number or "")
            if pk is None:
                return None, "id_number", _("Không có hồ sơ nào mang số định danh này.")
            if not allowed(pk):
                return None, "id_number", outside_reach_message() + "."
            # the name and birth written beside the number must be that person's: a typo in either
            # column would otherwise put the result on someone else, silently
            full_name, name_key, p_date, p_year = self.who[pk]
            name = norm.clean_name(rec.get("full_name"))
            if name and fold(name) != name_key:
                return (
                    None,
                    "full_name",
                    _("Số định danh %(number)s là của %(owner)s, không phải %(name)s; hãy kiểm tra họ tên hoặc số.")
                    % {"number": number, "owner": full_name, "name": name},
                )
            try:
                birth_date, birth_year = norm.parse_birth(rec.get("birth"))
            except ValueError:
                return None, "birth", _("Không đọc được ngày sinh.")
            known_year = p_year or (p_date.year if p_date else None)
            if (birth_date and p_date and birth_date != p_date) or (
                (birth_year or birth_date) and known_year and (birth_year or birth_date.year) != known_year
            ):
                return (
                    None,
                    "birth",
                    _("Ngày sinh khác với hồ sơ của người mang số định danh %(number)s (%(owner)s).")
                    % {"number": number, "owner": full_name},
                )
            return pk, "", ""
        name = norm.clean_name(rec.get("full_name"))
        if not name:
            return None, "full_name", _("Thiếu họ và tên.")
        try:
            birth_date, birth_year = norm.parse_birth(rec.get("birth"))
        except ValueError:
            return None, "birth", _("Không đọc được ngày sinh.")
        if birth_date is None and birth_year is None:
            return None, "birth", _("Không có số định danh thì cần ngày sinh để nhận ra người được đánh giá.")
        root = self.root.path
        found = norm.named_under(
            self.by_name.get(fold(name), []),
            root=root,
            past_paths=self.past_paths,
            allowed=allowed,
            birth_date=birth_date,
            birth_year=birth_year,
        )
        if not found:
            return (
                None,
                "full_name",
                _("Không tìm thấy %(name)s (sinh %(birth)s) trong %(unit)s.")
                % {
                    "name": name,
                    "birth": birth_date.strftime("%d/%m/%Y") if birth_date else birth_year,
                    "unit": self.root.name,
                },
            )
        if len(found) > 1:
            return (
                None,
                "full_name",
                _("Có %(n)s người trùng họ tên và ngày sinh; hãy ghi số định danh.") % {"n": len(found)},
            )
        return found[0], "", ""


class _Units:
    """Units of the importing unit's subtree, named by code or by name."""

    def __init__(self, root: Unit):
        self.root = root
        self.all = {u.pk: u for u in Unit.unscoped.filter(path__startswith=root.path)}
        self.by_code = {u.code.upper(): u for u in self.all.values()}
        self.by_name: dict[str, list[Unit]] = defaultdict(list)
        for u in self.all.values():
            self.by_name[norm.match_key(u.name)].append(u)

    def find(self, raw) -> tuple[Unit | None, str]:
        text = _text(raw)
        unit = self.by_code.get(text.upper())
        if unit is not None:
            return unit, ""
        found = self.by_name.get(norm.match_key(text), [])
        open_ = [u for u in found if u.valid_to is None] or found
        if len(open_) == 1:
            return open_[0], ""
        if open_:
            return None, _("Có %(n)s đơn vị tên “%(v)s”; hãy ghi mã đơn vị.") % {"n": len(open_), "v": text}
        return None, _("Không có đơn vị “%(v)s” trong %(root)s.") % {"v": text, "root": self.root.name}


def tick_columns(table) -> dict[int, tuple[str, str]]:
    """The form where "Xếp loại" is a band over one column per level (HTXSNV | HTTNV | HTNV | KHTNV)
    and an "x" marks each person's: {column index: (level, sub-header)}, the columns then read as
    `tick_<index>` fields (the band's own "level" column among them). Empty for any other layout."""
    match = table.match
    band = next((j for j, f in match.columns.items() if f == "level"), None)
    if band is None:
        return {}
    below = next((cells for number, cells in table.head if number == match.row_number + 1), None)
    if below is None:
        return {}
    found: dict[int, tuple[str, str]] = {}
    j = band
    while j < len(below) and (j == band or j not in match.columns):
        level = level_of(below[j]) if _text(below[j]) else None
        if level is None or any(level == seen for seen, _w in found.values()):
            break
        found[j] = (level, _text(below[j]))
        j += 1
    if len(found) < 2:
        return {}
    for j in found:
        match.columns[j] = f"tick_{j}"
    return found


def import_evaluations(
    path,
    *,
    unit: Unit,
    dry_run: bool = False,
    skip_invalid: bool = False,
    sheet: str | None = None,
    mapping=None,
    recall=None,
    year: int | None = None,
    today: datetime.date | None = None,
    accept_doubtful: bool = True,
) -> ImportResult:
    """The evaluation results of people of `unit`'s subtree. A person's result of a year already
    stored is updated (one result per person and year); nothing is written while a row is refused
    (unless `skip_invalid`), nor in a dry run."""
    user = context.require().user
    authorize(
        user,
        Perm.MANAGE_EVALUATIONS,
        unit,
        denied=_("Bạn không có quyền ghi kết quả đánh giá, xếp loại của “%(unit)s”.") % {"unit": unit},
    )
    today = today or timezone.localdate()
    scope = reach_of(user)
    result = ImportResult()
    result.fields = dict(LABELS)
    limits = Limits(
        max_bytes=settings.CANBO_IMPORT_MAX_BYTES, max_uncompressed_bytes=settings.CANBO_IMPORT_MAX_UNCOMPRESSED_BYTES
    )
    try:
        table, note = open_mapped(
            path,
            COLUMNS,
            fields=LABELS,
            mapping=mapping,
            recall=recall,
            limits=limits,
            required_any=("full_name", "id_number"),
            sheet=sheet,
        )
        ticks = tick_columns(table)
        records = list(table_records(table, required_any=("full_name", "id_number")))
    except FileRefused as refused:
        result.refused = refused.message
        return result
    header = table.match
    tick_note = ""
    if ticks:
        first, last = min(ticks), max(ticks)
        tick_note = _("Xếp loại đọc từ %(first)s đến %(last)s, đánh dấu theo mức (%(levels)s).") % {
            "first": column_letter(first),
            "last": column_letter(last),
            "levels": ", ".join(word for _level, word in ticks.values()),
        }
        for _number, rec in records:
            marked = [(level, word) for j, (level, word) in ticks.items() if _text(rec.pop(f"tick_{j}", ""))]
            rec["level"] = "; ".join(word for _level, word in marked)
            rec["_ticked"] = [level for level, _word in marked]
    result.header_row, result.width, result.sheet = header.row_number, header.width, table.sheet or None
    result.notes = table_notes(table) + ([note] if note else []) + ([tick_note] if tick_note else [])
    result.columns = column_list(table)
    for entry in result.columns:  # a level column of the ticked form is read for certain, no doubt
        if any(entry["column"] == column_letter(j).split()[-1] for j in ticks):
            entry.update(field="level", confidence="exact", doubt="")
    if "level" not in header.fields and "score" not in header.fields and not ticks:
        result.refused = _("Tệp không có cột “Xếp loại” (hoặc “Điểm”): không biết kết quả đánh giá.")
        return result
    stated = title_year(table)
    if "year" not in header.fields and year is None and stated is not None:
        year = stated[0]
        result.notes.append(
            _("Không có cột “Năm”: lấy năm %(year)s ghi ở tiêu đề “%(title)s”.") % {"year": year, "title": stated[1]}
        )
    if "year" not in header.fields and year is None:
        result.refused = _("Tệp không có cột “Năm”; hãy thêm cột năm đánh giá.")
        return result

    def column(field: str) -> str:
        label = _(LABELS.get(field, field))
        if field == "level" and ticks:
            return f"{label} ({column_letter(min(ticks))}–{column_letter(max(ticks))})".replace("–cột ", "–")
        index = next((i for i, f in header.columns.items() if f == field), None)
        return f"{label} ({column_letter(index)})" if index is not None else label

    people = _People(records, unit)
    units = _Units(unit)
    book = rules.SchemeBook()

    def allowed(pk: int) -> bool:
        return within_reach(user, Person(pk=pk, unit_path=people.paths.get(pk, "")), scope=scope)

    result.rows = len(records)
    rows: list[bulk.Row] = []
    raw_of: dict[int, dict] = {}
    seen: dict[tuple[int, int], int] = {}
    row_errors: dict[int, list[RowError]] = defaultdict(list)
    names: dict[int, str] = {}
    for number, rec in records:
        errors = row_errors[number]
        names[number] = norm.clean_name(rec.get("full_name"))

        def err(field, value, message, number=number, errors=errors):
            errors.append(RowError(number, column(field), _text(value), message))

        raw_of[number] = rec
        pk, blamed, reason = people.match(rec, allowed)
        if reason:
            err(blamed, rec.get(blamed), reason)
        try:
            the_year = _year(rec.get("year")) if "year" in header.fields else year
            if the_year is None:
                the_year = year
        except ValueError:
            the_year = None
        if the_year is None:
            err("year", rec.get("year"), _("Năm đánh giá phải là số có 4 chữ số, ví dụ 2025."))
        elif stated is not None and "year" in header.fields and the_year != stated[0]:
            err(
                "year",
                rec.get("year"),
                _("Năm %(year)s khác năm %(stated)s ghi ở tiêu đề “%(title)s”; hãy sửa cột năm hoặc tiêu đề.")
                % {"year": the_year, "stated": stated[0], "title": stated[1]},
            )
            the_year = None
        if pk is not None and the_year is not None:
            if (pk, the_year) in seen:
                err(
                    "full_name",
                    rec.get("full_name"),
                    _("Người này đã có kết quả năm %(year)s ở dòng %(r)s của tệp (mỗi người một kết quả mỗi năm).")
                    % {"year": the_year, "r": seen[(pk, the_year)]},
                )
            else:
                seen[(pk, the_year)] = number
        target = None
        if _text(rec.get("unit")):
            target, problem = units.find(rec.get("unit"))
            if problem:
                err("unit", rec.get("unit"), problem)
        elif pk is not None:
            target = units.all.get(people.units.get(pk))
            if target is None:
                err("unit", "", _("Người này hiện không thuộc %(u)s; hãy ghi đơn vị khi được đánh giá.") % {"u": unit})
        level = ""
        if ticks and len(rec["_ticked"]) > 1:
            err("level", rec.get("level"), _("Đánh dấu nhiều mức xếp loại cho một người; chỉ đánh dấu một mức."))
        elif ticks:
            level = rec["_ticked"][0] if rec["_ticked"] else ""
        elif _text(rec.get("level")):
            level = level_of(rec.get("level"))
            if level is None:
                err(
                    "level",
                    rec.get("level"),
                    _("Không hiểu xếp loại này; ghi HTXSNV, HTTNV, HTNV, KHTNV hoặc tên đầy đủ của mức xếp loại."),
                )
                level = ""
        self_level = ""
        if _text(rec.get("self_level")):
            self_level = level_of(rec.get("self_level")) or ""
            if not self_level:
                err("self_level", rec.get("self_level"), _("Không hiểu xếp loại này."))
        scores = {}
        for field in ("score", "self_score"):
            try:
                scores[field] = _decimal(rec.get(field))
            except InvalidOperation:
                err(field, rec.get(field), _("Không phải là số."))
                scores[field] = None
            except TooPrecise:
                err(
                    field,
                    rec.get(field),
                    _(
                        "Điểm có hơn 2 chữ số thập phân: làm tròn có thể đổi khung xếp loại (89,995 thành 90). "
                        "Hãy ghi điểm với tối đa 2 chữ số thập phân."
                    ),
                )
                scores[field] = None
        sanction = sanction_of(rec.get("sanction"))
        if sanction is None:
            err(
                "sanction",
                rec.get("sanction"),
                _(
                    "Không hiểu hình thức kỷ luật; ghi khiển trách, cảnh cáo, hạ bậc lương, giáng chức, cách chức, "
                    "buộc thôi việc, hoặc để trống."
                ),
            )
            sanction = ""
        try:
            decided_on = norm.parse_date(rec.get("decided_on"))
        except ValueError:
            err("decided_on", rec.get("decided_on"), _("Không đọc được ngày (dạng ngày/tháng/năm)."))
            decided_on = None
        if errors or pk is None or target is None or the_year is None:
            continue
        category = ""
        title = _text(rec.get("title"))[:150]
        rows.append(
            bulk.Row(
                key=number,
                person_id=pk,
                year=the_year,
                unit_id=target.pk,
                unit_path=target.path,
                category=category,
                title=title,
                level=level,
                score=scores["score"],
                self_score=scores["self_score"],
                self_level=self_level,
                sanction=sanction,
                decided_on=decided_on,
                decision_number=_text(rec.get("decision_number"))[:60],
                decided_by=_text(rec.get("decided_by"))[:150],
                note=_text(rec.get("note"))[:255],
            )
        )
    # category and title from the person's post of that year (two queries, not one per row)
    bulk.fill_posts(rows)
    problems = bulk.check_rows(rows, book=book, units=units.all, today=today)
    for row in rows:
        for field, messages in problems.get(row.key, {}).items():
            raw = raw_of[row.key].get(field)
            if field not in header.fields and not (field == "level" and ticks):
                field, raw = (
                    ("level", raw_of[row.key].get("level")) if "level" in header.fields or ticks else ("score", "")
                )
            for message in messages:
                row_errors[row.key].append(RowError(row.key, column(field), _text(raw), message))
    # a result held by a unit out of reach (the person was evaluated elsewhere) is not overwritten:
    # the form answers 404 for it, and an import would otherwise move it into the importing unit
    for (pid, the_year), path in _held({(r.person_id, r.year) for r in rows}).items():
        if not scope.contains_path(path):
            for row in rows:
                if (row.person_id, row.year) == (pid, the_year):
                    row_errors[row.key].append(
                        RowError(
                            row.key,
                            column("year"),
                            str(the_year),
                            _(
                                "Kết quả năm %(year)s của người này do một đơn vị ngoài phạm vi của bạn ghi; "
                                "không ghi đè được."
                            )
                            % {"year": the_year},
                        )
                    )
    good = [r for r in rows if not row_errors[r.key]]
    for _number, errors in sorted(row_errors.items()):
        if errors:
            result.errors.extend(errors)
            result.invalid += 1
    existing = _existing({(r.person_id, r.year) for r in good})
    result.valid = len(good)
    result.updated = sum(1 for r in good if (r.person_id, r.year) in existing)
    result.created = result.valid - result.updated
    for number, _rec in records:
        if row_errors[number]:
            result.statuses.append([number, "invalid", names[number], "; ".join(e.message for e in row_errors[number])])
    for r in good:
        status = "updated" if (r.person_id, r.year) in existing else "created"
        result.statuses.append([r.key, status, names[r.key], ""])
    result.statuses.sort(key=lambda s: s[0])
    if doubts(result.columns) and not accept_doubtful and not dry_run:
        # a column read without certainty: refused, and so nothing is written (the command said
        # "chưa ghi dữ liệu nào" while the rows had been written)
        result.refused = doubt_message(result.columns, {code: _(label) for code, label in LABELS.items()})
        result.created = result.updated = 0
        return result
    if result.invalid and not skip_invalid and not dry_run:
        result.created = result.updated = 0
        return result
    if dry_run or not good:
        return result
    result.created, result.updated = bulk.evaluations_write(good, user=user)
    result.written = True
    return result


def _held(keys: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """(person, year) → the unit path of the result already stored, for the keys given."""
    from canbo.careers.models import Evaluation

    people = sorted({pid for pid, _y in keys})
    found = {}
    for start in range(0, len(people), 2000):
        for pid, year, path in Evaluation.unscoped.filter(person_id__in=people[start : start + 2000]).values_list(
            "person_id", "year", "unit_path"
        ):
            if (pid, year) in keys:
                found[(pid, year)] = path
    return found


def _existing(keys: set[tuple[int, int]]) -> set[tuple[int, int]]:
    from canbo.careers.models import Evaluation

    people = sorted({pid for pid, _y in keys})
    found = set()
    for start in range(0, len(people), 2000):
        for pid, year in Evaluation.unscoped.filter(person_id__in=people[start : start + 2000]).values_list(
            "person_id", "year"
        ):
            if (pid, year) in keys:
                found.add((pid, year))
    return found


def run_evaluations(
    path,
    *,
    unit,
    dry_run=False,
    skip_invalid=False,
    sheet=None,
    mapping=None,
    recall=None,
    accept_doubtful=False,
    **_options,
):
    """`canbo import evaluations FILE --unit CODE` (the registry's entry point): a doubtful column
    refuses the file unless --accept-doubtful, as for the people import."""
    return import_evaluations(
        path,
        unit=unit,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        sheet=sheet,
        mapping=mapping,
        recall=recall,
        accept_doubtful=accept_doubtful,
    )


registry.register(
    registry.ImportKind(
        name="evaluations",
        label=gettext_noop("Kết quả đánh giá, xếp loại chất lượng hằng năm"),
        run="canbo.careers.imports.run_evaluations",
    )
)
