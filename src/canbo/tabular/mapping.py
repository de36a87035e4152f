"""The column mapping the officer sees and corrects before anything is written.

A misread column is the worst failure of an import: the preview says every row is valid and a
wrong value is stored. So every import that reads a table through `open_mapped` reports, per
titled column, what the reader took it for, how sure it is and a sample of the values under it
(`column_list`); the officer (the preview's selects, or `canbo import … --map "C=given_name"`)
can change any of it, and the doubtful reads must be settled before a write.

This module is file-layer code (no models): it parses `--map` specs, resolves them against the
header read, computes the header signature a saved mapping is remembered by, and builds the list
the preview and `--json` show. Which fields exist, and their labels, come from the importing app.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from .extent import column_letters
from .normalise import match_key
from .reader import (
    DATE_FIELDS,
    JOINED_FIELDS,
    NAME_PARTS,
    ColumnRead,
    Table,
    apply_mapping,
    column_samples,
    is_footer_row,
    open_table,
)

__all__ = [
    "DOUBTFUL",
    "NOT_USED",
    "MappingError",
    "Recalled",
    "check_choices",
    "chosen_mapping",
    "column_index",
    "column_list",
    "doubt_message",
    "doubts",
    "header_signature",
    "letter",
    "mapping_from_json",
    "mapping_to_json",
    "open_mapped",
    "parse_specs",
    "resolve",
    "signature_of_columns",
]

# Confidences the officer must confirm before a write (see reader.ColumnRead).
DOUBTFUL = ("loose", "ambiguous", "unused_data")
# What `--map "C=none"` (or "C=") and the preview's "Không dùng" choice send.
NOT_USED = ("", "none", "-")
_LETTERS = re.compile(r"[A-Za-z]{1,3}")


class MappingError(ValueError):
    """A `--map` spec or a posted mapping that names no column or no field: a usage error."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Recalled:
    """A saved mapping found for a file's headers, and the note that says so on the preview."""

    mapping: dict[int, str | None]
    note: str


# ------------------------------------------------------------------------------------------ letters


def letter(index: int) -> str:
    """The Excel letter of a 0-based column: 0 -> "A", 27 -> "AB"."""
    return column_letters(index + 1)


def column_index(text: str) -> int | None:
    """The 0-based column of an Excel letter ("C" -> 2), or None when `text` is not one."""
    text = text.strip()
    if not _LETTERS.fullmatch(text):
        return None
    number = 0
    for ch in text.upper():
        number = number * 26 + ord(ch) - 64
    return number - 1


# ---------------------------------------------------------------------------------- mapping as data


def mapping_to_json(mapping: Mapping[int, str | None]) -> dict[str, str | None]:
    """JSON keys are strings: {"2": "given_name", "5": None}."""
    return {str(j): name for j, name in sorted(mapping.items())}


def mapping_from_json(data: Mapping | None) -> dict[int, str | None]:
    return {int(j): (name or None) for j, name in (data or {}).items()}


def parse_specs(specs: Iterable[str]) -> dict[str, str | None]:
    """`--map` values as given: "C=given_name", "Họ=family_name", "D=" or "D=none" (not used).

    Columns stay as written (a letter or a header text); `resolve` finds them in the file's
    header. A spec without "=" or naming no column is a MappingError."""
    parsed: dict[str, str | None] = {}
    for spec in specs:
        column, sep, name = spec.rpartition("=")
        column, name = column.strip(), name.strip()
        if not sep or not column:
            raise MappingError(
                _('Cách ghi --map “%(spec)s” không đúng; ghi CỘT=mã_thông_tin, ví dụ --map "C=given_name".')
                % {"spec": spec}
            )
        parsed[column] = None if name.lower() in NOT_USED else name
    return parsed


def _codes(fields: Mapping[str, str]) -> str:
    return ", ".join(f"{code} ({label})" for code, label in fields.items())


def check_fields(mapping: Mapping, fields: Mapping[str, str]) -> None:
    """Every field named is one the importer takes; otherwise a MappingError listing them."""
    for column, name in mapping.items():
        if name is not None and name not in fields:
            raise MappingError(
                _(
                    "Không có thông tin “%(name)s” (cột %(column)s). Các mã hợp lệ: %(codes)s; "
                    "hoặc để trống (“%(column)s=”) nếu không dùng cột này."
                )
                % {
                    "name": name,
                    "column": letter(column) if isinstance(column, int) else column,
                    "codes": _codes(fields),
                }
            )


def _header_keys(read: ColumnRead) -> set[str]:
    """A header is found by its whole text or by its sub-title under a band ("… / Chuyên môn")."""
    parts = [read.header, *read.header.split(" / ")]
    return {match_key(p) for p in parts if match_key(p)}


def resolve(
    mapping: Mapping[str | int, str | None], reads: list[ColumnRead], fields: Mapping[str, str]
) -> dict[int, str | None]:
    """Column letters and header texts of a mapping turned into column indexes.

    A short Latin text naming a column within the table ("C") is a letter; any other text is a
    header ("Họ", "Chuyên môn"). A text that is both a letter and another column's header, or a
    header two columns share, is refused: the officer writes the letter."""
    check_fields(mapping, fields)
    width = max((r.index + 1 for r in reads), default=0)
    shown = ", ".join(f"{letter(r.index)} “{r.header}”" for r in reads if r.header)
    resolved: dict[int, str | None] = {}
    for column, name in mapping.items():
        if isinstance(column, int):
            index = column
        else:
            key = match_key(column)
            by_header = [r.index for r in reads if key and key in _header_keys(r)]
            as_letter = column_index(column)
            if as_letter is not None and as_letter >= width:
                as_letter = None
            if as_letter is not None and by_header and by_header != [as_letter]:
                raise MappingError(
                    _(
                        "“%(c)s” vừa là chữ cái của cột %(c)s vừa là tiêu đề của cột %(others)s; "
                        "hãy ghi chữ cái của cột cần chọn."
                    )
                    % {"c": column, "others": ", ".join(letter(j) for j in by_header)}
                )
            if as_letter is not None:
                index = as_letter
            elif len(by_header) == 1:
                index = by_header[0]
            elif by_header:
                raise MappingError(
                    _("Có %(n)s cột có tiêu đề “%(c)s” (cột %(columns)s); hãy ghi chữ cái của cột cần chọn.")
                    % {"n": len(by_header), "c": column, "columns": ", ".join(letter(j) for j in by_header)}
                )
            else:
                raise MappingError(
                    _("Không có cột “%(c)s” trong dòng tiêu đề của tệp. Các cột: %(columns)s.")
                    % {"c": column, "columns": shown or "—"}
                )
        if index < 0:
            raise MappingError(_("Số cột không hợp lệ: %(c)s.") % {"c": column})
        if index in resolved and resolved[index] != name:
            raise MappingError(
                _("Cột %(c)s được chọn hai lần (%(a)s, %(b)s); mỗi cột chỉ chọn một thông tin.")
                % {"c": letter(index), "a": resolved[index] or "—", "b": name or "—"}
            )
        resolved[index] = name
    return resolved


# --------------------------------------------------------------------------------- header signature


def header_signature(headers: Iterable[tuple[int, str]]) -> str:
    """What a saved mapping is remembered by: the normalised header texts with their columns, in
    order (sha256). Spelling, case, diacritics and line breaks do not change it; a column added,
    removed or moved does, and then the saved mapping is not applied."""
    keyed = [[j, match_key(text)] for j, text in sorted(headers) if match_key(text)]
    return hashlib.sha256(json.dumps(keyed, ensure_ascii=False).encode()).hexdigest()


def signature_of_columns(columns: list[dict]) -> str:
    """The signature of a preview's column list (as `column_list` builds it)."""
    return header_signature((column_index(c["column"]), c["header"]) for c in columns)


# ------------------------------------------------------------------------------ opening with a mapping


def open_mapped(
    path,
    synonyms: dict[str, list[str]],
    *,
    fields: Mapping[str, str],
    mapping: Mapping[str | int, str | None] | None = None,
    recall: Callable[[str], Recalled | None] | None = None,
    **options,
) -> tuple[Table, str]:
    """The table read with the officer's mapping, and a note when a saved one was applied.

    `mapping` (column index, letter or header text -> field or None) is resolved against the header
    the reader found; without one, `recall(signature)` may return the mapping saved for files with
    these headers; either is applied to the header already read, so the file is opened once.
    FileRefused and MappingError propagate."""
    if mapping and all(isinstance(j, int) for j in mapping):
        check_fields(mapping, fields)
        return open_table(path, synonyms, mapping=dict(mapping), **options), ""
    table = open_table(path, synonyms, **options)
    required = options.get("required_any", ("full_name",))
    # The mapping is applied to the header already read: opening the file again would read the
    # sheet twice (2–3 s on 100,000 rows).
    if mapping:
        resolved = resolve(mapping, table.match.reads, fields)
        apply_mapping(table.match, resolved, synonyms, table.head, required_any=required)
        return table, ""
    if recall is not None:
        recalled = recall(header_signature((r.index, r.header) for r in table.match.reads))
        if recalled and recalled.mapping:
            apply_mapping(table.match, recalled.mapping, synonyms, table.head, required_any=required)
            return table, recalled.note
    return table, ""


# ---------------------------------------------------------------------------------- the column list


def column_list(table: Table, limit: int = 3) -> list[dict]:
    """Every titled column as the preview and `--json` show it: letter, header, the field taken
    (None: not used), confidence, the reason to confirm, other candidates and sample values."""
    samples = column_samples(_above_signature(table), limit=limit)
    return [
        {
            "column": letter(read.index),
            "header": read.header,
            "field": read.field,
            "confidence": read.confidence,
            "doubt": read.doubt,
            "candidates": list(read.candidates),
            "samples": samples.get(read.index, []),
        }
        for read in sorted(table.match.reads, key=lambda r: r.index)
    ]


def _above_signature(table: Table) -> Table:
    """The table with its first rows cut at the signature block ("NGƯỜI LẬP BIỂU", "CHỦ TỊCH",
    "…, ngày … tháng … năm …"), where the rows stop being people: its words are no sample."""
    dates = [r.index for r in table.match.reads if r.field in DATE_FIELDS]
    head = []
    for number, cells in table.head:
        if number > table.match.row_number and is_footer_row(cells, dates):
            break
        head.append((number, cells))
    return replace(table, head=head) if len(head) < len(table.head) else table


def doubts(columns: list[dict]) -> list[dict]:
    """The columns whose reading must be confirmed before anything is written."""
    return [c for c in columns if c.get("confidence") in DOUBTFUL]


def chosen_mapping(columns: list[dict]) -> dict[int, str | None]:
    """The mapping the officer's choices amount to (the columns marked "chosen")."""
    return {column_index(c["column"]): c["field"] for c in columns if c.get("confidence") == "chosen"}


def _shown(column: dict) -> str:
    return f"{column['column']} “{column['header']}”" if column.get("header") else column["column"]


def doubt_message(columns: list[dict], labels: Mapping[str, str], *, command: bool = False) -> str:
    """Why nothing is written yet, naming each doubtful column and how to settle it: in the
    command, the `--map` that confirms or changes it; on the preview, the select and checkbox."""
    found = doubts(columns)
    lines = [_("Còn %(n)s cột chưa rõ cách đọc; chưa ghi dữ liệu nào. Cần xác nhận từng cột:") % {"n": len(found)}]
    for c in found:
        field = c["field"]
        label = labels.get(field, field) if field else _("Không dùng")
        line = _("cột %(column)s, đang hiểu là “%(label)s”: %(doubt)s") % {
            "column": _shown(c),
            "label": label,
            "doubt": c.get("doubt") or "",
        }
        if command:
            line += " " + _('Xác nhận: --map "%(c)s=%(f)s"; không dùng cột này: --map "%(c)s=".') % {
                "c": c["column"],
                "f": field or "mã_thông_tin",
            }
        lines.append(("- " if command else "") + line)
    if command:
        lines.append(_("Hoặc thêm --accept-doubtful để ghi theo cách đọc hiện tại."))
    else:
        lines.append(
            _(
                "Hãy chọn lại thông tin của cột rồi bấm “Kiểm tra lại”, hoặc đánh dấu “Đúng” ở cột đó "
                "nếu cách đọc là đúng."
            )
        )
    return "\n".join(lines)


def check_choices(
    columns: list[dict], mapping: Mapping[int, str | None], labels: Mapping[str, str], required: str = "full_name"
) -> None:
    """The rules the reader applies to a mapping, checked on a preview's column list before the
    file is read again: a field the officer chose for one column is not also another column's
    (except a name's parts, which are joined), and some column still holds the name."""
    fields: dict[str, list[dict]] = {}
    pair = _birth_pair(columns, mapping)
    for c in columns:
        j = column_index(c["column"])
        name = mapping.get(j, c["field"]) if j in mapping else c["field"]
        if name:
            fields.setdefault(name, []).append({**c, "chosen": j in mapping})
    for name, taken in fields.items():
        if name == "birth" and pair and {c["column"] for c in taken} == pair:
            continue  # a "Ngày sinh" band over "Nam | Nữ": one birth date per row, in either column
        if len(taken) > 1 and name not in JOINED_FIELDS and any(c["chosen"] for c in taken):
            raise MappingError(
                _(
                    "Cột %(first)s và cột %(second)s cùng được chọn là “%(label)s”; mỗi thông tin chỉ lấy "
                    "từ một cột. Hãy đặt một trong hai cột là “Không dùng”."
                )
                % {"first": _shown(taken[0]), "second": _shown(taken[1]), "label": labels.get(name, name)}
            )
    if required not in fields and not (required == "full_name" and set(fields) & NAME_PARTS):
        raise MappingError(
            _("Không còn cột nào được chọn là “%(label)s”; hãy chọn lại cột chứa %(label)s.")
            % {"label": labels.get(required, required)}
        )


def _birth_pair(columns: list[dict], mapping: Mapping[int, str | None]) -> set[str]:
    """The letters of a "Nam | Nữ" pair of birth-date columns (both still read as birth), if any."""
    found: dict[str, str] = {}
    for c in columns:
        j = column_index(c["column"])
        name = mapping[j] if j in mapping else c["field"]
        sub = match_key(c.get("header", "").split(" / ")[-1])
        if name == "birth" and sub in ("nam", "nu") and sub not in found:
            found[sub] = c["column"]
    return set(found.values()) if len(found) == 2 else set()
