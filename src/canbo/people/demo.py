"""Demo people for Điện Biên: a realistic population, and the Party Executive Committee of xã
Thanh Nưa for 2020–2025 as the seed article describes it (15/16 university, 14/16 trung cấp LLCT)."""

from __future__ import annotations

import datetime

from canbo.orgs.models import Unit
from canbo.people import posts, services
from canbo.people.models import Body, Level, Person
from canbo.people.synth import synth_people

DEMO_PEOPLE = 20_000
COMMITTEE = "Ban Chấp hành Đảng bộ xã Thanh Nưa, nhiệm kỳ 2020–2025"

# (name, gender, birth year, ethnicity, role, professional level, field, LLCT level)
THANH_NUA_COMMITTEE = [
    ("Lò Văn Hùng", "male", 1972, "03", "secretary", "dai_hoc", "Luật", "cao_cap"),
    ("Quàng Thị Thu", "female", 1978, "03", "deputy_secretary", "dai_hoc", "Quản lý nhà nước", "trung_cap"),
    ("Lường Văn Thắng", "male", 1975, "03", "deputy_secretary", "thac_si", "Quản lý kinh tế", "cao_cap"),
    ("Cà Văn Thanh", "male", 1980, "03", "standing", "dai_hoc", "Kinh tế nông nghiệp", "trung_cap"),
    ("Nguyễn Văn Tuấn", "male", 1982, "01", "standing", "dai_hoc", "Kế toán", "trung_cap"),
    ("Lò Thị Hương", "female", 1985, "03", "standing", "dai_hoc", "Văn hóa học", "trung_cap"),
    ("Tòng Văn Khánh", "male", 1979, "03", "member", "dai_hoc", "Quân sự cơ sở", "trung_cap"),
    ("Lù Văn Phong", "male", 1983, "03", "member", "dai_hoc", "Công an", "trung_cap"),
    ("Điêu Thị Mai", "female", 1987, "03", "member", "dai_hoc", "Kế toán", "trung_cap"),
    ("Vì Văn Dũng", "male", 1981, "03", "member", "dai_hoc", "Địa chính", "trung_cap"),
    ("Giàng A Dế", "male", 1986, "08", "member", "dai_hoc", "Luật", "trung_cap"),
    ("Quàng Văn Bình", "male", 1976, "03", "member", "dai_hoc", "Quản lý đất đai", "trung_cap"),
    ("Lò Thị Xuân", "female", 1990, "03", "member", "dai_hoc", "Công tác xã hội", "trung_cap"),
    ("Lường Văn Chiến", "male", 1984, "03", "member", "dai_hoc", "Nông học", "trung_cap"),
    ("Lò Văn Minh", "male", 1991, "03", "member", "dai_hoc", "Thú y", "so_cap"),
    ("Cà Thị Lả", "female", 1992, "03", "member", "cao_dang", "Sư phạm mầm non", "so_cap"),
]

# Each member's post in the old commune (2015 – 30/06/2025) and in the new xã Thanh Nưa: the
# committee members are the commune's leaders and civil servants, so the population leaves these
# posts to them (people.posts, reserved).
KV, KT, VH2 = (
    "Chuyên viên Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    "Chuyên viên Phòng Kinh tế",
    "Chuyên viên Phòng Văn hóa - Xã hội",
)
COMMITTEE_POSTS = {
    "Lò Văn Hùng": (posts.BT, posts.BT),
    "Quàng Thị Thu": (posts.PBT, posts.PBT),
    "Lường Văn Thắng": (posts.CT_UB, posts.CT_UB),
    "Cà Văn Thanh": (posts.CT_HD, posts.CT_HD),
    "Nguyễn Văn Tuấn": (posts.PCT_UB, posts.PCT_UB),
    "Lò Thị Hương": (posts.CT_MT, posts.CT_MT),
    "Tòng Văn Khánh": (posts.QS, posts.QS),
    "Lù Văn Phong": (posts.PCT_HD, posts.PCT_HD),
    "Điêu Thị Mai": (posts.TC, KT),
    "Vì Văn Dũng": (posts.DC, KT),
    "Giàng A Dế": (posts.TP, KV),
    "Quàng Văn Bình": (posts.NONG_DAN, posts.NONG_DAN),
    "Lò Thị Xuân": (posts.PHU_NU, posts.PHU_NU),
    "Lường Văn Chiến": (posts.VP, KV),
    "Lò Văn Minh": (posts.VH, VH2),
    "Cà Thị Lả": (posts.VH, VH2),
}
OLD_CODE, NEW_CODE = "DB-HDB-THANHNUA", "DB-THANHNUA"


def _category(title: str) -> str:
    return "can_bo" if title in posts.CAN_BO or title == posts.PCT_MT else "cong_chuc"


def load(*, count: int = DEMO_PEOPLE) -> dict[str, int]:
    """Idempotent: the population is made once; the committee is checked member by member."""
    province = Unit.unscoped.get(code="DB")
    made = 0
    if not Person.unscoped.filter(unit_path__startswith=province.path).exists():
        made = synth_people(
            root=province,
            count=count,
            seed=2021,
            posts=True,
            reserved_old={OLD_CODE: [old for old, _new in COMMITTEE_POSTS.values()]},
            reserved_new={NEW_CODE: [new for _old, new in COMMITTEE_POSTS.values()]},
        )
    return {"people": made, "committee": _committee()}


def _committee() -> int:
    old = Unit.unscoped.get(code=OLD_CODE)
    new = Unit.unscoped.get(code=NEW_CODE)
    body = Body.unscoped.filter(unit=old, name=COMMITTEE).first()
    if body is None:
        body = services.body_create(
            unit=old,
            name=COMMITTEE,
            term_start=datetime.date(2020, 7, 1),
            term_end=datetime.date(2025, 6, 30),
        )
    from canbo.people.models import Ethnicity

    ethnicity = {e.code: e for e in Ethnicity.objects.all()}
    added = 0
    for order, (name, gender, year, eth, role, prof, field, llct) in enumerate(THANH_NUA_COMMITTEE, 1):
        if body.memberships.filter(person__full_name=name).exists():
            continue
        old_title, new_title = COMMITTEE_POSTS[name]
        person = services.person_create(
            unit=old,
            assignment={
                "category": _category(old_title),
                "title": old_title,
                "sector": posts.SECTOR.get(old_title, "Mặt trận, đoàn thể"),
                # In post since 2015, written from the old commune's first day in the demo tree.
                "start_date": max(datetime.date(2015, 1, 1), old.valid_from),
            },
            full_name=name,
            gender=gender,
            birth_year=year,
            ethnicity=ethnicity[eth],
            party_member=True,
            party_joined_on=datetime.date(year + 22, 5, 19),
        )
        services.qualification_add(
            person=person,
            level=Level.objects.get(ladder__code="professional", code=prof),
            field=field,
            year=year + 23,
        )
        services.qualification_add(
            person=person,
            level=Level.objects.get(ladder__code="politics", code=llct),
            year=min(2019, year + 30),
        )
        services.qualification_add(
            person=person,
            level=Level.objects.get(ladder__code="general_education", code="thpt"),
            year=year + 18,
        )
        services.assignment_start(
            person=person,
            unit=new,
            category=_category(new_title),
            title=new_title,
            sector=posts.SECTOR.get(old_title, "Mặt trận, đoàn thể"),
            start_date=posts.REFORM,
            decision_number="NQ 1661/NQ-UBTVQH15",
        )
        services.membership_add(body=body, person=person, role=role, order=order)
        added += 1
    return added
