"""Papers as Vietnamese offices issue them, one helper for every printed form, report, list and
certificate (NĐ 30/2020/NĐ-CP on administrative documents, Phụ lục I).

A paper has a heading of two blocks: on the left the issuing body under its superior body ("UBND
TỈNH ĐIỆN BIÊN" / "SỞ NỘI VỤ"), on the right the national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
NAM" / "Độc lập - Tự do - Hạnh phúc") — or, on a Party statistical form, the form number and unit of
count; then the title, the table, the place and date line ("Điện Biên, ngày 07 tháng 12 năm 2026",
the locality the issuing body sits in) and the signature blocks (NGƯỜI LẬP BIỂU left, THỦ TRƯỞNG
ĐƠN VỊ right). `Paper` holds those texts; `xlsx_heading`, `xlsx_footer` and `xlsx_print_setup` write
them on a sheet (A4, orientation by width, header rows repeated, one page wide); the templates
`papers/_heading.html` and `papers/_footer.html` draw them on the screen preview and in the PDF.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from canbo.core.spreadsheet import escape_formula

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PREPARER = "NGƯỜI LẬP BIỂU"
HEAD = "THỦ TRƯỞNG ĐƠN VỊ"
PREPARER_SIGN = "(Ký, ghi rõ họ tên)"
HEAD_SIGN = "(Ký tên, đóng dấu)"

# Excel number formats that print the Vietnamese way whatever the reader's locale: "1.200.000"
# (literal dots by magnitude: a format allows two conditions, so up to 999.999.999 grouped fully;
# beyond, the leading digits run together), and dates as dd/mm/yyyy.
VN_INT = r"[>=1000000]#\.###\.##0;[>=1000]#\.##0;0"
VN_DATE = "dd/mm/yyyy"

LOCAL_GOVERNMENTS = ("province", "district", "commune", "ward", "town")
# "Xã Thanh Nưa" is written "Thanh Nưa" in "Thanh Nưa, ngày … tháng … năm …".
PLACE_PREFIXES = ("Thành phố ", "Thị trấn ", "Thị xã ", "Đặc khu ", "Tỉnh ", "Huyện ", "Phường ", "Xã ", "Quận ")


@dataclass
class Signer:
    title: str  # "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "HIỆU TRƯỞNG"
    note: str = ""  # "(Ký, ghi rõ họ tên)"
    name: str = ""  # printed under the space for the signature, when known


@dataclass
class Paper:
    """The texts around a paper's table. `left` runs from the superior body down to the issuing
    body (the last line, bold); `right` is the motto (NATION, MOTTO) or a form's own lines."""

    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    form_number: str = ""  # "Biểu số CLDN-01", printed over the right block when it holds the motto
    number: str = ""  # the paper's own number, under the issuing body: "Số: TCT-2026-00012"
    title: str = ""
    subtitle: list[str] = field(default_factory=list)
    place_date: str = ""
    signers: list[Signer] = field(default_factory=list)

    @property
    def has_motto(self) -> bool:
        return NATION in self.right

    @property
    def left_lines(self) -> list[tuple[str, bool]]:
        """(text, is the issuing body): the last line is bold and underlined."""
        return [(text, i == len(self.left) - 1) for i, text in enumerate(self.left)]

    @property
    def right_lines(self) -> list[tuple[str, bool]]:
        """(text, underlined): the motto is underlined."""
        return [(text, text == MOTTO) for text in self.right]


def place_of(unit) -> str:
    """The locality a unit signs its papers in: the nearest province, district or commune among the
    unit and its ancestors, without its kind ("Sở Nội vụ" of Tỉnh Điện Biên → "Điện Biên")."""
    current = unit
    while current is not None and current.kind not in LOCAL_GOVERNMENTS:
        current = current.parent
    name = (current or unit).name
    for prefix in PLACE_PREFIXES:
        # A unit named by a number keeps its full name (NĐ 30, Phụ lục I): "Phường 1", not "1".
        if name.startswith(prefix) and not name[len(prefix) :][:1].isdigit():
            return name[len(prefix) :]
    return name


def date_words(day: datetime.date) -> str:
    """ "ngày 07 tháng 12 năm 2026": a day under 10 and the months 1 and 2 take a leading zero (NĐ 30,
    Phụ lục I), so a date cannot be altered by hand ("tháng 1" → "tháng 11")."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_date_line(place: str, day: datetime.date) -> str:
    return f"{place}, {date_words(day)}"


def authority(unit, *, short: bool = False) -> str:
    """A local government issues through its People's Committee: "UBND TỈNH ĐIỆN BIÊN" (the superior
    line, abbreviated as offices write it) / "ỦY BAN NHÂN DÂN XÃ THANH NƯA" (the issuing body);
    any other body by its own name."""
    name = unit.name.upper()
    if unit.kind in LOCAL_GOVERNMENTS:
        return ("UBND " if short else "ỦY BAN NHÂN DÂN ") + name
    return name


def issued_by(unit) -> list[str]:
    """The left block for a paper a unit issues: its superior body (if any), then the unit."""
    parent = unit.parent
    return [authority(parent, short=True), authority(unit)] if parent else [authority(unit)]


def state_paper(
    unit,
    *,
    day: datetime.date,
    title: str = "",
    subtitle: list[str] | None = None,
    form_number: str = "",
    signers: list[Signer] | None = None,
) -> Paper:
    """An administrative paper of a state body: issuing body left, national motto right, place and
    date, the preparer and the head of the unit signing."""
    return Paper(
        left=issued_by(unit),
        right=[NATION, MOTTO],
        form_number=form_number,
        title=title,
        subtitle=list(subtitle or []),
        place_date=place_date_line(place_of(unit), day),
        signers=signers if signers is not None else [Signer(PREPARER, PREPARER_SIGN), Signer(HEAD, HEAD_SIGN)],
    )


# ---------------------------------------------------------------- xlsx


def is_landscape(column_widths: list[float]) -> bool:
    """Landscape when the columns are wider than an A4 portrait page takes at 11 pt (~95 characters)."""
    return sum(column_widths) > 95


class SheetPaper:
    """Writes a `Paper` on an xlsxwriter sheet `width` columns wide; the heading's left block takes
    the columns before `split`, the right block the rest (the signature blocks too)."""

    def __init__(self, book, sheet, paper: Paper, *, width: int, split: int | None = None, font: dict | None = None):
        self.book, self.sheet, self.paper, self.width = book, sheet, paper, max(width, 2)
        self.split = split if split is not None else max(1, self.width * 2 // 5)
        base = font or {}
        centre = {**base, "align": "center", "valign": "vcenter", "text_wrap": True}
        self.plain = book.add_format(centre)
        self.bold = book.add_format({**centre, "bold": True})
        self.underlined = book.add_format({**centre, "bold": True, "underline": 1})
        self.italic = book.add_format({**centre, "italic": True})
        self.title_f = book.add_format({**centre, "bold": True, "font_size": 13})
        self.right_f = book.add_format({**base, "align": "right", "italic": True, "bold": True})

    def _line(self, row: int, first: int, last: int, text: str, fmt) -> None:
        if last > first:
            self.sheet.merge_range(row, first, row, last, escape_formula(text), fmt)
        else:
            self.sheet.write_string(row, first, escape_formula(text), fmt)

    def heading(self, row: int = 0) -> int:
        """The form number, the two heading blocks, the title and subtitle; returns the next free row."""
        paper, last = self.paper, self.width - 1
        if paper.form_number and paper.has_motto:
            self._line(row, self.split, last, paper.form_number, self.right_f)
            row += 1
        left, right = paper.left_lines, paper.right_lines
        for i in range(max(len(left), len(right))):
            if i < len(left):
                text, issuer = left[i]
                self._line(row + i, 0, self.split - 1, text, self.underlined if issuer else self.plain)
            if i < len(right):
                text, underlined = right[i]
                self._line(row + i, self.split, last, text, self.underlined if underlined else self.bold)
        row += max(len(left), len(right))
        if paper.number:
            self._line(row, 0, self.split - 1, f"Số: {paper.number}", self.plain)
            row += 1
        row += 1
        if paper.title:
            self.sheet.set_row(row, 36)
            self._line(row, 0, last, paper.title, self.title_f)
            row += 1
        for line in paper.subtitle:
            self._line(row, 0, last, line, self.italic)
            row += 1
        return row

    def footer(self, row: int) -> int:
        """The place and date line (right), the signature blocks under it; returns the next free row."""
        paper, last = self.paper, self.width - 1
        if paper.place_date:
            self._line(row, self.split, last, paper.place_date, self.italic)
            row += 1
        spots = [(0, self.split - 1), (self.split, last)]
        signers = paper.signers[-2:]
        if len(signers) == 1:
            spots = spots[1:]
        for (first, end), signer in zip(spots, signers, strict=False):
            self._line(row, first, end, signer.title, self.bold)
            if signer.note:
                self._line(row + 1, first, end, signer.note, self.italic)
            if signer.name:
                self._line(row + 5, first, end, signer.name, self.bold)
        return row + (6 if any(s.name for s in signers) else 2)


def xlsx_print_setup(
    sheet,
    *,
    landscape: bool,
    title_rows: tuple[int, int] | None = None,
    last_row: int | None = None,
    last_col: int | None = None,
    screen_grid: bool = False,
) -> None:
    """Print as a paper: A4, the orientation given, the header rows on every page, one page wide (as
    many pages down as needed), centred, page numbers at the foot, no grid lines printed (nor on the
    screen, where the table draws its own borders, unless `screen_grid`)."""
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.set_paper(9)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.center_horizontally()
    sheet.fit_to_pages(1, 0)
    if title_rows is not None:
        sheet.repeat_rows(*title_rows)
    if last_row is not None and last_col is not None:
        sheet.print_area(0, 0, last_row, last_col)
    sheet.set_footer("&CTrang &P/&N")
    sheet.hide_gridlines(1 if screen_grid else 2)
