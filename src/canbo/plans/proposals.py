"""Proposed targets from needs: how many people of a unit need each kind of programme (from the
standards app's gap engine), as plan rows the officer adopts and edits before saving.

Part of a need may have a deadline: people who did not meet a standard when it took effect are
"trong thời hạn chuẩn hoá" until the date the rule gives (NĐ 33/2023 Điều 38: 01/08/2028). The
proposal says how many and by when, so the plan schedules them before their deadline."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from canbo.core.text import format_number
from canbo.orgs.models import Unit
from canbo.plans.choices import TargetGroup
from canbo.training.choices import Place
from canbo.training.models import ProgrammeKind


@dataclass
class Deadline:
    """`people` of a need who are in a transition that ends on `until`."""

    people: int
    until: datetime.date | None


@dataclass
class NeedLine:
    kind: ProgrammeKind
    people: int
    deadlines: list[Deadline] = field(default_factory=list)


@dataclass
class Proposal:
    available: bool
    day: datetime.date | None = None
    rows: list[dict] = field(default_factory=list)
    needs: list[NeedLine] = field(default_factory=list)

    @property
    def deadline_note(self) -> str:
        """The deadlines in words, for the plan's note: "Theo nhu cầu ngày 01/01/2027, trong thời
        hạn chuẩn hoá: Đào tạo chuyên môn: 2 người đến 01/08/2028." Empty when there are none."""
        parts = [
            _("%(kind)s: %(n)s người đến %(day)s")
            % {"kind": line.kind.name, "n": format_number(d.people), "day": d.until.strftime("%d/%m/%Y")}
            for line in self.needs
            for d in line.deadlines
            if d.until
        ]
        if not parts or self.day is None:
            return ""
        return _("Theo nhu cầu ngày %(day)s, người trong thời hạn chuẩn hoá: %(list)s.") % {
            "day": self.day.strftime("%d/%m/%Y"),
            "list": "; ".join(parts),
        }


def _selectors():
    """The standards app's selectors, when it is installed (it is built alongside this app)."""
    try:
        from canbo.standards import selectors
    except ImportError:
        return None
    return selectors


def propose(*, user, unit: Unit, year: int) -> Proposal:
    """One row per kind with people in need, dated at the start of the plan year, with the part
    of each need that is in a transition and its deadline."""
    selectors = _selectors()
    if selectors is None:
        return Proposal(available=False)
    day = (
        max(datetime.date(year, 1, 1), datetime.date.today())
        if year >= datetime.date.today().year
        else datetime.date(year, 1, 1)
    )
    needs = selectors.needs_by_kind(user=user, unit=unit, day=day) or {}
    deadlines: dict[str, list[Deadline]] = {}
    if needs:
        for t in selectors.transition_needs(user=user, unit=unit, day=day):
            deadlines.setdefault(t.kind_code, []).append(Deadline(t.people, t.deadline))
    kinds = {k.code: k for k in ProgrammeKind.objects.all()}
    result = Proposal(available=True, day=day)
    for code, count in sorted(needs.items(), key=lambda item: kinds[item[0]].order if item[0] in kinds else 999):
        kind = kinds.get(code)
        if kind is None or count <= 0:
            continue
        result.needs.append(NeedLine(kind, count, deadlines.get(code, [])))
        result.rows.append(
            {"kind": kind.pk, "group": TargetGroup.OTHER, "place": Place.IN_PROVINCE, "classes": 0, "turns": count}
        )
    return result
