"""Report pages: the dashboard (year and unit filters by htmx) and the statistical forms."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from canbo.accounts.decorators import require_perm
from canbo.accounts.permissions import Perm, can
from canbo.core.dates import today
from canbo.core.query import query_int
from canbo.orgs.models import Unit
from canbo.orgs.selectors import home_unit, reachable
from canbo.plans.selectors import children_in_year, unit_get
from canbo.reports.dashboard import dashboard as build_dashboard
from canbo.reports.dashboard import dashboard_year, quality_panel
from canbo.reports.models import StatForm
from canbo.reports.statforms import cell_records, fill, print_context, to_pdf, to_xlsx


def _year(request) -> int:
    return query_int(request.GET, "year", default=today().year, low=2000, high=2100)


def _unit(request, code: str | None) -> Unit:
    """The unit asked for, only within the user's reach (their unit and its subtree): else 404."""
    unit = unit_get(user=request.user, code=code) if code else home_unit(request.user)
    if unit is None or not can(request.user, Perm.VIEW_REPORTS, unit):
        raise Http404
    return unit


@require_perm(Perm.VIEW_REPORTS)
def dashboard(request):
    unit = _unit(request, request.GET.get("unit", "").strip().upper() or None)
    # Without a year asked for: the latest year the unit trained anyone (not an empty current year).
    year = query_int(request.GET, "year", low=2000, high=2100) or dashboard_year(unit)
    # The user's own unit, the one shown and its units of that year; never a unit out of reach.
    choices = reachable(user=request.user, units=[home_unit(request.user), unit, *children_in_year(unit, year)])
    context = {
        "board": build_dashboard(user=request.user, unit=unit, year=year),
        "unit": unit,
        "year": year,
        "years": list(range(today().year, 2019, -1)),
        "choices": choices,
    }
    if request.htmx:
        return render(request, "reports/dashboard.html#body", context)
    return render(request, "reports/dashboard.html", context)


@require_perm(Perm.VIEW_REPORTS)
def dashboard_quality(request):
    unit = _unit(request, request.GET.get("unit", "").strip().upper() or None)
    return render(request, "reports/_quality.html", {"quality": quality_panel(unit=unit)})


@require_perm(Perm.VIEW_REPORTS)
def unit_forms(request, code):
    unit = _unit(request, code)
    forms = StatForm.objects.filter(is_active=True)
    return render(
        request,
        "reports/forms.html",
        {"unit": unit, "forms": forms, "year": _year(request), "years": list(range(today().year, 2019, -1))},
    )


def _filled(request, code):
    unit = _unit(request, code)
    form = StatForm.objects.filter(code=request.GET.get("form", ""), is_active=True).first()
    if form is None:
        raise Http404
    year = _year(request)
    return form, unit, year, fill(form, unit, year=year)


@require_perm(Perm.VIEW_REPORTS)
def unit_form_xlsx(request, code):
    form, unit, year, filled = _filled(request, code)
    response = HttpResponse(
        to_xlsx(filled),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{form.code}-{unit.code}-{year}.xlsx"'
    return response


@require_perm(Perm.VIEW_REPORTS)
def unit_form_pdf(request, code):
    form, unit, year, filled = _filled(request, code)
    response = HttpResponse(to_pdf(filled, base_url=request.build_absolute_uri("/")), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{form.code}-{unit.code}-{year}.pdf"'
    return response


@require_perm(Perm.VIEW_REPORTS)
def unit_form_view(request, code):
    """The filled form on screen, each figure a link to the records behind it."""
    form, unit, year, filled = _filled(request, code)
    drillable = form.kind == "training" or bool(form.layout.get("rows"))
    context = {"form": form, "unit": unit, "year": year, "drillable": drillable, **print_context(filled)}
    return render(request, "reports/form_view.html", context)


@require_perm(Perm.VIEW_REPORTS)
def unit_form_cell(request, code):
    """The enrolments, classes or people one figure of a form counts, within the user's reach."""
    from canbo.people.models import Person
    from canbo.training.models import Enrolment

    unit = _unit(request, code)
    form = StatForm.objects.filter(code=request.GET.get("form", ""), is_active=True).first()
    row = query_int(request.GET, "row", low=0, high=10_000)
    col = query_int(request.GET, "col", low=0, high=10_000)
    if form is None or row is None or col is None:
        raise Http404
    year = _year(request)
    found = cell_records(form, unit, year=year, row=row, col=col)
    if found is None:
        raise Http404
    what, records = found
    context = {"form": form, "unit": unit, "year": year, "what": what, "limit": CELL_LIMIT}
    if what == "people":
        people = Person.objects.for_user(request.user).filter(pk__in=records).select_related("unit")
        context["people"] = list(people.order_by("name_key", "pk")[:CELL_LIMIT])
        context["total"] = len(records)
    elif what == "classes":
        context["classes"] = list(
            records.select_related("organiser", "programme").order_by("end_date", "pk")[:CELL_LIMIT]
        )
        context["total"] = records.count()
    else:
        visible = Enrolment.objects.for_user(request.user).filter(pk__in=records.values("pk"))
        context["enrolments"] = list(
            visible.select_related("person", "unit", "training_class").order_by("completed_on", "pk")[:CELL_LIMIT]
        )
        context["total"] = records.count()
    return render(request, "reports/form_cell.html", context)


CELL_LIMIT = 2000
