"""Pages of the training priority and of the optimised proposal.

- `plans:priority` — a unit's people ranked by training priority, with the reasons in words,
  paginated, and its Excel copy (`plans:priority_xlsx`).
- `plans:propose` — the proposal for a unit's subtree and a year (optionally a budget), places
  grouped by class with each place's explanation; the officer unticks what they do not want and
  accepts (`plans:propose_accept`): ticked places become nominations through the training
  services, each refused one named with its reason.

Pool parts (a place in a succession pool, the gaps of the pooled post) count and show only for
users with the pool permission for the unit, and each such display is logged like sensitive
fields. The proposal runs inline (the solver's time limit bounds it, `propose.PAGE_TIME_LIMIT`).
"""

from __future__ import annotations

import io
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from canbo.accounts.decorators import require_perm
from canbo.accounts.permissions import Perm, can, perms_of
from canbo.core.dates import today
from canbo.core.query import query_int
from canbo.core.spreadsheet import escape_formula
from canbo.orgs.models import Unit
from canbo.people.models import Person
from canbo.plans.selectors import unit_get

PAGE = 50


def _may_propose(user, unit: Unit) -> bool:
    return can(user, Perm.MANAGE_PLANS, unit) or can(user, Perm.NOMINATE, unit)


def _log_pools(user, people_ids, where: str) -> None:
    """Pool lists are confidential: each display of pool parts is recorded."""
    from canbo.accounts.services import log_sensitive_access

    ids = sorted(set(people_ids))
    if ids:
        log_sensitive_access(
            user=user, fields=["pool"], where=where, people=Person.unscoped.filter(pk__in=ids).only("pk")
        )


def _ranked(request, unit: Unit):
    from canbo.careers.priority import priorities, ranked

    day = today()
    include_pools = can(request.user, Perm.VIEW_POOLS, unit)
    found = priorities(unit=unit, day=day, year=day.year, include_pools=include_pools)
    from canbo.accounts.permissions import reach_of

    scope = reach_of(request.user)
    rows = [p for p in ranked(found) if scope.contains_path(p.unit_path)]
    return rows, include_pools


def _may_see_priority(user, unit: Unit) -> bool:
    granted = perms_of(user)
    return (Perm.VIEW_STANDARDS in granted or Perm.NOMINATE in granted or Perm.MANAGE_PLANS in granted) and can(
        user, Perm.VIEW_PEOPLE, unit
    )


@require_perm(Perm.VIEW_PEOPLE)
def priority_list(request, code):
    unit = unit_get(user=request.user, code=code)
    if not _may_see_priority(request.user, unit):
        raise PermissionDenied
    rows, include_pools = _ranked(request, unit)
    page = Paginator(rows, PAGE).get_page(query_int(request.GET, "page", low=1) or 1)
    people = Person.unscoped.select_related("unit").in_bulk([p.person_id for p in page])
    lines = [(people[p.person_id], p) for p in page if p.person_id in people]
    if include_pools:
        _log_pools(request.user, [p.person_id for _person, p in lines if p.has_pool], "priority_list")
    return render(
        request,
        "plans/priority_list.html",
        {"unit": unit, "page": page, "lines": lines, "include_pools": include_pools, "day": today()},
    )


@require_perm(Perm.VIEW_PEOPLE)
def priority_xlsx(request, code):
    import xlsxwriter

    unit = unit_get(user=request.user, code=code)
    if not _may_see_priority(request.user, unit):
        raise PermissionDenied
    rows, include_pools = _ranked(request, unit)
    people = Person.unscoped.select_related("unit").in_bulk([p.person_id for p in rows])
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(_("Ưu tiên cử đi học")[:31])
    bold = book.add_format({"bold": True, "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    headers = [_("STT"), _("Họ và tên"), _("Đơn vị"), _("Điểm ưu tiên"), _("Lý do")]
    for col, text in enumerate(headers):
        sheet.write(0, col, text, bold)
    sheet.set_column(1, 2, 30)
    sheet.set_column(4, 4, 100)
    for n, p in enumerate(rows, 1):
        person = people.get(p.person_id)
        if person is None:
            continue
        sheet.write(n, 0, n)
        sheet.write_string(n, 1, escape_formula(person.full_name))
        sheet.write_string(n, 2, escape_formula(person.unit.name if person.unit else ""))
        sheet.write_number(n, 3, p.score)
        sheet.write_string(n, 4, escape_formula(p.explanation), wrap)
    book.close()
    if include_pools:
        _log_pools(request.user, [p.person_id for p in rows if p.has_pool], "priority_xlsx")
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="uu-tien-cu-di-hoc-{unit.code}.xlsx"'
    return response


def _proposal_unit(request, code: str) -> Unit:
    unit = unit_get(user=request.user, code=code)  # 404 outside the user's reach
    if not _may_propose(request.user, unit):
        raise Http404
    return unit


def _any_perm(user) -> None:
    granted = perms_of(user)
    if Perm.MANAGE_PLANS not in granted and Perm.NOMINATE not in granted:
        raise PermissionDenied


def _run_of(request, run_id: str):
    """The user's own run (another's, or a malformed id: 404)."""
    from canbo.plans.models import ProposalRun

    try:
        run = ProposalRun.unscoped.select_related("unit").filter(pk=run_id, user=request.user).first()
    except (ValueError, ValidationError):
        run = None
    if run is None or not _may_propose(request.user, run.unit):
        raise Http404
    return run


def _budget_of(params) -> tuple[int | None, str]:
    """(budget in đồng or None, why it was refused): "1.200.000", "1 200 000" or "1200000"."""
    from canbo.core.forms import parse_number

    raw = params.get("budget", "").strip()
    if not raw:
        return None, ""
    try:
        amount = parse_number(raw)
    except ValidationError:
        amount = None
    if amount is None or amount < 0 or amount != amount.to_integral_value():
        return None, _("Kinh phí «%(value)s» không phải là số tiền: ghi số đồng, ví dụ 1.200.000.000.") % {"value": raw}
    return int(amount), ""


@require_perm(Perm.VIEW_PEOPLE)
def propose_page(request):
    """`?unit=&year=&budget=` starts a run (inline for a commune, in the worker for a large
    subtree) and redirects to `?run=`, which shows its stage until done, then the places."""
    from canbo.plans import propose

    _any_perm(request.user)
    code = request.GET.get("unit", "").strip()
    year = query_int(request.GET, "year", low=2000, high=2100) or today().year + 1
    budget, refused = _budget_of(request.GET)
    run_id = request.GET.get("run", "")
    if refused:
        # a budget that cannot be read is said, never dropped: the proposal would run without any
        context = {"year": year, "budget": request.GET.get("budget", "").strip(), "code": code, "run": None}
        context["budget_error"] = refused
        return render(request, "plans/propose.html", context)
    if code and not run_id:
        unit = _proposal_unit(request, code)
        run = propose.run_start(user=request.user, unit=unit, year=year, budget=budget)
        return redirect(reverse("plans:propose") + f"?run={run.pk}")
    run = _run_of(request, run_id) if run_id else None
    if run is not None and request.htmx and not run.finished_at:
        return render(request, "plans/_proposal_run.html", {"run": run})
    if run is not None:
        code, year, budget = run.unit.code, run.year, run.budget
        if run.finished_at and run.result.get("pooled"):
            _log_pools(request.user, run.result["pooled"], "proposal")
    elif request.user.unit_id:
        code = request.user.unit.code
    context = {"year": year, "budget": budget, "code": code, "run": run}
    return render(request, "plans/propose.html", context)


@require_perm(Perm.VIEW_PEOPLE)
def propose_accept(request):
    from canbo.plans import propose

    _any_perm(request.user)
    if request.method != "POST":
        return redirect("plans:propose")
    _proposal_unit(request, request.POST.get("unit", ""))  # 404 outside reach or without the right
    year = query_int(request.POST, "year", low=2000, high=2100) or today().year + 1
    places = []
    for value in request.POST.getlist("place"):
        person, _sep, klass = value.partition(":")
        if person.isascii() and person.isdigit() and klass.isascii() and klass.isdigit() and len(value) < 40:
            places.append((int(person), int(klass)))
    try:
        back = reverse("plans:propose") + f"?run={uuid.UUID(request.POST.get('run', ''))}"
    except ValueError:
        back = reverse("plans:propose")
    if not places:
        messages.error(request, _("Hãy đánh dấu ít nhất một chỗ học để chấp nhận."))
        return redirect(back)
    outcome = propose.accept(user=request.user, places=places, year=year)
    if outcome.nominated:
        messages.success(
            request, _("Đã cử %(n)s người đi học theo đề xuất (chờ duyệt).") % {"n": len(outcome.nominated)}
        )
    for name, klass, reason in outcome.refused:
        messages.error(
            request, _("%(name)s — lớp %(klass)s: %(reason)s") % {"name": name, "klass": klass, "reason": reason}
        )
    return redirect(back)
