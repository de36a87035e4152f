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

from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook, PasswordError

from canbo.core.text import format_number

from .columns import field_label
from .normalise import clean_text, match_key, plain

__all__ = [
    "DEFAULT_LIMITS",
    "FileRefused",
    "HeaderMatch",
    "Limits",
    "check_file",
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
    what = _binary_kind(head)
    if what:
        raise _refuse_not_spreadsheet(what)
    return "csv", _check_text(path, head)


def _binary_kind(head: bytes) -> str | None:
    signatures = [
        (b"%PDF", _("tài liệu PDF")),
        (b"\x89PNG", _("ảnh PNG")),
        (b"\xff\xd8\xff", _("ảnh JPEG")),
        (b"GIF8", _("ảnh GIF")),
        (b"BM", None),  # checked below: too short to trust alone
        (b"Rar!", _("tệp nén RAR")),
        (b"7z\xbc\xaf\x27\x1c", _("tệp nén 7z")),
        (b"\x1f\x8b", _("tệp nén gzip")),
        (b"II*\x00", _("ảnh TIFF")),
        (b"MM\x00*", _("ảnh TIFF")),
        (b"{\\rtf", _("văn bản RTF")),
        (b"MZ", _("chương trình máy tính")),
        (b"\x7fELF", _("chương trình máy tính")),
    ]
    for magic, what in signatures:
        if what and head.startswith(magic):
            return what
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return _("ảnh WEBP")
    if head[4:8] == b"ftyp":
        return _("tệp ảnh hoặc video")
    return None


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


def read_rows(path, *, limits: Limits = DEFAULT_LIMITS) -> Iterator[tuple[int, list]]:
    """(row number as Excel shows it, cell values) for every row of the first non-empty sheet.

    Values are what calamine gives: str ("" for empty), float (whole numbers too), bool,
    datetime.date, datetime.datetime, datetime.time; CSV gives str only (NFC). The file is checked
    and the sheet chosen before this returns, so most refusals happen at the call.
    """
    path = os.fspath(path)
    kind, encoding = _check(path, limits)
    if kind == "csv":
        return _csv_rows(path, encoding or "utf-8", limits)
    return _sheet_rows(_open_sheet(path, kind), limits)


def _open_sheet(path: str, kind: str):
    extension = os.path.splitext(path)[1].lower()
    matches = {"xlsx": extension in XLSX_EXTENSIONS, "xls": extension == ".xls", "ods": extension == ".ods"}
    try:
        if matches.get(kind):
            workbook = CalamineWorkbook.from_path(path)
        else:  # misnamed file: let calamine sniff the content
            with open(path, "rb") as f:
                workbook = CalamineWorkbook.from_filelike(f)
        with workbook:
            return _first_sheet(workbook)
    except FileRefused:
        raise
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


def _first_sheet(workbook):
    metadata = list(workbook.sheets_metadata)

    def rank(meta) -> int:
        kind, visible = str(meta.typ), str(meta.visible)
        if not kind.endswith("WorkSheet"):
            return 2
        return 0 if visible.endswith(".Visible") else 1

    failure: Exception | None = None
    for meta in sorted(metadata, key=rank):  # stable: workbook order within each rank
        if rank(meta) == 2:
            continue
        try:
            sheet = workbook.get_sheet_by_name(meta.name)
        except CalamineError as exc:
            failure = failure or exc  # a sheet that cannot be parsed: broken, unless another has data
            continue
        if sheet.start is not None and sheet.height > 0:
            return sheet
    if failure is not None:
        raise failure
    raise FileRefused(_("Bảng tính không có dữ liệu: mọi trang tính đều trống."))


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
            for number, row in enumerate(csv.reader(f, delimiter=delimiter), start=1):
                _check_size(number, len(row), limits)
                if number == 1 and row and row[0].startswith("\ufeff"):
                    row[0] = row[0][1:]
                yield number, [unicodedata.normalize("NFC", cell) for cell in row]

    return rows()


def _sniff_delimiter(sample: str) -> str:
    cut = sample.rfind("\n")
    sample = sample[: cut + 1] if cut > 0 else sample
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        pass
    lines = [line for line in sample.splitlines()[:50] if line.strip()]
    best, best_score = ",", 0
    for candidate in ",;\t":
        counts = [line.count(candidate) for line in lines]
        score = min(counts) if counts else 0
        if score > best_score:
            best, best_score = candidate, score
    return best


# ------------------------------------------------------------------------------------ header detection


@dataclass
class HeaderMatch:
    """Where the table header is and which canonical field each column holds."""

    row_number: int  # the last header row (data start below it)
    columns: dict[int, str]  # 0-based column index -> canonical field
    unknown: list[str] = field(default_factory=list)  # header texts that matched no field
    birth_by_gender: tuple[int, int] | None = None  # ("Nam" column, "Nữ" column) holding birth dates
    width: int = 0  # columns up to the last titled one (known, unknown or Nam/Nữ)

    @property
    def fields(self) -> set[str]:
        return set(self.columns.values())

    def indexes(self, name: str) -> list[int]:
        return sorted(index for index, value in self.columns.items() if value == name)


class _HeaderIndex:
    """Header synonyms by comparison key: exact match first, then a prefix of six or more characters."""

    MIN_PREFIX = 6

    def __init__(self, synonyms: dict[str, list[str]]):
        self.exact: dict[str, str] = {}
        prefixes: dict[str, str] = {}
        for name, variants in synonyms.items():
            for variant in variants:
                key = match_key(variant)
                if not key:
                    continue
                self.exact.setdefault(key, name)
                if len(key) >= self.MIN_PREFIX:
                    prefixes.setdefault(key, name)
        self.prefixes = sorted(prefixes.items(), key=lambda item: -len(item[0]))

    def field(self, value) -> str | None:
        if value is None or isinstance(value, bool | int | float):
            return None
        key = match_key(value)
        if not key:
            return None
        if key in self.exact:
            return self.exact[key]
        for prefix, name in self.prefixes:
            if key.startswith(prefix) and key[len(prefix)] == " ":
                return name
        return None


_NAM, _NU = "nam", "nu"
_ROW_IDENTITY = ("row_no", "full_name")


def _text(cells: list, index: int):
    return cells[index] if index < len(cells) else ""


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _analyse(index: _HeaderIndex, upper: list, lower: list | None) -> HeaderMatch:
    """Columns of a one-row header, or of a two-row header (lower cell wins when it names a field)."""
    width = max(len(upper), len(lower or []))
    columns: dict[int, str] = {}
    texts: dict[int, str] = {}
    nam = nu = None
    for j in range(width):
        top = _text(upper, j)
        bottom = _text(lower, j) if lower is not None else ""
        found = (index.field(bottom) if lower is not None else None) or index.field(top)
        shown = clean_text(bottom) if not _blank(bottom) else clean_text(top)
        key = match_key(shown)
        if key == _NAM and nam is None:
            nam = j
        elif key == _NU and nu is None:
            nu = j
        if found:
            columns[j] = found
        elif shown:
            texts[j] = shown
    titled = [j for j in range(width) if not (_blank(_text(upper, j)) and _blank(_text(lower or [], j)))]
    pair = None
    if nam is not None and nu is not None:
        pair = (nam, nu)
        for j in pair:
            columns.pop(j, None)
            texts.pop(j, None)
    return HeaderMatch(0, columns, [texts[j] for j in sorted(texts)], pair, titled[-1] + 1 if titled else 0)


def _is_subheader(index: _HeaderIndex, upper: list, lower: list) -> bool:
    """Is `lower` the second row of a two-row header (sub-titles under merged cells) rather than data?"""
    upper_fields = {j: index.field(value) for j, value in enumerate(upper)}
    if not any(upper_fields.values()):
        return False
    good = bad = 0
    for j, value in enumerate(lower):
        if _blank(value):
            continue
        named = index.field(value) or match_key(value) in (_NAM, _NU)
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
    """The header among the first `scan` rows: the row (or pair of rows) naming the most fields.

    Title rows above it ("ỦY BAN NHÂN DÂN XÃ …", "DANH SÁCH …") match nothing and are passed over.
    A header over two rows — "Ngày sinh" merged over "Nam | Nữ", "Trình độ" over "Chuyên môn | LLCT
    | QLNN" — is read as one; its row_number is the lower row.
    """
    required = list(required_any)
    index = _HeaderIndex(synonyms)
    best: HeaderMatch | None = None
    best_key = (0, 0)
    for i, (number, cells) in enumerate(rows[:scan]):
        if is_blank_row(cells):
            continue
        options = [(_analyse(index, cells, None), number, 0)]
        if i + 1 < len(rows):
            lower_number, lower = rows[i + 1]
            if lower_number == number + 1 and _is_subheader(index, cells, lower):
                options.append((_analyse(index, cells, lower), lower_number, 1))
        for match, last_row, pair in options:
            if required and not (match.fields & set(required)):
                continue
            key = (_score(match), pair)
            if key > best_key:
                match.row_number = last_row
                best, best_key = match, key
    if best is None:
        names = ", ".join(f"“{field_label(name)}”" for name in required) or "—"
        raise FileRefused(
            _(
                "Không tìm thấy dòng tiêu đề của bảng trong %(scan)s dòng đầu. Bảng cần có cột %(names)s; "
                "hãy kiểm tra lại tên cột hoặc dùng tệp mẫu."
            )
            % {"scan": scan, "names": names}
        )
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


def is_footer_row(cells: list) -> bool:
    """The signature block under a table: "Người lập biểu", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên)",
    "Xã …, ngày … tháng … năm …", "TM. ỦY BAN NHÂN DÂN"."""
    texts = [value.replace("\n", " ") for value in cells if isinstance(value, str) and value.strip()]
    return bool(texts) and _FOOTER.search(plain("\n".join(texts))) is not None


_SECTION_NUMBER = re.compile(r"^([IVXLC]+|[A-Za-zĐđ])\s*[.)\-:]?$")
_SECTION_TITLE = re.compile(r"^([IVXLC]+|[A-Z])\s*[.)\-:]\s+\S")
_TOTALS = ("tong cong", "tong so", "cong")
_MARKS = {"x", "v", "✓", "✔", "√", "•", "*", "+"}


def _is_section_row(cells: list, match: HeaderMatch) -> bool:
    """ "I. CÁN BỘ" / "A | KHỐI ĐẢNG" between people: a group title, not a person."""
    identity = {j for j, name in match.columns.items() if name in _ROW_IDENTITY}
    if any(not _blank(value) for j, value in enumerate(cells) if j not in identity):
        return False
    numbers = [clean_text(cells[j]) for j in match.indexes("row_no") if j < len(cells)]
    names = [clean_text(cells[j]) for j in match.indexes("full_name") if j < len(cells)]
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


def iter_records(
    path,
    synonyms: dict[str, list[str]],
    *,
    limits: Limits = DEFAULT_LIMITS,
    required_any: Iterable[str] = ("full_name",),
    scan: int = 30,
) -> tuple[HeaderMatch, Iterator[tuple[int, dict[str, object]]]]:
    """The header, and (row number, {field: raw value}) for each person row under it.

    Skips blank rows, the column-numbering row, repeated header rows, section titles and totals;
    stops at the signature block. A row counts when its name (or another required field) is filled.
    """
    required = list(required_any)
    rows = read_rows(path, limits=limits)
    head = list(islice(rows, scan + 1))
    match = find_header(head, synonyms, required_any=required, scan=scan)
    header_names = {
        match_key(_text(cells, j))
        for number, cells in head
        if match.row_number - 1 <= number <= match.row_number
        for j in match.indexes("full_name")
    } - {""}
    by_field: dict[str, list[int]] = {}
    for j in sorted(match.columns):
        by_field.setdefault(match.columns[j], []).append(j)
    keys = ["full_name"] if "full_name" in by_field else [name for name in required if name in by_field]

    def records() -> Iterator[tuple[int, dict[str, object]]]:
        started = False
        for number, cells in chain((row for row in head if row[0] > match.row_number), rows):
            filled = sum(1 for value in cells if not _blank(value))
            if not filled:
                continue
            # The numbering row sits under the header, before the first person; a signature block
            # has a few texts. Checking only such rows keeps 100,000-row files fast.
            if not started and is_numbering_row(cells):
                continue
            if filled <= FOOTER_MAX_CELLS and is_footer_row(cells):
                if started:
                    return
                continue
            record: dict[str, object] = {}
            for name, indexes in by_field.items():
                values = [value for value in (_text(cells, j) for j in indexes) if not _blank(value)]
                if name == "full_name" and len(values) > 1:  # "Họ đệm" | "Tên" split in two columns
                    record[name] = " ".join(clean_text(value) for value in values)
                else:
                    record[name] = values[0] if values else ""
            if match.birth_by_gender:
                birth, gender = _gendered_birth(cells, match.birth_by_gender)
                if not _blank(birth) or "birth" not in record:
                    record["birth"] = birth
                if gender and _blank(record.get("gender")):
                    record["gender"] = gender
                record.setdefault("gender", "")
            if all(_blank(record.get(name)) for name in keys):
                continue
            name_value = record.get("full_name")
            if not _blank(name_value):
                name_key = match_key(name_value)
                if name_key in header_names:
                    continue  # the header repeated on a later page
                if any(name_key == word or name_key.startswith(word + " ") for word in _TOTALS):
                    continue
            if _is_section_row(cells, match):
                continue
            started = True
            yield number, record

    return match, records()
