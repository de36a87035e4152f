"""Reads of plans and plan-vs-actual, always for an acting user (out-of-reach units are not found).

Actual figures come from `TrainingSummary` (a handful of rows per unit), never from enrolments; the
drill-down lists the enrolments behind one figure with the same rules as the summaries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet, Sum
from django.http import Http404

from canbo.accounts.permissions import Perm, can, reach_of
from canbo.orgs.models import Unit
from canbo.plans.choices import PlanStatus
from canbo.plans.models import Plan, PlanTarget, TrainingSummary
from canbo.plans.summaries import UNCOUNTED_CLASS_STATUSES
from canbo.training.choices import ClassStatus
from canbo.training.models import Enrolment, ProgrammeKind, TrainingClass


def plans_for(user) -> QuerySet[Plan]:
    return Plan.objects.for_user(user).select_related("unit")


def plan_get(*, user, pk: int) -> Plan:
    plan = plans_for(user).filter(pk=pk).first()
    if plan is None or not can(user, Perm.VIEW_PLANS, plan.unit):
        raise Http404
    return plan


def editable_plans_for(*, user, unit: Unit) -> list[Plan]:
    """The plans of `unit` the user may still add people to (drafts or returned, within reach and
    with the right to manage them), latest year first: the needs list offers them."""
    if not can(user, Perm.MANAGE_PLANS, unit):
        return []
    return list(plans_for(user).filter(unit=unit, status__in=(PlanStatus.DRAFT, PlanStatus.RETURNED)).order_by("-year"))


def unit_get(*, user, code: str) -> Unit:
    unit = Unit.objects.for_user(user).filter(code=code).first()
    if unit is None:
        raise Http404
    return unit


def year_span(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def children_in_year(unit: Unit, year: int) -> list[Unit]:
    """The unit's direct children that existed at some time in `year` (the tree as it stood then)."""
    first, last = year_span(year)
    return list(
        Unit.unscoped.filter(parent=unit, valid_from__lte=last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .order_by("name_key")
    )


def percent(actual: int, planned: int) -> float | None:
    return None if not planned else 100.0 * actual / planned


@dataclass
class Figure:
    """Planned and actual figures of one unit (whole subtree for actual) and one kind (None = all)."""

    unit: Unit
    kind: ProgrammeKind | None
    planned_turns: int = 0
    planned_classes: int = 0
    turns: int = 0
    people: int = 0
    classes: int = 0
    has_plan: bool = False

    @property
    def percent(self) -> float | None:
        return percent(self.turns, self.planned_turns)


@dataclass
class PlanVsActual:
    unit: Unit
    year: int
    kinds: list[ProgrammeKind]
    total: Figure  # the unit's own plan against its whole subtree
    by_kind: list[Figure]
    children: list[tuple[Figure, list[Figure]]] = field(default_factory=list)  # (child total, per kind)
    own_plan: Plan | None = None
    children_planned: dict[int | None, int] = field(default_factory=dict)  # roll-up of children's plans

    def children_rollup(self, kind_id: int | None) -> int:
        return self.children_planned.get(kind_id, 0)


def _actuals(year: int, unit_ids: list[int]) -> dict[tuple[int, int | None], tuple[int, int, int]]:
    rows = TrainingSummary.objects.filter(year=year, unit_id__in=unit_ids).values_list(
        "unit_id", "kind_id", "turns", "people", "classes"
    )
    return {(u, k): (t, p, c) for u, k, t, p, c in rows}


def _planned(year: int, unit_ids: list[int]) -> tuple[dict[tuple[int, int], tuple[int, int]], dict[int, Plan]]:
    plans = {p.unit_id: p for p in Plan.unscoped.filter(year=year, unit_id__in=unit_ids)}
    sums = (
        PlanTarget.unscoped.filter(plan__in=list(plans.values()))
        .values("plan__unit_id", "kind_id")
        .annotate(turns=Sum("turns"), classes=Sum("classes"))
    )
    return {(r["plan__unit_id"], r["kind_id"]): (r["turns"], r["classes"]) for r in sums}, plans


def _figures(unit: Unit, kinds, actual, planned, plans) -> tuple[Figure, list[Figure]]:
    per_kind = []
    for kind in kinds:
        t, p, c = actual.get((unit.pk, kind.pk), (0, 0, 0))
        pt, pc = planned.get((unit.pk, kind.pk), (0, 0))
        per_kind.append(Figure(unit, kind, pt, pc, t, p, c, unit.pk in plans))
    t, p, c = actual.get((unit.pk, None), (0, 0, 0))
    total = Figure(
        unit,
        None,
        sum(f.planned_turns for f in per_kind),
        sum(f.planned_classes for f in per_kind),
        t,
        p,
        c,
        unit.pk in plans,
    )
    return total, per_kind


def plan_vs_actual(*, user, unit: Unit, year: int) -> PlanVsActual:
    """Plan vs actual of `unit` (own plan against its whole subtree) and of each child that year."""
    if not (can(user, Perm.VIEW_PLANS, unit) or can(user, Perm.VIEW_REPORTS, unit)):
        raise Http404
    children = children_in_year(unit, year)
    ids = [unit.pk, *(c.pk for c in children)]
    actual = _actuals(year, ids)
    planned, plans = _planned(year, ids)
    kinds = list(ProgrammeKind.objects.all())
    total, by_kind = _figures(unit, kinds, actual, planned, plans)
    result = PlanVsActual(unit=unit, year=year, kinds=kinds, total=total, by_kind=by_kind, own_plan=plans.get(unit.pk))
    rollup: dict[int | None, int] = {}
    for child in children:
        child_total, child_kinds = _figures(child, kinds, actual, planned, plans)
        result.children.append((child_total, child_kinds))
        for f in child_kinds:
            rollup[f.kind.pk] = rollup.get(f.kind.pk, 0) + f.planned_turns
        rollup[None] = rollup.get(None, 0) + child_total.planned_turns
    result.children_planned = rollup
    return result


def enrolments_behind(*, user, unit: Unit, year: int, kind: ProgrammeKind | None = None) -> QuerySet[Enrolment]:
    """The completed enrolments a plan-vs-actual figure counts (the drill-down), within the user's reach."""
    if not (can(user, Perm.VIEW_PLANS, unit) or can(user, Perm.VIEW_REPORTS, unit)):
        raise Http404
    first, last = year_span(year)
    qs = (
        Enrolment.objects.within(reach_of(user))
        .filter(unit_path__startswith=unit.path, completed_on__gte=first, completed_on__lte=last)
        .exclude(training_class__status=ClassStatus.CANCELLED)
    )
    if kind is not None:
        qs = qs.filter(training_class__programme__kind=kind)
    return qs.select_related("person", "unit", "training_class", "training_class__programme").order_by(
        "completed_on", "id"
    )


def classes_behind(*, user, unit: Unit, year: int, kind: ProgrammeKind | None = None) -> QuerySet[TrainingClass]:
    if not (can(user, Perm.VIEW_PLANS, unit) or can(user, Perm.VIEW_REPORTS, unit)):
        raise Http404
    first, last = year_span(year)
    qs = TrainingClass.unscoped.filter(
        organiser__path__startswith=unit.path, end_date__gte=first, end_date__lte=last
    ).exclude(status__in=UNCOUNTED_CLASS_STATUSES)
    if kind is not None:
        qs = qs.filter(programme__kind=kind)
    return qs.select_related("programme", "organiser").order_by("end_date", "code")


def actual_turns(*, unit: Unit, year: int, kind: ProgrammeKind | None = None) -> int:
    row = TrainingSummary.objects.filter(year=year, unit=unit, kind=kind).values_list("turns", flat=True).first()
    return row or 0


# --- the home's inbox and dashboard year ---------------------------------------------------------


def inbox_plans_to_review(user) -> QuerySet[Plan]:
    """Submitted plans of any year that `user` may approve or return: the set form of
    `services.can_review` (the parent unit's HR role; a root unit's plan, the province's)."""
    from canbo.accounts.choices import Role
    from canbo.accounts.permissions import perms_of
    from canbo.plans.choices import PlanStatus

    submitted = plans_for(user).filter(status=PlanStatus.SUBMITTED)
    if Perm.APPROVE_PLANS not in perms_of(user):
        return submitted.none()
    if user.has_role(Role.SYSTEM_ADMIN):
        return submitted
    if user.unit_id is None:
        return submitted.none()
    # Within the user's subtree, a unit below the user's own has its parent within reach; the
    # user's own unit is never approved by its own officers, except the root by the province.
    condition = ~Q(unit_id=user.unit_id)
    if user.has_role(Role.PROVINCE_HR_ADMIN):
        condition |= Q(unit_id=user.unit_id, unit__parent__isnull=True)
    return submitted.filter(condition)


def latest_data_year(*, unit: Unit, until: int) -> int | None:
    """The latest year up to `until` in which `unit`'s subtree trained anyone (its kept summary)."""
    return (
        TrainingSummary.objects.filter(unit=unit, kind__isnull=True, turns__gt=0, year__lte=until)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
