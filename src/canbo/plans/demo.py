"""Demo plans for Điện Biên, loaded after the training demo.

2021: the province's plan of 25,980 participant-turns (the seed article: 27,071 trained = 104,2%),
huyện Điện Biên's 8,145 (8,672 trained = 106%), and a plan for every other unit directly under the
province, all approved and closed; the units' plans add up to the province's. The targets per kind,
target group and place follow the mix of what was trained, scaled to the plan's total (largest
remainders, so the totals are exact).
2026: xã Thanh Nưa's plan submitted to the province, xã Mường Nhé's still a draft.

Idempotent: a unit that already has a plan for the year is left alone.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict

from django.db.models import Count

from canbo.orgs.choices import COMMUNE_LEVEL
from canbo.orgs.models import Unit
from canbo.plans import services, summaries
from canbo.plans.choices import TargetGroup
from canbo.plans.models import Plan, TrainingSummary
from canbo.plans.selectors import children_in_year
from canbo.training.models import Enrolment, ProgrammeKind

YEAR = 2021
PLAN_TOTALS = {"DB": 25_980, "DB-HDB": 8_145}
SEED = 2021

_GROUP_OF_CATEGORY = {
    "can_bo": TargetGroup.CAN_BO,
    "cong_chuc": TargetGroup.CONG_CHUC,
    "vien_chuc": TargetGroup.VIEN_CHUC,
}


def _mix(unit: Unit, year: int) -> dict[tuple[int, str, str], int]:
    """Completed turns under `unit` in `year` by (kind, target group, place): the shape of its plan."""
    rows = (
        Enrolment.unscoped.filter(
            unit_path__startswith=unit.path,
            completed_on__gte=datetime.date(year, 1, 1),
            completed_on__lte=datetime.date(year, 12, 31),
        )
        .exclude(training_class__status="cancelled")
        .values("training_class__programme__kind_id", "category", "unit__kind", "training_class__place")
        .annotate(n=Count("id"))
    )
    mix: dict[tuple[int, str, str], int] = defaultdict(int)
    for r in rows:
        if r["unit__kind"] in COMMUNE_LEVEL:
            group = TargetGroup.COMMUNE
        else:
            group = _GROUP_OF_CATEGORY.get(r["category"], TargetGroup.OTHER)
        mix[(r["training_class__programme__kind_id"], group, r["training_class__place"])] += r["n"]
    return mix


def _scaled(mix: dict, total: int) -> dict:
    """Integers proportional to `mix` that add up to exactly `total` (largest remainders)."""
    weight = sum(mix.values())
    if not weight:
        return {}
    raw = {k: v * total / weight for k, v in mix.items()}
    result = {k: int(v) for k, v in raw.items()}
    left = total - sum(result.values())
    for k in sorted(raw, key=lambda k: (raw[k] - result[k], str(k)), reverse=True)[:left]:
        result[k] += 1
    return result


def _targets(unit: Unit, total: int, year: int) -> list[dict]:
    classes = dict(
        TrainingSummary.objects.filter(year=year, unit=unit, kind__isnull=False).values_list("kind_id", "classes")
    )
    targets, given = [], set()
    for (kind, group, place), turns in sorted(_scaled(_mix(unit, year), total).items(), key=str):
        planned_classes = 0
        if kind not in given:  # classes to organise, once per kind
            planned_classes = classes.get(kind, 0)
            given.add(kind)
        targets.append({"kind": kind, "group": group, "place": place, "turns": turns, "classes": planned_classes})
    return targets


def _plan(unit: Unit, year: int, targets: list[dict], *, status: str) -> bool:
    if Plan.unscoped.filter(unit=unit, year=year).exists() or not targets:
        return False
    plan = services.plan_create(
        unit=unit, year=year, title=f"Kế hoạch đào tạo, bồi dưỡng năm {year} — {unit.name}", targets=targets
    )
    if status in ("submitted", "approved", "closed"):
        plan = services.plan_submit(plan=plan)
    if status in ("approved", "closed"):
        plan = services.plan_approve(plan=plan, comment="Đồng ý kế hoạch.")
    if status == "closed":
        services.plan_close(plan=plan)
    return True


def _child_totals(province: Unit, rnd: random.Random) -> list[tuple[Unit, int]]:
    """The 2021 plan of every unit under the province: what each trained give or take a few per
    cent, scaled so that they add up to the province's plan (huyện Điện Biên's 8,145 as stated)."""
    children = list(children_in_year(province, YEAR))
    actual = dict(
        TrainingSummary.objects.filter(year=YEAR, unit__in=children, kind__isnull=True).values_list("unit_id", "turns")
    )
    fixed = {c.pk: PLAN_TOTALS[c.code] for c in children if c.code in PLAN_TOTALS}
    rough = {c.pk: actual.get(c.pk, 0) * rnd.uniform(0.92, 1.06) for c in children if c.pk not in fixed}
    totals = {**fixed, **_scaled(rough, PLAN_TOTALS[province.code] - sum(fixed.values()))}
    return [(c, totals.get(c.pk, 0)) for c in children]


def load() -> dict[str, int]:
    # The training demo writes in bulk; make sure the summaries reflect it before plans read them.
    if not summaries.check(year=YEAR).ok:
        summaries.rebuild(year=YEAR)
    province = Unit.unscoped.filter(code="DB").first()
    if province is None or not ProgrammeKind.objects.exists():
        return {"plans": 0}
    rnd = random.Random(SEED)
    made = 0
    made += _plan(province, YEAR, _targets(province, PLAN_TOTALS["DB"], YEAR), status="closed")
    made += sum(
        _plan(child, YEAR, _targets(child, total, YEAR), status="closed")
        for child, total in _child_totals(province, rnd)
    )
    kinds = {k.code: k.pk for k in ProgrammeKind.objects.all()}
    upcoming = {
        "DB-THANHNUA": (
            "submitted",
            [("politics", "can_bo", 4), ("state_mgmt", "cong_chuc", 6), ("knowledge_update", "commune", 40)],
        ),
        "DB-MUONGNHE": ("draft", [("politics", "can_bo", 5), ("defence", "commune", 30)]),
    }
    for code, (status, rows) in upcoming.items():
        unit = Unit.unscoped.filter(code=code).first()
        if unit is not None:
            targets = [{"kind": kinds[k], "group": g, "turns": n} for k, g, n in rows if k in kinds]
            made += _plan(unit, 2026, targets, status=status)
    return {"plans": made}
