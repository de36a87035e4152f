"""Importing people from the Excel files offices already have.

Every row is read, normalised and validated before anything is written; when a row is invalid
nothing is written unless the caller asked to skip invalid rows. Writes are set-based (bulk
inserts and updates in batches) and logged in the change log like any other change.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.accounts.permissions import Perm, authorize, ensure_within_reach, reach_of, within_reach
from canbo.core import audit, context
from canbo.core.audit import LOG_COLUMNS, bulk_log_rows
from canbo.core.bulk import ids_by_value
from canbo.core.models import ChangeAction, ChangeLogEntry
from canbo.core.text import fold
from canbo.exchange import columns as cols
from canbo.exchange import normalise as norm
from canbo.exchange.reader import FileRefused, Limits, Table, open_table, table_records
from canbo.orgs.models import Unit
from canbo.people import reference_data as ref
from canbo.people.columns import (
    ASSIGNMENT_COLUMNS,
    ASSIGNMENT_DETAILS,
    PERSON_COLUMNS,
    PERSON_LEVEL_COLUMNS,
    QUALIFICATION_COLUMNS,
)
from canbo.people.models import (
    Assignment,
    Ethnicity,
    Ladder,
    Person,
    Qualification,
    Religion,
)
from canbo.people.sensitive import is_sensitive
from canbo.people.services import outside_reach_message, people_changed, refresh_levels

BATCH = 2000
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
PERSON_ATTRS = (
    "full_name",
    "gender",
    "birth_date",
    "birth_year",
    "id_number",
    "ethnicity_id",
    "religion_id",
    "party_member",
    "party_joined_on",
    "home_town",
    "phone",
    "email",
)


@dataclass
class RowError:
    row: int
    column: str
    value: str
    message: str


@dataclass
class ImportResult:
    rows: int = 0
    valid: int = 0
    invalid: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    refused: str = ""  # set when the whole file was refused (not a spreadsheet, too big, …)
    sheet: str | None = None  # the worksheet read (None for CSV)
    notes: list[str] = field(default_factory=list)  # what the user should know: sheet chosen, hidden rows…
    tables: list[str] = field(default_factory=list)  # the sheets holding a list (the preview offers them)
    header_row: int = 0
    width: int = 0
    written: bool = False
    statuses: list[list] = field(default_factory=list)  # [row, "created"|"updated"|"invalid", name, msg]
    sensitive_columns: list[str] = field(default_factory=list)  # sensitive fields the header names

    def as_json(self) -> dict:
        data = {
            "rows": self.rows,
            "valid": self.valid,
            "invalid": self.invalid,
            "created": self.created,
            "updated": self.updated,
            "errors": [asdict(e) for e in self.errors],
            "sheet": self.sheet,
            "tables": self.tables,
            "notes": self.notes,
        }
        if self.refused:
            data["refused"] = self.refused
        return data


@dataclass
class Parsed:
    """One row after normalisation: the values to write and where they came from."""

    row: int
    person: dict
    unit: Unit
    assignment: dict
    qualifications: list[tuple[int, int, str]]  # (ladder_id, level_id, field)
    match_key: tuple | None = None
    unit_named: bool = False  # the row's own unit cell named the unit (not the import's default)


def _column_name(field_name: str, header) -> str:
    label = cols.FIELD_LABELS.get(field_name, field_name)
    index = next((i for i, f in header.columns.items() if f == field_name), None)
    return f"{label} ({_letter(index)})" if index is not None else label


def _letter(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return f"cột {name}"


UNIT_KINDS = ("xa ", "phuong ", "thi tran ", "dac khu ")
# "UBND xã …" names the commune itself (its people's committee), as lists from the commune write it.
COUNCIL_PREFIXES = ("ubnd ", "uy ban nhan dan ", "hdnd va ubnd ", "hdnd ubnd ")
UNIT_KIND_ABBREVIATIONS = {"tt ": "thi tran ", "p ": "phuong ", "x ": "xa "}


class Lookups:
    """Everything a row is checked against, loaded once per file."""

    def __init__(self, unit: Unit):
        self.target = unit
        self._memo: dict = {}
        self.units_by_code = {}
        self.units_by_name = defaultdict(list)
        for u in Unit.unscoped.filter(path__startswith=unit.path, valid_to__isnull=True):
            self.units_by_code[u.code] = u
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
        for ladder in Ladder.objects.prefetch_related("levels"):
            levels = list(ladder.levels.all())
            self.ladders[ladder.code] = (ladder, {lv.code: lv for lv in levels})
            self.matchers[ladder.code] = norm.LevelMatcher(
                ladder.name, [(lv.code, lv.label, [*lv.synonyms, lv.label]) for lv in levels]
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


def _parse_row(row: int, rec: dict, lk: Lookups, header, today) -> tuple[Parsed | None, list[RowError]]:
    errors: list[RowError] = []

    def err(field_name, value, message):
        errors.append(RowError(row, _column_name(field_name, header), norm.clean_text(value), message))

    person: dict = {}
    name = norm.clean_name(rec.get("full_name"))
    if not name:
        err("full_name", "", _("Thiếu họ và tên."))
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
    try:
        person["id_number"] = norm.parse_id_number(rec.get("id_number"))
    except ValueError as e:
        err("id_number", rec.get("id_number"), str(e))
        person["id_number"] = None
    if (
        name
        and not person["id_number"]
        and not birth_year
        and not any(
            e.column.startswith(cols.FIELD_LABELS["id_number"]) or e.column.startswith(cols.FIELD_LABELS["birth"])
            for e in errors
        )
    ):
        err("birth", "", _("Cần có số định danh cá nhân hoặc ngày sinh (hoặc năm sinh)."))
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
    if joined and birth_year and joined.year - birth_year < 16:
        err("party_joined_on", rec.get("party_joined_on"), _("Ngày vào Đảng khi chưa đủ 16 tuổi."))
    if joined and joined > today:
        err("party_joined_on", rec.get("party_joined_on"), _("Ngày vào Đảng ở tương lai."))
    for key in ("home_town", "phone", "email"):
        value = rec.get(key)
        person[key] = norm.clean_text(value) if value else ""

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

    qualifications = []
    for field_name, ladder_code in LADDER_FIELDS.items():
        raw = rec.get(field_name)
        if raw is None or raw == "" or ladder_code not in lk.ladders or not norm.clean_text(raw):
            continue
        ladder, levels = lk.ladders[ladder_code]
        matcher = lk.matchers[ladder_code]
        found = lk.memo((ladder_code, raw), lambda m=matcher, r=raw: m.match_all(r))
        if found is None:
            suggestion = lk.matchers[ladder_code].suggest(raw)
            hint = _(" Có phải “%(s)s”?") % {"s": suggestion} if suggestion else ""
            accepted = ", ".join(lv.label for lv in levels.values())
            err(
                field_name,
                raw,
                _("Không nhận ra trình độ “%(v)s” (%(ladder)s).%(hint)s Giá trị hợp lệ: %(accepted)s.")
                % {"v": norm.clean_text(raw), "ladder": ladder.name, "hint": hint, "accepted": accepted},
            )
            continue
        column_field = norm.clean_text(rec.get(FIELD_OF.get(field_name, ""), ""))
        for level_code, remainder in found:
            single = len(found) == 1  # a "Chuyên ngành" column names the field of a lone degree
            extra = (column_field if single else "") or norm.clean_text(remainder)
            qualifications.append((ladder.pk, levels[level_code].pk, extra if ladder.has_field else ""))
    if errors:
        return None, errors
    key = None
    if not person["id_number"]:
        key = (fold(name), person["birth_date"] or person["birth_year"])
    return Parsed(row, person, unit, assignment, qualifications, key, unit_named=named), []


def import_people(
    path,
    *,
    unit: Unit,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Callable[[int, int], None] | None = None,
    today: datetime.date | None = None,
    sheet: str | None = None,
) -> ImportResult:
    """Validate every row, then (unless dry-run or refused) write people, assignments and levels."""
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
        table = open_table(path, cols.PEOPLE_COLUMNS, limits=limits, sheet=sheet)
        header = table.match
        records = list(table_records(table))
        result.header_row = header.row_number
        result.width = header.width
        result.sensitive_columns = sorted(f for f in header.fields if is_sensitive(f))
        result.sheet = table.sheet or None
        result.notes = _table_notes(table)
        result.tables = [n for n in table.sheets if n == table.sheet or n in table.other_tables]
    except FileRefused as refused:
        result.refused = refused.message
        return result
    lk = Lookups(unit)
    parsed: list[Parsed] = []
    seen_ids: dict[str, int] = {}
    seen_keys: dict[tuple, int] = {}
    result.rows = len(records)
    for done, (row, rec) in enumerate(records, 1):
        item, errors = _parse_row(row, rec, lk, header, today)
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
    for item in parsed:
        result.statuses.append(
            [item.row, "updated" if item.row in existing else "created", item.person["full_name"], ""]
        )
    result.statuses.sort(key=lambda s: s[0])
    result.errors.sort(key=lambda e: e.row)
    result.updated = sum(1 for item in parsed if item.row in existing)
    result.created = len(parsed) - result.updated
    if result.invalid and not skip_invalid and not dry_run:
        result.created = result.updated = 0  # refused: nothing is written
        return result
    if dry_run or not parsed:
        return result
    _write(parsed, existing, unit=unit, ctx=ctx, today=today, progress=progress, total=result.rows)
    result.written = True
    return result


def _letters(indexes: list[int]) -> str:
    return ", ".join(_letter(j).removeprefix("cột ") for j in indexes)


def _rows_text(numbers: list[int], limit: int = 20) -> str:
    shown = ", ".join(str(n) for n in numbers[:limit])
    return shown + (_(" và %(n)s dòng khác") % {"n": len(numbers) - limit} if len(numbers) > limit else "")


def _table_notes(table: Table) -> list[str]:
    """What the preview and --json say about how the file was read (never silently)."""
    notes = []
    if len(table.sheets) > 1:
        notes.append(
            _("Đọc trang tính “%(sheet)s” (trang có dòng tiêu đề danh sách); bỏ qua các trang %(others)s.")
            % {"sheet": table.sheet, "others": ", ".join(f"“{n}”" for n in table.sheets if n != table.sheet)}
        )
    if table.other_tables:
        notes.append(
            _(
                "Các trang %(others)s cũng có danh sách nhưng không được đọc: mỗi lần chỉ nhập một trang. "
                "Hãy nhập tiếp từng trang (chọn trang tính ở trang xem trước, hoặc canbo import people … "
                "--sheet “tên trang”), hoặc tách mỗi trang ra một tệp."
            )
            % {"others": ", ".join(f"“{n}”" for n in table.other_tables)}
        )
    below = [n for n in table.hidden_rows if n > table.match.row_number]
    if below:
        notes.append(
            _("Có %(n)s dòng đang bị ẩn trong Excel (dòng %(rows)s); các dòng này vẫn được đọc như mọi dòng khác.")
            % {"n": len(below), "rows": _rows_text(below)}
        )
    used = set(table.match.columns)
    hidden = [j for j in table.hidden_columns if j in used]
    if hidden:
        notes.append(
            _("Có cột đang bị ẩn trong Excel (cột %(cols)s); cột ẩn vẫn được đọc, trừ khi có cột hiện cùng tên.")
            % {"cols": _letters(hidden)}
        )
    if table.match.unknown:
        notes.append(
            _("Các cột không dùng đến: %(names)s.") % {"names": ", ".join(f"“{n}”" for n in table.match.unknown[:20])}
        )
    return notes


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
    keyed = [p for p in parsed if p.match_key]
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


def _chunks(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def _write(parsed, existing, *, unit, ctx, today, progress, total) -> None:
    """Write in bulk: new people by the fast path, known people through the ORM. The change log
    gets one entry per person, carrying the assignment and qualifications written with it."""
    from canbo.people.models import Level

    levels = {
        pk: (short, label, rank)
        for pk, short, label, rank in Level.objects.values_list("pk", "ladder__short_name", "label", "rank")
    }
    new_items = [item for item in parsed if item.row not in existing]
    old_items = [item for item in parsed if item.row in existing]
    new_ids = _insert_new(new_items, ctx=ctx, levels=levels)
    if progress:
        progress(total + len(parsed) // 2, total * 2)
    changed_ids, rewritten = _update_known(old_items, existing, ctx=ctx, levels=levels, today=today)
    _recheck_reach(ctx.user, [*new_ids, *(existing[item.row].pk for item in old_items)], rewritten)
    people_changed([*new_ids, *changed_ids])
    if progress:
        progress(total * 2, total * 2)


def _recheck_reach(user, person_ids: list[int], assignment_ids: list[int]) -> None:
    """After the write, every person written and their open main assignment (qualifications hang
    on the person), and every existing assignment the write ended or changed, must lie within the
    actor's reach; otherwise the transaction is rolled back. Defence in depth behind the row
    checks, one query per batch: an ended assignment in another unit is a takeover."""
    scope = reach_of(user)
    if scope.unrestricted:
        return
    open_outside = Assignment.unscoped.filter(person_id=OuterRef("pk"), is_main=True, end_date__isnull=True).exclude(
        scope.q("unit__path")
    )
    for ids in _chunks(person_ids):
        ensure_within_reach(user, Person.unscoped.filter(pk__in=ids), also_outside=Exists(open_outside))
    for ids in _chunks(assignment_ids):
        ensure_within_reach(user, Assignment.unscoped.filter(pk__in=ids), also_outside=~scope.q("unit__path"))


def _insert_new(items: list[Parsed], *, ctx, levels) -> list[int]:
    """The fast path: ids reserved up front, then COPY (PostgreSQL) of people, assignments,
    qualifications, current levels and log rows — no model instances."""
    from canbo.core.bulk import allocate_ids, insert_rows
    from canbo.people.models import PersonLevel

    if not items:
        return []
    ids = allocate_ids(Person, len(items))
    now = timezone.now()
    insert_rows(
        Person,
        PERSON_COLUMNS,
        (
            (
                pk,
                p["full_name"],
                fold(p["full_name"]),
                p["gender"],
                p["birth_date"],
                p["birth_year"],
                p["id_number"],
                p["ethnicity_id"],
                p["religion_id"],
                p["party_member"],
                p["party_joined_on"],
                p["home_town"],
                p["phone"],
                p["email"],
                "",
                item.unit.pk,
                item.unit.path,
                1,
                now,
                now,
            )
            for pk, item in zip(ids, items, strict=True)
            for p in (item.person,)
        ),
    )
    insert_rows(
        Assignment,
        ASSIGNMENT_COLUMNS,
        (
            (
                pk,
                item.unit.pk,
                item.assignment.get("start_date"),
                None,
                True,
                "",
                *(item.assignment.get(k, "") for k in ASSIGNMENT_DETAILS),
            )
            for pk, item in zip(ids, items, strict=True)
        ),
    )
    quals, best = [], []
    for pk, item in zip(ids, items, strict=True):
        top: dict[int, tuple[int, int, str]] = {}
        seen = set()
        for ladder_id, level_id, extra in item.qualifications:
            if (level_id, extra) in seen:
                continue
            seen.add((level_id, extra))
            quals.append((pk, ladder_id, level_id, extra, "", None, "import", ""))
            rank = levels[level_id][2]
            if ladder_id not in top or rank > top[ladder_id][1]:
                top[ladder_id] = (level_id, rank, extra)
        best.extend((pk, ladder_id, level_id, rank, extra) for ladder_id, (level_id, rank, extra) in top.items())
    insert_rows(
        Qualification,
        QUALIFICATION_COLUMNS,
        quals,
    )
    insert_rows(PersonLevel, PERSON_LEVEL_COLUMNS, best)

    def after(pk, item):
        data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in item.person.items()}
        data.update(unit_id=item.unit.pk, version=1)
        data["assignment_started"] = [{"unit": item.unit.code, "title": item.assignment.get("title", "")}]
        added = [f"{levels[lv][0]}: {levels[lv][1]}{' ' + x if x else ''}" for _l, lv, x in item.qualifications]
        if added:
            data["qualifications_added"] = added
        return data

    insert_rows(
        ChangeLogEntry,
        LOG_COLUMNS,
        bulk_log_rows(
            Person,
            (
                (pk, item.person["full_name"], 1, ChangeAction.CREATE, None, after(pk, item), item.unit.path)
                for pk, item in zip(ids, items, strict=True)
            ),
        ),
    )
    return ids


def _update_known(
    items: list[Parsed], existing: dict[int, Person], *, ctx, levels, today
) -> tuple[list[int], list[int]]:
    """Known people (matched by ID number or name and birth): changed fields, their current post's
    details (never a move: _refuse_moves settled the unit), qualifications not held yet. Unchanged
    rows write nothing and log nothing. Returns the ids of the people changed and of the existing
    assignments changed."""
    from canbo.core.bulk import insert_rows

    if not items:
        return [], []
    changes: dict[int, dict] = {}
    changed = []
    for item in items:
        person = existing[item.row]
        before = audit.snapshot(person)
        for k in PERSON_ATTRS:
            value = item.person.get(k)
            if value not in (None, "") and getattr(person, k) != value:
                setattr(person, k, value)
        if person.party_member is False and item.person["party_member"]:
            person.party_member = True
        person.name_key = fold(person.full_name)
        after = audit.snapshot(person)
        if {k: v for k, v in after.items() if k != "version"} != {k: v for k, v in before.items() if k != "version"}:
            person.version += 1
            after["version"] = person.version
            changed.append(person)
        changes[person.pk] = {"person": person, "before": before, "after": after}
    Person.unscoped.bulk_update(changed, [*PERSON_ATTRS, "name_key", "version"], batch_size=BATCH)

    def note(person, key, value):
        changes[person.pk]["after"].setdefault(key, []).append(value)

    known_ids = [existing[item.row].pk for item in items]
    open_main = {}
    for ids in _chunks(known_ids):
        for a in Assignment.unscoped.filter(person_id__in=ids, is_main=True, end_date__isnull=True):
            open_main[a.person_id] = a
    new_assignments, placed, touched_current = [], [], []
    for item in items:
        person = existing[item.row]
        current = open_main.get(person.pk)
        details = {k: item.assignment.get(k, "") for k in ASSIGNMENT_DETAILS}
        start = item.assignment.get("start_date")
        if current is not None:  # an import never moves anyone: the current post is updated in place
            updates = {k: v for k, v in details.items() if v and getattr(current, k) != v}
            if updates:
                for k, v in updates.items():
                    setattr(current, k, v)
                touched_current.append(current)
                note(person, "assignment_changed", {k: str(v) for k, v in updates.items()})
            continue
        if person.unit_id is None:
            person.unit, person.unit_path = item.unit, item.unit.path
            placed.append(person)
        new_assignments.append(Assignment(person=person, unit=item.unit, start_date=start, is_main=True, **details))
        note(
            person,
            "assignment_started",
            {"unit": item.unit.code, "title": details["title"], "start_date": str(start or "")},
        )
    Assignment.unscoped.bulk_update(touched_current, list(ASSIGNMENT_DETAILS), batch_size=BATCH)
    Person.unscoped.bulk_update(placed, ["unit", "unit_path"], batch_size=BATCH)
    Assignment.unscoped.bulk_create(new_assignments, batch_size=BATCH)

    held = set()
    for ids in _chunks(known_ids):
        held.update(Qualification.unscoped.filter(person_id__in=ids).values_list("person_id", "level_id", "field"))
    new_quals = []
    for item in items:
        person = existing[item.row]
        for ladder_id, level_id, extra in item.qualifications:
            key = (person.pk, level_id, extra)
            if key in held:
                continue
            held.add(key)
            new_quals.append(
                Qualification(person=person, ladder_id=ladder_id, level_id=level_id, field=extra, source="import")
            )
            note(
                person,
                "qualifications_added",
                f"{levels[level_id][0]}: {levels[level_id][1]}{' ' + extra if extra else ''}",
            )
    Qualification.unscoped.bulk_create(new_quals, batch_size=BATCH)
    for ids in _chunks(list({q.person_id for q in new_quals})):
        refresh_levels(ids)
    insert_rows(
        ChangeLogEntry,
        LOG_COLUMNS,
        bulk_log_rows(
            Person,
            (
                (
                    pk,
                    c["person"].full_name,
                    c["person"].version,
                    ChangeAction.UPDATE,
                    c["before"],
                    c["after"],
                    c["person"].unit_path,
                )
                for pk, c in changes.items()
                if c["after"] != c["before"]
            ),
        ),
    )
    changed_ids = [pk for pk, c in changes.items() if c["after"] != c["before"]]
    return changed_ids, [a.pk for a in touched_current]
