"""Plan-vs-actual summaries kept up to date as classes change, so reports never scan enrolments.

What counts (the rules in one place):
- a participant-turn (lượt người) is an enrolment with a completion date; it belongs to the year of
  that date, to the class's programme kind, and to the unit the learner was sent from *as stored
  on the enrolment* (its tree path then), and to every ancestor on that path — so a 2021 turn
  stays with huyện Điện Biên after the 2025 reform;
- a class counts once, in the year it ended, for its organiser and the organiser's ancestors,
  unless it was cancelled or has not started.

`classes_changed(ids)` (subscribed to `ClassesChanged` in canbo/events.py, run inside the writer's transaction)
compares the enrolments of those classes with what was last counted (`CountedEnrolment`,
`CountedClass`) and adds only the difference to `TrainingSummary`. Distinct people are exact: a
person's other counted turns that year are read (one indexed lookup) before deciding whether an
ancestor gains or loses a person. Summary rows are locked with row locks (`SELECT … FOR UPDATE OF`)
in primary-key order; two writers touching the same unit, year and kind wait for each other.

`rebuild()` recomputes everything set-based from the enrolments; `check()` compares the summaries
with that scan (`canbo summaries check|rebuild`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q

from canbo.core.bulk import insert_rows
from canbo.core.reports import CheckResult, compare
from canbo.plans.models import CountedClass, CountedEnrolment, TrainingSummary
from canbo.training.choices import ClassStatus
from canbo.training.models import Enrolment, TrainingClass

# Classes in these states were not (or not yet) held: they count for nobody.
UNCOUNTED_CLASS_STATUSES = (ClassStatus.CANCELLED, ClassStatus.PLANNED)

Key = tuple[int, int, int | None]  # (year, unit id, kind id or None for all kinds)


def path_ids(path: str) -> list[int]:
    """Unit ids along a materialised path, root first: "/1/5/23/" → [1, 5, 23]."""
    return [int(part) for part in path.strip("/").split("/") if part]


def _prefixes(path: str) -> list[tuple[int, str]]:
    ids = path_ids(path)
    return [(uid, "/" + "/".join(str(i) for i in ids[: n + 1]) + "/") for n, uid in enumerate(ids)]


@dataclass
class Delta:
    turns: int = 0
    people: int = 0
    classes: int = 0

    def __bool__(self) -> bool:
        return bool(self.turns or self.people or self.classes)


# ---------------------------------------------------------------- incremental upkeep


def classes_changed(class_ids: list[int]) -> None:
    """Apply the difference that a change to these classes (or their enrolments) makes."""
    with transaction.atomic():
        _apply(sorted(set(class_ids)))


def unit_moved(old_path: str, new_path: str) -> None:
    """On `events.UnitMoved` (after training rewrote the paths): a moved subtree's enrolments and
    classes now carry new paths; recount them."""
    ids = set(
        CountedEnrolment.objects.filter(unit_path__startswith=old_path).values_list("training_class_id", flat=True)
    )
    ids |= set(
        CountedClass.objects.filter(organiser_path__startswith=old_path).values_list("training_class_id", flat=True)
    )
    classes_changed(sorted(ids))


def _current_enrolments(class_ids: list[int]) -> dict[tuple[int, int], tuple[int, int, str]]:
    rows = (
        Enrolment.unscoped.filter(training_class_id__in=class_ids, completed_on__isnull=False)
        .exclude(training_class__status=ClassStatus.CANCELLED)
        .values_list(
            "training_class_id", "person_id", "completed_on", "training_class__programme__kind_id", "unit_path"
        )
    )
    return {(c, p): (done.year, kind, path) for c, p, done, kind, path in rows}


def _current_classes(class_ids: list[int]) -> dict[int, tuple[int, int, str]]:
    rows = (
        TrainingClass.unscoped.filter(pk__in=class_ids)
        .exclude(status__in=UNCOUNTED_CLASS_STATUSES)
        .values_list("pk", "end_date", "programme__kind_id", "organiser__path")
    )
    return {pk: (end.year, kind, path) for pk, end, kind, path in rows}


def _apply(class_ids: list[int]) -> None:
    if not class_ids:
        return
    old = {
        (r.training_class_id, r.person_id): (r.year, r.kind_id, r.unit_path)
        for r in CountedEnrolment.objects.filter(training_class_id__in=class_ids)
    }
    new = _current_enrolments(class_ids)
    removed = {k: v for k, v in old.items() if new.get(k) != v}
    added = {k: v for k, v in new.items() if old.get(k) != v}
    old_classes = {
        r.training_class_id: (r.year, r.kind_id, r.organiser_path)
        for r in CountedClass.objects.filter(training_class_id__in=class_ids)
    }
    new_classes = _current_classes(class_ids)
    removed_classes = {k: v for k, v in old_classes.items() if new_classes.get(k) != v}
    added_classes = {k: v for k, v in new_classes.items() if old_classes.get(k) != v}
    if not (removed or added or removed_classes or added_classes):
        return

    deltas: dict[Key, Delta] = defaultdict(Delta)
    for sign, rows in ((-1, removed), (1, added)):
        for year, kind, path in rows.values():
            for uid in path_ids(path):
                deltas[(year, uid, kind)].turns += sign
                deltas[(year, uid, None)].turns += sign
    for sign, rows in ((-1, removed_classes), (1, added_classes)):
        for year, kind, path in rows.values():
            for uid in path_ids(path):
                deltas[(year, uid, kind)].classes += sign
                deltas[(year, uid, None)].classes += sign

    rows_by_key = _lock_rows([k for k, d in deltas.items() if d] + _people_keys(removed, added))

    # Distinct people: read each affected person's counted turns (after the locks, so a concurrent
    # writer for the same person and unit has committed), then compare before and after.
    persons = {p for _c, p in removed} | {p for _c, p in added}
    years = {v[0] for v in removed.values()} | {v[0] for v in added.values()}
    before: dict[tuple[int, int], dict[tuple[int, int], tuple[int, str]]] = defaultdict(dict)
    ordered = sorted(persons)
    for start in range(0, len(ordered), 500):
        for r in CountedEnrolment.objects.filter(person_id__in=ordered[start : start + 500], year__in=years):
            before[(r.person_id, r.year)][(r.training_class_id, r.person_id)] = (r.kind_id, r.unit_path)
    after = {k: dict(v) for k, v in before.items()}
    for key, (year, _kind, _path) in removed.items():
        after.setdefault((key[1], year), {}).pop(key, None)
    for key, (year, kind, path) in added.items():
        after.setdefault((key[1], year), {})[key] = (kind, path)
    changed_paths: dict[tuple[int, int], set[str]] = defaultdict(set)
    for rows in (removed, added):
        for (_c, person), (year, _kind, path) in rows.items():
            changed_paths[(person, year)].add(path)
    for (person, year), paths in changed_paths.items():
        was, now = before.get((person, year), {}), after.get((person, year), {})
        kinds = {k for k, _p in was.values()} | {k for k, _p in now.values()}
        prefixes = {pre for path in paths for pre in _prefixes(path)}
        for uid, prefix in prefixes:
            for kind in (*kinds, None):
                had = any(p.startswith(prefix) and (kind is None or k == kind) for k, p in was.values())
                has = any(p.startswith(prefix) and (kind is None or k == kind) for k, p in now.values())
                if had != has:
                    deltas[(year, uid, kind)].people += 1 if has else -1

    # Add the differences in SQL (the rows are locked): one statement run for each changed row.
    changes = sorted((rows_by_key[k].pk, d) for k, d in deltas.items() if d)
    changes = [(d.turns, d.people, d.classes, pk) for pk, d in changes]
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE plans_trainingsummary SET turns = turns + %s, people = people + %s, classes = classes + %s "
            "WHERE id = %s",
            changes,
        )

    gone: dict[int, list[int]] = defaultdict(list)
    for class_id, person in removed:
        gone[class_id].append(person)
    for class_id, person_ids in gone.items():
        for start in range(0, len(person_ids), 500):
            CountedEnrolment.objects.filter(
                training_class_id=class_id, person_id__in=person_ids[start : start + 500]
            ).delete()
    insert_rows(
        CountedEnrolment,
        ("training_class_id", "person_id", "year", "kind_id", "unit_path"),
        ((c, p, y, k, path) for (c, p), (y, k, path) in added.items()),
    )
    CountedClass.objects.filter(training_class_id__in=list(removed_classes)).delete()
    CountedClass.objects.bulk_create(
        [
            CountedClass(training_class_id=c, year=y, kind_id=k, organiser_path=path)
            for c, (y, k, path) in added_classes.items()
        ]
    )


def _people_keys(removed: dict, added: dict) -> list[Key]:
    keys: set[Key] = set()
    for rows in (removed, added):
        for year, kind, path in rows.values():
            for uid in path_ids(path):
                keys.add((year, uid, kind))
                keys.add((year, uid, None))
    return list(keys)


def _lock_rows(keys: Iterable[Key]) -> dict[Key, TrainingSummary]:
    """Make sure a summary row exists for every key, then lock them all (primary-key order)."""
    keys = sorted(set(keys), key=lambda k: (k[0], k[1], -1 if k[2] is None else k[2]))
    if not keys:
        return {}
    with connection.cursor() as cursor:  # rows another writer just made are left as they are
        cursor.executemany(
            "INSERT INTO plans_trainingsummary (year, unit_id, kind_id, turns, people, classes) "
            "VALUES (%s, %s, %s, 0, 0, 0) ON CONFLICT DO NOTHING",
            keys,
        )
    years = {k[0] for k in keys}
    units = sorted({k[1] for k in keys})
    kinds = {k[2] for k in keys if k[2] is not None}
    wanted = set(keys)
    found: dict[Key, TrainingSummary] = {}
    for start in range(0, len(units), 500):
        locked = (
            TrainingSummary.objects.select_for_update(of=("self",))
            .filter(year__in=years, unit_id__in=units[start : start + 500])
            .filter(Q(kind_id__in=kinds) | Q(kind__isnull=True))
            .order_by("pk")
        )
        found.update({key: row for row in locked if (key := (row.year, row.unit_id, row.kind_id)) in wanted})
    return found


# ---------------------------------------------------------------- set-based scan, rebuild, check


def _year_sql(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)"
    return f"CAST(strftime('%%Y', {column}) AS INTEGER)"


def _ancestor_table(cursor) -> str:
    """A temporary table (path, ancestor id) for every unit: the tree as each path records it."""
    from canbo.orgs.models import Unit

    name = "plans_tmp_ancestor"
    cursor.execute(f"DROP TABLE IF EXISTS {name}")
    cursor.execute(f"CREATE TEMPORARY TABLE {name} (path varchar(255) NOT NULL, ancestor_id bigint NOT NULL)")
    rows = [(path, uid) for path in Unit.unscoped.values_list("path", flat=True) for uid in path_ids(path)]
    for start in range(0, len(rows), 5000):
        cursor.executemany(f"INSERT INTO {name} (path, ancestor_id) VALUES (%s, %s)", rows[start : start + 5000])
    if connection.vendor == "postgresql":
        cursor.execute(f"ANALYZE {name}")
    return name


def _year_filter(column: str, year: int | None) -> tuple[str, list]:
    if year is None:
        return "", []
    return f" AND {column} >= %s AND {column} < %s", [datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)]


def scan(*, year: int | None = None) -> dict[Key, tuple[int, int, int]]:
    """(year, unit, kind) → (turns, people, classes) computed straight from enrolments and classes."""
    result: dict[Key, list[int]] = defaultdict(lambda: [0, 0, 0])
    with connection.cursor() as cursor:
        anc = _ancestor_table(cursor)
        cond, params = _year_filter("e.completed_on", year)
        inner = f"""
            SELECT {_year_sql("e.completed_on")} AS year, e.person_id, p.kind_id, e.unit_path
            FROM training_enrolment e
            JOIN training_trainingclass c ON c.id = e.training_class_id
            JOIN training_programme p ON p.id = c.programme_id
            WHERE e.completed_on IS NOT NULL AND c.status <> %s{cond}
        """
        base = [str(ClassStatus.CANCELLED), *params]
        cursor.execute(
            f"""SELECT x.year, a.ancestor_id, x.kind_id, COUNT(*), COUNT(DISTINCT x.person_id)
                FROM ({inner}) x JOIN {anc} a ON a.path = x.unit_path
                GROUP BY x.year, a.ancestor_id, x.kind_id""",
            base,
        )
        for y, uid, kind, turns, people in cursor.fetchall():
            result[(y, uid, kind)][0:2] = [turns, people]
        cursor.execute(
            f"""SELECT x.year, a.ancestor_id, COUNT(*), COUNT(DISTINCT x.person_id)
                FROM ({inner}) x JOIN {anc} a ON a.path = x.unit_path
                GROUP BY x.year, a.ancestor_id""",
            base,
        )
        for y, uid, turns, people in cursor.fetchall():
            result[(y, uid, None)][0:2] = [turns, people]
        cond, params = _year_filter("c.end_date", year)
        statuses = [str(s) for s in UNCOUNTED_CLASS_STATUSES]
        cursor.execute(
            f"""SELECT {_year_sql("c.end_date")}, a.ancestor_id, p.kind_id, COUNT(*)
                FROM training_trainingclass c
                JOIN training_programme p ON p.id = c.programme_id
                JOIN orgs_unit o ON o.id = c.organiser_id
                JOIN {anc} a ON a.path = o.path
                WHERE c.status NOT IN (%s, %s){cond}
                GROUP BY 1, a.ancestor_id, p.kind_id""",
            [*statuses, *params],
        )
        for y, uid, kind, n in cursor.fetchall():
            result[(y, uid, kind)][2] = n
            result[(y, uid, None)][2] += n
        cursor.execute(f"DROP TABLE {anc}")
    return {k: tuple(v) for k, v in result.items() if any(v)}


def stored(*, year: int | None = None) -> dict[Key, tuple[int, int, int]]:
    qs = TrainingSummary.objects.all()
    if year is not None:
        qs = qs.filter(year=year)
    return {
        (y, u, k): (t, p, c)
        for y, u, k, t, p, c in qs.values_list("year", "unit_id", "kind_id", "turns", "people", "classes")
        if t or p or c
    }


def check(*, year: int | None = None) -> CheckResult:
    """Compare the kept summaries with a fresh scan; any difference is listed (key, kept, scan)."""
    return compare(stored(year=year), scan(year=year))


@transaction.atomic
def rebuild(*, year: int | None = None) -> int:
    """Recompute the summaries (of one year, or all) and their bookkeeping from a scan."""
    summaries = TrainingSummary.objects.all()
    counted = CountedEnrolment.objects.all()
    counted_classes = CountedClass.objects.all()
    if year is not None:
        summaries, counted, counted_classes = (
            summaries.filter(year=year),
            counted.filter(year=year),
            counted_classes.filter(year=year),
        )
    summaries.delete()
    counted.delete()
    counted_classes.delete()
    with connection.cursor() as cursor:
        cond, params = _year_filter("e.completed_on", year)
        cursor.execute(
            f"""INSERT INTO plans_countedenrolment (training_class_id, person_id, year, kind_id, unit_path)
                SELECT e.training_class_id, e.person_id, {_year_sql("e.completed_on")}, p.kind_id, e.unit_path
                FROM training_enrolment e
                JOIN training_trainingclass c ON c.id = e.training_class_id
                JOIN training_programme p ON p.id = c.programme_id
                WHERE e.completed_on IS NOT NULL AND c.status <> %s{cond}""",
            [str(ClassStatus.CANCELLED), *params],
        )
        cond, params = _year_filter("c.end_date", year)
        cursor.execute(
            f"""INSERT INTO plans_countedclass (training_class_id, year, kind_id, organiser_path)
                SELECT c.id, {_year_sql("c.end_date")}, p.kind_id, o.path
                FROM training_trainingclass c
                JOIN training_programme p ON p.id = c.programme_id
                JOIN orgs_unit o ON o.id = c.organiser_id
                WHERE c.status NOT IN (%s, %s){cond}""",
            [*(str(s) for s in UNCOUNTED_CLASS_STATUSES), *params],
        )
    fresh = scan(year=year)
    TrainingSummary.objects.bulk_create(
        [
            TrainingSummary(year=y, unit_id=u, kind_id=k, turns=t, people=p, classes=c)
            for (y, u, k), (t, p, c) in fresh.items()
        ],
        batch_size=5000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE plans_trainingsummary")
    return len(fresh)
