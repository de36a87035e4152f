"""Reads of the org tree, always for an acting user: out-of-reach units are simply absent."""

from __future__ import annotations

import datetime

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from canbo.core.scope import Scope
from canbo.core.text import fold
from canbo.orgs.choices import UnitKind
from canbo.orgs.models import Unit, UnitSuccession

# Tree order under a unit: its own bodies first, then the levels below, as a province lists them.
KIND_ORDER = [
    UnitKind.PROVINCIAL_BODY,
    UnitKind.PARTY_COMMITTEE,
    UnitKind.MASS_ORGANISATION,
    UnitKind.DEPARTMENT,
    UnitKind.TRAINING_INSTITUTION,
    UnitKind.PUBLIC_SERVICE_UNIT,
    UnitKind.DISTRICT,
    UnitKind.WARD,
    UnitKind.TOWN,
    UnitKind.COMMUNE,
]
KIND_RANK = Case(
    *[When(kind=kind, then=Value(rank)) for rank, kind in enumerate(KIND_ORDER)],
    default=Value(len(KIND_ORDER)),
    output_field=IntegerField(),
)


def units_for(user) -> QuerySet[Unit]:
    return Unit.objects.for_user(user)


def home_unit(user) -> Unit | None:
    """The unit a user's pages open on: their own unit; the top of the tree for a user without one
    who reaches everything (a system administrator); None for a user who reaches nothing."""
    if user is not None and user.unit_id:
        return user.unit
    if Scope.for_user(user).unrestricted:
        return Unit.unscoped.filter(parent__isnull=True).order_by("path").first()
    return None


def reachable(*, user, units) -> list[Unit]:
    """Those of `units` within the user's reach (their own unit and its subtree), in order, once each."""
    scope = Scope.for_user(user)
    seen: set[int] = set()
    kept = []
    for unit in units:
        if unit is not None and unit.pk not in seen and scope.contains_path(unit.path):
            seen.add(unit.pk)
            kept.append(unit)
    return kept


def unit_get(*, user, code: str) -> Unit:
    """The unit with this code if the user reaches it; otherwise 404, whether it exists or not."""
    unit = units_for(user).select_related("parent").filter(code=code).first()
    if unit is None:
        raise Http404(code)
    return unit


def units_under(*, unit: Unit, day: datetime.date | None = None, scope: Scope) -> QuerySet[Unit]:
    """All units under `unit` (itself included) valid on `day`: one indexed query."""
    qs = Unit.objects.within(scope).filter(path__startswith=unit.path)
    return qs.valid_on(day) if day else qs


def tree_roots(*, user, day: datetime.date | None) -> list[Unit]:
    """The top of the user's visible tree: reached units whose parent is out of reach (or none)."""
    scope = Scope.for_user(user)
    qs = Unit.objects.within(scope)
    if day:
        qs = qs.valid_on(day)
    qs = qs.filter(parent__isnull=True) if scope.unrestricted else qs.filter(path__in=[path for path, _ in scope.roots])
    return list(_with_child_counts(qs, day))


def _with_child_counts(qs: QuerySet[Unit], day: datetime.date | None) -> QuerySet[Unit]:
    child_filter = Q()
    if day:
        child_filter = Q(children__valid_from__lte=day) & (
            Q(children__valid_to__isnull=True) | Q(children__valid_to__gte=day)
        )
    return qs.annotate(child_count=Count("children", filter=child_filter), kind_rank=KIND_RANK).order_by(
        F("valid_to").desc(nulls_first=True), "kind_rank", "name_key"
    )


def children_of(*, user, unit: Unit, day: datetime.date | None) -> list[Unit]:
    qs = units_for(user).filter(parent=unit)
    if day:
        qs = qs.valid_on(day)
    return list(_with_child_counts(qs, day))


def search_units(*, user, query: str, day: datetime.date | None, limit: int = 50) -> list[Unit]:
    """Diacritics-insensitive search by name or code: "thanh nua" finds "Xã Thanh Nưa"."""
    key = fold(query)
    if not key:
        return []
    qs = units_for(user).filter(Q(name_key__contains=key) | Q(code__icontains=query.strip()))
    if day:
        qs = qs.valid_on(day)
    return list(qs.select_related("parent").order_by("depth", "name")[:limit])


def ancestors(*, user, unit: Unit) -> list[tuple[Unit, bool]]:
    """Breadcrumb above a unit: each ancestor with whether the user may open it."""
    ids = unit.ancestor_ids()
    if not ids:
        return []
    found = {u.pk: u for u in Unit.unscoped.filter(pk__in=ids)}
    scope = Scope.for_user(user)
    return [(found[i], scope.contains_path(found[i].path)) for i in ids if i in found]


def successions_of(*, user, unit: Unit) -> dict[str, list[UnitSuccession]]:
    return {
        "successors": list(UnitSuccession.unscoped.filter(predecessor=unit).select_related("successor")),
        "predecessors": list(
            UnitSuccession.unscoped.filter(successor=unit)
            .select_related("predecessor", "predecessor__parent")
            .order_by("predecessor__path")
        ),
    }


def unit_counts(*, user, day: datetime.date) -> dict[str, int]:
    """Dashboard figures for the user's reach on `day`."""
    from canbo.orgs.choices import COMMUNE_LEVEL

    qs = units_for(user)
    valid = qs.valid_on(day)
    return {
        "units_open": valid.count(),
        "communes_open": valid.filter(kind__in=COMMUNE_LEVEL).count(),
        "units_closed": qs.filter(valid_to__lt=day).count(),
    }
