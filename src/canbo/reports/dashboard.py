"""The dashboard of a user's reach: this year's plan progress per kind, units ranked by plan
completion, training over the years, the standardisation rate and staff quality.

Everything is read from summaries (plan-vs-actual, gap summaries) or a couple of aggregates, so the
page stays fast over millions of records; the charts get the very numbers the tables show.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q

from canbo.orgs.models import Unit
from canbo.people.models import Person, PersonLevel
from canbo.plans.models import TrainingSummary
from canbo.plans.selectors import PlanVsActual, plan_vs_actual

QUALITY_LADDERS = (
    ("professional", ("dai_hoc", "thac_si", "tien_si", "tskh")),
    ("politics", ("trung_cap", "cao_cap", "cu_nhan")),
)


@dataclass
class Dashboard:
    unit: Unit
    year: int
    pva: PlanVsActual
    ranked: list = field(default_factory=list)
    years: list[tuple[int, int, int]] = field(default_factory=list)  # (year, turns, people)
    rates: list = field(default_factory=list)

    def chart_data(self) -> dict:
        kinds = [f for f in self.pva.by_kind if f.turns or f.planned_turns]
        return {
            "kinds": {
                "labels": [f.kind.short_name or f.kind.name for f in kinds],
                "planned": [f.planned_turns for f in kinds],
                "actual": [f.turns for f in kinds],
            },
            "ranked": {
                "labels": [f.unit.name for f in self.ranked],
                "percent": [round(f.percent, 1) for f in self.ranked],
            },
            "years": {
                "labels": [str(y) for y, _t, _p in self.years],
                "turns": [t for _y, t, _p in self.years],
                "people": [p for _y, _t, p in self.years],
            },
        }


def _quality(unit: Unit) -> dict:
    people = Person.unscoped.filter(unit_path__startswith=unit.path)
    counts = people.aggregate(
        total=Count("id"),
        women=Count("id", filter=Q(gender="female")),
        minorities=Count("id", filter=Q(ethnicity__is_majority=False)),
    )
    levels = (
        PersonLevel.objects.filter(person__unit_path__startswith=unit.path)
        .values("ladder__code", "level__code")
        .annotate(n=Count("id"))
    )
    by_level = {(r["ladder__code"], r["level__code"]): r["n"] for r in levels}
    for ladder, codes in QUALITY_LADDERS:
        counts[ladder] = sum(by_level.get((ladder, code), 0) for code in codes)
    return counts


def dashboard(*, user, unit: Unit, year: int) -> Dashboard:
    pva = plan_vs_actual(user=user, unit=unit, year=year)
    board = Dashboard(unit=unit, year=year, pva=pva)
    board.ranked = sorted(
        (total for total, _kinds in pva.children if total.percent is not None),
        key=lambda f: (-f.percent, f.unit.name),
    )
    board.years = list(
        TrainingSummary.objects.filter(unit=unit, kind__isnull=True, year__lte=year)
        .order_by("year")
        .values_list("year", "turns", "people")
    )
    try:
        from canbo.standards.selectors import rate_totals, unit_rates
    except ImportError:  # the standards app is optional for the dashboard
        board.rates = []
    else:
        # Today's rate, read from the stored gap summaries (a past date would recompute the gaps).
        board.rates = rate_totals(unit_rates(user=user, unit=unit, day=datetime.date.today()))
    return board


def quality(*, unit: Unit) -> dict:
    """Staff quality of a subtree (two aggregates over its people): its own htmx panel, loaded after
    the page, since over millions of people it takes seconds, not milliseconds."""
    return _quality(unit)
