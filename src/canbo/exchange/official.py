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

from canbo.core import papers
from canbo.core.spreadsheet import escape_formula
from canbo.exchange.export import _chunk_rows
from canbo.orgs.models import Unit
from canbo.people.models import Person

TITLE = "DANH SÁCH TRÍCH NGANG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC"
BIRTH_BAND = "Ngày, tháng, năm sinh"
TRAINING_BAND = "Trình độ đào tạo"
SENSITIVE_FIELDS = ("ethnicity", "party_member", "party_joined_on")  # what the list shows, for the log
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
        """ "Thanh Nưa, ngày 05 tháng 3 năm 2026": the place and the day the list is made (NĐ 30)."""
        return papers.place_date_line(self.place, self.as_of)

    @property
    def paper(self) -> papers.Paper:
        return papers.Paper(
            left=[line for line in (self.superior, self.issuer) if line],
            right=[papers.NATION, papers.MOTTO],
            title=TITLE,
            subtitle=[self.unit_line, self.as_of_line],
            place_date=self.place_line,
            signers=[
                papers.Signer(papers.PREPARER, papers.PREPARER_SIGN, self.prepared_by),
                papers.Signer(papers.HEAD, papers.HEAD_SIGN),
            ],
        )


def _bands(columns: list[Column]) -> list[tuple[int, int, str]]:
    bands: list[tuple[int, int, str]] = []
    for j, column in enumerate(columns):
        if column.band and bands and bands[-1][2] == column.band and bands[-1][1] == j - 1:
            bands[-1] = (bands[-1][0], j, column.band)
        elif column.band:
            bands.append((j, j, column.band))
    return bands


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
        superior=papers.authority(parent, short=True) if parent else "",
        issuer=papers.authority(unit),
        unit_line=unit.name.upper(),
        as_of=as_of,
        place=papers.place_of(unit),
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
    head_f = fmt(bold=True, border=1, font_size=11, **centre)
    number_f = fmt(italic=True, border=1, font_size=10, **centre)
    cell = {"border": 1, "valign": "vcenter", "text_wrap": True, "font_size": 11}
    text_f = fmt(**cell)
    centred_f = fmt(align="center", **cell)
    date_f = fmt(align="center", num_format="dd/mm/yyyy", **cell)
    year_f = fmt(align="center", num_format="0", **cell)
    for j, column in enumerate(columns):
        ws.set_column(j, j, column.width)
    split = _heading_split(columns)  # left block: columns 0..split-1; right block: split..last

    # Heading (rows 0-1), title (3), unit and day (4-5).
    on_paper = papers.SheetPaper(wb, ws, doc.paper, width=len(columns), split=split, font=base)
    on_paper.heading()

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
    r = on_paper.footer(r + 2) - 1

    # Print: A4 landscape, fitted to the width (as many pages down as needed), the header and
    # numbering rows repeated on each page, centred, page numbers in the footer.
    papers.xlsx_print_setup(
        ws,
        landscape=papers.is_landscape([c.width for c in columns]),
        title_rows=(top, numbering),
        last_row=r,
        last_col=last,
    )
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


def official_context(doc: OfficialList, *, limit: int, too_long: bool = False) -> dict:
    """What the paper's HTML shows (the PDF and the on-screen preview): the heading, the header rows,
    the first `limit` rows and the footer; past `limit`, TooLongToPrint when `too_long`, else the
    rows stop there and `more` says so."""
    rows = []
    more = False
    for values in doc.rows:
        if len(rows) == limit:
            if too_long:
                raise TooLongToPrint(limit)
            more = True
            break
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
    return {
        "doc": doc,
        "title": TITLE,
        "paper": doc.paper,
        "top": top,
        "sub": [c.label for j, c in enumerate(doc.columns) if j in banded],
        "numbers": [f"({j + 1})" for j in range(len(doc.columns))],
        "rows": rows,
        "more": more,
    }


def official_list_html(doc: OfficialList) -> str:
    """The same paper as HTML for weasyprint: the header rows in <thead>, repeated on every page."""
    from django.template.loader import render_to_string

    return render_to_string(
        "exchange/official_list_print.html", official_context(doc, limit=PDF_MAX_ROWS, too_long=True)
    )


def render_official_pdf(doc: OfficialList) -> bytes:
    """A4 landscape PDF of the list (weasyprint, loaded on use as in core.pdf)."""
    from weasyprint import HTML

    return HTML(string=official_list_html(doc)).write_pdf()
