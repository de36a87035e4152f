"""Excel import of classes and of enrolment / result lists, with the people import's quality: the
same reader (header variants, sheet choice, hidden rows, merged cells), every row validated before
anything is written, every error with row, column, value and reason, dry run, an error copy of
the file, and the same `--json` shape. Learners are matched by ID number, or by name and date of
birth among the people of the class's units; a missing or ambiguous match is reported, never guessed.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from canbo.accounts.permissions import Perm, ensure_within_reach, reach_of, within_reach
from canbo.core import context
from canbo.core.audit import LOG_COLUMNS
from canbo.core.bulk import allocate_ids, insert_rows
from canbo.core.errors import DomainError
from canbo.core.models import ChangeAction, ChangeLogEntry
from canbo.core.text import fold
from canbo.orgs.models import Unit
from canbo.orgs.selectors import official_code_of, unit_by_official_code
from canbo.people import headers as people_columns
from canbo.people.bulk import Grant, qualifications_grant
from canbo.people.models import Assignment, Person
from canbo.people.services import outside_reach_message
from canbo.tabular import normalise as norm
from canbo.tabular import registry
from canbo.tabular.reader import FileRefused, Limits, open_table, table_records
from canbo.tabular.results import ImportResult, RowError, column_letter, table_notes
from canbo.training import services
from canbo.training.choices import ClassStatus, EnrolmentStatus, Funding, Place, Result, StudyMode
from canbo.training.models import ENROLMENT_COLUMNS as ENROLMENT_TABLE_COLUMNS
from canbo.training.models import Enrolment, Programme, TrainingClass

CLASS_COLUMNS: dict[str, list[str]] = {
    "row_no": people_columns.PEOPLE_COLUMNS["row_no"],
    "code": ["Mã lớp", "Mã số lớp", "Ký hiệu lớp", "Số hiệu lớp"],
    "name": ["Tên lớp", "Tên lớp học", "Tên khóa học", "Lớp"],
    "programme": ["Mã chương trình", "Chương trình", "Tên chương trình", "Chương trình đào tạo, bồi dưỡng"],
    "start_date": ["Ngày khai giảng", "Từ ngày", "Ngày bắt đầu", "Thời gian bắt đầu"],
    "end_date": ["Ngày bế giảng", "Đến ngày", "Ngày kết thúc", "Thời gian kết thúc"],
    "organiser": ["Đơn vị tổ chức", "Mã đơn vị tổ chức", "Đơn vị mở lớp"],
    "institution": ["Cơ sở đào tạo", "Đơn vị đào tạo", "Cơ sở đào tạo, bồi dưỡng", "Nơi đào tạo"],
    "place": ["Địa điểm", "Trong tỉnh/ngoài tỉnh", "Phạm vi"],
    "location": ["Nơi học", "Địa chỉ học", "Địa điểm học"],
    "study_mode": ["Hình thức học", "Hình thức đào tạo", "Tập trung/không tập trung"],
    "capacity": ["Số học viên tối đa", "Chỉ tiêu", "Số lượng học viên", "Quy mô"],
    "cost": ["Kinh phí", "Kinh phí (đồng)", "Tổng kinh phí"],
    "funding": ["Nguồn kinh phí", "Nguồn"],
    "note": ["Ghi chú"],
}
ENROLMENT_COLUMNS: dict[str, list[str]] = {
    "row_no": people_columns.PEOPLE_COLUMNS["row_no"],
    "full_name": people_columns.PEOPLE_COLUMNS["full_name"],
    "birth": people_columns.PEOPLE_COLUMNS["birth"],
    "id_number": people_columns.PEOPLE_COLUMNS["id_number"],
    "class_code": ["Mã lớp", "Mã số lớp", "Ký hiệu lớp"],
    "result": ["Kết quả", "Kết quả học tập", "Kết quả khóa học", "Hoàn thành"],
    "score": ["Điểm", "Điểm trung bình", "Điểm tổng kết", "Điểm TB"],
    "grade": ["Xếp loại", "Xếp loại học tập"],
    "completed_on": ["Ngày hoàn thành", "Ngày cấp chứng chỉ", "Ngày cấp"],
    "note": ["Ghi chú"],
}
LABELS = {
    "code": "Mã lớp",
    "name": "Tên lớp",
    "programme": "Chương trình",
    "start_date": "Ngày khai giảng",
    "end_date": "Ngày bế giảng",
    "organiser": "Đơn vị tổ chức",
    "institution": "Cơ sở đào tạo",
    "place": "Địa điểm",
    "location": "Nơi học",
    "study_mode": "Hình thức học",
    "capacity": "Số học viên tối đa",
    "cost": "Kinh phí",
    "funding": "Nguồn kinh phí",
    "note": "Ghi chú",
    "full_name": "Họ và tên",
    "birth": "Ngày sinh",
    "id_number": "Số định danh cá nhân",
    "class_code": "Mã lớp",
    "result": "Kết quả",
    "score": "Điểm",
    "grade": "Xếp loại",
    "completed_on": "Ngày hoàn thành",
}
PASSED_WORDS = {"hoan thanh", "da hoan thanh", "dat", "x", "co", "passed", "ht", "tot nghiep", "dat yeu cau"}
FAILED_WORDS = {"khong hoan thanh", "chua hoan thanh", "khong dat", "chua dat", "failed", "khong"}
GRADE_WORDS = {"xuat sac", "gioi", "kha", "trung binh kha", "trung binh", "dat"}
PLACE_WORDS = {
    "trong tinh": Place.IN_PROVINCE,
    "ngoai tinh": Place.IN_COUNTRY,
    "trong nuoc": Place.IN_COUNTRY,
    "nuoc ngoai": Place.ABROAD,
}
MODE_WORDS = {
    "tap trung": StudyMode.FULL_TIME,
    "khong tap trung": StudyMode.PART_TIME,
    "vua lam vua hoc": StudyMode.PART_TIME,
}
FUNDING_WORDS = {
    "ngan sach": Funding.STATE_BUDGET,
    "ngan sach nha nuoc": Funding.STATE_BUDGET,
    "nsnn": Funding.STATE_BUDGET,
    "co quan": Funding.AGENCY,
    "don vi": Funding.AGENCY,
    "nguoi hoc": Funding.LEARNER,
    "ca nhan": Funding.LEARNER,
    "tai tro": Funding.SPONSOR,
}


def _column(field: str, header) -> str:
    label = _(LABELS.get(field, field))
    index = next((i for i, f in header.columns.items() if f == field), None)
    return f"{label} ({column_letter(index)})" if index is not None else label


def _limits() -> Limits:
    return Limits(
        max_bytes=settings.CANBO_IMPORT_MAX_BYTES, max_uncompressed_bytes=settings.CANBO_IMPORT_MAX_UNCOMPRESSED_BYTES
    )


def _open(path, synonyms, required, result: ImportResult):
    try:
        table = open_table(path, synonyms, limits=_limits(), required_any=required)
        records = list(table_records(table, required_any=required))
    except FileRefused as refused:
        result.refused = refused.message
        return None, []
    result.header_row = table.match.row_number
    result.width = table.match.width
    result.sheet = table.sheet or None
    result.notes = table_notes(table)
    return table.match, records


def _text(value) -> str:
    return norm.clean_text(value)


def _date(value) -> datetime.date | None:
    return norm.parse_date(value)


def _decimal(value) -> Decimal | None:
    text = _text(value).replace(" ", "")
    if not text:
        return None
    if isinstance(value, int | float):
        return Decimal(str(value))
    # "1.500.000" (thousands) or "8,5" (decimal comma)
    if text.count(".") > 1 or (text.count(".") == 1 and len(text.split(".")[1]) == 3 and "," not in text):
        text = text.replace(".", "")
    text = text.replace(",", ".")
    return Decimal(text)


def _word(mapping: dict, value):
    key = norm.match_key(value)
    return mapping.get(key)


class _Units:
    """Units named by code or by name, inside the importing unit's subtree."""

    def __init__(self, root: Unit):
        self.root = root
        units = list(Unit.unscoped.filter(path__startswith=root.path))
        institutions = list(Unit.unscoped.filter(kind="training_institution"))
        self.by_code = {u.code: u for u in [*units, *institutions]}
        self.by_name = defaultdict(list)
        for u in {u.pk: u for u in [*units, *institutions]}.values():
            self.by_name[norm.match_key(u.name)].append(u)

    def find(self, raw, *, day: datetime.date | None = None) -> tuple[Unit | None, str | None]:
        text = _text(raw)
        if not text:
            return None, None
        unit = self.by_code.get(text.upper())
        if unit:
            return unit, None
        official = official_code_of(text)
        if official is not None:
            # The State's code, as held on the class's date: a new commune kept an old one's code.
            units = Unit.unscoped.filter(Q(path__startswith=self.root.path) | Q(kind="training_institution"))
            try:
                return unit_by_official_code(units, official, day=day), None
            except DomainError as error:
                return None, " ".join(error.messages)
        found = self.by_name.get(norm.match_key(text), [])
        if len(found) == 1:
            return found[0], None
        if found:
            return None, _("Có %(n)s đơn vị tên “%(v)s”; hãy ghi mã đơn vị.") % {"n": len(found), "v": text}
        return None, _("Không có đơn vị “%(v)s” trong %(root)s.") % {"v": text, "root": self.root.name}


def import_classes(path, *, unit: Unit, dry_run: bool = False, skip_invalid: bool = False, today=None) -> ImportResult:
    """Classes organised in `unit`'s subtree; a known code updates that class, a new code creates one."""
    today = today or timezone.localdate()
    result = ImportResult()
    header, records = _open(path, CLASS_COLUMNS, ("name",), result)
    if header is None:
        return result
    units = _Units(unit)
    programmes = {p.code: p for p in Programme.objects.all()}
    programme_names = defaultdict(list)
    for p in programmes.values():
        programme_names[norm.match_key(p.name)].append(p)
    existing = {
        c.code: c for c in TrainingClass.unscoped.filter(code__in=[_text(r.get("code")).upper() for _n, r in records])
    }
    seen: dict[str, int] = {}
    parsed: list[tuple[int, dict, TrainingClass | None]] = []
    result.rows = len(records)
    for row, rec in records:
        errors: list[RowError] = []

        def err(field, value, message, row=row, errors=errors):
            errors.append(RowError(row, _column(field, header), _text(value), message))

        values: dict = {}
        code = _text(rec.get("code")).upper().replace(" ", "")
        if not code:
            err("code", "", _("Thiếu mã lớp."))
        elif code in seen:
            err("code", code, _("Trùng mã lớp với dòng %(r)s của tệp.") % {"r": seen[code]})
        else:
            seen[code] = row
        values["code"] = code
        values["name"] = _text(rec.get("name"))
        raw_programme = rec.get("programme")
        programme = programmes.get(_text(raw_programme).upper())
        if programme is None:
            named = programme_names.get(norm.match_key(raw_programme), [])
            programme = named[0] if len(named) == 1 else None
        if programme is None:
            err("programme", raw_programme, _("Không có chương trình này trong danh mục; hãy ghi mã chương trình."))
        values["programme"] = programme
        for field in ("start_date", "end_date"):
            try:
                values[field] = _date(rec.get(field))
            except ValueError:
                err(field, rec.get(field), _("Không đọc được ngày (dạng ngày/tháng/năm)."))
                values[field] = None
            else:
                if values[field] is None:
                    err(field, "", _("Thiếu ngày."))
        if values.get("start_date") and values.get("end_date") and values["end_date"] < values["start_date"]:
            err("end_date", rec.get("end_date"), _("Ngày bế giảng trước ngày khai giảng."))
        organiser, problem = units.find(rec.get("organiser"), day=values.get("start_date"))
        if problem:
            err("organiser", rec.get("organiser"), problem)
        values["organiser"] = organiser or unit
        if not values["organiser"].path.startswith(unit.path):
            err("organiser", rec.get("organiser"), _("Đơn vị tổ chức nằm ngoài %(u)s.") % {"u": unit.name})
        institution, problem = units.find(rec.get("institution"), day=values.get("start_date"))
        if problem:
            err("institution", rec.get("institution"), problem)
        values["institution"] = institution
        for field, mapping, default in (
            ("place", PLACE_WORDS, Place.IN_PROVINCE),
            ("study_mode", MODE_WORDS, StudyMode.FULL_TIME),
            ("funding", FUNDING_WORDS, Funding.STATE_BUDGET),
        ):
            raw = rec.get(field)
            if _text(raw):
                word = _word(mapping, raw)
                if word is None:
                    err(field, raw, _("Không hiểu giá trị này."))
                values[field] = word or default
            else:
                values[field] = default
        for field in ("capacity", "cost"):
            try:
                number = _decimal(rec.get(field))
            except InvalidOperation:
                err(field, rec.get(field), _("Không phải là số."))
                number = None
            if number is not None and number < 0:
                err(field, rec.get(field), _("Không được âm."))
            values[field] = (int(number) if field == "capacity" and number is not None else number) or None
        values["location"] = _text(rec.get("location"))[:255]
        values["note"] = _text(rec.get("note"))
        if not errors:
            end, start = values["end_date"], values["start_date"]
            values["status"] = (
                ClassStatus.FINISHED if end < today else ClassStatus.RUNNING if start <= today else ClassStatus.OPEN
            )
        if errors:
            result.errors.extend(errors)
            result.invalid += 1
        else:
            parsed.append((row, values, existing.get(code)))
    result.valid = len(parsed)
    result.updated = sum(1 for _r, _v, known in parsed if known is not None)
    result.created = result.valid - result.updated
    if (result.invalid and not skip_invalid) or dry_run or not parsed:
        if result.invalid and not skip_invalid and not dry_run:
            result.created = result.updated = 0
        return result
    current_row = 0
    try:
        with transaction.atomic():
            for item in parsed:
                current_row, values, known = item
                if known is None:
                    services.class_create(**values)
                else:
                    values.pop("status")
                    services.class_update(training_class=known, **values)
    except DomainError as error:
        result.refused = _("Không ghi được dòng %(row)s: %(msg)s") % {
            "row": current_row,
            "msg": " ".join(error.messages),
        }
        result.created = result.updated = 0
        return result
    result.written = True
    return result


@dataclass
class _Row:
    row: int
    person_id: int
    training_class: TrainingClass
    result: str
    score: Decimal | None
    grade: str
    completed_on: datetime.date | None
    note: str


def _id_number(raw) -> tuple[str | None, str]:
    try:
        return norm.parse_id_number(raw), ""
    except ValueError as error:
        return None, str(error)


class _People:
    """Who a row names: by ID number anywhere, or by name and birth among the class's units' people.
    `paths` keeps each candidate's current unit path, for the reach check."""

    def __init__(self, records, classes: dict[str, TrainingClass]):
        ids = {_id_number(r.get("id_number"))[0] for _n, r in records if _text(r.get("id_number"))}
        ids.discard(None)
        self.by_id = {}
        self.paths: dict[int, str] = {}
        id_list = sorted(ids)
        for start in range(0, len(id_list), 5000):
            for number, pk, path in Person.unscoped.filter(id_number__in=id_list[start : start + 5000]).values_list(
                "id_number", "pk", "unit_path"
            ):
                self.by_id[number] = pk
                self.paths[pk] = path
        keys = sorted(
            {fold(norm.clean_name(r.get("full_name"))) for _n, r in records if not _text(r.get("id_number"))} - {""}
        )
        self.by_name: dict[str, list[tuple[int, datetime.date | None, int | None, str]]] = defaultdict(list)
        for start in range(0, len(keys), 5000):
            for pk, key, birth_date, birth_year, path in Person.unscoped.filter(
                name_key__in=keys[start : start + 5000]
            ).values_list("pk", "name_key", "birth_date", "birth_year", "unit_path"):
                self.by_name[key].append((pk, birth_date, birth_year, path))
                self.paths[pk] = path
        candidates = [pk for rows in self.by_name.values() for pk, *_rest in rows]
        self.past_paths: dict[int, set[str]] = defaultdict(set)
        for start in range(0, len(candidates), 5000):
            for pk, path in Assignment.unscoped.filter(person_id__in=candidates[start : start + 5000]).values_list(
                "person_id", "unit__path"
            ):
                self.past_paths[pk].add(path)

    def match(self, rec, training_class: TrainingClass, allowed) -> tuple[int | None, str, str]:
        """(person id, field blamed, reason) — reason empty on success. `allowed(pk)` says whether
        the uploader may enrol that person: an ID number held by anyone else is refused without
        saying whose, and a name is only looked for among the people allowed."""
        raw_id = rec.get("id_number")
        if _text(raw_id):
            number, problem = _id_number(raw_id)
            if number is None:
                return None, "id_number", problem or _("Số định danh cá nhân phải có đúng 12 chữ số.")
            pk = self.by_id.get(number)
            if pk is None:
                return None, "id_number", _("Không có hồ sơ nào mang số định danh này.")
            if not allowed(pk):
                return None, "id_number", outside_reach_message() + "."
            return pk, "", ""
        name = norm.clean_name(rec.get("full_name"))
        if not name:
            return None, "full_name", _("Thiếu họ và tên.")
        try:
            birth_date, birth_year = norm.parse_birth(rec.get("birth"))
        except ValueError:
            return None, "birth", _("Không đọc được ngày sinh.")
        if birth_date is None and birth_year is None:
            return None, "birth", _("Không có số định danh thì cần ngày sinh để nhận ra người học.")
        root = training_class.organiser.path
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
                _("Không tìm thấy %(name)s (sinh %(birth)s) trong các đơn vị của lớp.")
                % {
                    "name": name,
                    "birth": birth_date.strftime("%d/%m/%Y") if birth_date else birth_year,
                },
            )
        if len(found) > 1:
            return (
                None,
                "full_name",
                _("Có %(n)s người trùng họ tên và ngày sinh; hãy ghi số định danh.") % {"n": len(found)},
            )
        return found[0], "", ""


def _reachable(user, scope, person_id: int, path: str) -> bool:
    """Is this learner within the uploader's reach (the one definition, `within_reach`)?"""
    return within_reach(user, Person(pk=person_id, unit_path=path or ""), scope=scope)


def _result(rec) -> tuple[str | None, str, str]:
    """(result, grade, problem): "Hoàn thành" / "Không đạt" / a grade alone (which means passed)."""
    raw = rec.get("result")
    grade = _text(rec.get("grade"))
    key = norm.match_key(raw)
    if not key:
        return ("" if not grade else Result.PASSED), grade, ""
    if key in PASSED_WORDS:
        return Result.PASSED, grade, ""
    if key in FAILED_WORDS:
        return Result.FAILED, grade, ""
    if key in GRADE_WORDS:
        return Result.PASSED, grade or _text(raw), ""
    return None, grade, _("Kết quả phải là “Hoàn thành”, “Không hoàn thành” hoặc một xếp loại.")


def import_enrolments(
    path,
    *,
    training_class: TrainingClass | None = None,
    scope_unit: Unit | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    today=None,
) -> ImportResult:
    """A list of learners (and results) of one class (`training_class`), or of several with the
    class code in a column. Known learners of the class have their results updated.

    Only classes the actor runs, and only learners within the actor's reach or already in the
    class (nominated by their unit), are accepted; anyone else is a row error that never says who."""
    user = context.require().user
    scope = reach_of(user)
    if training_class is not None:
        services._check_class(training_class, Perm.RECORD_RESULTS)
    today = today or timezone.localdate()
    result = ImportResult()
    header, records = _open(path, ENROLMENT_COLUMNS, ("full_name",), result)
    if header is None:
        return result
    if training_class is None and "class_code" not in header.fields:
        result.refused = _("Tệp không có cột “Mã lớp”; hãy chỉ ra lớp bằng --class MÃ_LỚP.")
        return result
    codes = {_text(r.get("class_code")).upper() for _n, r in records} - {""}
    classes = {
        c.code: c for c in TrainingClass.unscoped.filter(code__in=codes).select_related("programme", "organiser")
    }
    if training_class is not None:
        classes[training_class.code] = training_class
    people = _People(records, classes)
    enrolled = set(
        Enrolment.unscoped.filter(
            training_class_id__in=[c.pk for c in classes.values()], status__in=services.ACTIVE_STATUSES
        ).values_list("person_id", "training_class_id")
    )
    result.rows = len(records)
    parsed: list[_Row] = []
    seen: dict[tuple[int, int], int] = {}
    for row, rec in records:
        errors: list[RowError] = []

        def err(field, value, message, row=row, errors=errors):
            errors.append(RowError(row, _column(field, header), _text(value), message))

        code = _text(rec.get("class_code")).upper()
        cls = classes.get(code) if code else training_class
        if cls is not None and user is not None and not services.may_manage_class(user, cls, Perm.RECORD_RESULTS):
            cls = None  # a class the actor does not run is not there for them
        if cls is None:
            err("class_code", code, _("Không có lớp mang mã này.") if code else _("Thiếu mã lớp."))
        elif scope_unit is not None and not cls.organiser.path.startswith(scope_unit.path):
            err("class_code", code, _("Lớp này không do %(u)s tổ chức.") % {"u": scope_unit.name})
            cls = None
        pk = None
        if cls is not None:
            pk, field, reason = people.match(
                rec,
                cls,
                lambda pk, c=cls: _reachable(user, scope, pk, people.paths.get(pk, "")) or (pk, c.pk) in enrolled,
            )
            if reason:
                err(field, rec.get(field), reason)
            elif (pk, cls.pk) in seen:
                err(
                    "full_name",
                    rec.get("full_name"),
                    _("Trùng người học với dòng %(r)s của tệp.") % {"r": seen[(pk, cls.pk)]},
                )
            else:
                seen[(pk, cls.pk)] = row
        outcome, grade, problem = _result(rec)
        if problem:
            err("result", rec.get("result"), problem)
        try:
            score = _decimal(rec.get("score"))
        except InvalidOperation:
            err("score", rec.get("score"), _("Không phải là số."))
            score = None
        if score is not None and not (0 <= score <= 100):
            err("score", rec.get("score"), _("Điểm phải từ 0 đến 100."))
        try:
            completed_on = _date(rec.get("completed_on"))
        except ValueError:
            err("completed_on", rec.get("completed_on"), _("Không đọc được ngày (dạng ngày/tháng/năm)."))
            completed_on = None
        if cls is not None and outcome:
            if cls.start_date > today:
                err("result", rec.get("result"), _("Lớp chưa khai giảng; chưa nhập được kết quả."))
            if outcome == Result.PASSED:
                completed_on = completed_on or min(cls.end_date, today)
                if completed_on < cls.start_date or completed_on > today:
                    err(
                        "completed_on",
                        rec.get("completed_on"),
                        _("Ngày hoàn thành phải từ ngày khai giảng đến hôm nay."),
                    )
            else:
                completed_on = None
        if errors:
            result.errors.extend(errors)
            result.invalid += 1
            continue
        parsed.append(_Row(row, pk, cls, outcome or "", score, grade[:30], completed_on, _text(rec.get("note"))[:255]))
    existing = _existing(parsed)
    clashes = _clashes(parsed, existing)
    for item in list(parsed):
        if item.row in clashes:
            result.errors.append(RowError(item.row, _column("full_name", header), "", clashes[item.row]))
            result.invalid += 1
            parsed.remove(item)
    result.errors.sort(key=lambda e: e.row)
    result.valid = len(parsed)
    result.updated = sum(1 for item in parsed if (item.person_id, item.training_class.pk) in existing)
    result.created = result.valid - result.updated
    if result.invalid and not skip_invalid and not dry_run:
        result.created = result.updated = 0
        return result
    if dry_run or not parsed:
        return result
    _write_enrolments(parsed, existing, user=user)
    result.written = True
    return result


def _existing(parsed: list[_Row]) -> dict[tuple[int, int], Enrolment]:
    """Enrolments already in the file's classes (one query per class, no list of ids to send)."""
    wanted = {(item.person_id, item.training_class.pk) for item in parsed}
    found: dict[tuple[int, int], Enrolment] = {}
    for class_id in {item.training_class.pk for item in parsed}:
        for e in Enrolment.unscoped.filter(training_class_id=class_id):
            if (e.person_id, class_id) in wanted:
                found[(e.person_id, class_id)] = e
    return found


def _clashes(parsed: list[_Row], existing) -> dict[int, str]:
    """Rows that would put a learner in two full-time classes at once (with the system's or the file's)."""
    full_time = [i for i in parsed if i.training_class.study_mode == StudyMode.FULL_TIME]
    person_ids = {i.person_id for i in full_time}
    busy: dict[int, list[tuple[datetime.date, datetime.date, int, str]]] = defaultdict(list)
    if not full_time:
        return {}
    first = min(i.training_class.start_date for i in full_time)
    last = max(i.training_class.end_date for i in full_time)
    # Only classes overlapping the file's dates can clash: a short scan instead of 20,000 ids in SQL.
    overlapping = (
        Enrolment.unscoped.filter(
            training_class__start_date__lte=last,
            training_class__end_date__gte=first,
            status__in=services.ACTIVE_STATUSES,
            training_class__study_mode=StudyMode.FULL_TIME,
        )
        .exclude(training_class__status=ClassStatus.CANCELLED)
        .exclude(result=Result.FAILED)
        .values_list(
            "person_id",
            "training_class_id",
            "training_class__start_date",
            "training_class__end_date",
            "training_class__name",
        )
    )
    for pid, class_id, s, e, name in overlapping:
        if pid in person_ids:
            busy[pid].append((s, e, class_id, name))
    problems = {}
    for item in full_time:
        c = item.training_class
        for s, e, class_id, name in busy[item.person_id]:
            if class_id != c.pk and s <= c.end_date and e >= c.start_date:
                problems[item.row] = _("Người học đã có tên trong lớp “%(other)s”, trùng thời gian với lớp này.") % {
                    "other": name
                }
                break
        else:
            busy[item.person_id].append((c.start_date, c.end_date, c.pk, c.name))
    return problems


@transaction.atomic
def _write_enrolments(parsed: list[_Row], existing: dict[tuple[int, int], Enrolment], *, user) -> None:
    """Set-based: new enrolments, qualifications and log rows in bulk; known ones updated. Then the
    learners newly enrolled are checked again, in one query per batch, to be within the actor's
    reach (rolled back otherwise)."""
    now = timezone.now()
    new = [i for i in parsed if (i.person_id, i.training_class.pk) not in existing]
    known = [i for i in parsed if (i.person_id, i.training_class.pk) in existing]
    # The learner's unit, category and title on the class's first day.
    stints = _stints({i.person_id for i in new})
    granting = [i for i in parsed if i.result == Result.PASSED and i.training_class.programme.grants_level_id]
    needs_qual = [
        i
        for i in granting
        if (i.person_id, i.training_class.pk) not in existing
        or not existing[(i.person_id, i.training_class.pk)].qualification_id
    ]
    grants = []
    for item in needs_qual:
        level = item.training_class.programme.grants_level
        cls = item.training_class
        institution = (cls.institution or cls.programme.provider or cls.organiser).name
        grants.append(
            Grant(
                person_id=item.person_id,
                ladder_id=level.ladder_id,
                level_id=level.pk,
                institution=institution,
                year=item.completed_on.year,
                source="training",
                note=f"Lớp {cls.code}",
                training_class=f"{cls.code} – {cls.name}",
            )
        )
    # The people app writes its own qualifications (and recomputes the current levels).
    qual_for = dict(zip((i.row for i in needs_qual), qualifications_grant(grants), strict=True))
    ids = iter(allocate_ids(Enrolment, len(new)))
    rows, log = [], []
    lacking = [i.person_id for i in new if not stints.get(i.person_id)]
    current = {
        pk: (unit_id, path or "", "", "")
        for pk, unit_id, path in Person.unscoped.filter(pk__in=lacking).values_list("pk", "unit_id", "unit_path")
    }
    for item in new:
        stint = _stint_on(stints.get(item.person_id, []), item.training_class.start_date) or current[item.person_id]
        unit_id, path, category, title = stint
        eid = next(ids)
        rows.append(
            (
                eid,
                item.training_class.pk,
                item.person_id,
                unit_id,
                path,
                category,
                title[:150],
                services.is_leader_title(title),
                EnrolmentStatus.APPROVED,
                None,
                item.result,
                item.score,
                item.grade,
                item.completed_on,
                item.note,
                "",
                qual_for.get(item.row),
                1,
                now,
                now,
            )
        )
        log.append(
            (
                eid,
                f"{item.person_id} — {item.training_class.code}",
                1,
                ChangeAction.CREATE,
                None,
                {"training_class_id": item.training_class.pk, "person_id": item.person_id, "result": item.result},
                path,
            )
        )
    insert_rows(Enrolment, ENROLMENT_TABLE_COLUMNS, rows)
    from canbo.core import audit

    for item in known:
        enrolment = existing[(item.person_id, item.training_class.pk)]
        before = audit.snapshot(enrolment)
        enrolment.status = EnrolmentStatus.APPROVED
        enrolment.result, enrolment.score, enrolment.grade = item.result, item.score, item.grade
        enrolment.completed_on = item.completed_on
        if item.row in qual_for:
            enrolment.qualification_id = qual_for[item.row]
        enrolment.version += 1
        enrolment.save()
        audit.log_update(enrolment, before)
    if log:
        insert_rows(ChangeLogEntry, LOG_COLUMNS, audit.bulk_log_rows(Enrolment, log))
    person_ids = sorted({i.person_id for i in parsed})
    class_ids = {i.training_class.pk for i in parsed}
    among = Enrolment.unscoped.filter(training_class_id__in=class_ids).values("person_id")
    services.on_results_changed(class_ids, person_ids, among=among)
    added = sorted({i.person_id for i in new})
    for start in range(0, len(added), 5000):
        ensure_within_reach(user, Person.unscoped.filter(pk__in=added[start : start + 5000]))


def _stints(person_ids: set[int]) -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = defaultdict(list)
    ids = sorted(person_ids)
    for start in range(0, len(ids), 5000):
        for pid, unit_id, path, s, e, category, title in Assignment.unscoped.filter(
            person_id__in=ids[start : start + 5000], is_main=True
        ).values_list("person_id", "unit_id", "unit__path", "start_date", "end_date", "category", "title"):
            found[pid].append((s, e, unit_id, path, category, title))
    return found


def _stint_on(stints: list[tuple], day: datetime.date):
    dated = [s for s in stints if (s[0] is None or s[0] <= day) and (s[1] is None or s[1] >= day)]
    chosen = dated[-1] if dated else next((s for s in stints if s[1] is None), stints[-1] if stints else None)
    if chosen is None:
        return None
    return chosen[2], chosen[3], chosen[4], chosen[5]


def run_classes(path, *, unit, dry_run=False, skip_invalid=False, **_options) -> ImportResult:
    """`canbo import classes FILE --unit CODE` (the registry's entry point)."""
    return import_classes(path, unit=unit, dry_run=dry_run, skip_invalid=skip_invalid)


def run_enrolments(path, *, unit=None, dry_run=False, skip_invalid=False, class_code=None, **_options) -> ImportResult:
    """`canbo import enrolments FILE [--class CODE] [--unit CODE]`: the class from --class or the
    file's "Mã lớp" column."""
    from canbo.core.cli import usage_error

    training_class = None
    code = (class_code or "").strip().upper()
    if code:
        training_class = TrainingClass.unscoped.filter(code=code).select_related("programme", "organiser").first()
        if training_class is None:
            raise usage_error(_("Không có lớp nào có mã “%(code)s”.") % {"code": code})
    return import_enrolments(
        path, training_class=training_class, scope_unit=unit, dry_run=dry_run, skip_invalid=skip_invalid
    )


registry.register(
    registry.ImportKind(name="classes", label=gettext_noop("Danh sách lớp"), run="canbo.training.imports.run_classes")
)
registry.register(
    registry.ImportKind(
        name="enrolments",
        label=gettext_noop("Danh sách học viên, kết quả học tập"),
        run="canbo.training.imports.run_enrolments",
        needs_unit=False,
    )
)
