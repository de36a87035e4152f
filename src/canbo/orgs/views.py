"""Pages of the org tree: browse (htmx expansion), search, detail with history, create/edit/close."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from canbo.accounts.decorators import require_perm
from canbo.accounts.permissions import Perm, can, can_manage_unit, reach_of
from canbo.core import audit
from canbo.core.dates import parse_day, today
from canbo.core.errors import DomainError
from canbo.core.forms import apply_domain_error
from canbo.core.history import readable
from canbo.orgs import selectors, services
from canbo.orgs.forms import UnitCloseForm, UnitForm
from canbo.plans.selectors import plans_for


def _day(request):
    """The "as of" date of the tree: today unless asked; `all=1` shows closed units too."""
    if request.GET.get("all") == "1":
        return None
    return parse_day(request.GET.get("day"), today())


@require_perm(Perm.VIEW_UNITS)
def tree(request):
    day = _day(request)
    query = request.GET.get("q", "").strip()
    context = {"day": day, "query": query, "show_all": day is None}
    if query:
        context["results"] = selectors.search_units(user=request.user, query=query, day=day)
    else:
        context["roots"] = selectors.tree_roots(user=request.user, day=day)
    if request.htmx and request.htmx.target == "tree-body":
        return render(request, "orgs/tree.html#tree-body", context)
    return render(request, "orgs/tree.html", context)


@require_perm(Perm.VIEW_UNITS)
def children(request, code):
    unit = selectors.unit_get(user=request.user, code=code)
    day = _day(request)
    nodes = selectors.children_of(user=request.user, unit=unit, day=day)
    return render(request, "orgs/_nodes.html", {"nodes": nodes, "day": day})


@require_perm(Perm.VIEW_UNITS)
def detail(request, code):
    unit = selectors.unit_get(user=request.user, code=code)
    day = today()
    context = {
        "unit": unit,
        "links": _unit_links(request.user, unit, day),
        "open_all": selectors.open_units(user=request.user, under=unit, day=day).count(),
        "open_direct": selectors.open_units(user=request.user, under=unit, day=day, direct=True).count(),
        "crumbs": selectors.ancestors(user=request.user, unit=unit),
        "children": selectors.children_of(user=request.user, unit=unit, day=None),
        "day": day,
        "can_manage": can_manage_unit(request.user, unit),
        # A root (the province) is never closed from its page: the tree would lose its top.
        "can_close": can_manage_unit(request.user, unit) and unit.parent_id is not None and not unit.valid_to,
        "can_add_child": can(request.user, Perm.MANAGE_UNITS, unit),
        "can_history": can(request.user, Perm.VIEW_CHANGELOG, unit),
        **selectors.successions_of(user=request.user, unit=unit),
    }
    return render(request, "orgs/detail.html", context)


def _unit_links(user, unit, day) -> dict[str, str]:
    """The unit's work pages the user may open: its people, standards, plan, classes and reports."""
    links = {}
    if reach_of(user).person_only:  # a cadre reaches their own record, not the unit's lists
        return links
    if can(user, Perm.VIEW_PEOPLE, unit):
        links["people"] = f"{reverse('people:list')}?unit={unit.code}"
    if can(user, Perm.VIEW_STANDARDS, unit):
        links["standards"] = reverse("standards:unit", args=[unit.code])
    if can(user, Perm.VIEW_PLANS, unit):
        plans = plans_for(user).filter(unit=unit, year__lte=day.year + 1)
        plan = plans.filter(year=day.year).first() or plans.order_by("-year").first()
        if plan is not None:
            links["plan"] = reverse("plans:detail", args=[plan.pk])
            links["plan_year"] = plan.year
        else:
            links["plan"] = reverse("plans:unit_pva", args=[unit.code])
    if can(user, Perm.VIEW_TRAINING, unit):
        links["classes"] = f"{reverse('training:classes')}?unit={unit.code}"
    if can(user, Perm.VIEW_REPORTS, unit):
        links["reports"] = f"{reverse('reports:dashboard')}?unit={unit.code}"
        links["forms"] = reverse("reports:unit_forms", args=[unit.code])
    return links


@require_perm(Perm.VIEW_CHANGELOG)
def history(request, code):
    unit = selectors.unit_get(user=request.user, code=code)
    entries = readable(list(audit.history(unit)[:200]))
    template = "core/_history.html" if request.htmx else "orgs/history.html"
    return render(request, template, {"unit": unit, "entries": entries, "object": unit})


@require_perm(Perm.MANAGE_UNITS)
def create(request):
    parent = None
    if request.GET.get("parent"):
        parent = selectors.unit_get(user=request.user, code=request.GET["parent"])
    initial = {"parent": parent, "valid_from": today()}
    form = UnitForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            unit = services.unit_create(**data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã tạo đơn vị “%(name)s”.") % {"name": unit.name})
            return redirect("orgs:detail", code=unit.code)
    return render(request, "orgs/form.html", {"form": form, "parent": parent, "creating": True})


@login_required
def edit(request, code):
    unit = selectors.unit_get(user=request.user, code=code)
    if not can_manage_unit(request.user, unit):
        raise PermissionDenied
    initial = {f: getattr(unit, f) for f in services.EDITABLE_FIELDS} | {"version": unit.version}
    form = UnitForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        changed = {k: v for k, v in data.items() if k in form.changed_data}
        try:
            unit = services.unit_update(unit=unit, expected_version=version, **changed)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã lưu thay đổi của “%(name)s”.") % {"name": unit.name})
            return redirect("orgs:detail", code=unit.code)
    return render(request, "orgs/form.html", {"form": form, "unit": unit, "creating": False})


@login_required
def close(request, code):
    unit = selectors.unit_get(user=request.user, code=code)
    if not can_manage_unit(request.user, unit):
        raise PermissionDenied
    form = UnitCloseForm(request.POST or None, initial={"valid_to": today(), "version": unit.version})
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_close(
                unit=unit,
                valid_to=form.cleaned_data["valid_to"],
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã đóng đơn vị “%(name)s”.") % {"name": unit.name})
            return redirect("orgs:detail", code=unit.code)
    return render(request, "orgs/close.html", {"form": form, "unit": unit})
