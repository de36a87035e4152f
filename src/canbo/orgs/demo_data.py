"""The demo org tree of Điện Biên province, before and after the 1 July 2025 reorganisation.

Pure data (stdlib only, nothing runs at import) so that the demo loader, fixtures and tests can
share one source of truth without touching the database. Old and new commune-level units come
from ``data/dien_bien_2025.csv`` (NQ 1661/NQ-UBTVQH15); see ``dien_bien_2025.md`` in the shared
domain notes.
"""

from __future__ import annotations

import csv
import datetime
import functools
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "dien_bien_2025.csv"

PROVINCE_CODE = "DB"
PROVINCE_FROM = datetime.date(2004, 1, 1)
OLD_FROM = datetime.date(2020, 1, 1)  # NQ 815/NQ-UBTVQH14 set the old districts' final shape.
OLD_TO = datetime.date(2025, 6, 30)
REORG_DATE = datetime.date(2025, 7, 1)
REORG_DECISION = "NQ 1661/NQ-UBTVQH15"

# (code, name, kind) of the province-level bodies the demo needs; they outlive the reform.
PROVINCIAL_BODIES: tuple[tuple[str, str, str], ...] = (
    ("DB-VPUBND", "Văn phòng Ủy ban nhân dân tỉnh", "provincial_body"),
    ("DB-BTCTU", "Ban Tổ chức Tỉnh ủy", "party_committee"),
    ("DB-SNV", "Sở Nội vụ", "department"),
    ("DB-STC", "Sở Tài chính", "department"),
    ("DB-SGDDT", "Sở Giáo dục và Đào tạo", "department"),
    ("DB-SYT", "Sở Y tế", "department"),
    ("DB-SNNMT", "Sở Nông nghiệp và Môi trường", "department"),
    ("DB-SXD", "Sở Xây dựng", "department"),
    ("DB-SCT", "Sở Công Thương", "department"),
    ("DB-SKHCN", "Sở Khoa học và Công nghệ", "department"),
    ("DB-SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "department"),
    ("DB-STP", "Sở Tư pháp", "department"),
    ("DB-SDTTG", "Sở Dân tộc và Tôn giáo", "department"),
    ("DB-TTT", "Thanh tra tỉnh", "department"),
    ("DB-TCT", "Trường Chính trị tỉnh Điện Biên", "training_institution"),
    ("DB-MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "mass_organisation"),
)

# Vietnamese kind word -> (our kind, letters used in district codes).
_COMMUNE_KINDS = {"xã": "commune", "phường": "ward", "thị trấn": "town"}
_DISTRICT_KINDS = {"huyện": "H", "thị xã": "TX", "thành phố": "TP"}
# Suffixes that separate a thị trấn / phường from a xã of the same name in the same district.
_TIEBREAK_SUFFIX = {"thị trấn": "-TT", "phường": "-P"}


@dataclass(frozen=True)
class UnitSpec:
    """One org unit as the demo loader should create it (codes are stable, for ``--unit``)."""

    code: str
    name: str
    kind: str
    parent_code: str | None
    valid_from: datetime.date
    valid_to: datetime.date | None


@dataclass(frozen=True)
class SuccessionSpec:
    """An old unit that became (part of) a new one, so people and history can follow it."""

    predecessor_code: str
    successor_code: str
    date: datetime.date
    decision: str


@dataclass(frozen=True)
class _Row:
    new_kind: str
    new_name: str
    old_kind: str
    old_name: str
    old_district: str


def unit_code_part(name_without_kind: str) -> str:
    """ASCII code fragment of a place name, so codes are typeable on any keyboard.

    "Mường Nhé" -> "MUONGNHE", "Đắk Lắk" -> "DAKLAK".
    """
    text = unicodedata.normalize("NFC", name_without_kind).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in stripped.upper() if "A" <= ch <= "Z" or "0" <= ch <= "9")


def _full_name(kind_word: str, name: str) -> str:
    """Vietnamese writes the kind in lower case mid-sentence; a unit's own label starts upper."""
    return f"{kind_word[:1].upper()}{kind_word[1:]} {name}"


def _split_kind(text: str, kinds: Iterable[str]) -> tuple[str, str]:
    """Split "thị xã Mường Lay" into ("thị xã", "Mường Lay"); longest kind first."""
    for kind_word in sorted(kinds, key=len, reverse=True):
        if text.startswith(kind_word + " "):
            return kind_word, text[len(kind_word) + 1 :].strip()
    raise ValueError(f"Không nhận ra loại đơn vị hành chính: {text!r}")


def _district_code(kind_word: str, name: str) -> str:
    initials = "".join(unit_code_part(word)[:1] for word in name.split())
    return f"{PROVINCE_CODE}-{_DISTRICT_KINDS[kind_word]}{initials}"


@functools.cache
def _rows() -> tuple[_Row, ...]:
    """Read the CSV once; NFC so that names compare equal whatever editor touched the file."""

    def clean(value: str | None) -> str:
        return unicodedata.normalize("NFC", (value or "").strip())

    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            _Row(
                new_kind=clean(record["new_unit_kind"]),
                new_name=clean(record["new_unit_name"]),
                old_kind=clean(record["old_unit_kind"]),
                old_name=clean(record["old_unit_name"]),
                old_district=clean(record["old_district"]),
            )
            for record in csv.DictReader(handle)
        )


def _require_unique(codes: Iterable[str]) -> None:
    """Codes name units on the command line; a duplicate would silently merge two units."""
    duplicates = sorted(code for code, count in Counter(codes).items() if count > 1)
    if duplicates:
        raise ValueError(f"Mã đơn vị bị trùng: {', '.join(duplicates)}")


@functools.cache
def _old_unit_codes() -> dict[tuple[str, str, str], str]:
    """(district, kind word, name) of every old unit -> its code.

    A thị trấn often shares its name with its huyện, and could share it with a xã of the same
    huyện; when two old units of one district would get the same code, the thị trấn gets "-TT"
    and the phường "-P" appended. The 2025 CSV has no such pair (checked by a test), but the rule
    keeps codes stable should the data grow.
    """
    keys = [(row.old_district, row.old_kind, row.old_name) for row in _rows()]
    base = {}
    for district, kind_word, name in keys:
        district_kind, district_name = _split_kind(district, _DISTRICT_KINDS)
        parent = _district_code(district_kind, district_name)
        base[(district, kind_word, name)] = f"{parent}-{unit_code_part(name)}"
    clashes = Counter(base.values())
    codes = {key: code + _TIEBREAK_SUFFIX.get(key[1], "") if clashes[code] > 1 else code for key, code in base.items()}
    _require_unique(codes.values())
    return codes


def _new_unit_code(name: str) -> str:
    return f"{PROVINCE_CODE}-{unit_code_part(name)}"


def units() -> list[UnitSpec]:
    """Every demo unit, parents before children, so a loader can create them in one pass."""
    rows = _rows()
    result = [
        UnitSpec(PROVINCE_CODE, "Tỉnh Điện Biên", "province", None, PROVINCE_FROM, None),
        *(UnitSpec(code, name, kind, PROVINCE_CODE, PROVINCE_FROM, None) for code, name, kind in PROVINCIAL_BODIES),
    ]

    districts: dict[str, UnitSpec] = {}
    for row in rows:
        if row.old_district not in districts:
            kind_word, name = _split_kind(row.old_district, _DISTRICT_KINDS)
            districts[row.old_district] = UnitSpec(
                code=_district_code(kind_word, name),
                name=_full_name(kind_word, name),
                kind="district",
                parent_code=PROVINCE_CODE,
                valid_from=OLD_FROM,
                valid_to=OLD_TO,
            )
    result.extend(districts.values())

    old_codes = _old_unit_codes()
    for district, district_spec in districts.items():
        result.extend(
            UnitSpec(
                code=old_codes[(row.old_district, row.old_kind, row.old_name)],
                name=_full_name(row.old_kind, row.old_name),
                kind=_COMMUNE_KINDS[row.old_kind],
                parent_code=district_spec.code,
                valid_from=OLD_FROM,
                valid_to=OLD_TO,
            )
            for row in rows
            if row.old_district == district
        )

    new_units: dict[tuple[str, str], UnitSpec] = {}
    for row in rows:
        key = (row.new_kind, row.new_name)
        if key not in new_units:
            new_units[key] = UnitSpec(
                code=_new_unit_code(row.new_name),
                name=_full_name(row.new_kind, row.new_name),
                kind=_COMMUNE_KINDS[row.new_kind],
                parent_code=PROVINCE_CODE,
                valid_from=REORG_DATE,
                valid_to=None,
            )
    result.extend(new_units.values())

    _require_unique(unit.code for unit in result)
    return result


def successions() -> list[SuccessionSpec]:
    """One link per old commune-level unit to the new unit it joined on 1 July 2025."""
    old_codes = _old_unit_codes()
    return [
        SuccessionSpec(
            predecessor_code=old_codes[(row.old_district, row.old_kind, row.old_name)],
            successor_code=_new_unit_code(row.new_name),
            date=REORG_DATE,
            decision=REORG_DECISION,
        )
        for row in _rows()
    ]
