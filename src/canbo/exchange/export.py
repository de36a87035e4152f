"""Exports in the import template's columns (so an export re-imports unchanged), the template
itself with a sheet of accepted values, and the error copy of a refused file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import xlsxwriter
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from canbo.core.papers import is_landscape, xlsx_print_setup
from canbo.core.spreadsheet import escape_formula
from canbo.people import headers as cols
from canbo.people import reference_data as ref
from canbo.people.models import Assignment, Ethnicity, Ladder, Person, PersonLevel, Qualification, Religion
from canbo.people.sensitive import is_sensitive
from canbo.tabular.normalise import score_text

LADDER_COLUMNS = [
    "general_education",
    "professional",
    "politics",
    "state_mgmt",
    "defence",
    "leadership",
    "it",
    "foreign_language",
    "ethnic_language",
]
TEMPLATE_FIELDS = [
    "full_name",
    "gender",
    "birth",
    "id_number",
    "old_id_number",
    "ethnicity",
    "religion",
    "party_member",
    "party_joined_on",
    "home_town",
    "phone",
    "email",
    "unit",
    "category",
    "title",
    "job_position",
    "rank",
    "sector",
    "start_date",
    "general_education",
    "professional",
    "professional_field",
    "politics",
    "state_mgmt",
    "defence",
    "leadership",
    "it",
    "foreign_language",
    "ethnic_language",
]
SENSITIVE = frozenset(f for f in TEMPLATE_FIELDS if is_sensitive(f))
CATEGORY_LABELS = {code: label for code, label, _syn in ref.CATEGORIES}


def _rows(qs: QuerySet[Person], fields: list[str]) -> Iterator[dict]:
    """Records in export order, fetched in chunks with their assignment and levels."""
    chunk: list[Person] = []
    for person in (
        qs.select_related("unit", "ethnicity", "religion").order_by("sort_key", "id").iterator(chunk_size=2000)
    ):
        chunk.append(person)
        if len(chunk) == 2000:
            yield from _chunk_rows(chunk)
            chunk = []
    if chunk:
        yield from _chunk_rows(chunk)


def _chunk_rows(people: list[Person]) -> Iterator[dict]:
    ids = [p.pk for p in people]
    current = {
        a.person_id: a for a in Assignment.unscoped.filter(person_id__in=ids, is_main=True, end_date__isnull=True)
    }
    levels: dict[int, dict[str, PersonLevel]] = {}
    for pl in PersonLevel.objects.filter(person_id__in=ids).select_related("ladder", "level"):
        levels.setdefault(pl.person_id, {})[pl.ladder.code] = pl
    # A language test, written as the file had it ("IELTS 6.5", "VSTEP Bậc 4"), so it re-imports as is.
    tests: dict[tuple[int, int, str], tuple[str, object]] = {}
    for person_id, level_id, field, test_name, score in (
        Qualification.unscoped.filter(person_id__in=ids)
        .exclude(test_name="")
        .values_list("person_id", "level_id", "field", "test_name", "score")
    ):
        tests[(person_id, level_id, field)] = (test_name, score)
    for p in people:
        a = current.get(p.pk)
        lv = levels.get(p.pk, {})
        row = {
            "person": p,
            "full_name": p.full_name,
            "gender": p.get_gender_display() if p.gender else "",
            "birth": p.birth_date if p.birth_date else (p.birth_year or ""),
            "birth_date": p.birth_date.isoformat() if p.birth_date else None,
            "birth_year": p.birth_year,
            "id_number": p.id_number or "",
            "old_id_number": p.old_id_number or "",
            "ethnicity": p.ethnicity.name if p.ethnicity_id else "",
            "religion": p.religion.name if p.religion_id else "",
            "party_member": _("Có") if p.party_member else "",
            "party_joined_on": p.party_joined_on or "",
            "home_town": p.home_town,
            "phone": p.phone,
            "email": p.email,
            "unit": p.unit.code if p.unit_id else "",
            "category": CATEGORY_LABELS.get(a.category, "") if a else "",
            "title": a.title if a else "",
            "job_position": a.job_position if a else "",
            "rank": a.rank if a else "",
            "sector": a.sector if a else "",
            "start_date": a.start_date if a and a.start_date else "",
            "professional_field": lv["professional"].field if "professional" in lv else "",
        }
        for ladder in LADDER_COLUMNS:
            pl = lv.get(ladder)
            test = tests.get((p.pk, pl.level_id, pl.field)) if pl is not None else None
            if pl is None:
                row[ladder] = ""
            elif test is not None:
                row[ladder] = f"{test[0]} {score_text(test[1]) if test[1] is not None else pl.level.label}"
            elif ladder != "professional" and pl.field:
                row[ladder] = f"{pl.level.label} {pl.field}"
            else:
                row[ladder] = pl.level.label
            row[f"{ladder}_level"] = pl.level.label if pl else None
        yield row


def _write_cell(ws, r, c, value, date_format):
    """Strings are always written as text, and a text starting with = + - @ gets the apostrophe
    that keeps it text through CSV and copy-paste too (the importer drops it again)."""
    if value is None or value == "":
        return
    if hasattr(value, "isoformat") and not isinstance(value, str):
        ws.write_datetime(r, c, _as_datetime(value), date_format)
    elif isinstance(value, bool):
        ws.write_string(r, c, _("Có") if value else "")
    elif isinstance(value, int | float):
        ws.write_number(r, c, value)
    else:
        ws.write_string(r, c, escape_formula(str(value)))


def _as_datetime(day):
    import datetime

    return datetime.datetime(day.year, day.month, day.day)


def export_people_xlsx(
    qs: QuerySet[Person], *, include_sensitive: bool, path: str | None = None, progress=None, every: int = 500
) -> str:
    """Write the people of `qs` in the template's columns; returns the file path. `progress(done)`
    is called every `every` rows (the background export's progress bar)."""
    fields = [f for f in TEMPLATE_FIELDS if include_sensitive or f not in SENSITIVE]
    if path is None:
        handle, path = tempfile.mkstemp(prefix="canbo-export-", suffix=".xlsx")
        os.close(handle)
    wb = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_formulas": False})
    ws = wb.add_worksheet(_("Danh sách"))
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    date_format = wb.add_format({"num_format": "dd/mm/yyyy"})
    for c, f in enumerate(fields):
        ws.write_string(0, c, cols.FIELD_LABELS[f], head)
        ws.set_column(c, c, 28 if f == "full_name" else 16)
    for r, row in enumerate(_rows(qs, fields), 1):
        for c, f in enumerate(fields):
            _write_cell(ws, r, c, row[f], date_format)
        if progress is not None and r % every == 0:
            progress(r)
    # A data file, not a paper (the official list is the paper): printed A4, the column titles on
    # every page, one page wide.
    widths = [28 if f == "full_name" else 16 for f in fields]
    xlsx_print_setup(ws, landscape=is_landscape(widths), title_rows=(0, 0), screen_grid=True)
    wb.close()
    return path


def export_people_json(qs: QuerySet[Person], *, include_sensitive: bool = True) -> list[dict]:
    out = []
    for row in _rows(qs, TEMPLATE_FIELDS):
        p = row["person"]
        out.append(
            {
                "id_number": p.id_number,
                "full_name": p.full_name,
                "gender": p.gender or None,
                "birth_date": row["birth_date"],
                "birth_year": p.birth_year,
                "ethnicity": row["ethnicity"] or None,
                "unit": row["unit"] or None,
                "category": row["category"] or None,
                "title": row["title"] or None,
                "professional_level": row["professional_level"],
                "professional_field": row["professional_field"] or None,
                "politics_level": row["politics_level"],
                "state_mgmt_level": row["state_mgmt_level"],
                "party_member": p.party_member,
            }
        )
        if not include_sensitive:  # keys named as the Person field they carry
            out[-1].update({key: None for key in out[-1] if is_sensitive(key)})
    return out


def write_template(path: str) -> str:
    """The import template: canonical columns, one example row, and every accepted value."""
    wb = xlsxwriter.Workbook(path, {"strings_to_formulas": False})
    ws = wb.add_worksheet(_("Danh sách"))
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    for c, f in enumerate(TEMPLATE_FIELDS):
        ws.write_string(0, c, cols.FIELD_LABELS[f], head)
        ws.set_column(c, c, 28 if f == "full_name" else 16)
    xlsx_print_setup(ws, landscape=True, title_rows=(0, 0), screen_grid=True)
    example = {
        "full_name": "Lò Thị Vân",
        "gender": "Nữ",
        "birth": "12/03/1988",
        "id_number": "011188001234",
        "ethnicity": "Thái",
        "religion": "Không",
        "party_member": "Có",
        "party_joined_on": "19/05/2012",
        "unit": "DB-THANHNUA",
        "category": "Công chức",
        "title": "Công chức Văn phòng - thống kê",
        "professional": "Đại học",
        "professional_field": "Luật",
        "politics": "Trung cấp",
        "state_mgmt": "Chuyên viên",
        "it": "Cơ bản",
        "foreign_language": "Bậc 2 Tiếng Anh",
    }
    for c, f in enumerate(TEMPLATE_FIELDS):
        if f in example:
            ws.write_string(1, c, example[f])
    ws.freeze_panes(1, 1)
    values = wb.add_worksheet(_("Giá trị hợp lệ"))
    bold = wb.add_format({"bold": True})
    r = 0
    values.write_string(r, 0, _("Mục"), bold)
    values.write_string(r, 1, _("Giá trị chuẩn"), bold)
    values.write_string(r, 2, _("Cách viết khác được chấp nhận"), bold)
    values.write_string(r, 3, _("Căn cứ, ghi chú"), bold)
    values.set_column(0, 0, 26)
    values.set_column(1, 1, 24)
    values.set_column(2, 2, 90)
    values.set_column(3, 3, 90)
    for ladder in Ladder.objects.prefetch_related("levels"):
        for level in ladder.levels.all():
            if level.valid_to is not None:
                continue  # closed (the old IT certificates): their names are read as today's level
            r += 1
            values.write_string(r, 0, ladder.name)
            values.write_string(r, 1, level.label)
            values.write_string(r, 2, ", ".join(s for s in [*level.synonyms, *level.old_names] if s))
            if level.note:
                values.write_string(r, 3, level.note)
    for label, items in ((_("Dân tộc"), Ethnicity.objects.all()), (_("Tôn giáo"), Religion.objects.all())):
        for item in items:
            r += 1
            values.write_string(r, 0, label)
            values.write_string(r, 1, item.name)
            values.write_string(r, 2, ", ".join(s for s in item.synonyms if s))
    for _code, label, synonyms in ref.CATEGORIES:
        r += 1
        values.write_string(r, 0, _("Loại"))
        values.write_string(r, 1, label)
        values.write_string(r, 2, ", ".join(synonyms))
    for text in (_("Nam"), _("Nữ")):
        r += 1
        values.write_string(r, 0, _("Giới tính"))
        values.write_string(r, 1, text)
    r += 2
    values.write_string(r, 0, _("Ngày sinh"), bold)
    values.write_string(r, 2, _("Ngày dạng Excel, dd/mm/yyyy, hoặc chỉ năm sinh (ví dụ 1985)."))
    r += 1
    values.write_string(r, 0, _("Số định danh cá nhân"), bold)
    values.write_string(r, 2, _("12 chữ số. Bắt buộc có số định danh hoặc ngày/năm sinh."))
    r += 1
    values.write_string(r, 0, _("Số CMND cũ"), bold)
    values.write_string(
        r, 2, _("9 chữ số, khi chưa có số định danh cá nhân (số 9 chữ số ở cột số định danh cũng được nhận).")
    )
    r += 1
    values.write_string(r, 0, _("Ngoại ngữ"), bold)
    values.write_string(
        r,
        2,
        _(
            "Bậc theo khung 6 bậc (“Bậc 3”, “B1”), chứng chỉ A/B/C cũ (“Tiếng Anh B”), hoặc bài thi kèm điểm "
            "(“IELTS 6.5”, “TOEIC 550”, “VSTEP B2”): điểm được lưu và quy đổi ra bậc theo bảng quy đổi."
        ),
    )
    r += 1
    values.write_string(r, 0, _("Đơn vị"), bold)
    values.write_string(
        r, 2, _("Mã đơn vị (ví dụ DB-THANHNUA) hoặc tên đơn vị; để trống thì dùng đơn vị đã chọn khi nhập.")
    )
    wb.close()
    return path


def write_error_copy(source_rows, error_by_row: dict[int, str], header_row: int, width: int, path: str) -> str:
    """A copy of the uploaded sheet with a "Lỗi" column saying what is wrong with each bad row."""
    wb = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_formulas": False})
    ws = wb.add_worksheet(_("Lỗi"))
    red = wb.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE", "text_wrap": True})
    head = wb.add_format({"bold": True})
    date_format = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.set_column(width, width, 80)
    for row_number, cells in source_rows:
        r = row_number - 1
        for c, value in enumerate(cells[:width]):
            _write_cell(ws, r, c, value, date_format)
        if row_number == header_row:
            ws.write_string(r, width, _("Lỗi"), head)
        elif row_number in error_by_row:
            ws.write_string(r, width, error_by_row[row_number], red)
    titles = (header_row - 1, header_row - 1) if header_row and header_row > 0 else None
    xlsx_print_setup(ws, landscape=True, title_rows=titles, screen_grid=True)
    wb.close()
    return path
