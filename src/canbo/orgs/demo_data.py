"""The demo org tree of Điện Biên province, before and after the 1 July 2025 reorganisation.

Pure data (stdlib only, nothing runs at import) so that the demo loader, fixtures and tests can
share one source of truth without touching the database. Old and new commune-level units come
from ``data/dien_bien_2025.csv`` (NQ 1661/NQ-UBTVQH15); see ``dien_bien_2025.md`` in the shared
domain notes.

Official codes (mã đơn vị hành chính) come from ``data/dien_bien_codes.csv``; its ``source`` column
says where each came from:

- ``DVHC``: the national list before 1/7/2025 (province 11, its 10 districts and 129 communes), as
  transcribed in github.com/daohoangson/dvhcvn ``data/sorted.json`` (commit 298388f). Seven old
  communes are spelt there as before NQ 1661 (Xá Tổng, Huổi Lếnh, Xín Chải, Sáng Nhè, Noọng Hẹt,
  Luân Giới, Pú Nhi); ``name_in_source`` keeps that spelling, matched within the same district.
- ``CV1027``: the 45 new communes and wards, CV 1027/CTK-CSCL of 25/6/2025, Phụ lục I (QĐ
  19/2025/QĐ-TTg), see docs/research/issue-14-standards.md §4. Each new unit kept the code of one of
  its old units (checked by a test), so an old and a new unit share a code at different dates.

The provincial departments are shown as they stood: the 2021 departments until the merger of
1/3/2025 (NĐ 45/2025/NĐ-CP; HĐND tỉnh Điện Biên, session of 20/2/2025), each linked to the
department that took over its work.
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
CODES_FILE = Path(__file__).parent / "data" / "dien_bien_codes.csv"

PROVINCE_CODE = "DB"
PROVINCE_FROM = datetime.date(2004, 1, 1)
OLD_FROM = datetime.date(2020, 1, 1)  # NQ 815/NQ-UBTVQH14 set the old districts' final shape.
OLD_TO = datetime.date(2025, 6, 30)
REORG_DATE = datetime.date(2025, 7, 1)
REORG_DECISION = "NQ 1661/NQ-UBTVQH15"
PROVINCE_OFFICIAL_CODE = "11"
MERGER_DATE = datetime.date(2025, 3, 1)
MERGER_DECISION = "NĐ 45/2025/NĐ-CP; Nghị quyết HĐND tỉnh ngày 20/02/2025"

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

# Today's departments that the merger of 1/3/2025 founded (the others continue an earlier one
# under the same name and code, taking over the work of the departments merged into them).
MERGER_FOUNDED = frozenset({"DB-SNNMT", "DB-SDTTG"})

# (code, 2021 name, codes of the departments that took over its work) of the departments that the
# merger of 1/3/2025 ended. Valid in the demo from the province's start (not their founding dates,
# which the demo does not need) to 28/2/2025.
FORMER_DEPARTMENTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("DB-SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", ("DB-SNNMT",)),
    ("DB-STNMT", "Sở Tài nguyên và Môi trường", ("DB-SNNMT",)),
    ("DB-SKHDT", "Sở Kế hoạch và Đầu tư", ("DB-STC",)),
    ("DB-SGTVT", "Sở Giao thông vận tải", ("DB-SXD",)),
    ("DB-STTTT", "Sở Thông tin và Truyền thông", ("DB-SKHCN",)),
    ("DB-SLDTBXH", "Sở Lao động - Thương binh và Xã hội", ("DB-SNV",)),
    ("DB-BDT", "Ban Dân tộc", ("DB-SDTTG",)),
)

# A department that continues but handed part of its work to a new one: Sở Nội vụ's state
# management of religion went to Sở Dân tộc và Tôn giáo.
PARTIAL_SUCCESSIONS: tuple[tuple[str, str], ...] = (("DB-SNV", "DB-SDTTG"),)

# (code suffix, name) of the public service units every commune-level unit has in the demo: its
# schools and its health station, where its viên chức work. {place} is the commune's name,
# {commune} the commune with its kind ("xã Thanh Nưa").
SERVICE_UNITS: tuple[tuple[str, str], ...] = (
    ("MN", "Trường Mầm non {place}"),
    ("TH", "Trường Tiểu học {place}"),
    ("THCS", "Trường THCS {place}"),
    ("TYT", "Trạm Y tế {commune}"),
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
    official_code: str = ""


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


@functools.cache
def _official_codes() -> dict[tuple[str, str, str], str]:
    """(old district or "", kind word, name) -> official code, for the province, its districts,
    the old communes (keyed with their district) and the new ones (no district)."""
    with CODES_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            tuple(
                unicodedata.normalize("NFC", record[key].strip()) for key in ("old_district", "unit_kind", "unit_name")
            ): (record["official_code"].strip())
            for record in csv.DictReader(handle)
        }


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
    official = _official_codes()
    result = [
        UnitSpec(PROVINCE_CODE, "Tỉnh Điện Biên", "province", None, PROVINCE_FROM, None, PROVINCE_OFFICIAL_CODE),
        *(
            UnitSpec(code, name, kind, PROVINCE_CODE, MERGER_DATE if code in MERGER_FOUNDED else PROVINCE_FROM, None)
            for code, name, kind in PROVINCIAL_BODIES
        ),
        *(
            UnitSpec(code, name, "department", PROVINCE_CODE, PROVINCE_FROM, MERGER_DATE - datetime.timedelta(days=1))
            for code, name, _successors in FORMER_DEPARTMENTS
        ),
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
                official_code=official.get(("", kind_word, name), ""),
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
                official_code=official.get((row.old_district, row.old_kind, row.old_name), ""),
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
                official_code=official.get(("", row.new_kind, row.new_name), ""),
            )
    result.extend(new_units.values())

    _require_unique(unit.code for unit in result)
    return result


def successions() -> list[SuccessionSpec]:
    """The 2025 mergers: each 2021 department to the one that took over its work on 1 March (and
    Sở Nội vụ's religion work to Sở Dân tộc và Tôn giáo), then one link per old commune-level unit
    to the new unit it joined on 1 July."""
    old_codes = _old_unit_codes()
    departments = [
        *((code, successor) for code, _name, successors in FORMER_DEPARTMENTS for successor in successors),
        *PARTIAL_SUCCESSIONS,
    ]
    return [
        *(SuccessionSpec(old, new, MERGER_DATE, MERGER_DECISION) for old, new in departments),
        *(
            SuccessionSpec(
                predecessor_code=old_codes[(row.old_district, row.old_kind, row.old_name)],
                successor_code=_new_unit_code(row.new_name),
                date=REORG_DATE,
                decision=REORG_DECISION,
            )
            for row in _rows()
        ),
    ]


def service_units() -> list[UnitSpec]:
    """The schools and health station of every commune-level unit, valid as long as their commune
    (a new commune's own units succeed the old communes', see `service_successions`)."""
    result = []
    for commune in units():
        if commune.kind not in _COMMUNE_KINDS.values():
            continue
        kind_word, place = _split_kind(commune.name[:1].lower() + commune.name[1:], _COMMUNE_KINDS)
        for suffix, template in SERVICE_UNITS:
            result.append(
                UnitSpec(
                    code=f"{commune.code}-{suffix}",
                    name=template.format(place=place, commune=f"{kind_word} {place}"),
                    kind="public_service_unit",
                    parent_code=commune.code,
                    valid_from=commune.valid_from,
                    valid_to=commune.valid_to,
                )
            )
    _require_unique(unit.code for unit in [*units(), *result])
    return result


def service_successions() -> list[SuccessionSpec]:
    """Each old commune's school or health station went into the new commune's of the same kind."""
    return [
        SuccessionSpec(f"{link.predecessor_code}-{suffix}", f"{link.successor_code}-{suffix}", link.date, link.decision)
        for link in successions()
        if link.date == REORG_DATE
        for suffix, _template in SERVICE_UNITS
    ]
