"""Pages of annual evaluation: a unit's list for a year, the record form with its steps, the
distribution by unit and year (with the people behind each figure and an Excel copy), the import,
the panel on a person's page, and a cadre's own page."""

from __future__ import annotations

import os
import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.careers import exports, selectors, services
from canbo.careers.choices import EvaluationLevel
from canbo.careers.forms import EvaluationForm
from canbo.careers.models import Evaluation
from canbo.careers.priority import own_priority_context
from canbo.core.errors import DomainError, raise_if_permission_refusal
from canbo.core.forms import apply_domain_error
from canbo.core.query import query_int
from canbo.orgs.models import Unit
from canbo.orgs.selectors import home_unit, unit_get
from canbo.people.selectors import person_get

PAGE_SIZE = 50


def _require(request, manage: bool = False) -> None:
    """Only leaders and HR see evaluations (within reach); anyone else gets a 404, never a hint."""
    allowed = selectors.may_manage(request.user) if manage else selectors.may_view(request.user)
    if not allowed:
        raise Http404


def _unit(request, code) -> Unit:
    return unit_get(user=request.user, code=code)


def _years() -> list[int]:
    this = timezone.localdate().year
    return list(range(this, 2019, -1))


@login_required
def index(request):
    """The careers hub: evaluation, succession pools, training priority and proposal, placement
    and emulation, each shown only to whom may open it (pools only with the pool permission)."""
    from canbo.accounts.permissions import Perm, can, perms_of

    user = request.user
    granted = perms_of(user)
    unit = home_unit(user)
    if unit is None or not (Perm.VIEW_EVALUATIONS in granted or Perm.VIEW_POOLS in granted):
        raise Http404
    links = []
    if selectors.may_view(user):
        links.append(("evaluations", reverse("careers:evaluations", args=[unit.code])))
        links.append(("distribution", reverse("careers:distribution", args=[unit.code])))
    if Perm.VIEW_POOLS in granted:
        links.append(("pools", reverse("pools:terms")))
    if can(user, Perm.VIEW_PEOPLE, unit) and granted & {Perm.VIEW_STANDARDS, Perm.NOMINATE, Perm.MANAGE_PLANS}:
        links.append(("priority", reverse("plans:priority", args=[unit.code])))
    if granted & {Perm.NOMINATE, Perm.MANAGE_PLANS}:
        links.append(("propose", reverse("plans:propose")))
    if Perm.VIEW_PEOPLE in granted:
        links.append(("placements", reverse("training:placements")))
    if can(user, Perm.VIEW_REPORTS, unit):
        links.append(("emulation", reverse("reports:emulation", args=[unit.code])))
    return render(
        request, "careers/index.html", {"unit": unit, "links": links, "has_pools": Perm.VIEW_POOLS in granted}
    )


@login_required
def home(request):
    _require(request)
    person = query_int(request.GET, "person", low=1)
    year = query_int(request.GET, "year", low=2000, high=2100)
    if person and year:  # the list's "record one person's result" form
        return redirect("careers:evaluation_edit", pk=person, year=year)
    unit = home_unit(request.user)
    if unit is None:
        raise Http404
    return redirect("careers:evaluations", code=unit.code)


@login_required
def evaluation_list(request, code):
    _require(request)
    unit = _unit(request, code)
    year = query_int(request.GET, "year", low=2000, high=2100)
    level = request.GET.get("level", "")
    level = level if level in EvaluationLevel.values else ""
    query = request.GET.get("q", "").strip()[:100]
    direct = request.GET.get("direct") == "1"
    qs = selectors.evaluation_list(user=request.user, unit=unit, year=year, level=level, query=query, direct=direct)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    people = []
    manage = selectors.may_manage(request.user)
    if manage:
        from canbo.people.models import Person

        people = list(
            Person.objects.for_user(request.user)
            .filter(unit_path__startswith=unit.path)
            .order_by("sort_key", "pk")
            .values_list("pk", "full_name")[:1000]
        )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "careers/list.html",
        {
            "unit": unit,
            "page": page,
            "year": year,
            "level": level,
            "q": query,
            "direct": direct,
            "levels": EvaluationLevel.choices,
            "years": _years(),
            "manage": manage,
            "people": people,
            "query_string": params.urlencode(),
            "new_year": year or timezone.localdate().year - 1,
        },
    )


def _units_for_form(user, person, evaluation):
    from canbo.orgs.selectors import units_for

    qs = units_for(user).order_by("path")
    keep = [u for u in (person.unit_id, evaluation.unit_id if evaluation else None) if u]
    return qs.filter(pk__in=keep) | qs.filter(valid_to__isnull=True)


@login_required
def evaluation_edit(request, pk, year):
    _require(request, manage=True)
    person = person_get(user=request.user, pk=pk)
    if not (2000 <= year <= timezone.localdate().year):
        raise Http404
    evaluation = Evaluation.objects.for_user(request.user).filter(person_id=person.pk, year=year).first()
    if evaluation is None and Evaluation.unscoped.filter(person_id=person.pk, year=year).exists():
        raise Http404  # the result is held by a unit outside the user's reach
    initial = {"unit": person.unit}
    if evaluation is not None:
        initial = {name: getattr(evaluation, name) for name in services.EVALUATION_FIELDS if name != "category"}
        initial["unit"] = evaluation.unit
        initial["version"] = evaluation.version
    form = EvaluationForm(
        request.POST or None, initial=initial, units=_units_for_form(request.user, person, evaluation)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            saved = services.evaluation_record(person=person, year=year, expected_version=version, **data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Đã ghi kết quả năm %(year)s của %(name)s: %(level)s.")
                % {"year": year, "name": person.full_name, "level": saved.get_level_display()},
            )
            return redirect(reverse("careers:evaluations", args=[saved.unit.code]) + f"?year={year}")
    from canbo.careers.rules import SchemeBook

    category = evaluation.category if evaluation else services.post_in_year(person, year)[0]
    scheme = SchemeBook().scheme_for(category, year)
    return render(
        request,
        "careers/form.html",
        {"form": form, "person": person, "year": year, "evaluation": evaluation, "scheme": scheme},
    )


@login_required
def distribution(request, code):
    _require(request)
    unit = _unit(request, code)
    rows = selectors.distribution(user=request.user, unit=unit)
    return render(
        request,
        "careers/distribution.html",
        {
            "unit": unit,
            "rows": rows,
            "years": selectors.DISTRIBUTION_YEARS,
            "levels": [(level, EvaluationLevel(level).label) for level in selectors.LEVELS],
        },
    )


@login_required
def distribution_xlsx(request, code):
    _require(request)
    unit = _unit(request, code)
    rows = selectors.distribution(user=request.user, unit=unit)
    content = exports.distribution_workbook(unit=unit, rows=rows, years=selectors.DISTRIBUTION_YEARS)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="xep-loai-{unit.code.lower()}.xlsx"'
    return response


@login_required
def evaluation_import(request, code):
    """Results from Excel through the same importer as `canbo import evaluations`: checked first
    ("Chỉ kiểm tra"), written only when every row is valid."""
    from canbo.careers.imports import import_evaluations

    _require(request, manage=True)
    unit = _unit(request, code)
    result = None
    upload = request.FILES.get("file")
    if request.method == "POST" and upload is not None:
        suffix = os.path.splitext(upload.name)[1].lower()[:5] or ".xlsx"
        with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            # A column read without certainty is written only once the officer has seen how it was
            # read and said so (as on the people upload and the command's --accept-doubtful).
            result = import_evaluations(
                handle.name,
                unit=unit,
                dry_run="check" in request.POST,
                accept_doubtful="accept_doubtful" in request.POST,
            )
        except DomainError as error:
            raise_if_permission_refusal(error)
            messages.error(request, " ".join(error.messages))
        finally:
            os.unlink(handle.name)
        if result is not None and result.written:
            messages.success(
                request,
                _("Đã nhập %(c)s kết quả mới, cập nhật %(u)s kết quả.") % {"c": result.created, "u": result.updated},
            )
            return redirect("careers:evaluations", code=unit.code)
    return render(request, "careers/upload.html", {"unit": unit, "result": result})


@login_required
def person_panel(request, pk):
    """The evaluations section of a person's page (htmx): for those who see evaluations and reach the
    person, and for the person themselves; empty for anyone else."""
    person = person_get(user=request.user, pk=pk)
    own = getattr(request.user, "person_id", None) == person.pk
    if not (selectors.may_view(request.user) or own):
        return HttpResponse("")
    if own:
        items = selectors.person_evaluations(person=person)
    else:
        items = list(
            selectors.evaluations_for(request.user)
            .filter(person_id=person.pk)
            .select_related("unit", "scheme")
            .order_by("-year")
        )
    return render(
        request,
        "careers/_person_evaluations.html",
        {
            "person": person,
            "items": items,
            "manage": selectors.may_manage(request.user),
            "last_year": timezone.localdate().year - 1,
        },
    )


@login_required
def mine(request):
    """A cadre's own evaluations and training priority: never anyone else's, never pools."""
    person = request.user.person if request.user.person_id else None
    context = {"items": selectors.own_evaluations(request.user), "person": person}
    context.update(own_priority_context(request.user))
    return render(request, "careers/mine.html", context)
