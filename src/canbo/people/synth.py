"""Synthetic people for the demo and benchmarks: realistic names, ethnic mix, levels and careers.

People of the communes in force since 1 July 2025 also get their earlier assignment in one of the
old communes their commune was formed from, so reports for 2021 find them where they were then; the
staff of a provincial department likewise start in the department (or one of the departments) that
a dated merger folded into it, when theirs did not exist yet or they came from the merged one.
Writes are bulk inserts in large batches (COPY-like speed on PostgreSQL without its SQL).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from canbo.core import context
from canbo.core.audit import LOG_COLUMNS, bulk_log_rows
from canbo.core.bulk import allocate_ids, ids_by_value, insert_rows
from canbo.core.models import ChangeAction, ChangeLogEntry
from canbo.core.text import fold
from canbo.orgs.choices import COMMUNE_LEVEL
from canbo.orgs.models import Unit, UnitSuccession
from canbo.people import posts as posts_plan
from canbo.people import service_units
from canbo.people.columns import (
    ASSIGNMENT_COLUMNS,
    PERSON_COLUMNS,
    PERSON_LEVEL_COLUMNS,
    QUALIFICATION_COLUMNS,
)
from canbo.people.models import Assignment, Ethnicity, Ladder, Person, PersonLevel, Qualification, Religion
from canbo.people.names import make_people, sort_key
from canbo.people.services import people_changed

BATCH = 20_000
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
# With posts planned (the demo), the communes' other people: viên chức of the schools and the
# health station, and the non-specialised workers.
COMMUNE_EXTRAS = [
    ("vien_chuc", "Giáo viên", "Giáo dục"),
    ("vien_chuc", "Giáo viên", "Giáo dục"),
    ("vien_chuc", "Giáo viên", "Giáo dục"),
    ("vien_chuc", "Giáo viên", "Giáo dục"),
    ("vien_chuc", "Viên chức y tế", "Y tế"),
    ("khong_chuyen_trach", "Người hoạt động không chuyên trách", "Khác"),
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
        current.exclude(kind__in=COMMUNE_LEVEL)
        .exclude(pk=root.pk)
        .exclude(kind="district")
        .exclude(parent__kind__in=COMMUNE_LEVEL)  # issue 14: a commune's schools get its viên chức only
        .order_by("code")
    )
    return communes, others or [root]


class _Successions:
    """For each unit placed today, the units that ended the day before its dated merger(s), so that a
    career starting before the merger begins where the person worked then.

    A predecessor that lives on (Sở Nội vụ handing its religion work to Sở Dân tộc và Tôn giáo) is
    no starting place: nobody joined the new department from it before it existed."""

    def __init__(self, units: list[Unit]):
        self.before: dict[int, list[tuple[Unit, datetime.date, str]]] = {}
        rows = UnitSuccession.unscoped.filter(successor__in=units).select_related("predecessor")
        for s in rows.order_by("date", "pk"):
            if s.predecessor.valid_to == s.date - datetime.timedelta(days=1):
                self.before.setdefault(s.successor_id, []).append((s.predecessor, s.date, s.decision))

    def predecessors(self, unit: Unit) -> list[Unit]:
        return [old for old, _date, _decision in self.before.get(unit.pk, [])]

    def career(self, unit: Unit, start: datetime.date, rng: random.Random) -> list[tuple]:
        """(unit, start, end, decision) of a career in `unit` from `start`: one stint, or two when
        it began before the merger — in `unit` itself (if it existed then) or in a merged unit —
        then in `unit` from the merger's date, under its decision."""
        merged = [(old, date, decision) for old, date, decision in self.before.get(unit.pk, []) if start < date]
        if merged:
            date, decision = merged[0][1], merged[0][2]
            places = ([unit] if unit.valid_from <= start else []) + [old for old, _d, _x in merged]
            first = rng.choice(places) if len(places) > 1 else places[0]
            if first is not unit:
                begin = max(start, first.valid_from)
                return [(first, begin, date - datetime.timedelta(days=1), ""), (unit, date, None, decision)]
        return [(unit, max(start, unit.valid_from), None, "")]


def synth_people(
    *,
    root: Unit,
    count: int,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
    log: bool = True,
    posts: bool = False,
    reserved_old: dict[str, list[str]] | None = None,
    reserved_new: dict[str, list[str]] | None = None,
) -> int:
    """Create `count` people under `root` (its communes get 70 %); returns how many were made.

    With `posts` (the demo) the communes' and huyện's posts are filled as people.posts plans them
    (one holder per post at a time, leaders who qualify); the other people are the communes'
    viên chức and non-specialised workers and the provincial bodies' staff. Without it (the
    benchmarks) everyone gets a random title, which is faster at national scale."""
    with_log = log
    context.require()  # synthetic people are logged as the acting command
    rng = random.Random(seed)
    communes, others = _targets(root)
    successions = _Successions(communes + others)
    predecessors = {unit.pk: successions.predecessors(unit) for unit in communes}
    predecessors = {pk: old for pk, old in predecessors.items() if old}
    # The departments' earlier places are drawn from a stream of their own, so that the rest of
    # the population (and so the training demo's figures) stays as it was.
    merger_rng = random.Random(seed * 7919 + 1)
    planned: dict[int, list[posts_plan.Stint]] = {}
    placer = service_units.Placer(root, seed=seed) if posts else None  # issue 14
    generator = make_people(count, seed=seed)
    if posts:
        specs_all = list(generator)
        planned = _plan_posts(
            root, specs_all, communes, others, predecessors, rng, reserved_old or {}, reserved_new or {}
        )
        generator = iter(specs_all)
    ethnicity = dict(Ethnicity.objects.values_list("code", "pk"))
    religion = dict(Religion.objects.values_list("code", "pk"))
    levels: dict[tuple[str, str], tuple[int, int, int]] = {}
    for ladder in Ladder.objects.prefetch_related("levels"):
        for lv in ladder.levels.all():
            levels[(ladder.code, lv.code)] = (ladder.pk, lv.pk, lv.rank)
    made = 0
    made_ids: list[int] = []
    now = timezone.now()
    while made < count:
        specs = [next(generator) for _ in range(min(BATCH, count - made))]
        # make_people keeps numbers unique within one run; drop the few that earlier data already uses.
        wanted = [spec["id_number"] for spec in specs]
        taken = set(ids_by_value(Person, "id_number", wanted))
        with transaction.atomic():
            ids = allocate_ids(Person, len(specs))
            people, assignments, quals, best, log = [], [], [], [], []
            for pk, spec in zip(ids, specs, strict=True):
                stints = planned.get(id(spec))
                if stints is not None:
                    unit = stints[-1].unit
                elif posts:
                    in_commune = communes and rng.random() < 0.6
                    unit = rng.choice(communes) if in_commune else rng.choice(others)
                else:
                    in_commune = communes and rng.random() < 0.7
                    unit = rng.choice(communes) if in_commune else rng.choice(others)
                joined = spec.get("party_joined_year")
                people.append(
                    (
                        pk,
                        spec["full_name"],
                        fold(spec["full_name"]),
                        spec["gender"],
                        spec["birth_date"],
                        spec["birth_year"],
                        None if spec["id_number"] in taken else spec["id_number"],
                        ethnicity.get(spec["ethnicity"]),
                        religion.get(spec["religion"]),
                        spec["party_member"],
                        datetime.date(joined, rng.randint(1, 12), rng.randint(1, 28)) if joined else None,
                        "",
                        "",
                        "",
                        "",
                        unit.pk,
                        unit.path,
                        1,
                        now,
                        now,
                        None,  # old_id_number
                        sort_key(spec["full_name"]),
                    )
                )
                if stints is not None:
                    for st in stints:
                        details = (st.category, st.title, "", RANKS[st.category], st.sector, st.decision)
                        # A post held since before the unit's first day (the demo dates the old
                        # communes and huyện from 2020) is written from that day.
                        begin = max(st.start, st.unit.valid_from or st.start)
                        assignments.append((pk, st.unit.pk, begin, st.end, True, "", *details))
                else:
                    titles = (COMMUNE_EXTRAS if posts else COMMUNE_TITLES) if in_commune else PROVINCE_TITLES
                    category, title, sector = rng.choice(titles)
                    start_year = max(spec["birth_year"] + 20, 2000) + rng.randint(0, 8)
                    start = datetime.date(min(start_year, 2024), rng.randint(1, 12), 1)
                    common = (category, title, "", RANKS[category], sector)  # ASSIGNMENT_DETAILS order
                    first = len(assignments)
                    old = predecessors.get(unit.pk)
                    if in_commune and old:
                        before = rng.choice(old)
                        begin = max(start, before.valid_from or start)
                        end = REFORM - datetime.timedelta(days=1)
                        assignments.append((pk, before.pk, begin, end, True, "", *common, ""))
                        assignments.append((pk, unit.pk, REFORM, None, True, "", *common, "NQ 1661/NQ-UBTVQH15"))
                    else:
                        for place, begin, end, decision in successions.career(unit, start, merger_rng):
                            assignments.append((pk, place.pk, begin, end, True, "", *common, decision))
                    # Issue 14 (people.service_units): a commune's viên chức work in its schools and health station.
                    if placer is not None and in_commune and category == "vien_chuc":
                        people[-1], moved = placer.move(people[-1], assignments, first, sector)
                        unit = moved or unit
                for ladder_code, field_key in LADDER_KEYS:
                    level_code = spec.get(ladder_code)
                    if not level_code or (ladder_code, level_code) not in levels:
                        continue
                    ladder_id, level_id, rank = levels[(ladder_code, level_code)]
                    extra = (spec.get(field_key) or "") if field_key else ""
                    year = min(2024, spec["birth_year"] + rng.randint(18, 40))
                    quals.append((pk, ladder_id, level_id, extra, "", year, "import", "", "", None))
                    best.append((pk, ladder_id, level_id, rank, extra))
                if with_log:
                    log.append(
                        (
                            pk,
                            spec["full_name"],
                            1,
                            ChangeAction.CREATE,
                            None,
                            {"full_name": spec["full_name"], "unit_id": unit.pk},
                            unit.path,
                        )
                    )
            insert_rows(Person, PERSON_COLUMNS, people)
            insert_rows(Assignment, ASSIGNMENT_COLUMNS, assignments)
            insert_rows(Qualification, QUALIFICATION_COLUMNS, quals)
            insert_rows(PersonLevel, PERSON_LEVEL_COLUMNS, best)
            if log:
                insert_rows(ChangeLogEntry, LOG_COLUMNS, bulk_log_rows(Person, log))
        made_ids.extend(ids)
        made += len(specs)
        if progress:
            progress(made, count)
    # The other apps hear of the new people once, not once per batch: their hooks recount whole
    # units (staff quality) or queue a recompute (standards), and a recount per batch of 20,000
    # grew with everything written before it (two million people took an hour instead of minutes).
    with transaction.atomic():
        people_changed(made_ids)
    return made


def _plan_posts(root, specs, communes, others, predecessors, rng, reserved_old, reserved_new) -> dict:
    """Choose for every planned post a person of a fitting age; leaders become Party members with
    trung cấp LLCT or more (and mostly a degree). Returns id(spec) → stints."""
    buckets: dict[int, list[dict]] = {}
    for spec in specs:
        buckets.setdefault(spec["birth_year"], []).append(spec)
    years = sorted(buckets)

    def pick(born_from: int, born_to: int, leader: bool) -> dict:
        span = [y for y in years if born_from <= y <= born_to and buckets[y]]
        if not span:  # widen towards the middle rather than fail
            span = [y for y in years if buckets[y]]
            span = sorted(span, key=lambda y: min(abs(y - born_from), abs(y - born_to)))[:1]
        year = rng.choice(span)
        spec = buckets[year].pop()
        if leader:
            spec["party_member"] = True
            joined = spec.get("party_joined_year") or spec["birth_year"] + 22 + rng.randint(0, 6)
            spec["party_joined_year"] = min(joined, 2008)
            if spec.get("politics") in (None, "so_cap"):
                spec["politics"] = "cao_cap" if rng.random() < 0.15 else "trung_cap"
            if spec.get("professional") not in ("dai_hoc", "thac_si") and rng.random() < 0.85:
                spec["professional"] = "dai_hoc"
                spec["professional_field"] = spec.get("professional_field") or "Quản lý nhà nước"
        return spec

    districts = list(
        Unit.unscoped.filter(path__startswith=root.path, kind="district", valid_from__lt=REFORM).order_by("code")
    )
    ordered = {
        unit: sorted(predecessors.get(unit.pk, []), key=lambda u: u.code)
        for unit in communes
        if unit.pk in predecessors
    }
    holders = posts_plan.plan(
        rng=rng,
        predecessors=ordered,
        districts=districts,
        provincial=others,
        pick=pick,
        reserved_old=reserved_old,
        reserved_new=reserved_new,
    )
    chosen = {id(h.spec): h.stints for h in holders}
    # Those with planned posts first: the people tables read better, and nothing depends on it.
    specs.sort(key=lambda spec: id(spec) not in chosen)
    return chosen
