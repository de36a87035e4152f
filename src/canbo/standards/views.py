"""Pages of the standards: a unit's standardisation rate by title and ladder (with the people behind
each number), weak sectors, the needs summary, and the rule list and editor whose preview says how
many people a change would move before it is saved."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from canbo.accounts.decorators import require_perm
from canbo.accounts.permissions import Perm, can, can_view_standards_of
from canbo.core.dates import parse_day, today
from canbo.core.errors import DomainError
from canbo.core.forms import apply_domain_error
from canbo.core.query import query_int, query_ints
from canbo.orgs.selectors import unit_get
from canbo.standards import engine, selectors, services
from canbo.standards.choices import GapStatus
from canbo.standards.forms import RuleForm
from canbo.standards.models import GapState, Requirement
from canbo.training.models import ProgrammeKind


def _unit_and_day(request, code: str | None = None):
    user = request.user
    code = code or request.GET.get("unit") or (user.unit.code if user.unit else "DB")
    unit = unit_get(user=user, code=code)
    day = parse_day(request.GET.get("day"), today())
    return unit, day


@require_perm(Perm.VIEW_STANDARDS)
def home(request):
    """The user's own unit (the province for province-wide users)."""
    user = request.user
    if user.unit is None:
        from canbo.orgs.selectors import tree_roots

        roots = tree_roots(user=user, day=today())
        if not roots:
            raise Http404
        return redirect("standards:unit", code=roots[0].code)
    return redirect("standards:unit", code=user.unit.code)


@require_perm(Perm.VIEW_STANDARDS)
def unit_rates(request, code):
    unit, day = _unit_and_day(request, code)
    user = request.user
    rates = selectors.unit_rates(user=user, unit=unit, day=day)
    weak = selectors.weak_sectors(user=user, unit=unit, day=day, limit=5)
    kinds = list(ProgrammeKind.objects.all())
    needs = selectors.needs_by_kind(user=user, unit=unit, day=day)
    by_unit = selectors.needs_by_unit(user=user, unit=unit, day=day)
    used_kinds = [k for k in kinds if needs.get(k.code)]
    context = {
        "unit": unit,
        "day": day,
        "rates": rates,
        "totals": selectors.rate_totals(rates),
        "weak": weak,
        "needs": [(k, needs[k.code]) for k in used_kinds],
        "transition_needs": selectors.transition_needs(user=user, unit=unit, day=day),
        "needs_kinds": used_kinds,
        "needs_by_unit": [(u, [(k, n.get(k.code, 0)) for k in used_kinds]) for u, n in by_unit],
        "state": GapState.objects.filter(pk=1).first(),
        "stored": engine.uses_stored(day),
        "can_manage": can(user, Perm.MANAGE_STANDARDS),
    }
    return render(request, "standards/unit.html", context)


@require_perm(Perm.VIEW_STANDARDS)
def unit_people(request, code):
    """The people behind one figure: rule(s), title, status, in the unit's subtree at the date."""
    unit, day = _unit_and_day(request, code)
    rule_ids = query_ints(request.GET, "rules")
    if not rule_ids:
        raise Http404
    status = query_int(request.GET, "status", low=0)
    lines, next_after = selectors.drilldown(
        user=request.user,
        unit=unit,
        day=day,
        rule_ids=rule_ids,
        title_key=query_int(request.GET, "title"),
        status=status,
        after=query_int(request.GET, "after", default=0, low=0),
    )
    rules = list(Requirement.objects.filter(pk__in=rule_ids))
    return render(
        request,
        "standards/people.html",
        {
            "unit": unit,
            "day": day,
            "lines": lines,
            "rules": rules,
            "next_after": next_after,
            "status": "" if status is None else str(status),
            "statuses": GapStatus.choices,
        },
    )


def _need_query(request, code):
    """The unit, date, programme kind and optional status/deadline of a needs list; 404 when the
    kind is missing or unknown."""
    unit, day = _unit_and_day(request, code)
    kind = ProgrammeKind.objects.filter(code=request.GET.get("kind", "")).first()
    if kind is None:
        raise Http404
    status = query_int(request.GET, "status", low=0, high=3)
    until = parse_day(request.GET.get("until"), None)
    lines = selectors.need_people(
        user=request.user,
        unit=unit,
        day=day,
        kind_code=kind.code,
        status=status,
        until=until,
        direct=request.GET.get("direct") == "1",
    )
    return unit, day, kind, status, until, lines


NEED_PAGE = 500


@require_perm(Perm.VIEW_STANDARDS)
def unit_needs(request, code):
    """The people behind one need of the standards page ("N người cần bồi dưỡng LLCT"): the list,
    its Excel export, and from a selection a nomination to a class or an entry in the unit's plan."""
    from django.core.paginator import Paginator

    from canbo.plans.selectors import editable_plans_for
    from canbo.training.choices import ClassStatus
    from canbo.training.selectors import classes_for

    unit, day, kind, status, until, lines = _need_query(request, code)
    page = Paginator(lines, NEED_PAGE).get_page(request.GET.get("page"))
    user = request.user
    classes = []
    if can(user, Perm.NOMINATE):
        open_classes = (
            classes_for(user)
            .filter(status__in=(ClassStatus.PLANNED, ClassStatus.OPEN), end_date__gte=today())
            .select_related("programme__kind")
            .order_by("start_date", "code")
        )
        matching = [c for c in open_classes if c.programme.kind_id == kind.pk]
        others = [c for c in open_classes if c.programme.kind_id != kind.pk]
        classes = [(_("Lớp thuộc loại chương trình này"), matching), (_("Lớp khác"), others)]
        classes = [(label, group) for label, group in classes if group]
    plans = editable_plans_for(user=user, unit=unit)
    return render(
        request,
        "standards/needs.html",
        {
            "unit": unit,
            "day": day,
            "kind": kind,
            "status": status,
            "until": until,
            "status_label": GapStatus(status).label if status is not None else "",
            "page": page,
            "offset": page.start_index() - 1 if lines else 0,
            "total": len(lines),
            "classes": classes,
            "plans": plans,
            "back": request.get_full_path(),
        },
    )


@require_perm(Perm.VIEW_STANDARDS)
def unit_needs_xlsx(request, code):
    """The same list as an .xlsx workbook (every line, not one page)."""
    from django.http import HttpResponse

    from canbo.standards.report import need_people_xlsx

    unit, day, kind, status, until, lines = _need_query(request, code)
    response = HttpResponse(
        need_people_xlsx(unit=unit, day=day, kind=kind, lines=lines, status=status, until=until),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="nhu-cau-{kind.code}-{unit.code}-{day:%Y%m%d}.xlsx"'
    return response


@require_perm(Perm.VIEW_STANDARDS)
def rule_list(request):
    day = parse_day(request.GET.get("day"), None)
    document = request.GET.get("document", "").strip()
    confirmed = {"1": True, "0": False}.get(request.GET.get("confirmed", ""))
    rules = selectors.rules_list(day=day, q=request.GET.get("q", "").strip(), document=document, confirmed=confirmed)
    return render(
        request,
        "standards/rules.html",
        {
            "rules": rules,
            "day": day,
            "q": request.GET.get("q", ""),
            "document": document,
            "documents": selectors.rule_documents(),
            "confirmed": request.GET.get("confirmed", ""),
            "state": GapState.objects.filter(pk=1).first(),
            "can_manage": can(request.user, Perm.MANAGE_STANDARDS),
        },
    )


def _candidate(original: Requirement | None, data: dict) -> Requirement:
    rule = copy.copy(original) if original is not None else Requirement()
    for name, value in data.items():
        setattr(rule, name, value)
    return rule


@require_perm(Perm.MANAGE_STANDARDS)
def rule_edit(request, pk=None):
    """Edit (or create) a rule in two steps: check and preview the people it moves, then save."""
    original = None
    if pk is not None:
        original = Requirement.objects.filter(pk=pk).first()
        if original is None:
            raise Http404(pk)
    initial = RuleForm.initial_for(original) if original else {"valid_from": today(), "grace_months": 0}
    form = RuleForm(request.POST or None, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        data, closing, version = form.service_kwargs()
        try:
            if "confirm" in request.POST:
                if original is None:
                    rule = services.rule_create(closing_kinds=closing, **data)
                else:
                    rule = services.rule_update(rule=original, expected_version=version, closing_kinds=closing, **data)
                messages.success(request, _("Đã lưu tiêu chuẩn “%(name)s”.") % {"name": rule.name})
                return redirect(reverse("standards:rules"))
            candidate = _candidate(original, {k: v for k, v in data.items()})
            candidate.name = candidate.name or ""
            errors = services.validate_rule(candidate)
            if errors:
                raise DomainError(errors)
            preview = engine.preview_change(candidate=candidate, original=original)
        except DomainError as error:
            apply_domain_error(form, error)
    return render(
        request,
        "standards/rule_form.html",
        {"form": form, "rule": original, "preview": preview},
    )


@login_required
def person_panel(request, pk):
    """The "meets the standards?" panel alone (htmx refresh after a change on the person page);
    a cadre gets their own."""
    from canbo.people.selectors import person_get

    person = person_get(user=request.user, pk=pk)
    if not can_view_standards_of(request.user, person):
        raise PermissionDenied
    day = parse_day(request.GET.get("day"), today())
    return render(
        request,
        "standards/_person_panel.html",
        {"person": person, "standards": selectors.person_standards(person=person, day=day), "day": day},
    )
