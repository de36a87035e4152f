"""Staff-quality summaries kept up to date as people change, so the dashboard and the staff-quality
form never scan people.

What counts (the rules in one place): a person counts in the unit of their open main assignment
(`is_main`, no end date) — the unit's current staff; "women" are those with gender female,
"minorities" those whose ethnicity is not the majority one; a level row counts the people whose
current level (`PersonLevel`, the highest held) on that ladder is that level. People rows are kept
per category, gender and ethnicity; level rows per level only (what the panel and the forms read).

`QualitySummary` holds each unit's *own* staff; a subtree's figures are the sum over the units on
its path prefix (one indexed join over a few rows per unit). `on_people_changed(ids)` (subscribed to
`PeopleChanged` in canbo/events.py, inside the writer's transaction) recounts every unit in which those people
hold or held a main assignment — the old unit after a transfer or an ended assignment, the new one
— by two `INSERT … SELECT … GROUP BY` statements per batch of units. The units' rows in `orgs_unit`
are locked first (`FOR NO KEY UPDATE`, which does not block inserts referencing them), so two
writers recounting the same unit take turns and the second counts what the first committed.

`rebuild()` recounts everything set-based (after bulk loads that bypassed the events: `canbo
summaries rebuild`), `check()` compares the kept rows with a fresh count (`canbo summaries check`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Sum

from canbo.core.bulk import select_where_in
from canbo.core.reports import CheckResult, compare
from canbo.orgs.models import Unit
from canbo.people.models import Ladder
from canbo.reports.models import QualitySummary

BATCH = 500

Key = tuple[int, str, bool, bool, int | None, int | None]  # unit, category, female, minority, ladder, level

_PEOPLE = """
    SELECT a.unit_id, a.category,
           CASE WHEN p.gender = 'female' THEN TRUE ELSE FALSE END AS female,
           CASE WHEN e.is_majority = FALSE THEN TRUE ELSE FALSE END AS minority,
           CAST(NULL AS BIGINT) AS ladder_id, CAST(NULL AS BIGINT) AS level_id, COUNT(*) AS people
    FROM people_assignment a
    JOIN people_person p ON p.id = a.person_id
    LEFT JOIN people_ethnicity e ON e.id = p.ethnicity_id
    WHERE a.is_main = TRUE AND a.end_date IS NULL{where}
    GROUP BY a.unit_id, a.category, 3, 4
"""
# Level rows are kept per unit and level only (not per category, gender or ethnicity): the panel and
# the form need the margins, and a national sum then reads a few dozen rows per unit, not hundreds.
_LEVELS = """
    SELECT a.unit_id, '' AS category, FALSE AS female, FALSE AS minority,
           pl.ladder_id, pl.level_id, COUNT(*) AS people
    FROM people_assignment a
    JOIN people_personlevel pl ON pl.person_id = a.person_id
    WHERE a.is_main = TRUE AND a.end_date IS NULL{where}
    GROUP BY a.unit_id, pl.ladder_id, pl.level_id
"""


def _statements(unit_ids: list[int] | None) -> list[tuple[str, list]]:
    """The two counting SELECTs (people rows, level rows), for these units or all of them."""
    where, params = "", []
    if unit_ids is not None:
        where = " AND a.unit_id IN (" + ", ".join(["%s"] * len(unit_ids)) + ")"
        params = list(unit_ids)
    return [(_PEOPLE.format(where=where), params), (_LEVELS.format(where=where), params)]


def _insert(cursor, unit_ids: list[int] | None) -> None:
    for sql, params in _statements(unit_ids):
        cursor.execute(
            "INSERT INTO reports_qualitysummary (unit_id, category, female, minority, ladder_id, level_id, people) "
            + sql,
            params,
        )


# ---------------------------------------------------------------- incremental upkeep


def units_of(person_ids: Iterable[int]) -> set[int]:
    """Every unit in which these people hold or held a main assignment (where they may be counted)."""
    rows = select_where_in(
        "SELECT DISTINCT unit_id FROM people_assignment WHERE is_main AND", "person_id", set(person_ids)
    )
    return {unit for (unit,) in rows}


def on_people_changed(person_ids: list[int]) -> None:
    """On `events.PeopleChanged`: recount the units these people are, or were, counted in."""
    recount(units_of(person_ids))


def recount(unit_ids: Iterable[int]) -> None:
    """Count these units' own staff again from the people tables (set-based, under row locks)."""
    ids = sorted(set(unit_ids))
    if not ids:
        return
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            list(Unit.unscoped.select_for_update(no_key=True).filter(pk__in=chunk).order_by("pk").values_list("pk"))
            cursor.execute(
                "DELETE FROM reports_qualitysummary WHERE unit_id IN (" + ", ".join(["%s"] * len(chunk)) + ")",
                chunk,
            )
            _insert(cursor, chunk)


# ---------------------------------------------------------------- rebuild and check


def scan() -> dict[Key, int]:
    """Every unit's counts straight from the people tables (what the kept rows must equal)."""
    result: dict[Key, int] = {}
    with connection.cursor() as cursor:
        for sql, params in _statements(None):
            cursor.execute(sql, params)
            for unit, category, female, minority, ladder, level, n in cursor.fetchall():
                result[(unit, category, bool(female), bool(minority), ladder, level)] = n
    return result


def stored() -> dict[Key, int]:
    return {
        (u, c, bool(f), bool(m), lad, lev): n
        for u, c, f, m, lad, lev, n in QualitySummary.objects.values_list(
            "unit_id", "category", "female", "minority", "ladder_id", "level_id", "people"
        )
        if n
    }


def check() -> CheckResult:
    """Compare the kept summaries with a fresh scan; any difference is listed (key, kept, scan)."""
    return compare(stored(), scan())


@transaction.atomic
def rebuild() -> int:
    """Count every unit's staff again (after bulk loads that bypassed the hooks)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM reports_qualitysummary")
        _insert(cursor, None)
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE reports_qualitysummary")
    return QualitySummary.objects.count()


# ---------------------------------------------------------------- reading


@dataclass
class Quality:
    """A subtree's staff quality: totals and, per (ladder code, level code), people at that level."""

    total: int = 0
    women: int = 0
    minorities: int = 0
    levels: dict[tuple[str, str], int] = field(default_factory=dict)

    def at_levels(self, ladder: str, codes: Iterable[str]) -> int:
        return sum(self.levels.get((ladder, code), 0) for code in codes)


def _level_codes() -> dict[int, tuple[str, str]]:
    from canbo.people.models import Level

    return {pk: (lad, code) for pk, lad, code in Level.objects.values_list("pk", "ladder__code", "code")}


def subtree_quality(unit: Unit) -> Quality:
    """The staff quality of `unit` and everything under it, from the kept summaries."""
    rows = QualitySummary.objects.filter(unit__path__startswith=unit.path)
    result = Quality()
    codes = None
    sums = rows.values_list("female", "minority", "level_id").annotate(n=Sum("people")).order_by()
    by_level: dict[tuple[str, str], int] = defaultdict(int)
    for female, minority, level_id, n in sums:
        if level_id is None:
            result.total += n
            result.women += n if female else 0
            result.minorities += n if minority else 0
            continue
        codes = codes if codes is not None else _level_codes()
        if level_id in codes:
            by_level[codes[level_id]] += n
    result.levels = dict(by_level)
    return result


def profile(unit: Unit):
    """`subtree_quality` shaped as the people app's `Profile` (every ladder, its levels low → high and
    the people with no level on it), for the staff-quality form."""
    from canbo.people.selectors import LadderProfile, Profile

    figures = subtree_quality(unit)
    ladders = {}
    for ladder in Ladder.objects.prefetch_related("levels"):
        counts = [(lv, figures.levels.get((ladder.code, lv.code), 0)) for lv in ladder.levels.all()]
        ladders[ladder.code] = LadderProfile(ladder, counts, figures.total - sum(n for _lv, n in counts))
    return Profile(total=figures.total, women=figures.women, minorities=figures.minorities, ladders=ladders)


def is_today(day: datetime.date) -> bool:
    from canbo.core.dates import today

    return day == today()
