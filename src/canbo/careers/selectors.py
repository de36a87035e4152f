"""Reads of evaluations, always through the acting user's reach (Evaluation.objects.for_user)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from canbo.accounts.permissions import Perm, perms_of
from canbo.careers.choices import EvaluationLevel
from canbo.careers.models import Evaluation
from canbo.orgs.models import Unit

LEVELS = [EvaluationLevel.EXCELLENT, EvaluationLevel.GOOD, EvaluationLevel.DONE, EvaluationLevel.FAILED]
DISTRIBUTION_YEARS = (2021, 2022, 2023, 2024, 2025)


def may_view(user) -> bool:
    return Perm.VIEW_EVALUATIONS in perms_of(user)


def may_manage(user) -> bool:
    return Perm.MANAGE_EVALUATIONS in perms_of(user)


def evaluations_for(user) -> QuerySet[Evaluation]:
    return Evaluation.objects.for_user(user)


def evaluation_list(
    *, user, unit: Unit, year: int | None = None, level: str = "", query: str = "", direct: bool = False
) -> QuerySet[Evaluation]:
    """A unit's evaluations (its whole subtree unless `direct`), filtered; in reach only."""
    from canbo.core.text import fold

    qs = evaluations_for(user).select_related("person", "unit", "scheme")
    qs = qs.filter(unit_id=unit.pk) if direct else qs.filter(unit_path__startswith=unit.path)
    if year:
        qs = qs.filter(year=year)
    if level:
        qs = qs.filter(level=level)
    if query:
        qs = qs.filter(person__name_key__contains=fold(query))
    return qs.order_by("-year", "unit_path", "person__sort_key", "person_id")


def evaluation_get(*, user, pk: int) -> Evaluation:
    item = evaluations_for(user).select_related("person", "unit", "scheme").filter(pk=pk).first()
    if item is None:
        raise Http404(pk)
    return item


def person_evaluations(*, person) -> list[Evaluation]:
    """A person's results (the caller has found the person within reach, or it is the user's own)."""
    return list(Evaluation.unscoped.filter(person_id=person.pk).select_related("unit", "scheme").order_by("-year"))


@dataclass
class Cell:
    total: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def share(self, level: str):
        from decimal import ROUND_HALF_UP, Decimal

        if not self.total:
            return None
        return (Decimal(self.counts.get(level, 0)) * 100 / self.total).quantize(Decimal("0.1"), ROUND_HALF_UP)

    def items(self):
        return [(level, self.counts.get(level, 0), self.share(level)) for level in LEVELS]


@dataclass
class DistributionRow:
    unit: Unit
    whole: bool  # the unit itself with its whole subtree
    years: dict[int, Cell]


def distribution(*, user, unit: Unit, years=DISTRIBUTION_YEARS) -> list[DistributionRow]:
    """Counts and shares per level for `unit` (its whole subtree) and each of its direct subordinate
    units (each with its subtree), year by year: one grouped query, then summed by path prefix."""
    children = list(Unit.unscoped.filter(parent_id=unit.pk).order_by("valid_to", "name"))
    grouped = (
        evaluations_for(user)
        .filter(unit_path__startswith=unit.path, year__in=list(years))
        .values_list("unit_path", "year", "level")
        .annotate(n=Count("id"))
    )
    rows = [DistributionRow(unit, True, {y: Cell() for y in years})]
    child_rows = {c.path: DistributionRow(c, False, {y: Cell() for y in years}) for c in children}
    base = len(unit.path)
    for path, year, level, n in grouped:
        # the subordinate unit holding `path`: the next segment of the tree path ("/1/5/" + "12/")
        segment = path[base:].split("/", 1)[0]
        child = child_rows.get(f"{unit.path}{segment}/") if segment else None
        for row in (rows[0], child) if child is not None else (rows[0],):
            cell = row.years[year]
            cell.total += n
            cell.counts[level] = cell.counts.get(level, 0) + n
    # closed subordinate units only when they hold evaluations of these years
    kept = [r for r in child_rows.values() if r.unit.valid_to is None or any(c.total for c in r.years.values())]
    return rows + kept


def own_evaluations(user) -> list[Evaluation]:
    """The user's own results (a cadre's self-service): never anyone else's."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return []
    return list(Evaluation.unscoped.filter(Q(person_id=person_id)).select_related("unit", "scheme").order_by("-year"))
