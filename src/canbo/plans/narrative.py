"""The paragraph an annual report needs ("tổ chức 341 lớp … 27.071 lượt người, đạt 104,2% kế hoạch").

Numbers use the Vietnamese format whatever the language (27.071; 104,2%). The province's own
figure carries one decimal, as the Sở Nội vụ writes it; lower units' percentages are whole, as
district reports write them (override with `decimals`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from canbo.core.text import format_number, format_percent
from canbo.orgs.models import Unit
from canbo.people.models import Body
from canbo.people.selectors import body_profile
from canbo.plans.selectors import Figure, PlanVsActual, plan_vs_actual


def pct(value: float | None, decimals: int) -> str:
    return format_percent(value, decimals)


def default_decimals(unit: Unit) -> int:
    return 1 if unit.parent_id is None else 0


@dataclass
class BodyLine:
    body: Body
    total: int
    university: int
    politics: int

    def text(self) -> str:
        return _(
            "%(body)s: %(u)s/%(n)s đồng chí có trình độ chuyên môn từ đại học trở lên; "
            "%(p)s/%(n)s đồng chí có trình độ từ trung cấp lý luận chính trị trở lên."
        ) % {"body": self.body.name, "u": self.university, "p": self.politics, "n": self.total}


def bodies_in_year(unit: Unit, year: int) -> list[BodyLine]:
    """The collective bodies (Party committee, …) of a commune in force in `year`, with their profile."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    lines = []
    bodies = Body.unscoped.filter(unit=unit, term_start__lte=last).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=first)
    )
    for body in bodies.order_by("term_start", "name"):
        day = min(last, body.term_end) if body.term_end else last
        profile = body_profile(body=body, day=day)
        if not profile.total:
            continue
        lines.append(
            BodyLine(
                body,
                profile.total,
                profile.ladders["professional"].at_or_above("dai_hoc"),
                profile.ladders["politics"].at_or_above("trung_cap"),
            )
        )
    return lines


def _kind_parts(pva: PlanVsActual) -> str:
    parts = [
        _("%(kind)s %(turns)s lượt") % {"kind": f.kind.short_name or f.kind.name, "turns": format_number(f.turns)}
        for f in pva.by_kind
        if f.turns
    ]
    return "; ".join(parts)


def _child_part(f: Figure, decimals: int) -> str:
    if f.planned_turns:
        return _("%(unit)s %(turns)s/%(planned)s lượt người (%(pct)s)") % {
            "unit": f.unit.name,
            "turns": format_number(f.turns),
            "planned": format_number(f.planned_turns),
            "pct": pct(f.percent, decimals),
        }
    return _("%(unit)s %(turns)s lượt người") % {"unit": f.unit.name, "turns": format_number(f.turns)}


@dataclass
class Summary:
    pva: PlanVsActual
    decimals: int
    bodies: list[BodyLine]

    @property
    def paragraphs(self) -> list[str]:
        pva, total = self.pva, self.pva.total
        values = {
            "year": pva.year,
            "unit": pva.unit.name,
            "classes": format_number(total.classes),
            "turns": format_number(total.turns),
            "people": format_number(total.people),
        }
        if total.planned_turns:
            first = _(
                "Năm %(year)s, %(unit)s tổ chức %(classes)s lớp đào tạo, bồi dưỡng; đào tạo, bồi dưỡng "
                "%(turns)s lượt người (%(people)s người), đạt %(pct)s kế hoạch (%(turns)s/%(planned)s lượt người)."
            ) % {**values, "pct": pct(total.percent, self.decimals), "planned": format_number(total.planned_turns)}
        else:
            first = (
                _(
                    "Năm %(year)s, %(unit)s tổ chức %(classes)s lớp đào tạo, bồi dưỡng; đào tạo, bồi dưỡng "
                    "%(turns)s lượt người (%(people)s người); đơn vị chưa có kế hoạch năm %(year)s."
                )
                % values
            )
        kinds = _kind_parts(pva)
        if kinds:
            first += " " + _("Trong đó: %(kinds)s.") % {"kinds": kinds}
        result = [first]
        children = [c for c, _k in pva.children if c.turns or c.planned_turns]
        if children:
            child_decimals = 0 if self.decimals == default_decimals(pva.unit) else self.decimals
            result.append(
                _("Kết quả của các đơn vị trực thuộc: %(parts)s.")
                % {"parts": "; ".join(_child_part(c, child_decimals) for c in children)}
            )
        result.extend(line.text() for line in self.bodies)
        return result

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def unit_summary(*, user, unit: Unit, year: int, decimals: int | None = None) -> Summary:
    pva = plan_vs_actual(user=user, unit=unit, year=year)
    bodies = bodies_in_year(unit, year) if unit.is_commune_level else []
    return Summary(pva=pva, decimals=default_decimals(unit) if decimals is None else decimals, bodies=bodies)
