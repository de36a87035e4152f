"""How far a workbook's filled cells reach, measured by streaming its parts before calamine reads it.

calamine builds each sheet as one dense block from the first to the last filled cell, so a 5 KB
.xlsx holding only A1 and XFD1048576 asks for 512 GiB and aborts the process (a Rust abort, not an
exception). The sheet's declared ``<dimension>`` cannot be trusted (it may say A1:A1) and is harmless
to calamine, so the cells themselves are read: .xlsx/.xlsm XML and .ods content.xml by a streaming
scan of their tags, .xlsb and .xls by walking their binary records (an .xls holding A1 and IV65536
takes 1 GB). Pure Python; returns numbers, the reader decides.
"""

from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass

MB = 1024 * 1024
_XML_TAIL = 4096

_XLSX_TAG = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*)>")
_REF = re.compile(rb'\br="([A-Za-z]{0,3})(\d*)"')
_SHEET_REL = re.compile(rb"<Relationship\b[^>]*>")
_REL_ATTR = re.compile(rb'\b(Type|Target)="([^"]*)"')

_ODS_TAG = re.compile(rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*)>")
_ODS_ROWS = re.compile(rb'table:number-rows-repeated="(\d+)"')
_ODS_COLUMNS = re.compile(rb'table:number-columns-repeated="(\d+)"')


@dataclass
class Extent:
    """The block calamine would build for the largest sheet: first/last filled row and column (1-based)."""

    first_row: int = 0
    last_row: int = 0
    first_column: int = 0
    last_column: int = 0

    def add(self, row_low: int, row_high: int, column_low: int, column_high: int) -> None:
        if not self.last_row:
            self.first_row, self.last_row, self.first_column, self.last_column = (
                row_low,
                row_high,
                column_low,
                column_high,
            )
            return
        self.first_row = min(self.first_row, row_low)
        self.last_row = max(self.last_row, row_high)
        self.first_column = min(self.first_column, column_low)
        self.last_column = max(self.last_column, column_high)

    @property
    def rows(self) -> int:
        return self.last_row - self.first_row + 1 if self.last_row else 0

    @property
    def columns(self) -> int:
        return self.last_column - self.first_column + 1 if self.last_column else 0

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def column_letters(number: int) -> str:
    """1 -> "A", 16384 -> "XFD"."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


def _chunks(stream):
    """The part's bytes in pieces that end on a tag boundary (">")."""
    carry = b""
    while chunk := stream.read(MB):
        data = carry + chunk
        cut = data.rfind(b">") + 1
        yield data[:cut]
        carry = data[cut:]
        if len(carry) > _XML_TAIL * 256:  # a "tag" longer than a megabyte is not a spreadsheet
            raise ValueError("tag too long")
    if carry:
        yield carry


def _worksheet_parts(zf: zipfile.ZipFile) -> list[str]:
    """Every part calamine may read as a sheet: the workbook's worksheet relationships, and the usual folder."""
    names = set(zf.namelist())
    parts = {name for name in names if name.startswith("xl/worksheets/") and name.endswith((".xml", ".bin"))}
    try:
        info = zf.getinfo("xl/_rels/workbook.xml.rels")
    except KeyError:
        info = None
    if info is not None and info.file_size <= 4 * MB:
        with zf.open(info) as stream:
            rels = stream.read()
        for tag in _SHEET_REL.finditer(rels):
            attrs = dict(_REL_ATTR.findall(tag.group()))
            if attrs.get(b"Type", b"").endswith(b"/worksheet"):
                target = attrs.get(b"Target", b"").decode("utf-8", "replace")
                part = target.lstrip("/") if target.startswith("/") else "xl/" + target
                if part in names:
                    parts.add(part)
    return sorted(parts)


_WIDE_REF = re.compile(rb'<c r="([A-Z]{2,3})\d')
_ROW_REF = re.compile(rb'<row r="(\d+)"')


def _xlsx_sheet_bound(stream) -> Extent | None:
    """A block at least as large as the filled one, cheaply: row numbers from <row r=…>, the widest
    column from the cell references of two or three letters (rare in a staff list), columns from A.
    None when the part does not have the usual layout (a cell or row without r="…", a prefix)."""
    rows: set[bytes] = set()
    wide: set[bytes] = set()
    for data in _chunks(stream):
        found = _ROW_REF.findall(data)
        if (
            data.count(b"<row") != len(found)
            or data.count(b"<c ") + data.count(b"<c>") != data.count(b'<c r="')
            or b":c " in data
            or b":row " in data
        ):
            return None
        rows.update(found)
        wide.update(_WIDE_REF.findall(data))
    if not rows:
        return Extent()
    numbers = [int(row) for row in rows]
    last_column = max((_column_number(letters) for letters in wide), default=26)
    return Extent(min(numbers), max(numbers), 1, last_column)


def _xlsx_sheet(stream) -> Extent:
    """The filled block exactly: every cell tag, formatted empty cells (<c …/>) left out as calamine does."""
    extent = Extent()
    row = column = 0
    for data in _chunks(stream):
        for tag in _XLSX_TAG.finditer(data):
            kind, attrs = tag.group(1), tag.group(2)
            ref = _REF.search(attrs)
            if kind == b"row":
                row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                column = 0
                continue
            if ref and ref.group(1):
                column = _column_number(ref.group(1))
                if ref.group(2):
                    row = int(ref.group(2))
            else:
                column += 1
            if not attrs.rstrip().endswith(b"/"):  # <c r="…" s="1"/> is a formatted empty cell: skipped
                extent.add(row, row, column, column)
    return extent


def _xlsb_varint(data: bytes, at: int, limit: int) -> tuple[int, int]:
    value = shift = 0
    for _i in range(limit):
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            break
    return value, at


_XLSB_ROW_HEADER = 0x00
_XLSB_CELLS = range(0x01, 0x0C)  # BrtCellBlank … BrtFmlaError: column index first


def _xlsb_sheet(stream) -> Extent:
    data = stream.read()
    extent = Extent()
    at, row = 0, 0
    while at < len(data):
        try:
            kind, at = _xlsb_varint(data, at, 2)
            size, at = _xlsb_varint(data, at, 4)
        except IndexError:  # a truncated last record: calamine decides whether the file is broken
            break
        body = data[at : at + size]
        at += size
        if kind == _XLSB_ROW_HEADER and len(body) >= 4:
            row = int.from_bytes(body[:4], "little") + 1
        elif kind in _XLSB_CELLS and len(body) >= 4:
            column = (int.from_bytes(body[:4], "little") & 0x3FFF) + 1
            extent.add(row, row, column, column)
    return extent


def _ods_content(stream) -> Extent:
    """The largest table of content.xml; repeated rows and cells count as many times as repeated."""
    largest = current = Extent()
    row = column = 0
    row_repeat = 1
    for data in _chunks(stream):
        for tag in _ODS_TAG.finditer(data):
            closing, kind, attrs = tag.groups()
            if kind == b"table":
                if not closing:
                    current, row, row_repeat = Extent(), 0, 1
                elif current.cells > largest.cells:
                    largest = current
                continue
            if closing:
                continue
            if kind == b"table-row":
                repeat = _ODS_ROWS.search(attrs)
                row += row_repeat
                row_repeat = int(repeat.group(1)) if repeat else 1
                column = 0
                continue
            repeat = _ODS_COLUMNS.search(attrs)
            count = int(repeat.group(1)) if repeat else 1
            # a filled cell has a value type or content; "<table:table-cell/>" and style-only cells are empty
            if b"value-type=" in attrs or not attrs.rstrip().endswith(b"/"):
                current.add(row, row + row_repeat - 1, column + 1, column + count)
            column += count
    return largest if largest.cells >= current.cells else current


# BIFF8 cell records (row, column first); BLANK and MULBLANK are formatted empty cells, skipped as
# calamine skips them. MULRK holds a run of columns, its last column in its last two bytes.
_BIFF_BOF, _BIFF_MULRK = 0x0809, 0x00BD
_BIFF_CELLS = {0x0006, 0x00D6, 0x00FD, 0x0203, 0x0204, 0x0205, 0x027E, _BIFF_MULRK}


def _xls_extent(path) -> Extent:
    """The largest filled block over the sheets of an Excel 97–2003 workbook's Workbook stream."""
    from xlrd.compdoc import CompDoc

    with open(path, "rb") as f:
        data = f.read()
    document = CompDoc(data, logfile=None)
    for name in ("Workbook", "Book"):
        stream, base, size = document.locate_named_stream(name)
        if stream is not None:
            break
    else:
        return Extent()
    header = struct.Struct("<HH").unpack_from
    largest = Extent()
    low_row = low_column = 1 << 30
    high_row = high_column = 0
    cells = _BIFF_CELLS
    at, end = base, base + size
    while at + 4 <= end:  # local variables only: a 60,000-row sheet has over a million records
        kind, length = header(stream, at)
        if kind in cells and length >= 6:
            row, column = header(stream, at + 4)
            last = header(stream, at + 2 + length)[0] if kind == _BIFF_MULRK else column
            low_row, high_row = min(low_row, row), max(high_row, row)
            low_column, high_column = min(low_column, column), max(high_column, last)
        elif kind == _BIFF_BOF:
            if low_row < 1 << 30:
                sheet = Extent(low_row + 1, high_row + 1, low_column + 1, high_column + 1)
                largest = sheet if sheet.cells > largest.cells else largest
            low_row = low_column = 1 << 30
            high_row = high_column = 0
        at += 4 + length
    if low_row < 1 << 30:
        sheet = Extent(low_row + 1, high_row + 1, low_column + 1, high_column + 1)
        largest = sheet if sheet.cells > largest.cells else largest
    return largest


def workbook_extent(path, kind: str, *, fits=lambda extent: False) -> Extent:
    """The largest filled block over every sheet of an "xlsx", "xls" or "ods" workbook (CSV: empty).

    `fits(extent)` says whether a block is acceptable: an .xlsx sheet whose cheap upper bound fits is
    not scanned cell by cell (a 100,000-row sheet: about 1 s instead of 6 s).
    """
    if kind == "xls":
        return _xls_extent(path)
    largest = Extent()
    with zipfile.ZipFile(path) as zf:
        if kind == "xlsx":
            for part in _worksheet_parts(zf):
                if part.endswith(".bin"):
                    with zf.open(part) as stream:
                        extent = _xlsb_sheet(stream)
                else:
                    with zf.open(part) as stream:
                        extent = _xlsx_sheet_bound(stream)
                    if extent is None or not fits(extent):
                        with zf.open(part) as stream:
                            extent = _xlsx_sheet(stream)
                if extent.cells > largest.cells:
                    largest = extent
        elif kind == "ods" and "content.xml" in zf.namelist():
            with zf.open("content.xml") as stream:
                largest = _ods_content(stream)
    return largest
