"""Importing people from the Excel files offices already have: reading and checking every row.

The file layer (canbo.tabular) finds the table and its header and normalises cells; this module
turns each row into the people app's own validated values (Parsed) and decides, per row, whether
it creates or updates someone — never a move, never someone outside the actor's reach. Writing is
people.bulk's job. Every row is checked before anything is written; when a row is invalid nothing
is written unless the caller asked to skip invalid rows.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from canbo.accounts.permissions import Perm, authorize, reach_of, within_reach
from canbo.core import context
from canbo.core.bulk import ids_by_value
from canbo.core.text import fold
from canbo.orgs.models import Unit
from canbo.people import bulk
from canbo.people import headers as cols
from canbo.people import reference_data as ref
from canbo.people.models import Ethnicity, Ladder, Person, Religion
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
