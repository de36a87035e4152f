"""Posts as a commune has them, for the demo: who held which post in which unit when.

A commune before 1 July 2025 has the cán bộ of NĐ 33/2023 Điều 5 k.1 (one Bí thư, one or two Phó
Bí thư, one Chủ tịch and one Phó Chủ tịch of HĐND, one Chủ tịch and one or two Phó Chủ tịch of
UBND, the heads of the Front and the four mass organisations) and civil servants per title, within
the quota of Điều 6 (xã, thị trấn loại I/II/III: 22/20/18; phường: 23/21/19 cán bộ + công chức).
Every post has one holder at a time: about a third change hands once (a retirement or a transfer,
the new holder starting the next day). Leaders are Party members with trung cấp LLCT or more,
appointed between 30 and 50 so that they can serve a full five-year term before retirement age.

The huyện have their own staff until 30 June 2025. On 1 July 2025 the new commune takes over its
predecessors' staff (NQ 1661/NQ-UBTVQH15): one Bí thư, the other leaders as deputies up to two per
post, the rest in its offices, capped at 42–50 (the research: 32–50); who does not fit leaves
(NĐ 178/2024) — and a small commune takes staff from its old huyện, whose other staff go to the
provincial bodies.

Pure planning: `plan` asks `pick(born_from, born_to, leader)` for a person (a spec of
people.names) and returns each chosen person's stints; people.synth writes them.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

REFORM = datetime.date(2025, 7, 1)
BEFORE = REFORM - datetime.timedelta(days=1)
DECISION = "NQ 1661/NQ-UBTVQH15"

# NĐ 33/2023 Điều 6 k.1: cán bộ + công chức per class of commune.
QUOTA = {("xa", 1): 22, ("xa", 2): 20, ("xa", 3): 18, ("phuong", 1): 23, ("phuong", 2): 21, ("phuong", 3): 19}
NEW_SIZE = (42, 50)
NEW_MINIMUM = 32

BT, PBT = "Bí thư Đảng ủy", "Phó Bí thư Đảng ủy"
CT_HD, PCT_HD = "Chủ tịch Hội đồng nhân dân", "Phó Chủ tịch Hội đồng nhân dân"
CT_UB, PCT_UB = "Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch Ủy ban nhân dân"
CT_MT, PCT_MT = "Chủ tịch Ủy ban Mặt trận Tổ quốc", "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc"
DOAN = "Bí thư Đoàn Thanh niên Cộng sản Hồ Chí Minh"
PHU_NU = "Chủ tịch Hội Liên hiệp Phụ nữ"
NONG_DAN = "Chủ tịch Hội Nông dân"
CCB = "Chủ tịch Hội Cựu chiến binh"
QS = "Chỉ huy trưởng Ban Chỉ huy Quân sự"
VP, TP, TC, DC, VH = (
    "Công chức Văn phòng - thống kê",
    "Công chức Tư pháp - hộ tịch",
    "Công chức Tài chính - kế toán",
    "Công chức Địa chính - xây dựng",
    "Công chức Văn hóa - xã hội",
)
SECTOR = {
    BT: "Xây dựng Đảng",
    PBT: "Xây dựng Đảng",
    CT_HD: "Dân cử",
    PCT_HD: "Dân cử",
    CT_UB: "Quản lý nhà nước",
    PCT_UB: "Quản lý nhà nước",
    QS: "Quốc phòng",
    VP: "Văn phòng",
    TP: "Tư pháp",
    TC: "Tài chính",
    DC: "Địa chính, xây dựng",
    VH: "Văn hóa, xã hội",
}
# The cán bộ of Điều 5 k.1, every one a leader (Party member with LLCT).
CAN_BO = [BT, PBT, CT_HD, PCT_HD, CT_UB, PCT_UB, CT_MT, DOAN, PHU_NU, NONG_DAN, CCB]
CONG_CHUC = [QS, VP, TP, TC, DC, VH]
# Titles a commune of class I / II / III has twice (the rest of its quota).
EXTRA_CAN_BO = {1: [PBT, PCT_UB], 2: [PCT_UB], 3: []}
EXTRA_CONG_CHUC = [VP, DC, VH, TC, TP]
# At the reform: one holder per top post, the others deputies (at most two per post).
DEPUTY = {
    BT: PBT,
    CT_HD: PCT_HD,
    CT_UB: PCT_UB,
    CT_MT: PCT_MT,
    DOAN: PCT_MT,
    PHU_NU: PCT_MT,
    NONG_DAN: PCT_MT,
    CCB: PCT_MT,
}
OFFICE_OF = {
    VP: "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    TP: "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    TC: "Phòng Kinh tế",
    DC: "Phòng Kinh tế",
    VH: "Phòng Văn hóa - Xã hội",
    QS: "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
}
NEW_HEADS = [
    "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    "Trưởng phòng Kinh tế",
    "Trưởng phòng Văn hóa - Xã hội",
    "Giám đốc Trung tâm Phục vụ hành chính công",
    "Phó Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    "Phó Trưởng phòng Kinh tế",
    "Phó Trưởng phòng Văn hóa - Xã hội",
]
DISTRICT_LEADERS = [
    "Bí thư Huyện ủy",
    "Phó Bí thư Huyện ủy",
    "Phó Bí thư Huyện ủy",
    "Chủ tịch Hội đồng nhân dân huyện",
    "Phó Chủ tịch Hội đồng nhân dân huyện",
    "Chủ tịch Ủy ban nhân dân huyện",
    "Phó Chủ tịch Ủy ban nhân dân huyện",
    "Phó Chủ tịch Ủy ban nhân dân huyện",
]
DISTRICT_OFFICES = [
    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    "Phòng Nội vụ",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Nông nghiệp và Phát triển nông thôn",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Y tế",
    "Phòng Văn hóa và Thông tin",
    "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Tư pháp",
    "Phòng Kinh tế và Hạ tầng",
    "Phòng Dân tộc",
    "Thanh tra huyện",
]


@dataclass
class Stint:
    unit: object  # orgs.Unit
    start: datetime.date
    end: datetime.date | None
    category: str
    title: str
    sector: str = ""
    decision: str = ""


@dataclass
class Holder:
    """One person's career in the plan; `spec` is the person (a dict of people.names)."""

    spec: dict
    leader: bool
    stints: list[Stint] = field(default_factory=list)


Pick = Callable[[int, int, bool], dict]


def commune_class(unit, rng: random.Random) -> tuple[str, int]:
    """The class of a commune (NĐ 33 quotas): about 40 % loại I, 40 % loại II, 20 % loại III."""
    klass = rng.choices((1, 2, 3), (4, 4, 2))[0]
    return ("phuong" if unit.kind == "ward" else "xa"), klass


def old_roster(unit, rng: random.Random) -> list[tuple[str, str]]:
    """(category, title) of every post of an old commune: cán bộ + công chức = its quota, or one
    less (a vacancy) in about a third of the communes."""
    kind, klass = commune_class(unit, rng)
    can_bo = CAN_BO + EXTRA_CAN_BO[klass]
    civil = max(0, QUOTA[(kind, klass)] - len(can_bo) - (rng.random() < 0.3))
    cong_chuc = (CONG_CHUC + EXTRA_CONG_CHUC)[:civil]
    return [("can_bo", t) for t in can_bo] + [("cong_chuc", t) for t in cong_chuc]


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def _retires(spec: dict) -> datetime.date:
    """Retirement age as it stood in 2021–2025 (BLLĐ 2019): about 60 for men, 55 for women, plus a little."""
    year = spec["birth_year"] + (60 if spec["gender"] == "male" else 55)
    return datetime.date(year, 12, 31)


def _post_holders(unit, category: str, title: str, rng: random.Random, pick: Pick) -> tuple[list[Holder], Holder]:
    """The holders of one post up to 30/06/2025, one at a time; returns all and the last one."""
    leader = category == "can_bo"
    youngest = 30 if leader else 22
    if rng.random() < 0.35:
        start = _day(rng, datetime.date(2008, 1, 1), datetime.date(2016, 12, 31))
        first = Holder(pick(max(1966, start.year - 50), start.year - youngest, leader), leader)
        change = min(_day(rng, datetime.date(2019, 6, 1), datetime.date(2024, 12, 31)), _retires(first.spec))
        change = max(change, start + datetime.timedelta(days=365))
        # The demo's old communes are dated from 2020 (orgs.demo_data.OLD_FROM): the first holder
        # hands over at least half a year after that, so their stint (clipped to the unit's dates
        # when written) is never empty.
        if getattr(unit, "valid_from", None):
            change = max(change, unit.valid_from + datetime.timedelta(days=182))
        first.stints.append(Stint(unit, start, change, category, title, SECTOR.get(title, "Mặt trận, đoàn thể")))
        start = change + datetime.timedelta(days=1)
        holders = [first]
    else:
        start = _day(rng, datetime.date(2008, 1, 1), datetime.date(2019, 12, 31))
        holders = []
    last = Holder(pick(max(1970, start.year - 50), start.year - youngest, leader), leader)
    last.stints.append(Stint(unit, start, BEFORE, category, title, SECTOR.get(title, "Mặt trận, đoàn thể")))
    holders.append(last)
    return holders, last


def _district_staff(district, rng: random.Random, pick: Pick) -> list[Holder]:
    staff = []
    for title in DISTRICT_LEADERS:
        start = _day(rng, datetime.date(2010, 1, 1), datetime.date(2021, 6, 30))
        holder = Holder(pick(max(1970, start.year - 50), start.year - 32, True), True)
        holder.stints.append(Stint(district, start, BEFORE, "can_bo", title, "Quản lý nhà nước"))
        staff.append(holder)
    for office in DISTRICT_OFFICES:
        if office.startswith("Phòng "):
            head, deputy = f"Trưởng phòng {office[6:]}", f"Phó Trưởng phòng {office[6:]}"
        else:
            head, deputy = f"Chánh {office}", f"Phó Chánh {office}"
        for title, leader in ((head, True), (deputy, False)):
            start = _day(rng, datetime.date(2010, 1, 1), datetime.date(2022, 12, 31))
            holder = Holder(pick(max(1970, start.year - 50), start.year - 28, leader), leader)
            holder.stints.append(Stint(district, start, BEFORE, "cong_chuc", title, "Quản lý nhà nước"))
            staff.append(holder)
        for _n in range(3):
            start = _day(rng, datetime.date(2008, 1, 1), datetime.date(2023, 12, 31))
            holder = Holder(pick(1970, start.year - 22, False), False)
            holder.stints.append(
                Stint(district, start, BEFORE, "cong_chuc", f"Chuyên viên {office}", "Quản lý nhà nước")
            )
            staff.append(holder)
    return staff


def _move(holder: Holder, unit, category: str, title: str, sector: str = "") -> None:
    holder.stints.append(Stint(unit, REFORM, None, category, title, sector, DECISION))


def _new_commune(
    unit, olds: list[list[Holder]], reserved: list[str], district_pool: list[Holder], rng: random.Random
) -> None:
    """Give the predecessors' staff (lists per old commune, in roster order) their posts in `unit`."""
    by_title: dict[str, list[Holder]] = defaultdict(list)
    for staff in olds:
        for holder in staff:
            by_title[holder.stints[-1].title].append(holder)
    taken: dict[str, int] = defaultdict(int)
    for title in reserved:
        taken[title] += 1
    room = rng.randint(*NEW_SIZE) - len(reserved)
    leaders: list[tuple[Holder, str]] = []
    others: list[tuple[Holder, str]] = []  # (holder, old title)
    for title in [BT, CT_HD, CT_UB, CT_MT, DOAN, PHU_NU, NONG_DAN, CCB, PBT, PCT_HD, PCT_UB]:
        limit = 2 if title in (PBT, PCT_HD, PCT_UB) else 1
        for holder in by_title.get(title, []):
            deputy = DEPUTY.get(title)
            if taken[title] < limit:
                taken[title] += 1
                leaders.append((holder, title))
            elif deputy and taken[deputy] < 2:
                taken[deputy] += 1
                leaders.append((holder, deputy))
            else:
                others.append((holder, title))
    for title in CONG_CHUC:
        for holder in by_title.get(title, []):
            if title == QS and not taken[QS]:
                taken[QS] += 1
                leaders.append((holder, QS))
            else:
                others.append((holder, title))
    for holder, title in leaders:
        category = "cong_chuc" if title == QS else "can_bo"
        _move(holder, unit, category, title, SECTOR.get(title, "Mặt trận, đoàn thể"))
    # The rest fill the offices up to the commune's size; who does not fit leaves the service on
    # 30/06/2025 (NĐ 178/2024). Former cán bộ head the offices.
    rng.shuffle(others)
    kept = others[: max(room - len(leaders), 0)]
    heads = iter(NEW_HEADS)
    for holder, old_title in sorted(kept, key=lambda item: item[0].stints[-1].category != "can_bo"):
        head = next(heads, None) if holder.stints[-1].category == "can_bo" else None
        if head:
            _move(holder, unit, "cong_chuc", head, "Quản lý nhà nước")
        else:
            office = OFFICE_OF.get(old_title, "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân")
            _move(holder, unit, "cong_chuc", f"Chuyên viên {office}", SECTOR.get(old_title, "Văn phòng"))
    # A small commune takes civil servants of its old huyện.
    size = len(leaders) + len(kept)
    offices = ["Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"]
    while size < NEW_MINIMUM - len(reserved) and district_pool:
        holder = district_pool.pop()
        _move(holder, unit, "cong_chuc", f"Chuyên viên {rng.choice(offices)}", "Quản lý nhà nước")
        size += 1


def plan(
    *,
    rng: random.Random,
    predecessors: dict[object, list],
    districts: list,
    provincial: list,
    pick: Pick,
    reserved_old: dict[str, list[str]] | None = None,
    reserved_new: dict[str, list[str]] | None = None,
) -> list[Holder]:
    """Everyone who holds a commune post or works in a huyện, 2008 onwards.

    `predecessors`: new commune → its old communes (in code order). `reserved_*`: unit code →
    titles held by people loaded elsewhere (the Thanh Nưa committee), left out of the plan.
    """
    reserved_old = reserved_old or {}
    reserved_new = reserved_new or {}
    everyone: list[Holder] = []
    district_staff: dict[int, list[Holder]] = {}
    for district in districts:
        staff = _district_staff(district, rng, pick)
        everyone.extend(staff)
        district_staff[district.pk] = [h for h in staff if h.stints[-1].title.startswith("Chuyên viên")]
    for new, olds in predecessors.items():
        kept: list[list[Holder]] = []
        for old in olds:
            roster = old_roster(old, rng)
            for title in reserved_old.get(old.code, []):
                match = next((post for post in roster if post[1] == title), None)
                if match:
                    roster.remove(match)
            staff = []
            for category, title in roster:
                holders, last = _post_holders(old, category, title, rng, pick)
                everyone.extend(holders)
                staff.append(last)
            kept.append(staff)
        pool = district_staff.get(olds[0].parent_id, []) if olds else []
        _new_commune(new, kept, reserved_new.get(new.code, []), pool, rng)
    # The huyện's other staff go to the provincial bodies (its leaders to the departments).
    departments = [u for u in provincial if u.kind == "department"] or provincial
    for holder in everyone:
        last = holder.stints[-1]
        if last.end is None or last.unit.kind != "district" or not provincial:
            continue
        if last.category == "can_bo":
            _move(holder, rng.choice(departments), "cong_chuc", "Phó Giám đốc", "Quản lý nhà nước")
        elif holder.leader:
            _move(holder, rng.choice(provincial), "cong_chuc", "Phó Trưởng phòng", "Quản lý nhà nước")
        else:
            _move(holder, rng.choice(provincial), "cong_chuc", "Chuyên viên", "Quản lý nhà nước")
    return everyone
