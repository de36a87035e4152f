"""What an import reports, whichever app owns it: row errors, counts, notes on how the file was read.

File layer (no models): every app's importer fills an ImportResult, and the web upload, the
command and the error copy read it the same way.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from .reader import Table

MAX_WARNINGS = 1000  # row warnings kept for the preview and --json; the notes count them all
NOTE_ROWS = 20  # rows named in one note line before "và … dòng khác"


@dataclass
class RowError:
    row: int
    column: str
    value: str
    message: str


@dataclass
class ImportResult:
    rows: int = 0
    valid: int = 0
    invalid: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    refused: str = ""  # set when the whole file was refused (not a spreadsheet, too big, …)
    sheet: str | None = None  # the worksheet read (None for CSV)
    notes: list[str] = field(default_factory=list)  # what the user should know: sheet chosen, hidden rows…
    tables: list[str] = field(default_factory=list)  # the sheets holding a list (the preview offers them)
    header_row: int = 0
    width: int = 0
    written: bool = False
    statuses: list[list] = field(default_factory=list)  # [row, "created"|"updated"|"invalid", name, msg]
    sensitive_columns: list[str] = field(default_factory=list)  # sensitive fields the header names
    # Rows read, but not quite as written ("cơ bàn" read as "cơ bản", a 9-digit CMND kept as the old
    # number): they do not block the row, and the preview lists them (grouped in `notes`). A file
    # that writes "DH" on every row keeps the first MAX_WARNINGS; `warnings_total` counts them all.
    warnings: list[RowError] = field(default_factory=list)
    warnings_total: int = 0

    def add_warnings(self, warnings) -> None:
        """Keep the rows' warnings (in row order) and say them in the notes, one line per column and
        reason: a large file repeats the same reading on thousands of rows."""
        groups: dict[tuple[str, str], list[int]] = {}
        counts: dict[tuple[str, str], int] = {}
        last: dict[tuple[str, str], int] = {}
        for w in sorted(warnings, key=lambda w: w.row):
            self.warnings_total += 1
            if len(self.warnings) < MAX_WARNINGS:
                self.warnings.append(w)
            key = (w.column, w.message)
            rows = groups.setdefault(key, [])
            if last.get(key) != w.row:  # one cell may give the same note twice ("DH Luật; DH Kinh tế")
                last[key] = w.row
                counts[key] = counts.get(key, 0) + 1
                if len(rows) < NOTE_ROWS:
                    rows.append(w.row)
        for (column, message), rows in groups.items():
            more = counts[(column, message)] - len(rows)
            shown = ", ".join(str(n) for n in rows) + (_(" và %(n)s dòng khác") % {"n": more} if more else "")
            self.notes.append(
                _("%(column)s, dòng %(rows)s: %(message)s") % {"column": column, "rows": shown, "message": message}
            )

    # The column mapping (tabular.mapping.column_list): each titled column, the field taken, how
    # sure the reader is and sample values; the preview and --json show it so no misread is silent.
    columns: list[dict] = field(default_factory=list)
    # The fields a column can be mapped to (code -> untranslated label), offered by the preview.
    fields: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict:
        data = {
            "rows": self.rows,
            "valid": self.valid,
            "invalid": self.invalid,
            "created": self.created,
            "updated": self.updated,
            "errors": [asdict(e) for e in self.errors],
            "sheet": self.sheet,
            "tables": self.tables,
            "notes": self.notes,
            "warnings": [asdict(w) for w in self.warnings],
            "columns": self.columns,
        }
        if self.warnings_total > len(self.warnings):
            data["warnings_total"] = self.warnings_total
        if self.refused:
            data["refused"] = self.refused
        return data


def column_letter(index: int) -> str:
    """ "cột C" for the 0-based column 2, as the officer sees it in Excel."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return f"cột {name}"


def column_name(field_name: str, header, labels: dict[str, str]) -> str:
    """ "Ngày sinh (cột D)": the field's title and the column it was read from."""
    label = labels.get(field_name, field_name)
    index = next((i for i, f in header.columns.items() if f == field_name), None)
    return f"{label} ({column_letter(index)})" if index is not None else label


def letters(indexes: list[int]) -> str:
    return ", ".join(column_letter(j).removeprefix("cột ") for j in indexes)


def rows_text(numbers: list[int], limit: int = 20) -> str:
    shown = ", ".join(str(n) for n in numbers[:limit])
    return shown + (_(" và %(n)s dòng khác") % {"n": len(numbers) - limit} if len(numbers) > limit else "")


def table_notes(table: Table) -> list[str]:
    """What the preview and --json say about how the file was read (never silently)."""
    notes = []
    if len(table.sheets) > 1:
        notes.append(
            _("Đọc trang tính “%(sheet)s” (trang có dòng tiêu đề danh sách); bỏ qua các trang %(others)s.")
            % {"sheet": table.sheet, "others": ", ".join(f"“{n}”" for n in table.sheets if n != table.sheet)}
        )
    if table.other_tables:
        notes.append(
            _(
                "Các trang %(others)s cũng có danh sách nhưng không được đọc: mỗi lần chỉ nhập một trang. "
                "Hãy nhập tiếp từng trang (chọn trang tính ở trang xem trước, hoặc canbo import people … "
                "--sheet “tên trang”), hoặc tách mỗi trang ra một tệp."
            )
            % {"others": ", ".join(f"“{n}”" for n in table.other_tables)}
        )
    notes.extend(table.match.notes)  # how the header was read: a column left unused, a name in two forms
    below = [n for n in table.hidden_rows if n > table.match.row_number]
    if below:
        notes.append(
            _("Có %(n)s dòng đang bị ẩn trong Excel (dòng %(rows)s); các dòng này vẫn được đọc như mọi dòng khác.")
            % {"n": len(below), "rows": rows_text(below)}
        )
    used = set(table.match.columns)
    hidden = [j for j in table.hidden_columns if j in used]
    if hidden:
        notes.append(
            _("Có cột đang bị ẩn trong Excel (cột %(cols)s); cột ẩn vẫn được đọc, trừ khi có cột hiện cùng tên.")
            % {"cols": letters(hidden)}
        )
    if table.match.unknown:
        notes.append(
            _("Các cột không dùng đến: %(names)s.") % {"names": ", ".join(f"“{n}”" for n in table.match.unknown[:20])}
        )
    return notes
