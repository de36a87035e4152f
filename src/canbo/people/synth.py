"""Synthetic people for the demo and benchmarks: realistic names, ethnic mix, levels and careers.

People of the communes in force since 1 July 2025 also get their earlier assignment in one of the
old communes their commune was formed from, so reports for 2021 find them where they were then.
Writes are bulk inserts in large batches (COPY-like speed on PostgreSQL without its SQL).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from canbo.core import context
from canbo.core.models import ChangeAction, ChangeLogEntry
from canbo.core.text import fold
from canbo.orgs.choices import COMMUNE_LEVEL
from canbo.orgs.models import Unit, UnitSuccession
from canbo.people.models import Assignment, Ethnicity, Ladder, Person, PersonLevel, Qualification, Religion
from canbo.people.names import make_people

BATCH = 5000
REFORM = datetime.date(2025, 7, 1)
LADDER_KEYS = (
    ("general_education", None),
    ("professional", "professional_field"),
    ("politics", None),
    ("state_mgmt", None),
    ("defence", None),
    ("leadership", None),
    ("it", None),
    ("foreign_language", "foreign_language_field"),
    ("ethnic_language", "ethnic_language_field"),
)
COMMUNE_TITLES = [
    ("can_bo", "Bí thư Đảng ủy", "Xây dựng Đảng"),
    ("can_bo", "Phó Bí thư Đảng ủy", "Xây dựng Đảng"),
    ("can_bo", "Chủ tịch Hội đồng nhân dân", "Dân cử"),
    ("can_bo", "Chủ tịch Ủy ban nhân dân", "Quản lý nhà nước"),
    ("can_bo", "Phó Chủ tịch Ủy ban nhân dân", "Quản lý nhà nước"),
    ("can_bo", "Chủ tịch Ủy ban Mặt trận Tổ quốc", "Mặt trận, đoàn thể"),
    ("cong_chuc", "Công chức Văn phòng - thống kê", "Văn phòng"),
    ("cong_chuc", "Công chức Tư pháp - hộ tịch", "Tư pháp"),
    ("cong_chuc", "Công chức Tài chính - kế toán", "Tài chính"),
    ("cong_chuc", "Công chức Địa chính - xây dựng", "Địa chính, xây dựng"),
    ("cong_chuc", "Công chức Văn hóa - xã hội", "Văn hóa, xã hội"),
    ("cong_chuc", "Chỉ huy trưởng Ban Chỉ huy Quân sự", "Quốc phòng"),
    ("vien_chuc", "Giáo viên", "Giáo dục"),
    ("vien_chuc", "Viên chức y tế", "Y tế"),
    ("khong_chuyen_trach", "Người hoạt động không chuyên trách", "Khác"),
]
PROVINCE_TITLES = [
    ("cong_chuc", "Chuyên viên", "Quản lý nhà nước"),
    ("cong_chuc", "Trưởng phòng", "Quản lý nhà nước"),
    ("cong_chuc", "Phó Trưởng phòng", "Quản lý nhà nước"),
    ("cong_chuc", "Thanh tra viên", "Thanh tra"),
    ("vien_chuc", "Viên chức", "Sự nghiệp"),
    ("cong_chuc", "Kế toán viên", "Tài chính"),
]
RANKS = {
    "can_bo": "",
    "cong_chuc": "Chuyên viên",
    "vien_chuc": "Hạng III",
    "khong_chuyen_trach": "",
    "hop_dong": "",
}


def _targets(root: Unit) -> tuple[list[Unit], list[Unit]]:
    current = Unit.unscoped.filter(path__startswith=root.path).valid_on(datetime.date.today())
    communes = list(current.filter(kind__in=COMMUNE_LEVEL).order_by("code"))
    others = list(
        current.exclude(kind__in=COMMUNE_LEVEL).exclude(pk=root.pk).exclude(kind="district").order_by("code")
    )
    return communes, others or [root]


def synth_people(
    *,
    root: Unit,
    count: int,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
    log: bool = True,
) -> int:
    """Create `count` people under `root` (its communes get 70 %); returns how many were made."""
    ctx = context.require()
    rng = random.Random(seed)
    communes, others = _targets(root)
    predecessors: dict[int, list[Unit]] = {}
    for s in UnitSuccession.unscoped.filter(successor__in=communes).select_related("predecessor"):
        predecessors.setdefault(s.successor_id, []).append(s.predecessor)
    ethnicity = dict(Ethnicity.objects.values_list("code", "pk"))
    religion = dict(Religion.objects.values_list("code", "pk"))
    levels: dict[tuple[str, str], tuple[int, int, int]] = {}
    for ladder in Ladder.objects.prefetch_related("levels"):
        for lv in ladder.levels.all():
            levels[(ladder.code, lv.code)] = (ladder.pk, lv.pk, lv.rank)
    ct = ContentType.objects.get_for_model(Person)
    made = 0
    generator = make_people(count, seed=seed)
    while made < count:
        specs = [next(generator) for _ in range(min(BATCH, count - made))]
        with transaction.atomic():
            people, placements = [], []
            for spec in specs:
                in_commune = communes and rng.random() < 0.7
                unit = rng.choice(communes) if in_commune else rng.choice(others)
                person = Person(
                    full_name=spec["full_name"],
                    name_key=fold(spec["full_name"]),
                    gender=spec["gender"],
                    birth_date=spec["birth_date"],
                    birth_year=spec["birth_year"],
                    id_number=spec["id_number"],
                    ethnicity_id=ethnicity.get(spec["ethnicity"]),
                    religion_id=religion.get(spec["religion"]),
                    party_member=spec["party_member"],
                    party_joined_on=datetime.date(
                        spec["party_joined_year"], rng.randint(1, 12), rng.randint(1, 28)
                    )
                    if spec.get("party_joined_year")
                    else None,
                    unit=unit,
                    unit_path=unit.path,
                )
                people.append(person)
                placements.append((unit, in_commune))
            Person.unscoped.bulk_create(people, batch_size=BATCH)
            assignments, quals, person_levels = [], [], []
            for person, spec, (unit, in_commune) in zip(people, specs, placements, strict=True):
                category, title, sector = rng.choice(COMMUNE_TITLES if in_commune else PROVINCE_TITLES)
                start_year = max(spec["birth_year"] + 20, 2000) + rng.randint(0, 8)
                start = datetime.date(min(start_year, 2024), rng.randint(1, 12), 1)
                common = {
                    "person": person,
                    "category": category,
                    "title": title,
                    "sector": sector,
                    "rank": RANKS[category],
                }
                old = predecessors.get(unit.pk)
                if in_commune and old:
                    before = rng.choice(old)
                    assignments.append(
                        Assignment(
                            unit=before,
                            start_date=start,
                            end_date=REFORM - datetime.timedelta(days=1),
                            **common,
                        )
                    )
                    assignments.append(
                        Assignment(
                            unit=unit, start_date=REFORM, decision_number="NQ 1661/NQ-UBTVQH15", **common
                        )
                    )
                else:
                    assignments.append(Assignment(unit=unit, start_date=start, **common))
                for ladder_code, field_key in LADDER_KEYS:
                    level_code = spec.get(ladder_code)
                    if not level_code or (ladder_code, level_code) not in levels:
                        continue
                    ladder_id, level_id, rank = levels[(ladder_code, level_code)]
                    extra = (spec.get(field_key) or "") if field_key else ""
                    year = min(2024, spec["birth_year"] + rng.randint(18, 40))
                    quals.append(
                        Qualification(
                            person=person,
                            ladder_id=ladder_id,
                            level_id=level_id,
                            field=extra,
                            year=year,
                            source="import",
                        )
                    )
                    person_levels.append(
                        PersonLevel(
                            person=person, ladder_id=ladder_id, level_id=level_id, rank=rank, field=extra
                        )
                    )
            Assignment.unscoped.bulk_create(assignments, batch_size=BATCH)
            Qualification.unscoped.bulk_create(quals, batch_size=BATCH)
            PersonLevel.objects.bulk_create(person_levels, batch_size=BATCH)
            if log:
                ChangeLogEntry.unscoped.bulk_create(
                    (
                        ChangeLogEntry(
                            user=ctx.user,
                            origin=ctx.origin,
                            request_id=ctx.request_id,
                            label=ctx.label[:200],
                            content_type=ct,
                            object_id=str(p.pk),
                            object_repr=p.full_name,
                            object_version=1,
                            action=ChangeAction.CREATE,
                            after={"full_name": p.full_name, "unit_id": p.unit_id},
                            unit_path=p.unit_path,
                        )
                        for p in people
                    ),
                    batch_size=BATCH,
                )
        made += len(specs)
        if progress:
            progress(made, count)
    return made
