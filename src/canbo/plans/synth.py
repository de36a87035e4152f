"""Synthetic classes, enrolments and plans at national scale (`canbo synth training`), for benchmarks.

Learners are drawn from the people already under the root (see `canbo synth people`), sorted by
unit path so that "people under this province" is one contiguous slice. Classes are organised by
a random unit and taught to people of the organiser's province; each class ends on one day of its
year, when 90 % of its learners complete. Rows are written with COPY (`core.bulk.insert_rows`);
plans get targets near what was achieved; the summaries are rebuilt set-based at the end.
"""

from __future__ import annotations

import random
from collections import defaultdict

from django.db import connection, transaction
from django.utils import timezone

from canbo.core.bulk import allocate_ids, insert_rows, row_maker
from canbo.orgs.models import Unit
from canbo.plans import summaries
from canbo.plans.choices import PlanStatus, TargetGroup
from canbo.plans.models import Plan, PlanTarget, TrainingSummary

CLASS_SIZE = (30, 70)
CHUNK = 500_000


def synth_training(*, root: Unit, enrolments: int, years: list[int], seed: int = 1, progress=None) -> dict[str, int]:
    """Classes and enrolments (written by the training app), then plans near what was achieved."""
    from canbo.training import synth

    made = synth.synth_training(root=root, enrolments=enrolments, years=years, seed=seed, progress=progress)
    if not made["enrolments"]:
        return {**made, "plans": 0}
    if progress:
        progress("đang tính số liệu tổng hợp")
    return {**made, "plans": finish(root=root, seed=seed)}


def finish(*, root: Unit, seed: int = 1) -> int:
    """Rebuild the summaries from the enrolments, then give plans near what was achieved."""
    summaries.rebuild()
    top = Unit.unscoped.filter(path__startswith=root.path, depth__lte=root.depth + 2).values_list("pk", flat=True)
    rows = TrainingSummary.objects.filter(unit_id__in=list(top), kind__isnull=False)
    achieved = {
        (year, uid, kind): turns
        for year, uid, kind, turns in rows.values_list("year", "unit_id", "kind_id", "turns")
        if turns
    }
    plans = _plans(achieved, random.Random(seed), timezone.now())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("training_trainingclass", "training_enrolment", "plans_plan", "plans_plantarget"):
                cursor.execute(f"ANALYZE {table}")
    return plans


def _plans(achieved: dict[tuple[int, int, int], int], rng: random.Random, now) -> int:
    """An approved plan per year for the root's provinces and their direct units, near what was achieved."""
    by_plan: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for (year, uid, kind), turns in achieved.items():
        by_plan[(year, uid)].append((kind, turns))
    existing = set(Plan.unscoped.values_list("year", "unit_id"))
    keys = [k for k in sorted(by_plan) if k not in existing]
    plan_ids = allocate_ids(Plan, len(keys))
    plan_columns, make_plan = row_maker(
        Plan, {"id", "version", "unit_id", "year", "status", "created_at", "updated_at"}
    )
    target_columns, make_target = row_maker(
        PlanTarget, {"id", "plan_id", "kind_id", "group", "place", "turns", "classes"}
    )
    targets = [(pid, kind, turns) for pid, key in zip(plan_ids, keys, strict=True) for kind, turns in by_plan[key]]
    target_ids = allocate_ids(PlanTarget, len(targets))
    with transaction.atomic():
        insert_rows(
            Plan,
            plan_columns,
            (
                make_plan(
                    {
                        "id": pid,
                        "version": 1,
                        "unit_id": uid,
                        "year": year,
                        "status": PlanStatus.APPROVED,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                for pid, (year, uid) in zip(plan_ids, keys, strict=True)
            ),
        )
        insert_rows(
            PlanTarget,
            target_columns,
            (
                make_target(
                    {
                        "id": tid,
                        "plan_id": pid,
                        "kind_id": kind,
                        "group": TargetGroup.OTHER,
                        "place": "in_province",
                        "turns": max(1, round(turns * rng.uniform(0.85, 1.1))),
                        "classes": 0,
                    }
                )
                for tid, (pid, kind, turns) in zip(target_ids, targets, strict=True)
            ),
        )
    return len(keys)
