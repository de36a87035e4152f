"""Emulation (thi đua): the units under a unit ranked for a year, and the best learners of the
year, on a page and as an Excel workbook for the emulation council. VIEW_REPORTS within reach;
another unit answers 404."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from canbo.accounts.decorators import require_perm
from canbo.accounts.permissions import Perm, can
from canbo.careers import emulation
from canbo.core.dates import today
from canbo.core.query import query_int
from canbo.reports.views import _unit, _year


def _top(request) -> int:
    return query_int(request.GET, "top", default=emulation.DEFAULT_TOP, low=1, high=100)


def _links(user, em: emulation.Emulation) -> dict[int, dict[str, str]]:
    """Per unit, the pages behind each figure the user may open: the plan-vs-actual page, the
    standards page at the rate's date, the evaluation list filtered to the unit and year."""
    year = {"year": em.year}
    day = {} if em.day == today() else {"day": em.day.strftime("%d/%m/%Y")}
    links = {}
    for row in em.rows:
        unit, mine = row.unit, {}
        if can(user, Perm.VIEW_PLANS, unit):
            mine["plan"] = reverse("plans:unit_pva", args=[unit.code]) + "?" + urlencode(year)
            mine["actual"] = reverse("plans:unit_actual", args=[unit.code]) + "?" + urlencode(year)
        if can(user, Perm.VIEW_STANDARDS, unit):
            mine["standards"] = reverse("standards:unit", args=[unit.code]) + ("?" + urlencode(day) if day else "")
        if can(user, Perm.VIEW_EVALUATIONS, unit):
            mine["evaluation"] = reverse("careers:evaluations", args=[unit.code]) + "?" + urlencode(year)
        links[unit.pk] = mine
    return links


@require_perm(Perm.VIEW_REPORTS)
def emulation_page(request, code):
    unit = _unit(request, code)
    year = _year(request)
    top = _top(request)
    em = emulation.ranking(user=request.user, unit=unit, year=year)
    links = _links(request.user, em)
    total = sum(em.weights.values())
    context = {
        "unit": unit,
        "year": year,
        "top": top,
        "em": em,
        "rows": [(row, links.get(row.unit.pk, {})) for row in em.rows],
        "weights": [(emulation.criterion_label(k), 100 * em.weights[k] / total) for k in emulation.CRITERIA],
        "learners": emulation.best_learners(user=request.user, unit=unit, year=year, top=top),
        "can_people": can(request.user, Perm.VIEW_PEOPLE),
        "years": list(range(today().year, 2019, -1)),
    }
    return render(request, "reports/emulation.html", context)


@require_perm(Perm.VIEW_REPORTS)
def emulation_xlsx(request, code):
    from canbo.careers.emulation_export import emulation_xlsx as build

    unit = _unit(request, code)
    year = _year(request)
    em = emulation.ranking(user=request.user, unit=unit, year=year)
    learners = emulation.best_learners(user=request.user, unit=unit, year=year, top=_top(request))
    response = HttpResponse(
        build(em, learners), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="thi-dua-{unit.code}-{year}.xlsx"'
    return response
