"""Synthetic classes and enrolments at national scale, for benchmarks (`canbo synth training`).

Learners are drawn from the people already under the root (see `canbo synth people`), sorted by
unit path so that "people under this province" is one contiguous slice. Classes are organised by
a random unit and taught to people of the organiser's province; each class ends on one day of its
year, when 90 % of its learners complete. Rows are written with COPY (`core.bulk.insert_rows`).
The training app writes its own tables here; plans and summaries follow in canbo.plans.synth.
"""

from __future__ import annotations

import bisect
import datetime
import random
from collections import defaultdict
from collections.abc import Callable, Iterator

from django.db import transaction
from django.utils import timezone

from canbo.core.bulk import allocate_ids, insert_rows, row_maker
from canbo.orgs.models import Unit
from canbo.people.models import Assignment, Person
from canbo.training.models import Enrolment, Programme, ProgrammeKind, TrainingClass

CLASS_SIZE = (30, 70)
CHUNK = 500_000


def _programmes() -> dict[int, int]:
    """A synthetic programme per kind (created once): kind id → programme id."""
    result = {}
    for kind in ProgrammeKind.objects.all():
        programme, _ = Programme.objects.get_or_create(
            code=f"SYN-{kind.code}".upper()[:40],
            defaults={"name": f"Chương trình {kind.name}", "name_key": f"syn {kind.code}", "kind": kind},
        )
        result[kind.pk] = programme.pk
    return result


def synth_training(
    *,
    root: Unit,
    enrolments: int,
    years: list[int],
    seed: int = 1,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Create about `enrolments` enrolments in classes over `years` under `root` (plans: canbo.plans.synth)."""
    rng = random.Random(seed)
    say = progress or (lambda _msg: None)
    people = sorted(
        Person.unscoped.filter(unit_path__startswith=root.path).values_list("id", "unit_id", "unit_path"),
        key=lambda p: (p[2], p[0]),
    )
    if not people:
        return {"classes": 0, "enrolments": 0}
    categories = dict(
        Assignment.unscoped.filter(
            is_main=True, end_date__isnull=True, person__unit_path__startswith=root.path
        ).values_list("person_id", "category")
    )
    paths = [p[2] for p in people]
    units = list(Unit.unscoped.filter(path__startswith=root.path).values_list("id", "path", "depth"))
    provinces = [(uid, path) for uid, path, depth in units if depth == root.depth + 1] or [(root.pk, root.path)]
    organisers: dict[str, list[int]] = defaultdict(list)
    for uid, path, _depth in units:
        for _pid, ppath in provinces:
            if path.startswith(ppath):
                organisers[ppath].append(uid)
    slices = []
    for pid, ppath in provinces:
        lo = bisect.bisect_left(paths, ppath)
        hi = bisect.bisect_left(paths, ppath[:-1] + "0")  # "/" + 1 == "0": the end of the prefix range
        if hi > lo:
            slices.append((pid, ppath, lo, hi))
    weights = [hi - lo for _p, _pp, lo, hi in slices]
    programmes = _programmes()
    kinds = list(programmes)
    kind_weights = [rng.uniform(0.5, 3) for _ in kinds]
    now = timezone.now()
    class_columns, make_class = row_maker(
        TrainingClass,
        {
            "id",
            "version",
            "code",
            "name",
            "name_key",
            "programme_id",
            "organiser_id",
            "start_date",
            "end_date",
            "status",
            "created_at",
            "updated_at",
            "target_categories",
        },
    )
    enrolment_columns, make_enrolment = row_maker(
        Enrolment,
        {
            "id",
            "version",
            "training_class_id",
            "person_id",
            "unit_id",
            "unit_path",
            "category",
            "status",
            "result",
            "completed_on",
            "created_at",
            "updated_at",
        },
    )
    per_class = sum(CLASS_SIZE) // 2
    n_classes = max(1, enrolments // per_class)
    made_classes = made_enrolments = 0
    while made_classes < n_classes:
        batch = min(n_classes - made_classes, max(1, CHUNK // per_class))
        class_ids = allocate_ids(TrainingClass, batch)
        classes, rows = [], []
        for cid in class_ids:
            pid, ppath, lo, hi = rng.choices(slices, weights)[0]
            year = rng.choice(years)
            end = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(360))
            kind = rng.choices(kinds, kind_weights)[0]
            organiser = rng.choice(organisers[ppath])
            code = f"SYN-{cid}"
            classes.append(
                make_class(
                    {
                        "id": cid,
                        "version": 1,
                        "code": code,
                        "name": f"Lớp {cid}",
                        "name_key": f"lop {cid}",
                        "programme_id": programmes[kind],
                        "organiser_id": organiser,
                        "start_date": end - datetime.timedelta(days=rng.randrange(1, 30)),
                        "end_date": end,
                        "status": "finished",
                        "created_at": now,
                        "updated_at": now,
                        "target_categories": "[]",
                    }
                )
            )
            size = min(hi - lo, rng.randint(*CLASS_SIZE))
            for index in rng.sample(range(lo, hi), size):
                person_id, unit_id, path = people[index]
                done = rng.random() < 0.9
                rows.append((cid, person_id, unit_id, path, kind, year, end if done else None))
        ids = allocate_ids(Enrolment, len(rows))
        with transaction.atomic():
            insert_rows(TrainingClass, class_columns, classes)
            insert_rows(Enrolment, enrolment_columns, _enrolment_rows(rows, ids, categories, make_enrolment, now))
        made_classes += batch
        made_enrolments += len(rows)
        say(f"{made_classes}/{n_classes} lớp, {made_enrolments} lượt học viên")
    return {"classes": made_classes, "enrolments": made_enrolments}


def _enrolment_rows(rows, ids, categories, make, now) -> Iterator[tuple]:
    for pk, (cid, person_id, unit_id, path, _kind, _year, done) in zip(ids, rows, strict=True):
        yield make(
            {
                "id": pk,
                "version": 1,
                "training_class_id": cid,
                "person_id": person_id,
                "unit_id": unit_id,
                "unit_path": path,
                "category": categories.get(person_id, ""),
                "status": "approved",
                "result": "passed" if done else "failed",
                "completed_on": done,
                "created_at": now,
                "updated_at": now,
            }
        )
