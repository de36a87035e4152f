"""Importing people from the Excel files offices already have: reading and checking every row.

The file layer (canbo.tabular) finds the table and its header and normalises cells; this module
turns each row into the people app's own validated values (Parsed) and decides, per row, whether
it creates or updates someone — never a move, never someone outside the actor's reach. Writing is
people.bulk's job. Every row is checked before anything is written; when a row is invalid nothing
is written unless the caller asked to skip invalid rows.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from canbo import events
from canbo.accounts.permissions import Perm, authorize, reach_of, within_reach
from canbo.core import context
from canbo.core.bulk import ids_by_value
from canbo.core.text import fold
from canbo.orgs.choices import COMMUNE_LEVEL
from canbo.orgs.models import Unit
from canbo.orgs.selectors import official_code_of
from canbo.people import bulk, rules
from canbo.people import headers as cols
from canbo.people import reference_data as ref
from canbo.people.choices import Category
from canbo.people.models import Ethnicity, Ladder, LanguageTestEquivalence, Person, Religion
from canbo.people.sensitive import is_sensitive
from canbo.people.services import outside_reach_message
from canbo.tabular import normalise as norm
from canbo.tabular import registry
from canbo.tabular.mapping import Recalled, column_list, doubt_message, doubts, open_mapped
from canbo.tabular.reader import FileRefused, Limits, table_records
from canbo.tabular.results import ImportResult, RowError, column_name, table_notes

BATCH = bulk.BATCH
LADDER_FIELDS = {
    "general_education": "general_education",
    "professional": "professional",
    "politics": "politics",
    "state_mgmt": "state_mgmt",
    "defence": "defence",
    "leadership": "leadership",
    "it": "it",
    "foreign_language": "foreign_language",
    "ethnic_language": "ethnic_language",
}
FIELD_OF = {"professional": "professional_field"}


class Held(NamedTuple):
    """A qualification read off a row: its level, field (or language) and, for a language test, the
    test and score it was read from ("IELTS 6.5" → Bậc 4, Tiếng Anh) with the note saying how."""

    ladder_id: int
    level_id: int
    field: str = ""
    test_name: str = ""
    score: Decimal | None = None
    note: str = ""


@dataclass
class Parsed:
    """One row after normalisation: the values to write and where they came from."""

    row: int
    person: dict
    unit: Unit
    assignment: dict
    qualifications: list[Held]
    match_key: tuple | None = None
    unit_named: bool = False  # the row's own unit cell named the unit (not the import's default)
    warnings: list[RowError] = field(default_factory=list)  # read, but not as written: said in the notes


def _column_name(field_name: str, header) -> str:
    return column_name(field_name, header, cols.FIELD_LABELS)


UNIT_KINDS = ("xa ", "phuong ", "thi tran ", "dac khu ")
# "UBND xã …" names the commune itself (its people's committee), as lists from the commune write it.
COUNCIL_PREFIXES = ("ubnd ", "uy ban nhan dan ", "hdnd va ubnd ", "hdnd ubnd ")
UNIT_KIND_ABBREVIATIONS = {"tt ": "thi tran ", "p ": "phuong ", "x ": "xa "}


class Lookups:
    """Everything a row is checked against, loaded once per file."""

    def __init__(self, unit: Unit):
        self.target = unit
        self._memo: dict = {}
        self._titles: dict[str, list] | None = None  # title spelling -> catalogue categories, when first asked
        self.units_by_code = {}
        self.units_by_official_code = defaultdict(list)
        self.units_by_name = defaultdict(list)
        for u in Unit.unscoped.filter(path__startswith=unit.path, valid_to__isnull=True):
            self.units_by_code[u.code] = u
            if u.official_code:
                self.units_by_official_code[u.official_code].append(u)
            key = norm.match_key(u.name)
            self.units_by_name[key].append(u)
            for prefix in UNIT_KINDS:
                if key.startswith(prefix):
                    self.units_by_name[key[len(prefix) :]].append(u)
        self.ethnicities = self._index(Ethnicity.objects.all(), "name")
        self.religions = self._index(Religion.objects.all(), "name")
        self.categories = ref.synonym_index(ref.CATEGORIES)
        self.category_labels = [label for _code, label, _syn in ref.CATEGORIES]
        self.ladders = {}
        self.matchers = {}
        today = timezone.localdate()
        for ladder in Ladder.objects.prefetch_related("levels"):
            levels = list(ladder.levels.all())
            self.ladders[ladder.code] = (ladder, {lv.code: lv for lv in levels})
            offered = [lv for lv in levels if lv.valid_to is None or lv.valid_to > today]  # closed levels: not read
            self.matchers[ladder.code] = norm.LevelMatcher(
                ladder.name, [(lv.code, lv.label, [*lv.synonyms, lv.label], lv.old_names) for lv in offered]
            )
        self.tests = [
            norm.TestScale(
                t["name"],
                tuple(t["spellings"]),
                Decimal(t["low"]),
                Decimal(t["high"]),
                Decimal(t["step"]),
                t["language"],
            )
            for t in ref.LANGUAGE_TESTS
        ]
        self.equivalences = list(LanguageTestEquivalence.objects.select_related("level"))
        # Language names, longest first, to read "Tiếng Anh B" as (Chứng chỉ B, Tiếng Anh).
        self.languages = sorted(
            ((norm.match_key(alias), name) for name, aliases in ref.LANGUAGE_NAMES.items() for alias in aliases),
            key=lambda item: -len(item[0]),
        )

    @staticmethod
    def _index(queryset, label_attr):
        index = {}
        names = []
        for item in queryset:
            label = getattr(item, label_attr)
            names.append(label)
            for text in [label, *item.synonyms]:
                if text is not None and text.strip():
                    index.setdefault(fold(text), item)
        return index, names

    def memo(self, key, compute):
        """Cells repeat ("ĐH", "Thái", the same unit) across thousands of rows: decide each once."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value
        except TypeError:  # an unhashable cell value
            return compute()

    def title_category(self, title: str, unit: Unit, day: datetime.date) -> str:
        """The category the title catalogue gives `title` in `unit` on `day` ("" when it names no
        catalogue title, or titles of different categories): a commune-level title only in a
        commune, ward or town, a provincial one elsewhere; an entry valid that day first, else the
        latest one (a renamed title keeps its category)."""
        if self._titles is None:
            self._titles = defaultdict(list)
            for answer in events.collect(events.TitleCategories()):
                for spelling, category, level, valid_from, valid_to in answer:
                    self._titles[fold(spelling)].append((category, level, valid_from, valid_to))
        commune = unit.kind in COMMUNE_LEVEL
        fitting = [
            entry
            for entry in self._titles.get(fold(title), ())
            if entry[1] == "any" or (entry[1] == "commune") == commune
        ]
        valid = [e for e in fitting if e[2] <= day and (e[3] is None or e[3] >= day)]
        if not valid and fitting:
            valid = [max(fitting, key=lambda e: e[2])]
        categories = {e[0] for e in valid}
        return categories.pop() if len(categories) == 1 else ""

    def units_named(self, text: str) -> list[Unit]:
        """Units by name as people write them: "Xã Thanh Nưa", "Thanh Nưa", "UBND xã Thanh Nưa",
        "Ủy ban nhân dân xã Thanh Nưa", "TT. Tuần Giáo", "xã Thanh Nưa, huyện Điện Biên"."""
        key = norm.match_key(text)
        for candidate in (key, norm.match_key(text.split(",")[0])):
            for prefix in COUNCIL_PREFIXES:
                if candidate.startswith(prefix) and candidate[len(prefix) :].startswith(UNIT_KINDS):
                    candidate = candidate[len(prefix) :]
                    break
            for short, full in UNIT_KIND_ABBREVIATIONS.items():
                if candidate.startswith(short):
                    candidate = full + candidate[len(short) :]
                    break
            matches = self.units_by_name.get(candidate, [])
            if matches:
                return matches
        return []

    def unit_for(self, raw) -> tuple[Unit | None, str | None]:
        text = norm.clean_text(raw)
        if not text:
            return self.target, None
        unit = self.units_by_code.get(text.upper())
        if unit:
            return unit, None
        official = official_code_of(text)
        if official is not None:
            return self.unit_by_official_code(official)
        matches = self.units_named(text)
        if len(matches) == 1:
            return matches[0], None
        if len(matches) > 1:
            return None, _("Có %(n)s đơn vị cùng tên “%(v)s”; hãy ghi mã đơn vị.") % {
                "n": len(matches),
                "v": text,
            }
        import difflib

        names = [u.name for u in self.units_by_code.values()]
        close = difflib.get_close_matches(text, names, n=1, cutoff=0.6)
        hint = _(" Có phải “%(s)s”?") % {"s": close[0]} if close else ""
        return None, _("Không có đơn vị “%(v)s” trong %(unit)s.%(hint)s") % {
            "v": text,
            "unit": self.target.name,
            "hint": hint,
        }

    def unit_by_official_code(self, code: str) -> tuple[Unit | None, str | None]:
        """A unit named by its official code (mã đơn vị hành chính) among the open units, which
        people are placed in; an old commune's code names the unit that replaced it in the message."""
        matches = self.units_by_official_code.get(code, [])
        if len(matches) == 1:
            return matches[0], None
        if matches:
            return None, _(
                "Mã đơn vị hành chính “%(v)s” đang ghi cho %(n)s đơn vị (%(units)s); hãy ghi mã đơn vị của canbo."
            ) % {"v": code, "n": len(matches), "units": ", ".join(f"{u.name} ({u.code})" for u in matches)}
        closed = (
            Unit.unscoped.filter(path__startswith=self.target.path, official_code=code, valid_to__isnull=False)
            .order_by("-valid_to")
            .first()
        )
        if closed is not None:
            after = closed.successions.select_related("successor").order_by("-date").first()
            now = _(" (nay thuộc “%(name)s”)") % {"name": after.successor.name} if after else ""
            return None, _(
                "Mã đơn vị hành chính “%(v)s” là của “%(name)s”, đơn vị chỉ có hiệu lực đến ngày %(day)s%(now)s; "
                "hãy ghi đơn vị hiện nay."
            ) % {
                "v": code,
                "name": closed.name,
                "day": date_format(closed.valid_to, "SHORT_DATE_FORMAT"),
                "now": now,
            }
        return None, _("Không có đơn vị nào có mã đơn vị hành chính “%(v)s” trong %(unit)s.") % {
            "v": code,
            "unit": self.target.name,
        }


def _lookup(index_names, raw, what: str):
    index, names = index_names
    text = norm.clean_text(raw)
    if not text:
        return None, None
    item = index.get(fold(text))
    if item:
        return item, None
    import difflib

    close = difflib.get_close_matches(text, names, n=1, cutoff=0.5)
    hint = _(" Có phải “%(s)s”?") % {"s": close[0]} if close else ""
    return None, _("Không nhận ra %(what)s “%(v)s”.%(hint)s") % {"what": what, "v": text, "hint": hint}


def _checked(lk: Lookups, kind: str, raw, parse):
    """(value, None) or (None, reason), decided once per distinct cell value: genders, Party marks
    and birth dates repeat across a large file."""

    def compute():
        try:
            return parse(raw), None
        except ValueError as e:
            return None, str(e)

    return lk.memo((kind, raw), compute)


# The import's column for each field a person rule may refuse (the birth columns read both).
RULE_COLUMNS = {"birth_year": "birth", "birth_date": "birth"}


def _parse_row(row: int, rec: dict, lk: Lookups, header, today) -> tuple[Parsed | None, list[RowError]]:
    errors: list[RowError] = []
    warnings: list[RowError] = []

    def err(field_name, value, message):
        errors.append(RowError(row, _column_name(field_name, header), norm.clean_text(value), message))

    def warn(field_name, value, message):
        warnings.append(RowError(row, _column_name(field_name, header), norm.clean_text(value), message))

    person: dict = {}
    name = norm.clean_name(rec.get("full_name"))
    person["full_name"] = name
    gender, problem = _checked(lk, "gender", rec.get("gender"), norm.parse_gender)
    if problem:
        err("gender", rec.get("gender"), problem)
    person["gender"] = gender or ""
    birth, problem = _checked(lk, "birth", rec.get("birth"), lambda v: norm.parse_birth(v, today=today))
    if problem:
        err("birth", rec.get("birth"), problem)
    birth_date, birth_year = birth or (None, None)
    person["birth_date"], person["birth_year"] = birth_date, birth_year
    person["id_number"], person["old_id_number"] = _identity(rec, err, warn)
    raw = rec.get("ethnicity")
    ethnicity, problem = lk.memo(("ethnicity", raw), lambda: _lookup(lk.ethnicities, raw, _("dân tộc")))
    if problem:
        err("ethnicity", rec.get("ethnicity"), problem)
    person["ethnicity_id"] = ethnicity.pk if ethnicity else None
    raw = rec.get("religion")
    religion, problem = lk.memo(("religion", raw), lambda: _lookup(lk.religions, raw, _("tôn giáo")))
    if problem:
        err("religion", rec.get("religion"), problem)
    person["religion_id"] = religion.pk if religion else None
    joined = None
    if norm.clean_text(rec.get("party_joined_on")):
        try:
            joined = norm.parse_date(rec.get("party_joined_on"))
        except ValueError as e:
            err("party_joined_on", rec.get("party_joined_on"), str(e))
    mark, problem = _checked(lk, "party", rec.get("party_member"), lambda v: norm.parse_party(v, today=today))
    if problem:
        err("party_member", rec.get("party_member"), problem)
    party, joined_by_mark = mark or (None, None)
    joined = joined or joined_by_mark  # the admission date written in the "Đảng viên" column
    person["party_joined_on"] = joined
    person["party_member"] = bool(party) or joined is not None
    value = rec.get("home_town")
    person["home_town"] = norm.clean_text(value) if value else ""
    # Phone and e-mail are parsed (and refused) by the person rules below, once.
    person["phone"], person["email"] = rec.get("phone") or "", rec.get("email") or ""
    # The rules every person obeys (people.rules, as the services apply them), on the values read;
    # a column already refused for its cell is not blamed twice.
    refused = {e.column for e in errors}
    for rule_field, messages in rules.check_person(person, today=today).items():
        column_field = RULE_COLUMNS.get(rule_field, rule_field)
        if _column_name(column_field, header) in refused:
            continue
        if column_field == "birth" and _column_name("id_number", header) in refused:
            continue  # "ID or birth needed": the ID cell was refused already, for its own reason
        for message in messages:
            err(column_field, rec.get(column_field, "") if column_field != "full_name" else name, message)

    raw = rec.get("unit")
    unit, problem = lk.memo(("unit", raw), lambda: lk.unit_for(raw))
    named = bool(norm.clean_text(raw))  # an empty cell takes the import's target unit
    if problem:
        err("unit", rec.get("unit"), problem)
    assignment: dict = {}
    category_text = norm.clean_text(rec.get("category"))
    if category_text:
        code = lk.categories.get(fold(category_text))
        if code is None:
            import difflib

            close = difflib.get_close_matches(category_text, lk.category_labels, n=1, cutoff=0.5)
            hint = _(" Có phải “%(s)s”?") % {"s": close[0]} if close else ""
            err(
                "category",
                category_text,
                _("Không nhận ra loại “%(v)s”.%(hint)s") % {"v": category_text, "hint": hint},
            )
        assignment["category"] = code or ""
    for key in ("title", "job_position", "rank", "sector", "decision"):
        value = rec.get(key)
        text = norm.clean_text(value) if value else ""
        if text:
            assignment["decision_number" if key == "decision" else key] = text
    if norm.clean_text(rec.get("start_date")):
        try:
            assignment["start_date"] = norm.parse_date(rec.get("start_date"))
        except ValueError as e:
            err("start_date", rec.get("start_date"), str(e))
    if not category_text and assignment.get("title") and unit is not None:
        _infer_category(assignment, unit, lk, today, warn)

    qualifications: list[Held] = []
    for field_name, ladder_code in LADDER_FIELDS.items():
        raw = rec.get(field_name)
        if raw is None or raw == "" or ladder_code not in lk.ladders or not norm.clean_text(raw):
            continue
        held, notes, problem = lk.memo(
            ("levels", ladder_code, raw), lambda c=ladder_code, r=raw: _read_levels(lk, c, r, today)
        )
        if problem:
            err(field_name, raw, problem)
            continue
        for message in notes:
            warn(field_name, raw, message)
        column_field = norm.clean_text(rec.get(FIELD_OF.get(field_name, ""), ""))
        if column_field and len(held) == 1:  # a "Chuyên ngành" column names the field of a lone degree
            one = held[0]  # built directly: NamedTuple._replace costs as much as the rest of the row
            held = [Held(one.ladder_id, one.level_id, column_field, one.test_name, one.score, one.note)]
        qualifications.extend(held)
    if errors:
        return None, errors
    key = None
    if not person["id_number"]:
        key = (fold(name), person["birth_date"] or person["birth_year"] or person["old_id_number"])
    return Parsed(row, person, unit, assignment, qualifications, key, unit_named=named, warnings=warnings), []


def _infer_category(assignment: dict, unit: Unit, lk: Lookups, today, warn) -> None:
    """A row without a category ("Loại") takes the one the title catalogue gives its title, at the
    assignment's start (today without one): without a category no class accepts the person. The
    preview says what was inferred, and which titles gave nothing, so the officer can add a column;
    `category_inferred` lets the writer keep a category already stored (an HR correction)."""
    title = assignment["title"]
    day = assignment.get("start_date") or today
    # A list may write the category itself in the title column ("Công chức"): it is the category.
    code = lk.categories.get(fold(title)) or lk.memo(
        ("title_category", title, unit.kind, day), lambda: lk.title_category(title, unit, day)
    )
    if code:
        assignment["category"] = code
        assignment["category_inferred"] = True
        warn("title", title, _("loại cán bộ suy ra từ chức danh: %(category)s.") % {"category": Category(code).label})
    else:
        warn(
            "title",
            title,
            _("chức danh không có trong danh mục, không suy ra được loại cán bộ; thêm cột “Loại” để ghi loại."),
        )


# Dates written as text "a/b/yyyy": read day first, as Vietnamese write them.
_TEXT_DATE = re.compile(r"^\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{2}|\d{4})\s*$")
TEXT_DATE_FIELDS = ("birth", "party_joined_on", "start_date")


def _day_month(value) -> tuple[int, int] | None:
    match = _TEXT_DATE.match(value) if isinstance(value, str) else None
    return (int(match[1]), int(match[2])) if match else None


def _month_first_columns(records: list[tuple[int, dict]]) -> dict[str, list[int]]:
    """The date fields whose text dates include some written month first ("12/25/1984", refused) and
    none day first ("25/12/1984"): {field: the rows written month first}. In such a column a date
    like "03/04/1991" cannot be read either way without guessing."""
    found: dict[str, list[int]] = {}
    for name in TEXT_DATE_FIELDS:
        month_first, day_first = [], False
        for row, rec in records:
            parts = _day_month(rec.get(name))
            if parts and parts[0] <= 12 < parts[1] <= 31:
                month_first.append(row)
            elif parts and parts[1] <= 12 < parts[0]:
                day_first = True
                break
        if month_first and not day_first:
            found[name] = month_first
    return found


def _unclear_dates(row: int, rec: dict, month_first: dict[str, list[int]], header) -> list[RowError]:
    """A date that reads both ways ("03/04/1991") in a column written month first elsewhere: asked,
    never stored as 3 April when the file meant 4 March."""
    errors = []
    for name, rows in month_first.items():
        parts = _day_month(rec.get(name))
        if parts and parts[0] <= 12 and parts[1] <= 12 and parts[0] != parts[1]:
            errors.append(
                RowError(
                    row,
                    _column_name(name, header),
                    norm.clean_text(rec.get(name)),
                    _(
                        "Cột này có ngày ghi theo kiểu Mỹ (tháng/ngày/năm), ví dụ ở dòng %(rows)s, nên không rõ "
                        "“%(value)s” là ngày %(a)s tháng %(b)s hay ngày %(b)s tháng %(a)s; hãy ghi lại các ngày của "
                        "cột theo ngày/tháng/năm."
                    )
                    % {
                        "rows": ", ".join(str(r) for r in rows[:3]),
                        "value": norm.clean_text(rec.get(name)),
                        "a": parts[0],
                        "b": parts[1],
                    },
                )
            )
    return errors


def _identity(rec: dict, err, warn) -> tuple[str | None, str | None]:
    """(personal ID, old CMND) of a row. A 9-digit number in the ID column is an old CMND: kept as
    such, the row stays valid and gets a note asking for the personal ID."""
    number = old = None
    raw = rec.get("id_number")
    try:
        number = norm.parse_id_number(raw)
    except norm.OldIdNumber as cmnd:
        old = cmnd.digits
        warn(
            "id_number",
            raw,
            _("Số CMND cũ 9 chữ số, đã lưu vào số CMND cũ; cần bổ sung số định danh cá nhân."),
        )
    except ValueError as e:
        err("id_number", raw, str(e))
    raw_old = rec.get("old_id_number")
    try:
        written = norm.parse_old_id_number(raw_old)
    except ValueError as e:
        err("old_id_number", raw_old, str(e))
        written = None
    if written and old and written != old:
        err(
            "old_id_number",
            raw_old,
            _("Số CMND cũ “%(old)s” khác số 9 chữ số “%(id)s” ghi ở cột số định danh; hãy giữ một số đúng.")
            % {"old": written, "id": old},
        )
    return number, written or old


def _read_levels(lk: Lookups, ladder_code: str, raw, today) -> tuple[list[Held], list[str], str | None]:
    """The qualifications a cell of one ladder names, the notes on how they were read, or why the
    cell could not be read. Decided once per distinct cell (the same spellings fill a large file)."""
    if ladder_code == "foreign_language":
        return _read_languages(lk, raw, today)
    ladder, levels = lk.ladders[ladder_code]
    found = lk.matchers[ladder_code].read_all(raw)
    if found is None:
        return [], [], _unknown_level(lk, ladder_code, raw)
    held, notes = [], []
    for reading in found:
        level = levels[reading.code]
        notes.extend(_reading_notes(reading, level))
        held.append(Held(ladder.pk, level.pk, norm.clean_text(reading.rest) if ladder.has_field else ""))
    return held, list(dict.fromkeys(notes)), None  # "DH Luật; DH Kinh tế": one note


def _unknown_level(lk: Lookups, ladder_code: str, raw) -> str:
    ladder, levels = lk.ladders[ladder_code]
    suggestion = lk.matchers[ladder_code].suggest(raw)
    hint = _(" Có phải “%(s)s”?") % {"s": suggestion} if suggestion else ""
    accepted = ", ".join(lv.label for lv in levels.values() if lv.code in lk.matchers[ladder_code].labels)
    return _("Không nhận ra trình độ “%(v)s” (%(ladder)s).%(hint)s Giá trị hợp lệ: %(accepted)s.") % {
        "v": norm.clean_text(raw),
        "ladder": ladder.name,
        "hint": hint,
        "accepted": accepted,
    }


def _reading_notes(reading: norm.Reading, level) -> list[str]:
    """What the officer should know of a reading: a spelling accepted without its diacritics, or an
    old certificate recorded as today's level (and why)."""
    notes = []
    if reading.old_name:
        notes.append(
            _("“%(written)s” là tên gọi cũ, được ghi là “%(label)s”. %(why)s")
            % {"written": reading.written, "label": level.label, "why": level.note}
        )
    elif reading.loose:
        notes.append(
            _("Đọc “%(written)s” là “%(label)s” (sai hoặc thiếu dấu); hãy kiểm tra lại.")
            % {"written": reading.written, "label": level.label}
        )
    return notes


_LIST = re.compile(r"[;\n+]")


def _read_languages(lk: Lookups, raw, today) -> tuple[list[Held], list[str], str | None]:
    """A "Ngoại ngữ" cell: one or more of "Tiếng Anh B" (the old certificate), "B1" / "Trình độ B1" /
    "Bậc 3" (the framework's Bậc 3), "IELTS 6.5" / "TOEIC 550" / "VSTEP B2" (a test, with its score),
    each with its language."""
    text = norm.clean_text(raw)
    parts = [part for part in _LIST.split(text) if part.strip()] if isinstance(raw, str) else [raw]
    if len(parts) == 1 and isinstance(raw, str):
        pieces = [part for part in text.split(",") if part.strip()]
        if len(pieces) > 1 and all(_read_language(lk, piece, today)[2] is None for piece in pieces):
            parts = pieces
    held: list[Held] = []
    notes: list[str] = []
    for part in parts:
        found, said, problem = _read_language(lk, part, today)
        if problem:
            return [], [], problem
        held.extend(found)
        notes.extend(said)
    return held, list(dict.fromkeys(notes)), None


def _language_at_start(lk: Lookups, text: str) -> tuple[str, str]:
    """("Tiếng Anh", "B") from "Anh văn B"; ("", text) when no language name starts the text."""
    key = norm.match_key(text)
    for alias, name in lk.languages:
        if key == alias or key.startswith(alias + " "):
            words = len(alias.split())
            rest = text.split(None, words)[words:] if len(text.split()) > words else []
            return name, (rest[0] if rest else "").strip(" -–:,()")
    return "", text


def _language_named(lk: Lookups, text: str) -> str:
    """The canonical language a field names ("Anh văn" → "Tiếng Anh"), else the text as written."""
    key = norm.match_key(text)
    return next((name for alias, name in lk.languages if key == alias), text)


def _read_language(lk: Lookups, part, today) -> tuple[list[Held], list[str], str | None]:
    ladder, levels = lk.ladders["foreign_language"]
    try:
        test = norm.read_language_test(part, lk.tests)
    except ValueError as e:
        return [], [], str(e)
    if test is None and isinstance(part, str) and len(words := norm.clean_text(part).split()) >= 2:
        try:  # "B1 VSTEP", "6.5 IELTS": the test named after its result
            test = norm.read_language_test(" ".join([words[-1], *words[:-1]]), lk.tests)
        except ValueError:
            test = None
    if test is not None:
        return _read_test(lk, test, today)
    language, rest = _language_at_start(lk, norm.clean_text(part)) if isinstance(part, str) else ("", part)
    reading = lk.matchers["foreign_language"].read(rest) if rest else None
    if reading is None:  # "Tiếng Anh B1", "Anh B" are also synonyms as a whole
        reading = lk.matchers["foreign_language"].read(part)
        language = _language_at_start(lk, reading.written)[0] if reading else ""
    if reading is None:
        return [], [], _unknown_level(lk, "foreign_language", part)
    level = levels[reading.code]
    after = norm.clean_text(reading.rest)  # "Bậc 2 Tiếng Anh", "B - Anh văn": the language after the level
    field_text = language or (_language_named(lk, after) if after else "")
    return [Held(ladder.pk, level.pk, field_text)], _reading_notes(reading, level), None


def _read_test(lk: Lookups, test: norm.LanguageTest, today) -> tuple[list[Held], list[str], str | None]:
    """A language test's result: the score kept, the level read from the equivalence table valid
    today (or the level written with the test, "VSTEP B2"), the source in the note."""
    ladder, levels = lk.ladders["foreign_language"]
    notes: list[str] = []
    shown = f"{test.test} {norm.score_text(test.score)}".strip()
    if test.score is None:
        level = levels[f"bac_{test.level}"]
        note = _("%(test)s %(level)s") % {"test": test.test, "level": level.label}
        return [Held(ladder.pk, level.pk, test.language, test.test, None, note)], notes, None
    rows = [
        r
        for r in lk.equivalences
        if r.test == test.test and r.valid_from <= today and (r.valid_to is None or today <= r.valid_to)
    ]
    if not rows:
        return (
            [],
            [],
            _("Chưa có bảng quy đổi điểm %(test)s áp dụng ngày %(day)s; hãy ghi bậc (ví dụ “Bậc 3 Tiếng Anh”).")
            % {"test": test.test, "day": today.strftime("%d/%m/%Y")},
        )
    row = next((r for r in rows if r.min_score <= test.score <= r.max_score), None)
    top = max(rows, key=lambda r: r.max_score)
    lowest = min(rows, key=lambda r: r.min_score)
    source = _short_source(top.source)
    if row is None and test.score > top.max_score:
        row = top
        notes.append(
            _(
                "Điểm %(shown)s cao hơn mức cao nhất của bảng quy đổi (%(source)s: %(test)s %(low)s–%(high)s = "
                "%(level)s); ghi nhận %(level)s."
            )
            % {
                "shown": shown,
                "source": source,
                "test": test.test,
                "low": norm.score_text(top.min_score),
                "high": norm.score_text(top.max_score),
                "level": top.level.label,
            }
        )
    elif row is None:
        return (
            [],
            [],
            _(
                "Điểm %(shown)s thấp hơn mức thấp nhất của bảng quy đổi (%(source)s: %(test)s %(low)s = "
                "%(level)s), nên không quy đổi được thành bậc; hãy ghi bậc đã được công nhận (ví dụ “Bậc 2 "
                "Tiếng Anh”) hoặc để trống."
            )
            % {
                "shown": shown,
                "source": _short_source(lowest.source),
                "test": test.test,
                "low": norm.score_text(lowest.min_score),
                "level": lowest.level.label,
            },
        )
    if not row.confirmed:
        notes.append(
            _("Điểm %(shown)s được quy đổi thành %(level)s theo một dòng chưa xác nhận của bảng quy đổi: %(why)s")
            % {"shown": shown, "level": row.level.label, "why": row.note}
        )
    if test.level is not None and test.level != row.level.rank:
        notes.append(
            _("Tệp ghi %(shown)s kèm bậc %(written)s, nhưng theo bảng quy đổi là %(level)s; ghi nhận %(level)s.")
            % {"shown": shown, "written": test.level, "level": row.level.label}
        )
    note = _("%(shown)s = %(level)s theo %(source)s%(unconfirmed)s") % {
        "shown": shown,
        "level": row.level.label,
        "source": _short_source(row.source),
        "unconfirmed": "" if row.confirmed else _(" (dòng chưa xác nhận)"),
    }
    return [Held(ladder.pk, row.level_id, test.language, test.test, test.score, note[:255])], notes, None


def _short_source(source: str) -> str:
    """ "TT 23/2021/TT-BGDĐT" of "TT 23/2021/TT-BGDĐT (30/8/2021), phụ lục …"."""
    return source.split(" (", 1)[0].split(",", 1)[0]


def import_people(
    path,
    *,
    unit: Unit,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Callable[[int, int], None] | None = None,
    today: datetime.date | None = None,
    sheet: str | None = None,
    mapping: dict | None = None,
    recall: Callable[[str], Recalled | None] | None = None,
    accept_doubtful: bool = False,
) -> ImportResult:
    """Validate every row, then (unless dry-run or refused) write people, assignments and levels.

    `mapping`: the officer's column mapping (column index, letter or header text -> field or None),
    applied over what the reader detected; without one, `recall(signature)` may supply the mapping
    saved for files with these headers. A column the reader is unsure of (tabular.mapping.DOUBTFUL)
    blocks the write until the mapping settles it, unless `accept_doubtful`: a misread column would
    store wrong values under a green preview."""
    ctx = context.require()
    authorize(
        ctx.user,
        Perm.IMPORT_PEOPLE,
        unit,
        denied=_("Bạn không có quyền nhập dữ liệu cho “%(unit)s”.") % {"unit": unit},
    )
    today = today or timezone.localdate()
    result = ImportResult()
    limits = Limits(
        max_bytes=settings.CANBO_IMPORT_MAX_BYTES,
        max_uncompressed_bytes=settings.CANBO_IMPORT_MAX_UNCOMPRESSED_BYTES,
    )
    try:
        table, recalled_note = open_mapped(
            path,
            cols.PEOPLE_COLUMNS,
            fields=mappable_fields(),
            mapping=mapping,
            recall=recall,
            limits=limits,
            sheet=sheet,
        )
        header = table.match
        records = list(table_records(table))
        result.header_row = header.row_number
        result.width = header.width
        result.sensitive_columns = sorted(f for f in header.fields if is_sensitive(f))
        result.sheet = table.sheet or None
        result.notes = table_notes(table) + ([recalled_note] if recalled_note else [])
        result.columns = column_list(table)
        result.fields = {
            code: cols.FIELD_LABELS.get(code, variants[0]) for code, variants in cols.PEOPLE_COLUMNS.items()
        }
        result.tables = [n for n in table.sheets if n == table.sheet or n in table.other_tables]
    except FileRefused as refused:
        result.refused = refused.message
        return result
    lk = Lookups(unit)
    parsed: list[Parsed] = []
    seen_ids: dict[str, int] = {}
    seen_keys: dict[tuple, int] = {}
    result.rows = len(records)
    month_first = _month_first_columns(records)
    for done, (row, rec) in enumerate(records, 1):
        item, errors = _parse_row(row, rec, lk, header, today)
        unclear = _unclear_dates(row, rec, month_first, header)
        if unclear:
            item, errors = None, [*errors, *unclear]
        if item is not None:
            pid = item.person["id_number"]
            if pid and pid in seen_ids:
                errors = [
                    RowError(
                        row,
                        _column_name("id_number", header),
                        pid,
                        _("Trùng số định danh với dòng %(r)s của tệp.") % {"r": seen_ids[pid]},
                    )
                ]
            elif not pid and item.match_key in seen_keys:
                errors = [
                    RowError(
                        row,
                        _column_name("full_name", header),
                        item.person["full_name"],
                        _("Trùng họ tên và ngày sinh với dòng %(r)s của tệp, mà không có số định danh để phân biệt.")
                        % {"r": seen_keys[item.match_key]},
                    )
                ]
            elif pid:
                seen_ids[pid] = row
            else:
                seen_keys[item.match_key] = row
        if errors:
            result.errors.extend(errors)
            result.invalid += 1
            result.statuses.append(
                [row, "invalid", norm.clean_text(rec.get("full_name")), "; ".join(e.message for e in errors)]
            )
        else:
            parsed.append(item)
        if progress and done % 1000 == 0:
            progress(done, result.rows * 2)
    existing, problems = _match_existing(parsed, unit, user=ctx.user)
    problems.update(_refuse_moves(parsed, existing, unit, header))
    for item in list(parsed):
        if item.row in problems:
            field_name, message = problems[item.row]
            value = item.unit.name if field_name == "unit" else item.person[field_name] or ""
            result.errors.append(RowError(item.row, _column_name(field_name, header), value, message))
            result.invalid += 1
            result.statuses.append([item.row, "invalid", item.person["full_name"], message])
            parsed.remove(item)
    result.valid = len(parsed)
    result.add_warnings(w for item in parsed for w in item.warnings)
    for item in parsed:
        result.statuses.append(
            [item.row, "updated" if item.row in existing else "created", item.person["full_name"], ""]
        )
    result.statuses.sort(key=lambda s: s[0])
    result.errors.sort(key=lambda e: e.row)
    result.updated = sum(1 for item in parsed if item.row in existing)
    result.created = len(parsed) - result.updated
    if doubts(result.columns) and not accept_doubtful and not dry_run:
        result.refused = doubt_message(result.columns, mappable_fields())
        result.created = result.updated = 0  # a column read without certainty: nothing is written
        return result
    if result.invalid and not skip_invalid and not dry_run:
        result.created = result.updated = 0  # refused: nothing is written
        return result
    if dry_run or not parsed:
        return result
    bulk.write(parsed, existing, unit=unit, ctx=ctx, today=today, progress=progress, total=result.rows)
    result.written = True
    return result


def _match_existing(parsed: list[Parsed], unit: Unit, *, user) -> tuple[dict[int, Person], dict[int, tuple]]:
    """Rows that update an existing person: same ID number anywhere, or (no ID) the same name and
    birth within the target subtree when exactly one such person exists.

    A row whose ID number belongs to someone outside the actor's reach is refused (never matched,
    never moved): `problems` maps such rows, and ambiguous ones, to (field, message); the message
    never names the holder or their unit."""
    existing: dict[int, Person] = {}
    problems: dict[int, tuple[str, str]] = {}
    by_id = {p.person["id_number"]: p for p in parsed if p.person["id_number"]}
    # Which ID numbers are known, in one query; then only the people they belong to are loaded.
    known = ids_by_value(Person, "id_number", list(by_id))
    pks = list(known.values())
    scope = reach_of(user)
    for start in range(0, len(pks), BATCH):
        for person in Person.unscoped.filter(pk__in=pks[start : start + BATCH]).select_related("unit"):
            row = by_id[person.id_number].row
            if within_reach(user, person, scope=scope):
                existing[row] = person
            else:
                problems[row] = ("id_number", outside_reach_message() + ".")
    _match_unknown_ids(parsed, unit, user=user, scope=scope, existing=existing, problems=problems)
    keyed = [p for p in parsed if p.match_key and p.row not in existing and p.row not in problems]
    names = list({p.match_key[0] for p in keyed})
    candidates: dict[tuple, list[Person]] = defaultdict(list)
    for start in range(0, len(names), BATCH):
        for person in Person.unscoped.filter(
            name_key__in=names[start : start + BATCH], unit_path__startswith=unit.path
        ).select_related("unit"):
            candidates[(person.name_key, person.birth_date or person.birth_year)].append(person)
            if person.birth_date:
                candidates[(person.name_key, person.birth_year)].append(person)
    for p in keyed:
        found = candidates.get(p.match_key, [])
        if len(found) == 1:
            existing[p.row] = found[0]
        elif len(found) > 1:
            problems[p.row] = (
                "full_name",
                _("Có %(n)s hồ sơ cùng họ tên và ngày sinh trong đơn vị; hãy ghi số định danh để phân biệt.")
                % {"n": len(found)},
            )
    return existing, problems


def _match_unknown_ids(parsed: list[Parsed], unit: Unit, *, user, scope, existing: dict, problems: dict) -> None:
    """Rows whose personal ID is not known yet still find the person they update: by the old CMND
    (the number a person recorded before the CCCD was known), then — for a row bringing a new
    personal ID — by name and birth among the target's people who have no personal ID yet. So adding
    the CCCD a note asked for updates the person instead of creating a second one. An old number
    held outside the actor's reach is refused like a personal ID (never who, never where)."""
    waiting = [p for p in parsed if p.row not in existing and p.row not in problems]
    by_old: dict[str, list[Parsed]] = defaultdict(list)
    for p in waiting:
        if p.person.get("old_id_number"):
            by_old[p.person["old_id_number"]].append(p)
    holders: dict[str, list[Person]] = defaultdict(list)
    numbers = list(by_old)
    for start in range(0, len(numbers), BATCH):
        for person in Person.unscoped.filter(old_id_number__in=numbers[start : start + BATCH]).select_related("unit"):
            holders[person.old_id_number].append(person)
    for number, rows in by_old.items():
        for p in rows:
            # Old cards were numbered per province, so the number alone names no one: the name decides,
            # with one holder too (else a row naming someone else renames them, "updated").
            found = holders.get(number, [])
            named = [h for h in found if h.name_key == fold(p.person["full_name"])]
            if found and not named and not p.person["id_number"]:
                reach = all(within_reach(user, h, scope=scope) for h in found)
                problems[p.row] = ("old_id_number", _old_other_name() if reach else _old_outside())
                continue
            if len(named) != 1:
                continue  # with a personal ID, a new person who happens to share the old number
            holder = named[0]
            if p.person["id_number"] and holder.id_number and holder.id_number != p.person["id_number"]:
                continue  # another person who happens to share the old number
            if not within_reach(user, holder, scope=scope):
                problems[p.row] = ("old_id_number", _old_outside())
            else:
                existing[p.row] = holder
    newcomers = [
        p
        for p in parsed
        if p.person["id_number"]
        and p.row not in existing
        and p.row not in problems
        and (p.person["birth_date"] or p.person["birth_year"])
    ]
    if not newcomers or not Person.unscoped.filter(unit_path__startswith=unit.path, id_number__isnull=True).exists():
        return  # the usual large import: everyone known has a personal ID, nothing to look for by name
    names = list({fold(p.person["full_name"]) for p in newcomers})
    candidates: dict[tuple, list[Person]] = defaultdict(list)
    for start in range(0, len(names), BATCH):
        for person in Person.unscoped.filter(
            name_key__in=names[start : start + BATCH], unit_path__startswith=unit.path, id_number__isnull=True
        ).select_related("unit"):
            candidates[(person.name_key, person.birth_date or person.birth_year)].append(person)
            if person.birth_date:
                candidates[(person.name_key, person.birth_year)].append(person)
    for p in newcomers:
        found = candidates.get((fold(p.person["full_name"]), p.person["birth_date"] or p.person["birth_year"]), [])
        if len(found) == 1:
            existing[p.row] = found[0]


def _old_other_name() -> str:
    """Said of an old CMND held, within reach, by someone of another name: ask, never guess."""
    return _(
        "Số CMND cũ này đã có trong hồ sơ của một người khác họ tên. Nếu là cùng một người, hãy sửa họ tên cho "
        "khớp với hồ sơ; nếu là người khác (số CMND cũ do từng tỉnh cấp nên có thể trùng), hãy ghi số định danh "
        "cá nhân 12 chữ số."
    )


def _old_outside() -> str:
    """Said of an old CMND held by someone the actor does not reach: never who, never where."""
    return _("Số CMND cũ này thuộc một người ngoài phạm vi quản lý của bạn; đề nghị đơn vị quản lý chuyển hồ sơ.")


def _refuse_moves(parsed: list[Parsed], existing: dict[int, Person], target: Unit, header) -> dict[int, tuple]:
    """An import never moves anyone (transfers are their own workflow): a known person stays in
    their unit when the row took the default unit and they work within the target's subtree (the
    row then updates them there); any other unit mismatch refuses the row, naming their unit."""
    problems: dict[int, tuple[str, str]] = {}
    column = "unit" if "unit" in header.fields else "id_number"
    for item in parsed:
        person = existing.get(item.row)
        if person is None or person.unit_id is None or person.unit_id == item.unit.pk:
            continue  # a person with no unit yet is placed, not moved
        if not item.unit_named and person.unit_path.startswith(target.path):
            item.unit = person.unit
            continue
        problems[item.row] = (
            column if column == "unit" or item.person["id_number"] else "full_name",
            _(
                "Người này đang công tác tại «%(unit)s»; chuyển đơn vị bằng chức năng «Chuyển công tác» "
                "trên trang hồ sơ (bên chuyển đi đề nghị, bên nhận tiếp nhận), không qua nhập tệp."
            )
            % {"unit": person.unit.name},
        )
    return problems


def mappable_fields() -> dict[str, str]:
    """The fields a column can be mapped to (`--map "C=code"`, the preview's selects), translated."""
    return {code: cols.field_label(code) if code in cols.FIELD_LABELS else code for code in cols.PEOPLE_COLUMNS}


def run(
    path,
    *,
    unit,
    dry_run=False,
    skip_invalid=False,
    progress=None,
    sheet=None,
    mapping=None,
    recall=None,
    accept_doubtful=False,
    **_options,
) -> ImportResult:
    """The registry's entry point (`canbo import people`, the web upload)."""
    return import_people(
        path,
        unit=unit,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        progress=progress,
        sheet=sheet,
        mapping=mapping,
        recall=recall,
        accept_doubtful=accept_doubtful,
    )


registry.register(
    registry.ImportKind(
        name="people",
        label=gettext_noop("Danh sách cán bộ, công chức, viên chức"),
        run="canbo.people.imports.run",
        upload=True,
    )
)
