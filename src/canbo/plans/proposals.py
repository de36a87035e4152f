"""Proposed targets from needs: how many people of a unit need each kind of programme (from the
standards app's gap engine), as plan rows the officer adopts and edits before saving."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from canbo.orgs.models import Unit
from canbo.plans.choices import TargetGroup
from canbo.training.choices import Place
from canbo.training.models import ProgrammeKind


@dataclass
class Proposal:
    available: bool
    rows: list[dict] = field(default_factory=list)
    needs: list[tuple[ProgrammeKind, int]] = field(default_factory=list)


def _needs_by_kind():
    """The standards app's selector, when it is installed (it is built alongside this app)."""
    try:
        from canbo.standards.selectors import needs_by_kind
    except ImportError:
        return None
    return needs_by_kind


def propose(*, user, unit: Unit, year: int) -> Proposal:
    """One row per kind with people in need, dated at the start of the plan year."""
    needs_by_kind = _needs_by_kind()
    if needs_by_kind is None:
        return Proposal(available=False)
    day = (
        max(datetime.date(year, 1, 1), datetime.date.today())
        if year >= datetime.date.today().year
        else datetime.date(year, 1, 1)
    )
    needs = needs_by_kind(user=user, unit=unit, day=day) or {}
    kinds = {k.code: k for k in ProgrammeKind.objects.all()}
    result = Proposal(available=True)
    for code, count in sorted(needs.items(), key=lambda item: kinds[item[0]].order if item[0] in kinds else 999):
        kind = kinds.get(code)
        if kind is None or count <= 0:
            continue
        result.needs.append((kind, count))
        result.rows.append(
            {"kind": kind.pk, "group": TargetGroup.OTHER, "place": Place.IN_PROVINCE, "classes": 0, "turns": count}
        )
    return result
