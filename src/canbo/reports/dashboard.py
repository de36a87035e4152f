"""The dashboard of a user's reach: this year's plan progress per kind, units ranked by plan
completion, training over the years, the standardisation rate and staff quality.

Everything is read from summaries (plan-vs-actual, gap summaries, staff-quality summaries), so the
page stays fast over millions of records; the charts get the very numbers the tables show.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from canbo.core.text import round_half_up
from canbo.orgs.models import Unit
from canbo.plans.models import TrainingSummary
from canbo.plans.selectors import PlanVsActual, latest_data_year, plan_vs_actual
from canbo.reports.quality import subtree_quality

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
                "percent": [round_half_up(f.percent, 1) for f in self.ranked],
            },
            "years": {
                "labels": [str(y) for y, _t, _p in self.years],
                "turns": [t for _y, t, _p in self.years],
                "people": [p for _y, _t, p in self.years],
            },
        }


def dashboard_year(unit: Unit) -> int:
    """The dashboard's default year: the latest in which `unit`'s subtree trained anyone (a current
    year without data yet would open on empty figures), else the current year."""
    from canbo.core.dates import today

    this_year = today().year
    return latest_data_year(unit=unit, until=this_year) or this_year


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


def quality_panel(*, unit: Unit) -> dict:
    """Staff quality of a subtree (its current staff), summed from the kept per-unit summaries
    (`reports.quality`); its own htmx panel, loaded after the page."""
    figures = subtree_quality(unit)
    counts = {"total": figures.total, "women": figures.women, "minorities": figures.minorities}
    for ladder, codes in QUALITY_LADDERS:
        counts[ladder] = figures.at_levels(ladder, codes)
    return counts
