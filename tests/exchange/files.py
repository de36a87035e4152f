"""Builders of the spreadsheets provinces really send, written at test time (no binary fixtures).

Each builder writes into a directory the test owns (tmp_path) and returns the path.
"""

from __future__ import annotations

import datetime
import struct
import unicodedata
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import xlsxwriter
from openpyxl.styles import Alignment, Font

MB = 1024 * 1024
D = datetime.date


# ------------------------------------------------------------------------------------------- generic


def write_xlsx(path: Path, rows: list[list], *, top: int = 1, left: int = 1, merges=(), sheet="Danh sách"):
    """An .xlsx written with openpyxl: `rows` from row `top`, column `left`; None cells stay empty."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                ws.cell(row=top + i, column=left + j, value=value)
    for cells in merges:
        ws.merge_cells(cells)
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[list[str]], *, delimiter=",", encoding="utf-8", bom=False, prefix=""):
    text = prefix + "\r\n".join(delimiter.join(_csv_cell(c, delimiter) for c in row) for row in rows) + "\r\n"
    data = to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


def _csv_cell(value: str, delimiter: str) -> str:
    if any(ch in value for ch in (delimiter, '"', "\n")):
        return '"' + value.replace('"', '""') + '"'
    return value


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letters (ô, ơ, ư, ă, đ) plus combining tones."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            ch.encode("cp1258")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
        out.append(base + "".join(c for c in parts if c in _TONE_MARKS))
    return "".join(out).encode("cp1258")


# ---------------------------------------------------------------------------------- realistic lists


def commune_list(path: Path) -> Path:
    """A commune's list as typed in Excel: national motto and title rows, a two-row header with
    "Ngày sinh" over Nam | Nữ and "Trình độ" over Chuyên môn | LLCT | QLNN, a numbering row, people
    with dates as real dates, as text and as a bare year, an ID typed as a number, a blank row, a
    total, a signature block and the signer's name under it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DS CBCC"
    bold = Font(bold=True)
    ws["A1"] = "ỦY BAN NHÂN DÂN XÃ THANH NƯA"
    ws["F1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["F2"] = "Độc lập - Tự do - Hạnh phúc"
    ws["A4"] = "DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ NĂM 2025"
    ws.merge_cells("A1:D1")
    ws.merge_cells("F1:J1")
    ws.merge_cells("F2:J2")
    ws.merge_cells("A4:J4")
    upper = ["STT", "Họ và tên", "Ngày sinh", None, "Số CCCD", "Trình độ", None, None, "Đảng viên", "Ghi chú"]
    lower = [None, None, "Nam", "Nữ", None, "Chuyên môn", "LLCT", "QLNN", None, None]
    for j, (top, bottom) in enumerate(zip(upper, lower, strict=True), start=1):
        if top:
            ws.cell(row=6, column=j, value=top).font = bold
        if bottom:
            ws.cell(row=7, column=j, value=bottom).font = bold
    for cells in ("A6:A7", "B6:B7", "C6:D6", "E6:E7", "F6:H6", "I6:I7", "J6:J7"):
        ws.merge_cells(cells)
    ws["B6"].alignment = Alignment(wrap_text=True, vertical="center")
    for j in range(1, 11):
        ws.cell(row=8, column=j, value=f"({j})")
    people = [
        [1, "Lò Thị Vân", None, 1985, 11090001234, "Cử nhân Luật", "TC LLCT", "CV", "x", None],
        [
            2,
            "Nguyễn Văn An",
            datetime.datetime(1979, 3, 2),
            None,
            "001079001234",
            "ThS QLKT",
            "CC",
            None,
            None,
            None,
        ],
        None,  # a blank row between people
        [
            3,
            "Quàng Văn Bình",
            "02/05/1980",
            None,
            "'011080005678",
            "Kỹ sư nông nghiệp",
            None,
            None,
            "ĐV",
            "Mới",
        ],
        [None, "Tổng cộng: 3 người", None, None, None, None, None, None, None, None],
    ]
    for i, row in enumerate(people, start=9):
        for j, value in enumerate(row or [], start=1):
            if value is not None:
                ws.cell(row=i, column=j, value=value)
    ws["C9"].number_format = "0"
    ws["C10"].number_format = "dd/mm/yyyy"
    ws["B15"] = "Người lập biểu"
    ws["G15"] = "Thanh Nưa, ngày 15 tháng 3 năm 2025"
    ws["B16"] = "(Ký, ghi rõ họ tên)"
    ws["G16"] = "TM. ỦY BAN NHÂN DÂN"
    ws["B19"] = "Lò Văn Dũng"  # the signer: not a person of the list
    ws["G19"] = "Nguyễn Văn Chủ"
    wb.save(path)
    return path


def dated_list(path: Path) -> Path:
    """Header without diacritics, written by xlsxwriter: birth as a real date, as dd/mm/yyyy text,
    as a bare year; IDs as numbers (losing their leading zeros) and as text."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Sheet1")
    date_format = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, ["DANH SACH CAN BO"])
    ws.write_row(2, 0, ["STT", "HO TEN", "NGAY SINH", "GIOI TINH", "SO CCCD", "NGAY VAO DANG"])
    ws.write_row(3, 0, [1, 2, 3, 4, 5, 6])  # a numbering row of plain numbers
    ws.write_number(4, 0, 1)
    ws.write_string(4, 1, "Lò Thị Vân")
    ws.write_datetime(4, 2, datetime.datetime(1985, 7, 14), date_format)
    ws.write_string(4, 3, "Nữ")
    ws.write_number(4, 4, 11090001234)
    ws.write_datetime(4, 5, datetime.datetime(2010, 5, 19), date_format)
    ws.write_row(5, 0, [2, "Nguyễn Văn An", "02/05/1980", "Nam", "001079001234", "19/05/2005"])
    ws.write_row(6, 0, [3, "Quàng Văn Bình", 1975, "nam", 1080005678])
    wb.close()
    return path


def write_ods(path: Path, rows: list[list]) -> Path:
    """A minimal valid OpenDocument spreadsheet by hand: mimetype, content.xml, manifest."""

    def cell(value) -> str:
        if value is None or value == "":
            return "<table:table-cell/>"
        if isinstance(value, datetime.date):
            text = value.strftime("%d/%m/%Y")
            return (
                f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
                f"<text:p>{text}</text:p></table:table-cell>"
            )
        if isinstance(value, int | float):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        text = escape(value)
        return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'

    body = "".join(
        "<table:table-row>" + ("".join(cell(v) for v in row) or "<table:table-cell/>") + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Danh sách">'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


# ---------------------------------------------------------------------------------- hostile or wrong


def write_zip_bomb(path: Path, size: int = 600 * MB) -> Path:
    """An "xlsx" whose sheet inflates to `size` bytes of zeros (~1 KB of deflate per MB).

    Zeros compressed after a full flush give the same bytes every time, so one megabyte is
    compressed once and its block repeated: writing takes a fraction of a second and little memory.
    """
    chunk = b"\0" * MB
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    compressor.compress(chunk)
    compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush(zlib.Z_FINISH)
    count = size // MB
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    content_types = b'<?xml version="1.0"?><Types/>'
    entries = [
        ("[Content_Types].xml", 0, zlib.crc32(content_types), len(content_types), [content_types]),
        ("xl/worksheets/sheet1.xml", 8, crc, size, [block] * count + [tail]),
    ]
    _write_raw_zip(path, entries)
    return path


def _write_raw_zip(path: Path, entries) -> None:
    central = []
    with open(path, "wb") as f:
        for name, method, crc, size, parts in entries:
            offset = f.tell()
            encoded = name.encode()
            compressed = sum(len(p) for p in parts)
            f.write(
                struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, compressed, size, len(encoded), 0)
            )
            f.write(encoded)
            for part in parts:
                f.write(part)
            central.append(
                struct.pack(
                    "<IHHHHHHIIIHHHHHII",
                    0x02014B50,
                    20,
                    20,
                    0,
                    method,
                    0,
                    0x21,
                    crc,
                    compressed,
                    size,
                    len(encoded),
                    0,
                    0,
                    0,
                    0,
                    0,
                    offset,
                )
                + encoded
            )
        start = f.tell()
        for record in central:
            f.write(record)
        f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), f.tell() - start, start, 0))


ENDOFCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def write_cfb(path: Path, streams: dict[str, bytes]) -> Path:
    """A small valid OLE2 compound file (version 3, 512-byte sectors) holding the given streams.

    Streams are padded to 4096 bytes so they live in ordinary sectors (no mini stream needed).
    """
    ss = 512
    names = list(streams)
    data = {name: streams[name].ljust(4096, b"\0") for name in names}
    dir_sectors = -(-(len(names) + 1) * 128 // ss)
    fat = [FREESECT] * (ss // 4)
    fat[0] = FATSECT
    for k in range(dir_sectors):
        fat[1 + k] = 2 + k if k < dir_sectors - 1 else ENDOFCHAIN
    next_free = 1 + dir_sectors
    starts = {}
    for name in names:
        count = -(-len(data[name]) // ss)
        starts[name] = next_free
        for k in range(count):
            fat[next_free + k] = next_free + k + 1 if k < count - 1 else ENDOFCHAIN
        next_free += count
    assert next_free <= len(fat), "test CFB too large for one FAT sector"

    def entry(name, kind, child=NOSTREAM, right=NOSTREAM, start=ENDOFCHAIN, size=0) -> bytes:
        encoded = name.encode("utf-16-le")
        return struct.pack(
            "<64sHBBIII16sIQQIQ",
            encoded.ljust(64, b"\0"), len(encoded) + 2, kind, 1, NOSTREAM, right, child, b"\0" * 16,
            0, 0, 0, start, size,
        )  # fmt: skip

    directory = [entry("Root Entry", 5, child=1)]
    for i, name in enumerate(names, start=1):
        right = i + 1 if i < len(names) else NOSTREAM
        directory.append(entry(name, 2, right=right, start=starts[name], size=len(data[name])))
    empty = struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, b"", 0, 0, 0, 0, 0)
    directory += [empty] * (dir_sectors * ss // 128 - len(directory))
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        CFB_MAGIC, b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6,
        0, 1, 1, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0,
    ) + struct.pack("<109I", 0, *([FREESECT] * 108))  # fmt: skip
    with open(path, "wb") as f:
        f.write(header)
        f.write(struct.pack(f"<{len(fat)}I", *fat))
        f.write(b"".join(directory))
        for name in names:
            f.write(data[name].ljust(-(-len(data[name]) // ss) * ss, b"\0"))
    return path


def biff_workbook(*, password: bool) -> bytes:
    """The start of a BIFF8 Workbook stream: BOF, FILEPASS when encrypted, EOF."""
    bof = struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0)
    filepass = struct.pack("<HH", 0x002F, 54) + struct.pack("<H", 1) + b"\x01" * 52 if password else b""
    return bof + filepass + struct.pack("<HH", 0x000A, 0)


def write_fake_encrypted(path: Path) -> Path:
    """Just the OLE2 magic and the stream name of an encrypted Office file, as the brief describes."""
    path.write_bytes(CFB_MAGIC + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64)
    return path


def write_pdf(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    return path


def write_png(path: Path) -> Path:
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\0\0")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))
    return path


def write_docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return path
