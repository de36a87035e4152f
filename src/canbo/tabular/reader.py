"""Reading the staff spreadsheets people already have: safety checks, rows, header, records.

Pure Python (no Django models). Every refusal is a FileRefused carrying a Vietnamese message for
the Home Affairs officer who uploaded the file; messages are built only when a function runs.

Row numbers are the ones Excel shows: 1-based, counting the blank and title rows above the table.
python-calamine 0.9: ``CalamineSheet.iter_rows()`` yields ``start[0]`` blank rows first (so the row
index is absolute) but each row only from column ``start[1]`` on, so the leading columns are padded
back here; ``iter_rows()`` fails on an empty sheet (``start`` is None), which is checked first.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
import stat
import struct
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice, pairwise

from django.conf import settings
from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook, PasswordError

from canbo.core.signatures import binary_kind
from canbo.core.text import format_number

from .extent import column_letters, workbook_extent
from .normalise import clean_text, match_key, plain

__all__ = [
    "DEFAULT_LIMITS",
    "ColumnRead",
    "FileRefused",
    "HeaderMatch",
    "Limits",
    "apply_mapping",
    "check_file",
    "column_index",
    "column_samples",
    "doubtful",
    "find_header",
    "is_blank_row",
    "is_footer_row",
    "is_numbering_row",
    "iter_records",
    "read_rows",
]

MB = 1024 * 1024


class FileRefused(Exception):
    """The file cannot be imported; ``message`` says why, in Vietnamese, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * MB
    max_uncompressed_bytes: int = 500 * MB
    max_ratio: int = 200  # per ZIP entry, for entries that inflate beyond LARGE_ENTRY
    max_rows: int = 1_000_000
    max_columns: int = 200
    max_zip_entries: int = 10_000
    max_cells: int | None = None  # the filled block of a sheet; None: settings.CANBO_IMPORT_MAX_CELLS
    max_cell_chars: int = 32_767  # Excel's own limit for one cell


DEFAULT_LIMITS = Limits()
LARGE_ENTRY = 10 * MB
SNIFF_BYTES = 64 * 1024
SCAN_BYTES = 4 * MB

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
XLSX_EXTENSIONS = {".xlsx", ".xlsm", ".xlsb", ".xltx", ".xltm"}


def _mb(size: int) -> str:
    return format_number(size / MB, 1)


def _refuse_password() -> FileRefused:
    return FileRefused(
        _(
            "Tệp được bảo vệ bằng mật khẩu nên không đọc được. Hãy mở tệp bằng Excel, gỡ mật khẩu "
            "(Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu, xóa trống) rồi lưu và tải lên lại."
        )
    )


def _refuse_not_spreadsheet(what: str) -> FileRefused:
    return FileRefused(
        _(
            "Tệp này là %(what)s, không phải bảng tính. Hãy tải lên tệp Excel (.xlsx, .xls), "
            "LibreOffice (.ods) hoặc CSV."
        )
        % {"what": what}
    )


def _refuse_resave(what: str) -> FileRefused:
    return FileRefused(
        _(
            "Tệp này thực chất là %(what)s. Hãy mở tệp bằng Excel, chọn Lưu thành (Save As) kiểu "
            "Excel Workbook (.xlsx) rồi tải lên lại."
        )
        % {"what": what}
    )


def _refuse_bomb() -> FileRefused:
    return FileRefused(
        _(
            "Tệp nén bất thường (có thể là zip bomb): khi giải nén sẽ lớn hơn nhiều so với một bảng "
            "tính bình thường, nên hệ thống từ chối đọc."
        )
    )


def _refuse_broken() -> FileRefused:
    return FileRefused(
        _("Không đọc được bảng tính: tệp có thể bị hỏng hoặc lưu dở. Hãy mở tệp bằng Excel, lưu lại rồi tải lên lại.")
    )


# ------------------------------------------------------------------------------------------ check_file


def check_file(path, *, limits: Limits = DEFAULT_LIMITS) -> str:
    """The kind of a spreadsheet file — "xlsx", "xls", "ods" or "csv" — from its bytes, not its name.

    Fast and frugal: looks at the size, the first bytes, the ZIP central directory or the OLE2
    directory, never at the cells. Raises FileRefused for anything that should not be parsed.
    ("xlsx" covers every Office Open XML workbook: .xlsx, .xlsm and the binary .xlsb.)
    """
    return _check(path, limits)[0]


def _check(path, limits: Limits) -> tuple[str, str | None]:
    """(kind, text encoding for CSV)."""
    path = os.fspath(path)
    try:
        info = os.stat(path)
    except OSError:
        raise FileRefused(_("Không mở được tệp.")) from None
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(_("Không mở được tệp."))
    if info.st_size == 0:
        raise FileRefused(_("Tệp rỗng, không có dữ liệu."))
    if info.st_size > limits.max_bytes:
        raise FileRefused(
            _("Tệp quá lớn (%(size)s MB); chỉ nhận tệp đến %(limit)s MB. Hãy chia nhỏ danh sách.")
            % {"size": _mb(info.st_size), "limit": _mb(limits.max_bytes)}
        )
    with open(path, "rb") as f:
        head = f.read(SNIFF_BYTES)
    if head.startswith(ZIP_MAGIC):
        return _check_zip(path, limits), None
    if head.startswith(CFB_MAGIC):
        return _check_cfb(path, info.st_size), None
    what = binary_kind(head)
    if what:
        raise _refuse_not_spreadsheet(what)
    return "csv", _check_text(path, head)


# --- ZIP: xlsx, ods, or something else ---


def _zip_declared_entries(path: str) -> int | None:
    """Entry count from the end-of-central-directory record, before zipfile builds its list."""
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        size = f.tell()
        f.seek(max(0, size - 65_557))
        tail = f.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return None
    count = struct.unpack_from("<H", tail, at + 10)[0]
    return None if count == 0xFFFF else count  # 0xFFFF: ZIP64, counted by zipfile below


def _check_zip(path: str, limits: Limits) -> str:
    declared = _zip_declared_entries(path)
    if declared is not None and declared > limits.max_zip_entries:
        raise _refuse_bomb()
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _refuse_broken() from None
    with zf:
        infos = zf.infolist()
        if not infos:
            raise FileRefused(_("Tệp nén rỗng, không có dữ liệu."))
        if len(infos) > limits.max_zip_entries:
            raise _refuse_bomb()
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > LARGE_ENTRY and (
                info.compress_size <= 0 or info.file_size / info.compress_size > limits.max_ratio
            ):
                raise _refuse_bomb()
        if total > limits.max_uncompressed_bytes:
            raise _refuse_bomb()

        names = {info.filename for info in infos}
        if "[Content_Types].xml" in names and any(name.startswith("xl/") for name in names):
            return "xlsx"
        mimetype = _small_entry(zf, "mimetype").decode("ascii", "replace").strip()
        if mimetype.startswith("application/vnd.oasis.opendocument.spreadsheet"):
            if b"encryption-data" in _small_entry(zf, "META-INF/manifest.xml", limit=MB):
                raise _refuse_password()
            return "ods"
        if "[Content_Types].xml" in names and any(name.startswith("word/") for name in names):
            raise _refuse_not_spreadsheet(_("văn bản Word (.docx)"))
        if "[Content_Types].xml" in names and any(name.startswith("ppt/") for name in names):
            raise _refuse_not_spreadsheet(_("bài trình chiếu PowerPoint (.pptx)"))
        if mimetype.startswith("application/vnd.oasis.opendocument.text"):
            raise _refuse_not_spreadsheet(_("văn bản OpenDocument (.odt)"))
        if mimetype.startswith("application/vnd.oasis.opendocument"):
            raise _refuse_not_spreadsheet(_("tài liệu OpenDocument"))
        if any(name.lower().endswith((".xlsx", ".xls", ".ods", ".csv")) for name in names):
            raise FileRefused(
                _("Tệp này là tệp nén ZIP chứa bảng tính bên trong. Hãy giải nén rồi tải lên từng bảng tính.")
            )
        raise _refuse_not_spreadsheet(_("tệp nén ZIP"))


def _small_entry(zf: zipfile.ZipFile, name: str, limit: int = 256) -> bytes:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return b""
    if info.file_size > limit:
        return b""
    try:
        with zf.open(info) as entry:
            return entry.read(limit + 1)[:limit]
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError):
        return b""


# --- OLE2 / CFB: legacy .xls, or an encrypted Office file, or a .doc ---

_ENDOFCHAIN_MIN = 0xFFFFFFFA  # sector numbers from here up are markers (end, free, FAT, DIFAT)
_BIFF_BOF, _BIFF_FILEPASS, _BIFF_BOUNDSHEET, _BIFF_EOF = 0x0809, 0x002F, 0x0085, 0x000A


def _check_cfb(path: str, size: int) -> str:
    try:
        names, workbook_head = _cfb_probe(path, size)
        parsed = True
    except (ValueError, struct.error, OSError, IndexError):
        names, workbook_head, parsed = _cfb_scan_names(path), b"", False
    if {"EncryptedPackage", "EncryptionInfo"} & names:
        raise _refuse_password()
    if {"Workbook", "Book"} & names:
        if _biff_has_filepass(workbook_head):
            raise _refuse_password()
        return "xls"
    if "WordDocument" in names:
        raise _refuse_not_spreadsheet(_("văn bản Word cũ (.doc)"))
    if "PowerPoint Document" in names:
        raise _refuse_not_spreadsheet(_("bài trình chiếu PowerPoint cũ (.ppt)"))
    if parsed:
        raise _refuse_not_spreadsheet(_("tệp Office"))
    return "xls"  # a directory this probe could not walk: let the spreadsheet reader try


def _cfb_probe(path: str, size: int) -> tuple[set[str], bytes]:
    """Names in the CFB directory, and the first sectors of the Workbook stream (for FILEPASS)."""
    with open(path, "rb") as f:
        header = f.read(512)
        if len(header) < 512:
            raise ValueError("short header")
        sector_shift = struct.unpack_from("<H", header, 0x1E)[0]
        if sector_shift not in (9, 12):
            raise ValueError("sector size")
        ss = 1 << sector_shift
        num_fat, first_dir = struct.unpack_from("<II", header, 0x2C)
        cutoff = struct.unpack_from("<I", header, 0x38)[0]
        first_difat, num_difat = struct.unpack_from("<II", header, 0x44)
        max_sector = size // ss
        if num_fat > max_sector + 1:
            raise ValueError("FAT size")
        fat_sectors = list(struct.unpack_from("<109I", header, 0x4C))[:num_fat]
        sector = first_difat
        for _i in range(min(num_difat, max_sector + 1)):
            if len(fat_sectors) >= num_fat or sector >= _ENDOFCHAIN_MIN:
                break
            f.seek((sector + 1) * ss)
            values = struct.unpack(f"<{ss // 4}I", f.read(ss))
            fat_sectors.extend(values[:-1])
            sector = values[-1]
        fat_sectors = fat_sectors[:num_fat]
        per_sector = ss // 4

        def next_sector(n: int) -> int:
            index, offset = divmod(n, per_sector)
            f.seek((fat_sectors[index] + 1) * ss + offset * 4)
            return struct.unpack("<I", f.read(4))[0]

        def sectors(start: int, limit: int) -> Iterator[int]:
            n = start
            for _i in range(limit):
                if n >= _ENDOFCHAIN_MIN:
                    return
                if n > max_sector:
                    raise ValueError("sector out of file")
                yield n
                n = next_sector(n)

        entries: dict[str, tuple[int, int, int]] = {}
        for n in sectors(first_dir, limit=4096):
            f.seek((n + 1) * ss)
            data = f.read(ss)
            for offset in range(0, len(data) - 127, 128):
                name_length = struct.unpack_from("<H", data, offset + 0x40)[0]
                kind = data[offset + 0x42]
                if kind == 0 or not 2 <= name_length <= 64:
                    continue
                name = data[offset : offset + name_length - 2].decode("utf-16-le", "replace")
                start, stream_size = struct.unpack_from("<IQ", data, offset + 0x74)
                if ss == 512:
                    stream_size &= 0xFFFFFFFF
                entries.setdefault(name, (kind, start, stream_size))
        if not entries:
            raise ValueError("empty directory")

        head = b""
        workbook = entries.get("Workbook") or entries.get("Book")
        if workbook and workbook[0] == 2 and workbook[2] >= cutoff:
            parts = []
            for n in sectors(workbook[1], limit=max(1, 16384 // ss)):
                f.seek((n + 1) * ss)
                parts.append(f.read(ss))
            head = b"".join(parts)[: workbook[2]]
        return set(entries), head


def _cfb_scan_names(path: str) -> set[str]:
    """Fallback when the directory cannot be walked: look for the stream names' UTF-16LE bytes."""
    with open(path, "rb") as f:
        data = f.read(SCAN_BYTES)
    known = ["EncryptedPackage", "EncryptionInfo", "Workbook", "WordDocument", "PowerPoint Document"]
    return {name for name in known if name.encode("utf-16-le") in data}


def _biff_has_filepass(head: bytes) -> bool:
    """A FILEPASS record in the workbook globals (before the sheet list) means a password."""
    if len(head) < 4 or struct.unpack_from("<H", head, 0)[0] != _BIFF_BOF:
        return False
    position = 0
    while position + 4 <= len(head):
        record, length = struct.unpack_from("<HH", head, position)
        if record == _BIFF_FILEPASS:
            return True
        if record in (_BIFF_BOUNDSHEET, _BIFF_EOF):
            return False
        position += 4 + length
    return False


# --- text: CSV in UTF-8 (with or without BOM), UTF-16 (Excel "Unicode text") or Windows-1258 ---


def _check_text(path: str, head: bytes) -> str:
    encoding = _text_encoding(path, head)
    if encoding is None:
        raise FileRefused(
            _(
                "Tệp không phải bảng tính: không đọc được như Excel, LibreOffice hay CSV. Hãy tải lên "
                "tệp .xlsx, .xls, .ods hoặc .csv."
            )
        )
    sample = head.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n").lower()
    if sample.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in sample:
        raise _refuse_resave(_("bảng tính XML 2003"))
    if sample.startswith(("<html", "<!doctype html", "<table", "<meta", "<head")) or (
        sample.startswith("<?xml") and "<html" in sample
    ):
        raise _refuse_resave(_("trang web HTML (thường do phần mềm xuất ra và đặt đuôi .xls)"))
    if sample.startswith("mime-version:"):
        raise _refuse_resave(_("trang web lưu một tệp (.mht)"))
    if sample.startswith("<?xml"):
        raise _refuse_not_spreadsheet(_("tệp XML"))
    return encoding


def _text_encoding(path: str, head: bytes) -> str | None:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig" if _decodes(path, "utf-8-sig") else None
    elif b"\x00" in head:
        return None
    elif _decodes(path, "utf-8"):
        encoding = "utf-8"
    elif _decodes(path, "cp1258"):
        encoding = "cp1258"
    else:
        return None
    if encoding is None:
        return None
    try:
        sample = codecs.getincrementaldecoder(encoding)().decode(head, final=False)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n\f\x1a")
    if not sample.strip() or controls > len(sample) / 100:
        return None
    return encoding


def _decodes(path: str, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with open(path, "rb") as f:
            while chunk := f.read(MB):
                decoder.decode(chunk, final=False)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


# ------------------------------------------------------------------------------------------- read_rows


def read_rows(path, *, limits: Limits = DEFAULT_LIMITS, sheet: str | None = None) -> Iterator[tuple[int, list]]:
    """(row number as Excel shows it, cell values) for every row of one sheet: `sheet` by name, or
    the first non-empty one.

    Values are what calamine gives: str ("" for empty), float (whole numbers too), bool,
    datetime.date, datetime.datetime, datetime.time; CSV gives str only (NFC). The file is checked
    and the sheet chosen before this returns, so most refusals happen at the call.
    """
    path = os.fspath(path)
    kind, encoding = _check(path, limits)
    if kind == "csv":
        return _csv_rows(path, encoding or "utf-8", limits)
    for _name, opened in _open_sheets(path, kind, limits, only=sheet):
        return _sheet_rows(opened, limits)
    raise FileRefused(_("Bảng tính không có dữ liệu: mọi trang tính đều trống."))


def _open_workbook(path: str, kind: str):
    extension = os.path.splitext(path)[1].lower()
    matches = {"xlsx": extension in XLSX_EXTENSIONS, "xls": extension == ".xls", "ods": extension == ".ods"}
    if matches.get(kind):
        return CalamineWorkbook.from_path(path)
    with open(path, "rb") as f:  # misnamed file: let calamine sniff the content
        return CalamineWorkbook.from_filelike(f)


def _open_sheets(path: str, kind: str, limits: Limits, only: str | None = None) -> Iterator[tuple[str, object]]:
    """(name, sheet) for every non-empty worksheet, visible ones first, in workbook order.

    Parser failures become refusals: a password, or a broken file when no sheet could be read.
    """
    _check_extent(path, kind, limits)
    try:
        workbook = _open_workbook(path, kind)
    except PasswordError:
        raise _refuse_password() from None
    except CalamineError as exc:
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise _refuse_password() from None
        raise _refuse_broken() from exc
    except (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError):
        raise
    except BaseException as exc:  # a Rust panic in the parser is a BaseException
        raise _refuse_broken() from exc

    def rank(meta) -> int:
        kind, visible = str(meta.typ), str(meta.visible)
        if not kind.endswith("WorkSheet"):
            return 2
        return 0 if visible.endswith(".Visible") else 1

    failure: BaseException | None = None
    found = False
    with workbook:
        for meta in sorted(workbook.sheets_metadata, key=rank):  # stable: workbook order within each rank
            if rank(meta) == 2 or (only is not None and meta.name != only):
                continue
            try:
                sheet = workbook.get_sheet_by_name(meta.name)
            except (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError):
                raise
            except BaseException as exc:  # unreadable sheet: broken, unless another has data
                failure = failure or exc
                continue
            if sheet.start is not None and sheet.height > 0:
                found = True
                yield meta.name, sheet
    if failure is not None and not found:
        if isinstance(failure, PasswordError):
            raise _refuse_password()
        raise _refuse_broken() from failure


def _check_extent(path: str, kind: str, limits: Limits) -> None:
    """Refuses a workbook whose filled cells span a block calamine could not allocate, before it tries."""
    if kind not in ("xlsx", "xls", "ods"):
        return
    max_cells = limits.max_cells if limits.max_cells is not None else settings.CANBO_IMPORT_MAX_CELLS

    def fits(extent) -> bool:
        return extent.rows <= limits.max_rows and extent.columns <= limits.max_columns and extent.cells <= max_cells

    try:
        extent = workbook_extent(path, kind, fits=fits)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError, RuntimeError, EOFError):
        raise _refuse_broken() from None
    except Exception:
        if kind != "xls":
            raise
        return  # a directory xlrd cannot walk: calamine decides (an .xls spans at most 65,536 × 256 cells)
    if fits(extent):
        return
    if extent.columns > limits.max_columns:
        lead = _("Bảng tính có quá nhiều cột.")
    elif extent.rows > limits.max_rows:
        lead = _("Bảng tính có quá nhiều dòng.")
    else:
        lead = _("Bảng tính có quá nhiều ô.")
    raise FileRefused(
        lead
        + " "
        + _(
            "Ô có dữ liệu xa nhất là %(cell)s, nên vùng dữ liệu rộng %(rows)s dòng × %(columns)s cột; hệ thống "
            "chỉ nhận đến %(max_rows)s dòng, %(max_columns)s cột và %(max_cells)s ô. Hãy xóa các ô thừa ở xa "
            "bảng (trong Excel nhấn Ctrl+End để đến ô cuối cùng) rồi lưu và tải lên lại."
        )
        % {
            "cell": f"{column_letters(extent.last_column)}{extent.last_row}",
            "rows": format_number(extent.rows),
            "columns": format_number(extent.columns),
            "max_rows": format_number(limits.max_rows),
            "max_columns": format_number(limits.max_columns),
            "max_cells": format_number(max_cells),
        }
    )


def sheet_names(path, *, limits: Limits = DEFAULT_LIMITS) -> list[str]:
    """Every worksheet's name, in workbook order ([] for CSV)."""
    kind, _encoding = _check(os.fspath(path), limits)
    if kind == "csv":
        return []
    with _open_workbook(os.fspath(path), kind) as workbook:
        return [meta.name for meta in workbook.sheets_metadata]


def _check_size(rows: int, columns: int, limits: Limits) -> None:
    if rows > limits.max_rows:
        raise FileRefused(
            _("Bảng tính có quá nhiều dòng (%(rows)s); chỉ nhận đến %(limit)s dòng.")
            % {"rows": format_number(rows), "limit": format_number(limits.max_rows)}
        )
    if columns > limits.max_columns:
        raise FileRefused(
            _(
                "Bảng tính có quá nhiều cột (%(columns)s); chỉ nhận đến %(limit)s cột. Hãy xóa các cột "
                "thừa ở bên phải bảng."
            )
            % {"columns": columns, "limit": limits.max_columns}
        )


def _sheet_rows(sheet, limits: Limits) -> Iterator[tuple[int, list]]:
    start_row, start_column = sheet.start
    end_row, end_column = sheet.end
    _check_size(end_row + 1, end_column + 1, limits)

    def rows() -> Iterator[tuple[int, list]]:
        pad = [""] * start_column
        iterator = iter(sheet.iter_rows())
        first = next(iterator, None)
        if first is None:
            return
        # 0.9 yields the blank rows above `start` itself; a version that did not would show data at once.
        number = start_row + 1 if start_row and not is_blank_row(first) else 1
        yield number, pad + list(first)
        for row in iterator:
            number += 1
            yield number, pad + list(row)

    return rows()


def _csv_rows(path: str, encoding: str, limits: Limits) -> Iterator[tuple[int, list]]:
    with open(path, encoding=encoding, newline="") as f:
        sample = f.read(SNIFF_BYTES)
    lines = sample.lstrip("\ufeff").splitlines()
    explicit = re.fullmatch(r'"?sep=(.)"?,*', lines[0].strip(), re.IGNORECASE) if lines else None
    delimiter = explicit.group(1) if explicit else _sniff_delimiter(sample)

    def rows() -> Iterator[tuple[int, list]]:
        with open(path, encoding=encoding, newline="") as f:
            if explicit:
                f.readline()  # Excel's "sep=;" hint line is not shown as a row
            # The csv module's own cap (131,072 characters) raises a bare csv.Error mid-file; lifted to
            # the file-size limit so an over-long cell is found and named below, with its row and column.
            csv.field_size_limit(max(csv.field_size_limit(), limits.max_bytes))
            for number, row in enumerate(csv.reader(f, delimiter=delimiter), start=1):
                _check_size(number, len(row), limits)
                _check_cell_lengths(number, row, limits)
                if number == 1 and row and row[0].startswith("\ufeff"):
                    row[0] = row[0][1:]
                yield number, [unicodedata.normalize("NFC", cell) for cell in row]

    return rows()


def _check_cell_lengths(number: int, row: list[str], limits: Limits) -> None:
    for index, cell in enumerate(row):
        if len(cell) > limits.max_cell_chars:
            raise FileRefused(
                _(
                    "Dòng %(row)s, cột %(column)s: ô dài quá %(limit)s ký tự (%(length)s ký tự), thường do "
                    "thiếu dấu ngoặc kép đóng trong tệp CSV. Hãy sửa ô này rồi tải lên lại."
                )
                % {
                    "row": number,
                    "column": column_letters(index + 1),
                    "limit": format_number(limits.max_cell_chars),
                    "length": format_number(len(cell)),
                }
            )


def _sniff_delimiter(sample: str) -> str:
    """The delimiter that splits the most lines into the same number of cells (the table's width).

    Title lines above the table hold no delimiter at all, which misleads csv.Sniffer; quoted
    cells ("Nguyễn, Văn") are parsed, not counted.
    """
    cut = sample.rfind("\n")
    sample = sample[: cut + 1] if cut > 0 else sample
    lines = [line for line in sample.splitlines()[:200] if line.strip()]
    best, best_score = ",", (0, 0)
    for candidate in ",;\t|":
        widths = [len(row) for row in csv.reader(lines, delimiter=candidate) if len(row) > 1]
        if not widths:
            continue
        common = max(set(widths), key=lambda w: (widths.count(w), w))
        score = (widths.count(common), common)
        if score > best_score:
            best, best_score = candidate, score
    return best


# ------------------------------------------------------------------------------------ header detection


@dataclass
class ColumnRead:
    """How one titled column of the file was read: what the officer sees, and may change, in the
    preview's column mapping before anything is written (a silent misread is the worst failure)."""

    index: int  # 0-based column
    header: str  # header text as shown; band and sub-title joined: "Trình độ đào tạo / Chuyên môn"
    field: str | None  # the canonical field taken, None = not used ("không dùng")
    # "exact" | "loose" (prefix, fuzzy or band-derived match) | "ambiguous" (two candidate columns
    # for one field, or a header that could be several fields) | "unused_data" (no field but the
    # column holds data) | "chosen" (set by the officer's mapping)
    confidence: str
    doubt: str = ""  # Vietnamese reason shown when confidence is not exact/chosen
    candidates: list[str] = field(default_factory=list)  # other fields it could be
    # what the header alone said ("exact"/"loose", or a fixed doubt), before comparing columns
    basis: tuple[str, str] = field(default=("", ""), repr=False, compare=False)


CONFIDENT = ("exact", "chosen")
# Fields the reader accepts from several columns, joining them: a name written across columns.
JOINED_FIELDS = frozenset({"full_name", "family_name"})
# A name split across columns ("Họ đệm" | "Tên") stands for the full name a table requires.
NAME_PARTS = frozenset({"family_name", "given_name"})
NAME_PARTS_ORDER = ("family_name", "given_name")  # as a full name is written


@dataclass
class HeaderMatch:
    """Where the table header is and which canonical field each column holds."""

    row_number: int  # the last header row (data start below it)
    columns: dict[int, str]  # 0-based column index -> canonical field
    unknown: list[str] = field(default_factory=list)  # header texts that matched no field
    birth_by_gender: tuple[int, int] | None = None  # ("Nam" column, "Nữ" column) holding birth dates
    width: int = 0  # columns up to the last titled one (known, unknown or Nam/Nữ)
    female_column: int | None = None  # a lone "Nữ" column ticked for women (blank: a man)
    reads: list[ColumnRead] = field(default_factory=list)  # one per titled column, used or not
    notes: list[str] = field(default_factory=list)  # how the header was read, for the officer
    first_row: int = 0  # the first header row (a header spans one to three rows)

    @property
    def fields(self) -> set[str]:
        return set(self.columns.values())

    def indexes(self, name: str) -> list[int]:
        return sorted(index for index, value in self.columns.items() if value == name)

    def name_indexes(self) -> list[int]:
        """Columns holding the name: the full name, or its parts."""
        return sorted(j for j, name in self.columns.items() if name == "full_name" or name in NAME_PARTS)

    def read(self, index: int) -> ColumnRead | None:
        return next((r for r in self.reads if r.index == index), None)


def doubtful(match: HeaderMatch) -> list[ColumnRead]:
    """The column reads the officer must confirm before the import writes anything."""
    return [r for r in match.reads if r.confidence not in CONFIDENT]


# Vietnamese header wordings the reader knows whatever the importer: a name split across columns,
# the words qualifying a title as someone's former or destination unit, the bare level words.
NAME_PART_VARIANTS: dict[str, list[str]] = {
    "family_name": [
        "Họ và chữ đệm",
        "Họ",
        "Họ đệm",
        "Họ và tên đệm",
        "Họ, chữ đệm",
        "Họ chữ đệm",
        "Họ và đệm",
        "Họ, tên đệm",
        "Họ và tên lót",
    ],
    "given_name": ["Tên"],
}
NAME_PART_LABELS = {"family_name": "Họ và chữ đệm", "given_name": "Tên"}
# "Đơn vị cũ", "Chức vụ trước khi chuyển", "Đối tượng ưu tiên": the title's field, but not the person's
# current one. "Đơn vị mới", "Nơi công tác đến", "Chức vụ hiện tại": the field itself.
_OTHER_QUALIFIERS = frozenset(
    {"cu", "di", "truoc", "truoc day", "chuyen di", "noi di", "truoc khi chuyen", "uu tien", "dien uu tien"}
)
_CURRENT_QUALIFIERS = frozenset(
    {"moi", "den", "chuyen den", "noi den", "hien tai", "hien nay", "sau khi chuyen", "hien dang cong tac"}
)
LEVEL_WORDS = frozenset({"trinh do", "van bang", "bang cap", "cap do", "bac", "hang", "chung chi", "muc do"})


# Words of a bracketed remark that only say how to write the cell or mark a footnote.
# Not "dang": it is Đảng as well as dạng.
_HINT_WORDS = frozenset(
    "dd mm yyyy yy ngay thang nam neu co ghi ro x so chu bang text vd vi du theo mau".split()  # noqa: SIM905
)


class _HeaderIndex:
    """Header synonyms by comparison key: exact match first, then the text without its parenthesised
    remark ("Ngày sinh (dd/mm/yyyy)"), then a prefix of six or more characters (a loose match, unless
    the words after it say "former" — not this field — or "current"). A variant written "!…" names
    what a column is *not* ("!Đơn vị cũ" under unit): recognised, and left unused."""

    MIN_PREFIX = 6

    def __init__(self, synonyms: dict[str, list[str]]):
        self.exact: dict[str, tuple[str, str]] = {}
        prefixes: dict[str, tuple[str, str]] = {}
        vocabulary = dict(synonyms)
        if "full_name" in vocabulary:
            for name, variants in NAME_PART_VARIANTS.items():
                vocabulary.setdefault(name, variants)
        self.names = set(vocabulary)
        for name, variants in vocabulary.items():
            for variant in variants:
                how = "other" if variant.startswith("!") else "exact"
                key = match_key(variant.removeprefix("!"))
                if not key:
                    continue
                self.exact.setdefault(key, (name, how))
                if len(key) >= self.MIN_PREFIX:
                    prefixes.setdefault(key, (name, how))
        self.prefixes = sorted(prefixes.items(), key=lambda item: -len(item[0]))
        self._memo: dict[str, tuple[str | None, str]] = {}
        # Fields some title calls a level ("Trình độ chuyên môn", "Trình độ LLCT"): a bare "Trình độ"
        # under their band is theirs. Under another band ("Ngày sinh", carried over a sub-title typed
        # in the lower header row only) it is not a birth date: at most a loose reading, asked about.
        self.levelled = {
            name
            for name, variants in vocabulary.items()
            for variant in variants
            if any(f" {word} " in f" {match_key(variant.removeprefix('!'))} " for word in LEVEL_WORDS)
        }

    def lookup(self, value) -> tuple[str | None, str]:
        """(field, "exact" | "loose" | "other"), or (None, "")."""
        if value is None or isinstance(value, bool | int | float):
            return None, ""
        text = value if isinstance(value, str) else clean_text(value)
        try:
            return self._memo[text]
        except KeyError:
            found = self._memo[text] = self._lookup(text)
            return found

    def _lookup(self, text: str) -> tuple[str | None, str]:
        key = match_key(text)
        if not key:
            return None, ""
        if key in self.exact:
            return self.exact[key]
        if "(" in text:
            bare = match_key(_REMARK.sub(" ", text))
            if bare in self.exact:
                name, how = self.exact[bare]
                # "Ngày sinh (dd/mm/yyyy)", "Họ và tên (1)": a format hint or a footnote mark keeps the
                # field; "Chức vụ (Đảng)", "Họ và tên (vợ/chồng)" say which one: asked, not assumed.
                # A remark that is itself a known title ("Đảng viên (ngày vào Đảng)") explains what the
                # cell holds, as the official list writes it.
                remarks = [match_key(m.group(0)) for m in _REMARK.finditer(text)]
                if how == "exact" and not all(
                    remark in self.exact or all(w.isdigit() or w in _HINT_WORDS for w in remark.split())
                    for remark in remarks
                ):
                    how = "loose"
                return name, how
        for prefix, (name, how) in self.prefixes:
            if key.startswith(prefix) and key[len(prefix)] == " ":
                rest = key[len(prefix) + 1 :]
                if how == "other" or rest in _OTHER_QUALIFIERS:
                    return name, "other"
                return name, "exact" if rest in _CURRENT_QUALIFIERS else "loose"
        return None, ""

    def field(self, value) -> str | None:
        name, how = self.lookup(value)
        return name if how != "other" else None

    def interpret(self, texts: list[str]) -> tuple[str | None, str, str | None]:
        """(field, how, the field it is not) of a column whose header texts run from the widest band
        to the sub-title: the sub-title read in its band's context. "Trình độ" under "Lý luận chính
        trị" is politics (a level word takes its band's field), "Chuyên ngành" under "Trình độ đào
        tạo" is the field of study (a sub-title naming a field wins), anything under "Nơi công tác
        cũ" is not used; an unknown sub-title under a band naming a field takes it ("band": loose)."""
        if not texts:
            return None, "", None
        found, how = self.lookup(texts[-1])
        for band in texts[:-1]:
            band_field, band_how = self.lookup(band)
            if band_how == "other":
                return None, "other", found or band_field
        if how == "other":
            return None, "other", found
        if found:
            return found, how, None
        if len(texts) > 1:
            band_field, band_how, _not = self.interpret(texts[:-1])
            if band_field and band_how == "exact":  # never from a loose band ("Đơn vị: UBND xã …")
                level = match_key(texts[-1]) in LEVEL_WORDS and band_field in self.levelled
                return band_field, band_how if level else "band", None
        return None, "", None


_REMARK = re.compile(r"\([^()]*\)")
_LABELLED = re.compile(r"^[^:\n]{1,40}:\s*\S")  # "label: value"
_NAM, _NU = "nam", "nu"
_ROW_IDENTITY = ("row_no", "full_name", *sorted(NAME_PARTS))


def _text(cells: list, index: int):
    return cells[index] if index < len(cells) else ""


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _label(synonyms: dict[str, list[str]], name: str) -> str:
    """The officer's word for a field: its first variant (the import template's title), translated."""
    if synonyms.get(name):
        return _(synonyms[name][0])
    return _(NAME_PART_LABELS[name]) if name in NAME_PART_LABELS else name


def _compose(block: list[list]) -> list[list[str]]:
    """Per column, the header texts of a 1–3-row header block, from the widest band to the sub-title.

    A band merged over several sub-columns ("Ngày sinh" over "Nam | Nữ") holds its text only in its
    first cell (as calamine gives merged cells), so the text is carried right across the blank cells
    that have a sub-title under them, within the band above it, while the band's first column has a
    sub-title too (a title merged down over the rows, "Họ và tên", does not spread).
    """
    width = max(len(row) for row in block)
    grid = [[clean_text(_text(row, j)) for j in range(width)] for row in block]
    depth = len(grid)
    for r in range(depth - 1):
        below = [any(grid[q][j] for q in range(r + 1, depth)) for j in range(width)]
        start = None
        for j in range(width):
            if grid[r][j]:
                start = j if below[j] else None
            elif start is not None and below[j] and all(grid[q][j] == grid[q][start] for q in range(r)):
                grid[r][j] = grid[r][start]
            else:
                start = None
    columns = []
    for j in range(width):
        texts: list[str] = []
        for r in range(depth):
            if grid[r][j] and (not texts or texts[-1] != grid[r][j]):
                texts.append(grid[r][j])
        columns.append(texts)
    return columns


def _analyse(index: _HeaderIndex, block: list[list], synonyms: dict[str, list[str]]) -> HeaderMatch:
    """Columns of a header of one to three rows: each column's sub-title read in its bands' context,
    a "Nam | Nữ" pair (birth dates written under the person's gender), a name split across columns."""
    composed = _compose(block)
    columns: dict[int, str] = {}
    texts: dict[int, str] = {}
    reads: dict[int, ColumnRead] = {}
    notes: list[str] = []
    nam = nu = None
    for j, parts in enumerate(composed):
        if not parts:
            continue
        header = " / ".join(parts)
        key = match_key(parts[-1])
        if key == _NAM and nam is None:
            nam = j
        elif key == _NU and nu is None:
            nu = j
        found, how, other = index.interpret(parts)
        if found:
            columns[j] = found
            reads[j] = ColumnRead(j, header, found, "loose" if how == "band" else how)
        else:
            texts[j] = header
            reads[j] = ColumnRead(j, header, None, "exact", candidates=[other] if other else [])
            if how == "other" and other:
                notes.append(_other_note(header, _label(synonyms, other)))
    titled = [j for j, parts in enumerate(composed) if parts]
    pair = None
    female = None
    if nam is not None and nu is not None:
        pair = (nam, nu)
        # "Nam | Nữ" under a band naming something else ("Đảng viên": members ticked by gender) is no
        # birth date by gender for sure: read so, but asked about, the band's field named.
        band = index.interpret(composed[nam][:-1])[0] if len(composed[nam]) > 1 else None
        for j in pair:
            columns.pop(j, None)
            texts.pop(j, None)
            reads[j].field, reads[j].confidence, reads[j].candidates = "birth", "exact", []
            if band and band not in ("birth", "gender"):
                reads[j].confidence, reads[j].candidates = "loose", [band]
                reads[j].doubt = _(
                    "Cột “%(header)s” được đọc là ngày sinh của người có giới tính “%(gender)s”, nhưng tiêu đề "
                    "trên là “%(band)s”; hãy xác nhận hoặc chọn lại thông tin của cột."
                ) % {"header": reads[j].header, "gender": composed[j][-1], "band": _label(synonyms, band)}
    elif nu is not None and "gender" not in columns.values():
        female = nu
        columns.pop(nu, None)
        texts.pop(nu, None)
        reads[nu].field, reads[nu].confidence, reads[nu].candidates = "gender", "exact", []
    _name_parts(columns, reads, notes, synonyms)
    match = HeaderMatch(0, columns, [texts[j] for j in sorted(texts)], pair, titled[-1] + 1 if titled else 0)
    match.female_column = female
    match.reads = [reads[j] for j in sorted(reads)]
    match.notes = notes
    return match


def _name_parts(columns: dict[int, str], reads: dict[int, ColumnRead], notes: list[str], synonyms) -> None:
    """A lone "Tên" (or "Họ…") with no other part and no "Họ và tên" is the full name, loosely; beside
    a "Họ và tên" column, the parts only stand in when it is blank (never "Trần Thị Song Hà Hà")."""
    parts = {name for name in columns.values() if name in NAME_PARTS}
    full = sorted(j for j, name in columns.items() if name == "full_name")
    if len(parts) == 1 and not full:
        for j, name in list(columns.items()):
            if name in NAME_PARTS:
                columns[j] = "full_name"
                reads[j].field, reads[j].confidence, reads[j].candidates = "full_name", "loose", [name]
                reads[j].doubt = _(
                    "Cột “%(header)s” được hiểu là cả họ và tên (bảng không có cột %(other)s); hãy xác nhận "
                    "cột này ghi đủ họ và tên."
                ) % {
                    "header": reads[j].header,
                    "other": _label(synonyms, "family_name" if name == "given_name" else "given_name"),
                }
    note = _both_names_note(columns)
    if note:
        notes.append(note)


def _other_note(header: str, label: str) -> str:
    return _("Cột “%(header)s” không phải cột “%(label)s” nên không dùng; nếu cần, hãy chọn lại cách đọc cột này.") % {
        "header": header,
        "label": label,
    }


def _both_names_note(columns: dict[int, str]) -> str | None:
    full = sorted(j for j, name in columns.items() if name == "full_name")
    split = sorted(j for j, name in columns.items() if name in NAME_PARTS)
    if not (full and split):
        return None
    return _(
        "Bảng có cả cột họ và tên đầy đủ (cột %(full)s) và cột họ, tên tách riêng (cột %(split)s): "
        "lấy họ tên ở cột %(full)s; chỉ ghép họ và tên từ các cột tách riêng ở dòng để trống cột %(full)s."
    ) % {
        "full": ", ".join(column_letters(j + 1) for j in full),
        "split": ", ".join(column_letters(j + 1) for j in split),
    }


def _judge(match: HeaderMatch, below: list[tuple[int, list]], synonyms: dict[str, list[str]]) -> None:
    """Marks the reads the officer must confirm: a loose match, two columns for one field, a column
    holding data that nothing takes. `below`: the rows under the header that were read with it."""
    filled: set[int] = set()
    untitled: set[int] = set()  # columns holding data above the signature block
    signed = False
    for _number, cells in below:
        if is_blank_row(cells) or is_numbering_row(cells):
            continue
        if is_footer_row(cells):
            signed = signed or bool(filled)
            continue
        filled.update(j for j, value in enumerate(cells) if not _blank(value))
        if not signed:
            untitled.update(j for j, value in enumerate(cells) if not _blank(value))
    # A column holding data under no title of its own ("Họ và tên" merged over the family and the
    # given name, "Điện thoại" over an untitled second number) is listed and asked about: else its
    # data is dropped without a word, or the first column's part stored as the whole.
    untitled.difference_update(read.index for read in match.reads)
    if untitled:
        match.reads.extend(ColumnRead(j, "", None, "exact") for j in sorted(untitled))
        match.reads.sort(key=lambda r: r.index)
    by_field: dict[str, list[ColumnRead]] = {}
    for read in match.reads:
        if read.field and read.index in match.columns:
            by_field.setdefault(read.field, []).append(read)
    for read in match.reads:
        if read.confidence == "chosen":
            continue
        if not read.basis[0]:
            read.basis = (read.confidence, read.doubt)
        read.confidence, read.doubt = read.basis
        if read.field is None:
            if read.index not in filled or read.confidence != "exact" or read.candidates:
                continue
            if match_key(read.header.rsplit(" / ", 1)[-1]) in LEVEL_WORDS:
                read.confidence = "ambiguous"
                read.doubt = _(
                    "Tiêu đề “%(header)s” không nói rõ là trình độ gì (chuyên môn, lý luận chính trị, tin học…); "
                    "hãy chọn thông tin của cột."
                ) % {"header": read.header}
            elif not read.header:
                read.confidence = "unused_data"
                read.doubt = _(
                    "Cột %(column)s có dữ liệu nhưng không có tiêu đề riêng nên sẽ không được nhập; hãy chọn "
                    "thông tin của cột hoặc xác nhận “không dùng”. Nếu tiêu đề “Họ và tên” gộp trên cột này và "
                    "cột bên trái, hãy đặt cột bên trái là “Họ và chữ đệm” và cột này là “Tên”."
                ) % {"column": column_letters(read.index + 1)}
            else:
                read.confidence = "unused_data"
                read.doubt = _(
                    "Cột “%(header)s” có dữ liệu nhưng không khớp thông tin nào nên sẽ không được nhập; "
                    "hãy chọn thông tin của cột hoặc xác nhận “không dùng”."
                ) % {"header": read.header}
            continue
        same = by_field.get(read.field, [])
        parts_chosen = [r for r in match.reads if r.confidence == "chosen" and r.field in NAME_PARTS]
        if read.field == "full_name" and parts_chosen and len(same) == 1:
            # The officer named a column a name part ("Tên" for the untitled column under a "Họ và tên"
            # merged over two): the full-name column beside it may well hold the other part only.
            read.confidence = "ambiguous"
            read.doubt = _(
                "Cột %(part)s được chọn là “%(label)s” nên cột “%(header)s” có thể chỉ ghi một phần họ tên; "
                "nếu vậy hãy đặt cột này là “%(other)s”, còn nếu cột ghi đủ họ và tên thì xác nhận."
            ) % {
                "part": column_letters(parts_chosen[0].index + 1),
                "label": _label(synonyms, parts_chosen[0].field),
                "header": read.header,
                "other": _label(synonyms, "family_name" if parts_chosen[0].field == "given_name" else "given_name"),
            }
        elif len(same) > 1 and read.field == "full_name":
            # "Họ và tên" beside "Họ và tên khai sinh" or "Họ và tên (vợ/chồng)": two names, not one
            # name in two parts (those are "Họ đệm" | "Tên"); joined unasked, a wrong name is stored.
            read.confidence = "ambiguous"
            read.doubt = _(
                "Có %(n)s cột cùng được hiểu là “%(label)s” (cột %(columns)s); nếu giữ cả, họ tên được ghép từ "
                "các cột này. Hãy giữ một cột và đặt các cột còn lại là “không dùng”."
            ) % {
                "n": len(same),
                "label": _label(synonyms, read.field),
                "columns": ", ".join(column_letters(r.index + 1) for r in same),
            }
        elif len(same) > 1 and read.field not in JOINED_FIELDS:
            read.confidence = "ambiguous"
            read.doubt = _(
                "Có %(n)s cột cùng được hiểu là “%(label)s” (cột %(columns)s); mỗi dòng chỉ lấy ô có dữ liệu "
                "ở cột đầu tiên. Hãy giữ một cột và đặt các cột còn lại là “không dùng”."
            ) % {
                "n": len(same),
                "label": _label(synonyms, read.field),
                "columns": ", ".join(column_letters(r.index + 1) for r in same),
            }
        elif read.confidence == "loose" and not read.doubt:
            read.doubt = _("Tiêu đề “%(header)s” chỉ gần giống “%(label)s”; hãy xác nhận cột này là %(label)s.") % {
                "header": read.header,
                "label": _label(synonyms, read.field),
            }


def _lower_row_fits(index: _HeaderIndex, block: list[list]) -> bool:
    """Is the last row of `block` one more header row (sub-titles under bands) rather than data?

    Its texts must mostly name something in their bands' context, and nothing may sit unnamed under
    a row-number or name title: that is a person. The rows above must name a field, or be bands only.
    """
    lower = block[-1]
    if is_numbering_row(lower) or is_blank_row(lower):
        return False
    if sum(1 for value in block[0] if not _blank(value)) < 2:
        return False  # one text over the table is its title ("ĐƠN VỊ: UBND XÃ …"), not a band row
    if any(isinstance(value, str) and _LABELLED.match(value) for row in block[:-1] for value in row):
        return False  # "Đơn vị: Xã Thanh Nưa", "Biểu số: 01" above the table: titles
    composed_above = _compose(block)
    above = [parts[: len(parts) - (0 if _blank(_text(lower, j)) else 1)] for j, parts in enumerate(composed_above)]
    upper_fields = {j: index.interpret(parts)[0] for j, parts in enumerate(above) if parts}
    if not any(upper_fields.values()):
        bands_only = all(
            not _text(row, j) or not _blank(_text(lower, j)) for row in block[:-1] for j in range(len(row))
        )
        if not bands_only:
            return False
    good = bad = 0
    for j, value in enumerate(lower):
        if _blank(value):
            continue
        if not isinstance(value, str):
            named = False
        else:
            key = match_key(value)
            found, how, _other = index.interpret([*above[j], value])
            named = (bool(found) and how != "band") or key in (_NAM, _NU) or key in LEVEL_WORDS
        if named:
            good += 1
        elif upper_fields.get(j):
            if upper_fields[j] in _ROW_IDENTITY:
                return False  # a name or a row number under "Họ và tên" / "STT": that is a person
            bad += 1
    return good > 0 and good > bad


def _score(match: HeaderMatch) -> int:
    return len(match.fields) + (1 if match.birth_by_gender else 0)


def find_header(
    rows: list[tuple[int, list]],
    synonyms: dict[str, list[str]],
    *,
    required_any: Iterable[str],
    scan: int = 30,
) -> HeaderMatch:
    """The header among the first `scan` rows: the block of one to three rows naming the most fields.

    Title rows above it ("ỦY BAN NHÂN DÂN XÃ …", "DANH SÁCH …") match nothing and are passed over.
    A header over several rows — "Ngày sinh" merged over "Nam | Nữ", "Trình độ đào tạo" over
    "Chuyên môn | Trình độ | Chuyên ngành", a band over bands over sub-titles — is read as one; its
    row_number is the lowest row, first_row the highest. A deeper block wins a tie (its sub-titles
    are the columns' titles), unless its top row names no field itself (a title over the table).
    """
    required = list(required_any)
    index = _HeaderIndex(synonyms)
    found: dict[tuple[int, int], HeaderMatch] = {}
    for i, (number, cells) in enumerate(rows[:scan]):
        if is_blank_row(cells):
            continue
        block = [cells]
        for depth in (1, 2, 3):
            if depth > 1:
                if i + depth - 1 >= len(rows) or rows[i + depth - 1][0] != number + depth - 1:
                    break
                block = [*block, rows[i + depth - 1][1]]
                if not _lower_row_fits(index, block):
                    break
            match = _analyse(index, block, synonyms)
            match.first_row, match.row_number = number, number + depth - 1
            found[(i, depth)] = match
    best: HeaderMatch | None = None
    best_key = (0, 0)
    for (i, depth), match in found.items():
        if required and not _has_required(match, required):
            continue
        score = _score(match)
        if depth > 1 and not any(index.field(value) for value in rows[i][1]):
            shorter = found.get((i + 1, depth - 1))
            if shorter is not None and score <= _score(shorter):
                continue  # a title or a band row adding nothing over the table
        key = (score, depth)
        if key > best_key:
            best, best_key = match, key
    if best is None:
        raise _refuse_no_header(required, scan, synonyms)
    _judge(best, [row for row in rows if row[0] > best.row_number], synonyms)
    return best


# ------------------------------------------------------------------------------------ rows after header


def is_blank_row(cells: list) -> bool:
    return all(_blank(value) for value in cells)


_NUMBERING_CELL = re.compile(r"^\(?\s*(\d{1,3}|[A-Za-z])\s*\)?$")


def is_numbering_row(cells: list) -> bool:
    """A row of column numbers under the header: "1 2 3 …", "(1) (2) (3)", "A B 1 2 …"."""
    numbers: list[int] = []
    filled = 0
    for value in cells:
        if _blank(value):
            continue
        filled += 1
        if isinstance(value, bool):
            return False
        if isinstance(value, int | float):
            if not float(value).is_integer():
                return False
            numbers.append(int(value))
            continue
        m = _NUMBERING_CELL.match(clean_text(value))
        if not m:
            return False
        if m.group(1).isdigit():
            numbers.append(int(m.group(1)))
    return filled >= 2 and len(numbers) >= 2 and all(a < b for a, b in pairwise(numbers))


_FOOTER_PHRASES = (
    "Người lập biểu",
    "Người lập bảng",
    "Người lập",
    "Người tổng hợp",
    "Thủ trưởng đơn vị",
    "Thủ trưởng cơ quan",
    "Ký, ghi rõ họ tên",
    "Ký và ghi rõ họ tên",
    "Ký, họ tên",
    "Ký tên, đóng dấu",
    "Ký, đóng dấu",
    "Xác nhận của",
    "Nơi nhận",
)
# One cell per line of plain() text: a phrase opening a cell, "TM." / "KT." / "TL." / "TUQ." opening a
# cell ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"), or "…, ngày … tháng … năm …" opening a cell or after
# a comma (a note "nghỉ hưu từ ngày 1 tháng 3 năm 2025" is not a footer).
_FOOTER = re.compile(
    r"(?m)^[\W_]*(?:"
    + "|".join(r"[\W_]+".join(map(re.escape, match_key(p).split())) for p in _FOOTER_PHRASES)
    + r")\b|^[\W_]*(?:tm|kt|tl|tuq)[^\w\n]|(?:^|,)[^\w\n]*ngay[ \t\d.…_/]*thang[ \t\d.…_/]*nam\b"
)


_DATE_IN_WORDS = re.compile(r"^\s*ngay\s*\d{1,2}\s*thang\s*\d{1,2}\s*nam\s*\d{2,4}\s*$")


def is_footer_row(cells: list, dates: Iterable[int] = ()) -> bool:
    """The signature block under a table: "Người lập biểu", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên)",
    "Xã …, ngày … tháng … năm …", "TM. ỦY BAN NHÂN DÂN".

    A date written in words alone in a date column ("ngày 15 tháng 3 năm 1980" as a birth date) is data.
    """
    skip = {j for j in dates if j < len(cells) and isinstance(cells[j], str) and _DATE_IN_WORDS.match(plain(cells[j]))}
    texts = [
        value.replace("\n", " ")
        for j, value in enumerate(cells)
        if isinstance(value, str) and value.strip() and j not in skip
    ]
    return bool(texts) and _FOOTER.search(plain("\n".join(texts))) is not None


_SECTION_NUMBER = re.compile(r"^([IVXLC]+|[A-Za-zĐđ])\s*[.)\-:]?$")
_SECTION_TITLE = re.compile(r"^([IVXLC]+|[A-Z])\s*[.)\-:]\s+\S")
_MARKS = {"x", "v", "✓", "✔", "√", "•", "*", "+"}


def _is_section_row(cells: list, match: HeaderMatch) -> bool:
    """ "I. CÁN BỘ" / "A | KHỐI ĐẢNG" between people: a group title, not a person."""
    identity = {j for j, name in match.columns.items() if name in _ROW_IDENTITY}
    if any(not _blank(value) for j, value in enumerate(cells) if j not in identity):
        return False
    numbers = [clean_text(cells[j]) for j in match.indexes("row_no") if j < len(cells)]
    names = [clean_text(cells[j]) for j in match.name_indexes() if j < len(cells)]
    if any(_SECTION_NUMBER.match(text) for text in numbers if text):
        return True
    return not any(numbers) and any(_SECTION_TITLE.match(text) for text in names if text)


def _gendered_birth(cells: list, pair: tuple[int, int]) -> tuple[object, str]:
    """(birth value, "Nam"/"Nữ") from a "Nam | Nữ" pair of birth columns; a tick gives the gender only."""
    male, female = (_text(cells, j) for j in pair)
    if not _blank(male) and _blank(female):
        return ("" if clean_text(male).lower() in _MARKS else male), "Nam"
    if _blank(male) and not _blank(female):
        return ("" if clean_text(female).lower() in _MARKS else female), "Nữ"
    if _blank(male) and _blank(female):
        return "", ""
    return f"Nam: {clean_text(male)}; Nữ: {clean_text(female)}", ""  # both filled: let validation say so


FOOTER_MAX_CELLS = 6
DATE_FIELDS = {"birth", "party_joined_on", "start_date", "party_member"}

# --- text typed in the pre-Unicode Vietnamese fonts (.VnTime / TCVN3-ABC, VNI-Times) ---
# Those fonts put Vietnamese letters on Latin-1 code points, so an old file opened in a Unicode
# world reads "NguyÔn V¨n An" (TCVN3) or "Nguyeãn Vaên An" (VNI). The signs below never occur in
# Vietnamese written in Unicode (nor in the names of the ethnic minorities' alphabets).
_TCVN3_SIGNS = re.compile("[\u00a1-\u00a7\u00a8\u00a9\u00aa\u00ab\u00ac\u00ae\u00b5-\u00b9\u00bc-\u00be]")
# VNI writes a letter then its marks as a second Latin-1 letter ("Vaên" = Văn, "Nguyeãn" = Nguyễn); in
# Vietnamese a or e is never followed by a marked vowel (the tone of ai, ao, au, ay, eo sits on a, e).
_VNI_SIGNS = re.compile("[ñÑïÏøØöÖûÛëËäÄåÅæÆçÇüÜÿ]|[aeAE][àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ]")


def legacy_encoding(value) -> str | None:
    """ "TCVN3" or "VNI" when a text looks typed in a pre-Unicode font, else None."""
    if not isinstance(value, str) or not value:
        return None
    if _TCVN3_SIGNS.search(value):
        return "TCVN3"
    if _VNI_SIGNS.search(value):
        return "VNI"
    return None


def _refuse_legacy(encoding: str, row: int, value: str) -> FileRefused:
    return FileRefused(
        _(
            "Tệp được gõ bằng bảng mã cũ %(encoding)s (phông .VnTime, VNI-Times…), không phải Unicode, nên chữ "
            "bị sai (ví dụ dòng %(row)s: “%(value)s”). Hãy chuyển mã sang Unicode rồi tải lên lại: trong Unikey "
            "chọn Công cụ › Chuyển mã, bảng mã nguồn %(encoding)s, bảng mã đích Unicode."
        )
        % {"encoding": "TCVN3 (ABC)" if encoding == "TCVN3" else "VNI", "row": row, "value": clean_text(value)}
    )


def _legacy_in(rows: list[tuple[int, list]]) -> FileRefused | None:
    for number, cells in rows:
        for value in cells:
            encoding = legacy_encoding(value)
            if encoding:
                return _refuse_legacy(encoding, number, value)
    return None


# --- hidden rows and columns of an .xlsx sheet (calamine does not report them) ---

_XLSX_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*>")
_XLSX_COL = re.compile(rb"<(?:\w+:)?col\b[^>]*>")
_ATTR = re.compile(rb'\b(r|min|max|hidden)="([^"]*)"')
_XML_TAIL = 4096


def _xlsx_sheet_part(zf: zipfile.ZipFile, name: str) -> str | None:
    import xml.etree.ElementTree as ET

    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        book = ET.fromstring(_small_entry(zf, "xl/workbook.xml", limit=4 * MB))
        rels = ET.fromstring(_small_entry(zf, "xl/_rels/workbook.xml.rels", limit=4 * MB))
    except ET.ParseError:
        return None
    rel_id = next((el.get(f"{ns_rel}id") for el in book.iter(f"{ns_main}sheet") if el.get("name") == name), None)
    for rel in rels:
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    return None


def hidden_rows_and_columns(path, sheet: str) -> tuple[list[int], list[int]]:
    """(hidden row numbers as Excel shows them, hidden 0-based column indexes) of an .xlsx sheet.

    Streams the sheet's XML looking only at <row> and <col> tags, so a 100,000-row sheet costs a
    fraction of a second; any other kind of file (or an unexpected layout) gives ([], []).
    """
    rows: list[int] = []
    columns: list[int] = []
    try:
        with zipfile.ZipFile(os.fspath(path)) as zf:
            part = _xlsx_sheet_part(zf, sheet)
            if part is None:
                return [], []
            with zf.open(part) as stream:
                carry = b""
                in_cols = True
                while chunk := stream.read(MB):
                    data = carry + chunk
                    cut = data.rfind(b">") + 1
                    data, carry = data[:cut], data[cut:][-_XML_TAIL:]
                    if in_cols:
                        for tag in _XLSX_COL.finditer(data):
                            attrs = dict(_ATTR.findall(tag.group()))
                            if attrs.get(b"hidden") in (b"1", b"true"):
                                low, high = int(attrs.get(b"min", 0)), int(attrs.get(b"max", 0))
                                columns.extend(range(low - 1, min(high, low + 200)))
                        if b"sheetData" in data:
                            in_cols = False
                    if b"hidden=" not in data:
                        continue
                    for tag in _XLSX_ROW.finditer(data):
                        attrs = dict(_ATTR.findall(tag.group()))
                        if attrs.get(b"hidden") in (b"1", b"true") and attrs.get(b"r", b"").isdigit():
                            rows.append(int(attrs[b"r"]))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError, EOFError):
        return [], []
    return rows, sorted(set(columns))


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_HIDDEN = ("collapse", "filter")
_ODS_MAX_REPEAT = 10_000  # a repeated run longer than this is the sheet's empty tail, not data


def ods_hidden_rows_and_columns(path, sheet: str) -> tuple[list[int], list[int]]:
    """The same for an OpenDocument sheet: rows and columns whose `table:visibility` is "collapse"
    (hidden) or "filter" (filtered out), counting `number-rows-repeated` runs. Streamed with
    iterparse, each row dropped once read; anything unexpected gives ([], [])."""
    import xml.etree.ElementTree as ET

    rows: list[int] = []
    columns: list[int] = []
    row = col = 0
    inside = False
    try:
        with zipfile.ZipFile(os.fspath(path)) as zf, zf.open("content.xml") as stream:
            for event, element in ET.iterparse(stream, events=("start", "end")):
                tag = element.tag
                if tag == f"{_ODS_TABLE}table":
                    if event == "start":
                        inside = element.get(f"{_ODS_TABLE}name") == sheet
                    elif inside:
                        break
                    else:
                        element.clear()
                    continue
                if not inside:
                    if event == "end" and tag == f"{_ODS_TABLE}table-row":
                        element.clear()
                    continue
                if event == "start" and tag == f"{_ODS_TABLE}table-column":
                    repeat = int(element.get(f"{_ODS_TABLE}number-columns-repeated", "1"))
                    if element.get(f"{_ODS_TABLE}visibility") in _ODS_HIDDEN and repeat <= 200:
                        columns.extend(range(col, col + repeat))
                    col += repeat
                elif event == "start" and tag == f"{_ODS_TABLE}table-row":
                    repeat = int(element.get(f"{_ODS_TABLE}number-rows-repeated", "1"))
                    if element.get(f"{_ODS_TABLE}visibility") in _ODS_HIDDEN and repeat <= _ODS_MAX_REPEAT:
                        rows.extend(range(row + 1, row + repeat + 1))
                    row += repeat
                elif event == "end" and tag == f"{_ODS_TABLE}table-row":
                    element.clear()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError, EOFError, ET.ParseError):
        return [], []
    return rows, columns


def xls_hidden_rows_and_columns(path, sheet: str) -> tuple[list[int], list[int]]:
    """The same for an Excel 97–2003 sheet, from its row and column records (xlrd with formatting
    info; an .xls holds at most 65,536 rows, and the file passed the size limit already)."""
    try:
        import xlrd

        book = xlrd.open_workbook(os.fspath(path), formatting_info=True, on_demand=True)
        try:
            ws = book.sheet_by_name(sheet)
            rows = sorted(r + 1 for r, info in ws.rowinfo_map.items() if info.hidden)
            columns = sorted(c for c, info in ws.colinfo_map.items() if info.hidden)
        finally:
            book.release_resources()
    except Exception:  # only a note is lost: calamine has read the cells
        return [], []
    return rows, columns


@dataclass
class Table:
    """The sheet chosen in a workbook, its header, and what the user should be told about it."""

    match: HeaderMatch
    rows: Iterator[tuple[int, list]]
    head: list[tuple[int, list]]
    sheet: str = ""  # "" for CSV
    sheets: list[str] = field(default_factory=list)  # every worksheet with data, in workbook order
    other_tables: list[str] = field(default_factory=list)  # other sheets that also hold a list
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[int] = field(default_factory=list)
    merges: list[tuple[int, int, int]] = field(default_factory=list)  # vertical: (first row, last row, col)


def _vertical_merges(sheet) -> list[tuple[int, int, int]]:
    try:
        ranges = sheet.merged_cell_ranges or []
    except (AttributeError, CalamineError):
        return []
    return [
        (top + 1, bottom + 1, left)
        for (top, left), (bottom, right) in ranges
        if left == right and bottom > top and bottom - top < 10_000
    ]


def open_table(
    path,
    synonyms: dict[str, list[str]],
    *,
    limits: Limits = DEFAULT_LIMITS,
    required_any: Iterable[str] = ("full_name",),
    scan: int = 30,
    sheet: str | None = None,
    mapping: dict[int, str | None] | None = None,
) -> Table:
    """The sheet holding the list and its header: in a workbook, the worksheet holding the most rows
    under a recognised header, then the one whose header names the most fields (visible sheets
    first, then workbook order), so an instructions sheet, a summary sheet, a blank template with
    the same header or the hidden sheet of drop-down values in front of the list are passed over.
    `sheet` names the worksheet to read instead (a workbook with one list per sheet).

    `mapping` is the officer's correction of the column mapping shown in the preview: column index
    -> field, or None for "không dùng"; it is applied after detection (see apply_mapping)."""
    path = os.fspath(path)
    required = list(required_any)
    kind, encoding = _check(path, limits)
    if kind == "csv":
        rows = _csv_rows(path, encoding or "utf-8", limits)
        head = list(islice(rows, scan + 1))
        try:
            match = find_header(head, synonyms, required_any=required, scan=scan)
        except FileRefused:
            raise _legacy_in(head) or _refuse_no_header(required, scan, synonyms) from None
        if mapping:
            apply_mapping(match, mapping, synonyms, head, required_any=required)
        return Table(match, rows, head)
    best: tuple[tuple[int, int, int], str, object, list, HeaderMatch] | None = None
    names: list[str] = []
    with_table: list[tuple[str, int]] = []
    first_head: list = []
    wanted = sheet
    if wanted is not None:
        with _open_workbook(path, kind) as workbook:
            every = [meta.name for meta in workbook.sheets_metadata]
        if wanted not in every:
            raise FileRefused(
                _("Tệp không có trang tính “%(sheet)s”; các trang tính: %(sheets)s.")
                % {"sheet": wanted, "sheets": ", ".join(f"“{n}”" for n in every)}
            )
    for position, (name, sheet) in enumerate(_open_sheets(path, kind, limits, only=wanted)):
        names.append(name)
        rows = _sheet_rows(sheet, limits)
        head = list(islice(rows, scan + 1))
        first_head = first_head or head
        try:
            match = find_header(head, synonyms, required_any=required, scan=scan)
        except FileRefused:
            continue
        count = _data_rows(head, match, sheet, scan)
        with_table.append((name, count))
        key = (count, _score(match), -position)
        if best is None or key > best[0]:
            best = (key, name, (sheet, rows), head, match)
    if best is None:
        if not names:
            raise FileRefused(_("Bảng tính không có dữ liệu: mọi trang tính đều trống."))
        raise _legacy_in(first_head) or _refuse_no_header(required, scan, synonyms, sheets=names)
    _key, name, (sheet, rows), head, match = best
    # A sheet with the header and no rows (a blank template) holds no list to offer.
    others = [n for n, count in with_table if n != name and count]
    table = Table(match, rows, head, sheet=name, sheets=names, other_tables=others)
    table.merges = _vertical_merges(sheet)
    if kind == "xlsx":
        table.hidden_rows, table.hidden_columns = hidden_rows_and_columns(path, name)
    elif kind == "ods":
        table.hidden_rows, table.hidden_columns = ods_hidden_rows_and_columns(path, name)
    elif kind == "xls":
        table.hidden_rows, table.hidden_columns = xls_hidden_rows_and_columns(path, name)
    if table.hidden_columns:
        _settle_hidden_copies(match, set(table.hidden_columns), synonyms)
    if mapping:
        apply_mapping(match, mapping, synonyms, head, required_any=required)
    return table


def _settle_hidden_copies(match: HeaderMatch, hidden: set[int], synonyms: dict[str, list[str]]) -> None:
    """A column hidden in Excel beside a visible one of the same field (an old copy kept out of
    sight) is not a doubt: the visible column is the one read, the hidden one is left unused, and
    the notes say so. Two visible columns for one field stay a question for the officer."""
    by_field: dict[str, list[ColumnRead]] = {}
    for read in match.reads:
        if read.field and read.index in match.columns and read.field not in JOINED_FIELDS:
            by_field.setdefault(read.field, []).append(read)
    for name, reads in by_field.items():
        visible = [r for r in reads if r.index not in hidden]
        shadowed = [r for r in reads if r.index in hidden]
        if len(visible) != 1 or not shadowed:
            continue
        for read in shadowed:
            match.columns.pop(read.index, None)
            read.field, read.confidence, read.doubt, read.basis = None, "exact", "", ("exact", "")
        kept = visible[0]
        if kept.confidence == "ambiguous":
            kept.confidence, kept.doubt = kept.basis if kept.basis[0] else ("exact", "")
            if kept.confidence == "ambiguous":
                kept.confidence, kept.doubt = "exact", ""
        match.notes.append(
            _("Cột %(hidden)s đang bị ẩn và cũng là “%(label)s”: đọc cột %(visible)s đang hiện, không dùng cột ẩn.")
            % {
                "hidden": ", ".join(column_letters(r.index + 1) for r in shadowed),
                "label": _label(synonyms, name),
                "visible": column_letters(kept.index + 1),
            }
        )


def _data_rows(head: list[tuple[int, list]], match: HeaderMatch, sheet, scan: int) -> int:
    """About how many people a sheet lists under its header: the rows with a name (or a required
    value) among those read with the header, and when those run on, the rest of the sheet's height
    (reading every sheet in full to count would cost as much as importing them)."""
    columns = match.name_indexes() or sorted(match.columns)
    count = 0
    last = 0
    for number, cells in head:
        if number <= match.row_number or is_numbering_row(cells):
            continue
        if any(not _blank(_text(cells, j)) for j in columns) and not is_footer_row(cells):
            count += 1
            last = number
    if len(head) > scan and last == head[-1][0]:
        count += max(0, sheet.end[0] + 1 - last)  # a non-empty calamine sheet always has an end
    return count


def apply_mapping(
    match: HeaderMatch,
    mapping: dict[int, str | None],
    synonyms: dict[str, list[str]],
    head: list[tuple[int, list]] = (),
    *,
    required_any: Iterable[str] = ("full_name",),
) -> None:
    """Applies the officer's column mapping to a detected header: each column index given takes the
    field chosen (None: not used), and its read becomes "chosen" (confirmed, no doubt left).

    An unknown field name is a programming or form error (ValueError). One field chosen for two
    columns is refused (FileRefused, naming both) unless the reader joins that field's columns
    (a name written across columns); so is a mapping that leaves no required column.
    """
    known = set(synonyms) | (NAME_PARTS if "full_name" in synonyms else set())
    for j, name in mapping.items():
        if name is not None and name not in known:
            raise ValueError(f"unknown field {name!r} for column {j}")
        if not isinstance(j, int) or j < 0:
            raise ValueError(f"bad column index {j!r}")
    titles = _titles(head, match)
    stale = {_both_names_note(match.columns)}
    for j, name in sorted(mapping.items()):
        read = match.read(j)
        if read is None:
            read = ColumnRead(j, titles.get(j, ""), None, "chosen")
            match.reads.append(read)
            match.reads.sort(key=lambda r: r.index)
        previous = read.field
        stale.update(_other_note(read.header, _label(synonyms, other)) for other in read.candidates)
        read.field, read.confidence, read.doubt, read.candidates = name, "chosen", "", []
        if match.birth_by_gender and j in match.birth_by_gender and name != "birth":
            _split_pair(match)
        if match.female_column == j and name != "gender":
            match.female_column = None
        if name is None:
            match.columns.pop(j, None)
        elif (match.birth_by_gender and j in match.birth_by_gender) or (match.female_column == j and name == "gender"):
            pass  # still read as a "Nam | Nữ" birth pair, or a lone "Nữ" tick
        else:
            match.columns[j] = name
        if previous is None and name is not None and read.header in match.unknown:
            match.unknown.remove(read.header)
        elif previous is not None and name is None and read.header and read.header not in match.unknown:
            match.unknown.append(read.header)  # listed with the columns not used
        match.width = max(match.width, j + 1)
    match.notes = [note for note in match.notes if note not in stale]
    note = _both_names_note(match.columns)
    if note:
        match.notes.append(note)
    required = list(required_any)
    by_field: dict[str, list[int]] = {}
    for j, name in match.columns.items():
        by_field.setdefault(name, []).append(j)
    if match.birth_by_gender and "birth" in by_field:  # a birth column beside the "Nam | Nữ" pair
        by_field["birth"] = sorted([*by_field["birth"], *match.birth_by_gender])
    for name, indexes in by_field.items():
        chosen = [j for j in indexes if j in mapping]
        if len(indexes) > 1 and chosen and name not in JOINED_FIELDS:
            shown = sorted([chosen[0], next(j for j in indexes if j != chosen[0])])
            raise FileRefused(
                _(
                    "Cột %(first)s và cột %(second)s cùng được chọn là “%(label)s”; mỗi thông tin chỉ lấy "
                    "từ một cột. Hãy đặt một trong hai cột là “không dùng”."
                )
                % {
                    "first": _column_title(match, shown[0]),
                    "second": _column_title(match, shown[1]),
                    "label": _label(synonyms, name),
                }
            )
    if required and not _has_required(match, required):
        raise _refuse_no_header(required, 0, synonyms, mapped=True)
    _judge(match, [row for row in head if row[0] > match.row_number], synonyms)


_LETTERS = re.compile(r"^[A-Za-z]{1,3}$")


def column_index(match: HeaderMatch, ref: str) -> int:
    """The 0-based column an officer names on the command line (`--map "C=given_name"` or
    `--map "Tên=given_name"`): its letters as Excel shows them, or its header text (the whole
    "band / sub-title" or the sub-title alone, compared without diacritics or case). A header that
    names no column, or several, raises ValueError with a Vietnamese message."""
    text = ref.strip()
    key = match_key(text)
    found = sorted(
        {r.index for r in match.reads if key and key in (match_key(r.header), match_key(r.header.split(" / ")[-1]))}
    )
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise ValueError(
            _("Có %(n)s cột tiêu đề “%(ref)s” (cột %(columns)s); hãy ghi chữ cái của cột.")
            % {"n": len(found), "ref": text, "columns": ", ".join(column_letters(j + 1) for j in found)}
        )
    if _LETTERS.match(text):
        number = 0
        for letter in text.upper():
            number = number * 26 + ord(letter) - 64
        return number - 1
    raise ValueError(_("Không có cột “%(ref)s” trong dòng tiêu đề của bảng.") % {"ref": text})


def _split_pair(match: HeaderMatch) -> None:
    """A "Nam | Nữ" birth pair one of whose columns the officer remapped: the other holds birth dates."""
    assert match.birth_by_gender is not None
    for j in match.birth_by_gender:
        match.columns[j] = "birth"
    match.birth_by_gender = None


def _column_title(match: HeaderMatch, j: int) -> str:
    read = match.read(j)
    letter = column_letters(j + 1)
    return f"{letter} “{read.header}”" if read and read.header else letter


def _titles(head, match: HeaderMatch) -> dict[int, str]:
    titles: dict[int, str] = {}
    for number, cells in head:
        if number == match.row_number:
            titles = {j: clean_text(value) for j, value in enumerate(cells) if not _blank(value)}
    return titles


def _has_required(match: HeaderMatch, required: list[str]) -> bool:
    fields = match.fields
    return bool(fields & set(required)) or ("full_name" in required and bool(fields & NAME_PARTS))


def column_samples(table: Table, limit: int = 3) -> dict[int, list[str]]:
    """The first non-blank values under the header, cleaned, per column (the preview shows them
    beside each column's mapping): data rows only, not the header rows nor the numbering row."""
    samples: dict[int, list[str]] = {read.index: [] for read in table.match.reads}
    for number, cells in table.head:
        if number <= table.match.row_number or is_blank_row(cells) or is_numbering_row(cells):
            continue
        for j, value in enumerate(cells):
            if _blank(value):
                continue
            shown = samples.setdefault(j, [])
            if len(shown) < limit:
                text = clean_text(value)
                if text:
                    shown.append(text)
    return dict(sorted(samples.items()))


def _refuse_no_header(
    required: list[str],
    scan: int,
    synonyms: dict[str, list[str]],
    sheets: list[str] | None = None,
    *,
    mapped: bool = False,
) -> FileRefused:
    # The first variant of a field is its canonical title (the import template's), translated.
    names = ", ".join(f"“{_label(synonyms, name)}”" for name in required) or "—"
    if mapped:
        return FileRefused(
            _("Cách đọc cột đã chọn không còn cột %(names)s; hãy chọn lại cột chứa %(names)s.") % {"names": names}
        )
    message = _(
        "Không tìm thấy dòng tiêu đề của bảng trong %(scan)s dòng đầu. Bảng cần có cột %(names)s; "
        "hãy kiểm tra lại tên cột hoặc dùng tệp mẫu."
    ) % {"scan": scan, "names": names}
    if sheets and len(sheets) > 1:
        message += " " + _("Đã xem các trang tính: %(sheets)s.") % {"sheets": ", ".join(f"“{s}”" for s in sheets)}
    return FileRefused(message)


def iter_records(
    path,
    synonyms: dict[str, list[str]],
    *,
    limits: Limits = DEFAULT_LIMITS,
    required_any: Iterable[str] = ("full_name",),
    scan: int = 30,
) -> tuple[HeaderMatch, Iterator[tuple[int, dict[str, object]]]]:
    """The header, and (row number, {field: raw value}) for each person row under it."""
    table = open_table(path, synonyms, limits=limits, required_any=required_any, scan=scan)
    return table.match, table_records(table, required_any=required_any)


def table_records(table: Table, *, required_any: Iterable[str] = ("full_name",)) -> Iterator[tuple[int, dict]]:
    """(row number, {field: raw value}) for each person row under the header of `table`.

    Skips blank rows, the column-numbering row, repeated header rows, section titles, totals
    and footnotes; stops at the signature block. A row counts when its name (or another
    required field) is filled. A cell merged down over several rows (a unit written once for a
    group of people) counts for every row of the merge. When a field has a hidden and a visible
    column, the visible one is read.
    """
    required = list(required_any)
    match, head, rows = table.match, table.head, table.rows
    top = min(match.first_row or match.row_number - 1, match.row_number - 1)
    name_columns = match.name_indexes()
    header_names = {
        match_key(_text(cells, j)) for number, cells in head if top <= number <= match.row_number for j in name_columns
    } - {""}
    hidden = set(table.hidden_columns)
    by_field: dict[str, list[int]] = {}
    for j in sorted(match.columns):
        by_field.setdefault(match.columns[j], []).append(j)
    for name, indexes in by_field.items():
        visible = [j for j in indexes if j not in hidden]
        if visible and len(visible) < len(indexes):
            by_field[name] = visible
    parts = [name for name in ("family_name", "given_name") if name in by_field]
    named = "full_name" in by_field or parts
    # A row with a name part but no full name is a person whose name is incomplete (said), not a blank row.
    keys = ["full_name", *parts] if named else [name for name in required if name in by_field]
    single = [(name, indexes[0]) for name, indexes in by_field.items() if len(indexes) == 1]
    several = [(name, indexes) for name, indexes in by_field.items() if len(indexes) > 1]
    date_columns = [j for j, name in match.columns.items() if name in DATE_FIELDS]
    total_columns = [*match.indexes("row_no"), *name_columns][:3]
    number_columns = match.indexes("row_no")[:1]
    identity = len([j for j, name in match.columns.items() if name in _ROW_IDENTITY])
    header_starts = {
        text[:2].lower()
        for number, cells in head
        if top <= number <= match.row_number
        for text in (clean_text(_text(cells, j)) for j in name_columns)
        if text
    }
    if match.birth_by_gender:
        date_columns.extend(match.birth_by_gender)
    merges = sorted(m for m in table.merges if m[0] > match.row_number)

    def records() -> Iterator[tuple[int, dict[str, object]]]:
        started = False
        pending = list(reversed(merges))
        active: dict[int, tuple[int, object]] = {}  # column -> (last row of the merge, value)
        for number, cells in chain((row for row in head if row[0] > match.row_number), rows):
            while pending and pending[-1][0] <= number:
                first, last, column = pending.pop()
                if first == number and column < len(cells) and not _blank(cells[column]):
                    active[column] = (last, cells[column])
            if active:
                for column, (last, value) in list(active.items()):
                    if number > last:
                        del active[column]
                    elif column < len(cells) and _blank(cells[column]):
                        cells = list(cells)
                        cells[column] = value
            filled = len(cells) - sum(1 for value in cells if value == "" or value is None)
            if filled and any(type(value) is str and value.isspace() for value in cells):
                filled = sum(1 for value in cells if not _blank(value))
            if not filled:
                continue
            # The numbering row sits under the header, before the first person; a signature block
            # has a few texts. Checking only such rows keeps 100,000-row files fast.
            if not started and is_numbering_row(cells):
                continue
            if filled <= FOOTER_MAX_CELLS and is_footer_row(cells, date_columns):
                if started:
                    return
                continue
            for j in name_columns:
                encoding = legacy_encoding(_text(cells, j))
                if encoding:
                    raise _refuse_legacy(encoding, number, _text(cells, j))
            if _is_total_row(cells, total_columns, number_columns):
                continue
            if started and filled <= 2 and _is_footnote_row(cells):
                return
            record: dict[str, object] = {}
            width = len(cells)
            for name, j in single:
                record[name] = cells[j] if j < width else ""
            for name, indexes in several:
                values = [value for value in (_text(cells, j) for j in indexes) if not _blank(value)]
                if name in JOINED_FIELDS and len(values) > 1:  # a name written across columns
                    record[name] = " ".join(clean_text(value) for value in values)
                else:
                    record[name] = values[0] if values else ""
            if parts and _blank(record.get("full_name")):  # "Họ đệm" | "Tên": the full name is both
                # Both parts, or none: a "Tên" kept beside a blank "Họ và tên" is no one's full name.
                texts = [clean_text(record.get(name)) for name in NAME_PARTS_ORDER]
                if all(texts):
                    record["full_name"] = " ".join(texts)
            if match.birth_by_gender:
                birth, gender = _gendered_birth(cells, match.birth_by_gender)
                if not _blank(birth) or "birth" not in record:
                    record["birth"] = birth
                if gender and _blank(record.get("gender")):
                    record["gender"] = gender
                record.setdefault("gender", "")
            elif match.female_column is not None and _blank(record.get("gender")):
                mark = clean_text(_text(cells, match.female_column)).lower()
                record["gender"] = "Nữ" if mark in _MARKS or match_key(mark) in ("nu", "co") else "Nam"
            if all(_blank(record.get(name)) for name in keys):
                continue
            name_value = record.get("full_name")
            if (
                isinstance(name_value, str)
                and name_value.strip()[:2].lower() in header_starts
                and _repeats_header(cells, name_columns, header_names)
            ):
                continue  # the header repeated on a later page
            if filled <= identity and _is_section_row(cells, match):
                continue
            started = True
            yield number, record

    return records()


def _repeats_header(cells: list, name_columns: list[int], header_names: set[str]) -> bool:
    texts = [match_key(_text(cells, j)) for j in name_columns if not _blank(_text(cells, j))]
    return bool(texts) and all(text in header_names for text in texts)


# "Tống" is a family name: only "tổng cộng" / "tổng số", or "cộng" alone or before a count.
_TOTAL_KEY = re.compile(r"^(?:tong cong|tong so|luy ke)\b|^cong(?: so| co)?(?: \d.*)?$|^cong \d")


_TOTAL_INITIALS = frozenset("tTcClL")


def _is_total_row(cells: list, columns: list[int], numbers: list[int]) -> bool:
    """ "Tổng cộng: 25 người" / "Cộng" / "Tổng số" in the STT or name column, with counts beside it.

    A row numbered in the STT column is a person: checked first, it keeps large files fast.
    """
    for j in numbers:
        value = cells[j] if j < len(cells) else ""
        if type(value) is float or (type(value) is str and value.strip().isdigit()):
            return False
    for j in columns:
        value = cells[j] if j < len(cells) else ""
        if (
            isinstance(value, str)
            and value
            and value.lstrip()[:1] in _TOTAL_INITIALS  # a cheap test first: most rows hold a name
            and _TOTAL_KEY.match(match_key(value))
        ):
            return True
    return False


def _is_footnote_row(cells: list) -> bool:
    """ "Ghi chú: …", "(*) Đang đi học", "Nguồn: …" under the table: the notes, not a person."""
    texts = [value for value in cells if isinstance(value, str) and value.strip()]
    if not texts:
        return False
    first = texts[0].strip()
    return bool(re.match(r"^(\(\*+\)|\*+)", first)) or bool(
        re.match(r"^(ghi chu|chu thich|luu y|nguon)\b", plain(first))
    )
