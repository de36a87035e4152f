"""The official list ("danh sách trích ngang"): the people of a unit as an office prints, signs and
files them, beside the data export (export.py) that re-imports unchanged.

Layout. The heading and footer follow NĐ 30/2020/NĐ-CP (body issuing the paper under its superior
body on the left, the national motto on the right, "…, ngày … tháng … năm …", signature blocks).
The table follows real staff lists: the "danh sách trích ngang" form of a university's personnel
system (github.com/viettoan/qlns_utt, BLL/QuanLyCB/BLLDanhSachTrichNgang.php fills
danhsach_trichngang_form.xlsx: STT, Họ tên, the birth date under "Nam" or under "Nữ", Dân tộc,
Lý luận chính trị, ngày vào Đảng, Chức vụ - đơn vị, Ngạch), and the header-over-two-rows layout of
a "DANH SÁCH TRÍCH NGANG CÁN BỘ, NHÂN VIÊN" an airport services company generates (STT and each
column merged down two rows, bands merged across, "CỘNG HÒA …" / "Độc lập - Tự do - Hạnh phúc" and
the place and date line over the table), with the training columns of Mẫu 2C (Trình độ đào tạo:
Chuyên môn | Chuyên ngành; LLCT; QLNN; Tin học; Ngoại ngữ).

The document's own texts are Vietnamese whatever the language of the screen: it is an
administrative paper of a Vietnamese office, and its headers are the ones the people import reads
back (the heading and signature block are passed over, the numbering row skipped).

Sensitive columns (Dân tộc, Đảng viên) are in the list only for a role that may see them, and the
caller logs the display, as for the data export. The ID number is not on the list at all.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import xlsxwriter
from django.db.models import QuerySet

from canbo.core.spreadsheet import escape_formula
from canbo.exchange.export import _chunk_rows
from canbo.orgs.choices import UnitKind
from canbo.orgs.models import Unit
from canbo.people.models import Person

TITLE = "DANH SÁCH TRÍCH NGANG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PREPARER = "NGƯỜI LẬP BIỂU"
HEAD = "THỦ TRƯỞNG ĐƠN VỊ"
PREPARER_SIGN = "(Ký, ghi rõ họ tên)"
HEAD_SIGN = "(Ký, ghi rõ họ tên, đóng dấu)"
BIRTH_BAND = "Ngày, tháng, năm sinh"
TRAINING_BAND = "Trình độ đào tạo"
SENSITIVE_FIELDS = ("ethnicity", "party_member", "party_joined_on")  # what the list shows, for the log

LOCAL_GOVERNMENTS = (
    UnitKind.PROVINCE,
    UnitKind.DISTRICT,
    UnitKind.COMMUNE,
    UnitKind.WARD,
    UnitKind.TOWN,
)
# "Xã Thanh Nưa" is written "Thanh Nưa" in "Thanh Nưa, ngày … tháng … năm …".
PLACE_PREFIXES = ("Thành phố ", "Thị trấn ", "Thị xã ", "Đặc khu ", "Tỉnh ", "Huyện ", "Phường ", "Xã ")
CHUNK = 2000


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the column title, or the sub-title under its band
    width: float
    band: str | None = None
    sensitive: bool = False
    centred: bool = False


COLUMNS = (
    Column("stt", "STT", 5, centred=True),
    Column("full_name", "Họ và tên", 24),
    Column("birth_male", "Nam", 11, band=BIRTH_BAND, centred=True),
    Column("birth_female", "Nữ", 11, band=BIRTH_BAND, centred=True),
    Column("ethnicity", "Dân tộc", 9, sensitive=True, centred=True),
    Column("title", "Chức vụ/chức danh", 22),
    Column("unit", "Đơn vị", 22),
    Column("rank", "Ngạch", 14),
    Column("professional", "Chuyên môn", 11, band=TRAINING_BAND),
    Column("professional_field", "Chuyên ngành", 16, band=TRAINING_BAND),
    Column("politics", "Lý luận chính trị", 11),
    Column("state_mgmt", "Quản lý nhà nước", 12),
    Column("it", "Tin học", 12),
    Column("foreign_language", "Ngoại ngữ", 14),
    Column("party", "Đảng viên (ngày vào Đảng)", 12, sensitive=True, centred=True),
    Column("note", "Ghi chú", 14),
)


def columns_for(*, include_sensitive: bool) -> list[Column]:
    return [c for c in COLUMNS if include_sensitive or not c.sensitive]


@dataclass
class OfficialList:
    """What the paper says; rows are produced while the file is written (one pass, in chunks)."""

    superior: str  # "UBND TỈNH ĐIỆN BIÊN" ("" for the top unit)
    issuer: str  # "ỦY BAN NHÂN DÂN XÃ THANH NƯA"
    unit_line: str  # "XÃ THANH NƯA", under the title
    as_of: datetime.date
    place: str  # "Thanh Nưa"
    columns: list[Column]
    rows: Iterable[list]
    prepared_by: str = ""
    bands: list[tuple[int, int, str]] = field(default_factory=list)  # first, last column, text

    def __post_init__(self):
        if not self.bands:
            self.bands = _bands(self.columns)

    @property
    def as_of_line(self) -> str:
        return f"(Tính đến ngày {self.as_of:%d/%m/%Y})"

    @property
    def place_line(self) -> str:
        """Day and month left for the hand of the signer (a list is often signed days after it is
        printed); the year filled in."""
        return f"{self.place}, ngày …… tháng …… năm {self.as_of.year}"


def _bands(columns: list[Column]) -> list[tuple[int, int, str]]:
    bands: list[tuple[int, int, str]] = []
    for j, column in enumerate(columns):
        if column.band and bands and bands[-1][2] == column.band and bands[-1][1] == j - 1:
            bands[-1] = (bands[-1][0], j, column.band)
        elif column.band:
            bands.append((j, j, column.band))
    return bands


def _authority(unit: Unit, *, short: bool) -> str:
    """A local government issues through its People's Committee: "UBND TỈNH ĐIỆN BIÊN" (superior
    line, abbreviated as offices write it) / "ỦY BAN NHÂN DÂN XÃ THANH NƯA" (the issuing body)."""
    name = unit.name.upper()
    if unit.kind in LOCAL_GOVERNMENTS:
        return ("UBND " if short else "ỦY BAN NHÂN DÂN ") + name
    return name


def _place(unit: Unit) -> str:
    """The locality the paper is signed in: the nearest commune, ward, district or province."""
    current: Unit | None = unit
    while current is not None and current.kind not in LOCAL_GOVERNMENTS:
        current = current.parent
    name = (current or unit).name
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _given_name_order(qs: QuerySet[Person]) -> list[int]:
    """Person ids sorted as Vietnamese lists are, in the people list's own order (`Person.sort_key`:
    the given name, then the family name, then the middle names), so the paper an officer prints
    lists the people in the order of the page they printed it from."""
    return list(qs.order_by("sort_key", "id").values_list("pk", flat=True))


def _people_rows(qs: QuerySet[Person]) -> Iterator[dict]:
    ids = _given_name_order(qs)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        by_id = {p.pk: p for p in qs.filter(pk__in=chunk).select_related("unit", "ethnicity", "religion")}
        yield from _chunk_rows([by_id[pk] for pk in chunk if pk in by_id])


def _cells(row: dict, number: int, columns: list[Column]) -> list:
    p: Person = row["person"]
    birth = row["birth"]
    note = ""
    if birth != "" and p.gender not in ("male", "female"):
        shown = birth.strftime("%d/%m/%Y") if isinstance(birth, datetime.date) else str(birth)
        note = f"Sinh {shown} (chưa rõ giới tính)"
    values = {
        "stt": number,
        "full_name": p.full_name,
        "birth_male": birth if p.gender == "male" else "",
        "birth_female": birth if p.gender == "female" else "",
        "ethnicity": row["ethnicity"],
        "title": row["title"],
        "unit": p.unit.name if p.unit_id else "",
        "rank": row["rank"],
        "professional": row["professional"],
        "professional_field": row["professional_field"],
        "politics": row["politics"],
        "state_mgmt": row["state_mgmt"],
        "it": row["it"],
        "foreign_language": row["foreign_language"],
        "party": p.party_joined_on or ("Có" if p.party_member else ""),
        "note": note,
    }
    return [values[c.key] for c in columns]


def official_list(
    qs: QuerySet[Person],
    *,
    unit: Unit,
    include_sensitive: bool,
    as_of: datetime.date,
    prepared_by: str = "",
) -> OfficialList:
    """The list of the people of `qs` (already scoped to the acting user) issued by `unit`."""
    columns = columns_for(include_sensitive=include_sensitive)
    parent = unit.parent
    return OfficialList(
        superior=_authority(parent, short=True) if parent else "",
        issuer=_authority(unit, short=False),
        unit_line=unit.name.upper(),
        as_of=as_of,
        place=_place(unit),
        columns=columns,
        rows=(_cells(row, n, columns) for n, row in enumerate(_people_rows(qs), 1)),
        prepared_by=prepared_by,
    )


def write_official_xlsx(doc: OfficialList, path: str | None = None) -> str:
    """An A4 landscape sheet fitted to the page width, its header rows repeated on every printed
    page; returns the file path.

    Not in xlsxwriter's constant-memory mode (the data export's): there a row is flushed as soon
    as the next one is written, and the header's cells merged down two rows ("STT", "Họ và tên",
    …) each touch both rows, so only the first merge would survive. The cost is about 2 kB a
    person (some 200 MB for a province of 100,000, measured), for a paper meant for a unit.
    """
    if path is None:
        handle, path = tempfile.mkstemp(prefix="canbo-trich-ngang-", suffix=".xlsx")
        os.close(handle)
    columns = doc.columns
    last = len(columns) - 1
    wb = xlsxwriter.Workbook(path, {"strings_to_formulas": False})
    ws = wb.add_worksheet("Trích ngang")
    base = {"font_name": "Times New Roman", "font_size": 12}

    def fmt(**extra):
        return wb.add_format({**base, **extra})

    centre = {"align": "center", "valign": "vcenter", "text_wrap": True}
    superior_f = fmt(**centre)
    issuer_f = fmt(bold=True, underline=1, **centre)
    nation_f = fmt(bold=True, **centre)
    motto_f = fmt(bold=True, underline=1, **centre)
    title_f = fmt(bold=True, font_size=14, **centre)
    unit_f = fmt(bold=True, **centre)
    as_of_f = fmt(italic=True, **centre)
    head_f = fmt(bold=True, border=1, font_size=11, **centre)
    number_f = fmt(italic=True, border=1, font_size=10, **centre)
    cell = {"border": 1, "valign": "vcenter", "text_wrap": True, "font_size": 11}
    text_f = fmt(**cell)
    centred_f = fmt(align="center", **cell)
    date_f = fmt(align="center", num_format="dd/mm/yyyy", **cell)
    year_f = fmt(align="center", num_format="0", **cell)
    place_f = fmt(italic=True, **centre)
    sign_f = fmt(bold=True, **centre)
    sign_note_f = fmt(italic=True, **centre)

    for j, column in enumerate(columns):
        ws.set_column(j, j, column.width)
    split = _heading_split(columns)  # left block: columns 0..split-1; right block: split..last

    # Heading (rows 0-1), title (3-5).
    ws.set_row(0, 18)
    ws.merge_range(0, 0, 0, split - 1, doc.superior, superior_f)
    ws.merge_range(0, split, 0, last, NATION, nation_f)
    ws.merge_range(1, 0, 1, split - 1, escape_formula(doc.issuer), issuer_f)
    ws.merge_range(1, split, 1, last, MOTTO, motto_f)
    ws.set_row(3, 22)
    ws.merge_range(3, 0, 3, last, TITLE, title_f)
    ws.merge_range(4, 0, 4, last, escape_formula(doc.unit_line), unit_f)
    ws.merge_range(5, 0, 5, last, doc.as_of_line, as_of_f)

    # Table header: two rows (bands over their sub-columns, other columns merged down), then the
    # numbering row (1), (2), … as official tables have.
    top, sub, numbering = 7, 8, 9
    ws.set_row(top, 30)
    ws.set_row(sub, 30)
    banded = {j for first, lastj, _band in doc.bands for j in range(first, lastj + 1)}
    for j, column in enumerate(columns):
        if j in banded:
            ws.write_string(sub, j, column.label, head_f)
        else:
            ws.merge_range(top, j, sub, j, column.label, head_f)
    for first, lastj, band in doc.bands:
        if lastj > first:
            ws.merge_range(top, first, top, lastj, band, head_f)
        else:
            ws.write_string(top, first, band, head_f)
    for j in range(len(columns)):
        ws.write_string(numbering, j, f"({j + 1})", number_f)

    r = numbering
    for values in doc.rows:
        r += 1
        for j, (column, value) in enumerate(zip(columns, values, strict=True)):
            if isinstance(value, datetime.date):
                ws.write_datetime(r, j, datetime.datetime(value.year, value.month, value.day), date_f)
            elif isinstance(value, int):
                ws.write_number(r, j, value, year_f if column.key.startswith("birth") else centred_f)
            elif value:
                ws.write_string(r, j, escape_formula(str(value)), centred_f if column.centred else text_f)
            else:
                ws.write_blank(r, j, None, text_f)

    # Place and date, then the two signature blocks.
    r += 2
    ws.merge_range(r, split, r, last, escape_formula(doc.place_line), place_f)
    r += 1
    ws.merge_range(r, 0, r, split - 1, PREPARER, sign_f)
    ws.merge_range(r, split, r, last, HEAD, sign_f)
    r += 1
    ws.merge_range(r, 0, r, split - 1, PREPARER_SIGN, sign_note_f)
    ws.merge_range(r, split, r, last, HEAD_SIGN, sign_note_f)
    if doc.prepared_by:
        r += 5
        ws.merge_range(r, 0, r, split - 1, escape_formula(doc.prepared_by), sign_f)

    # Print: A4 landscape, fitted to the width (as many pages down as needed), the header and
    # numbering rows repeated on each page, centred, page numbers in the footer.
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(top, numbering)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.set_footer('&C&"Times New Roman"&10Trang &P/&N')
    ws.hide_gridlines(2)  # the table's own borders are the lines printed
    ws.print_area(0, 0, r, last)
    ws.freeze_panes(numbering + 1, 2)
    wb.close()
    return path


def _heading_split(columns: list[Column]) -> int:
    """The left heading block ends before "Chức vụ/chức danh" (about 40% of the width): room for
    the bodies' names on two lines at most, and the motto centred over the rest."""
    for j, column in enumerate(columns):
        if column.key == "title":
            return j
    return max(1, len(columns) // 2)


PDF_MAX_ROWS = 2000  # weasyprint lays out ~100 rows a second: beyond this, the .xlsx prints better


class TooLongToPrint(Exception):
    """More rows than a PDF is worth laying out; the caller offers the .xlsx (or a narrower filter)."""

    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(limit)


def _shown(value) -> str:
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def official_list_html(doc: OfficialList) -> str:
    """The same paper as HTML for weasyprint: the header rows in <thead>, repeated on every page."""
    from django.template.loader import render_to_string

    rows = []
    for values in doc.rows:
        if len(rows) == PDF_MAX_ROWS:
            raise TooLongToPrint(PDF_MAX_ROWS)
        rows.append(
            [(_shown(v), c.centred or c.key.startswith("birth")) for c, v in zip(doc.columns, values, strict=True)]
        )
    banded = {j for first, last, _band in doc.bands for j in range(first, last + 1)}
    top = []
    for j, column in enumerate(doc.columns):
        band = next((b for b in doc.bands if b[0] == j), None)
        if band:
            top.append({"text": band[2], "cols": band[1] - band[0] + 1, "rows": 1})
        elif j not in banded:
            top.append({"text": column.label, "cols": 1, "rows": 2})
    context = {
        "doc": doc,
        "title": TITLE,
        "nation": NATION,
        "motto": MOTTO,
        "preparer": PREPARER,
        "head": HEAD,
        "preparer_sign": PREPARER_SIGN,
        "head_sign": HEAD_SIGN,
        "top": top,
        "sub": [c.label for j, c in enumerate(doc.columns) if j in banded],
        "numbers": [f"({j + 1})" for j in range(len(doc.columns))],
        "rows": rows,
    }
    return render_to_string("exchange/official_list_print.html", context)


def render_official_pdf(doc: OfficialList) -> bytes:
    """A4 landscape PDF of the list (weasyprint, loaded on use as in core.pdf)."""
    from weasyprint import HTML

    return HTML(string=official_list_html(doc)).write_pdf()
