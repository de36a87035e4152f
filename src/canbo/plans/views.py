"""Plan pages: list and create, edit targets (or adopt a proposal from needs), submit, return,
approve; plan vs actual per child unit and kind with drill-down to enrolments; xlsx, PDF and the
narrative paragraph."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from canbo.accounts.decorators import require_perm
from canbo.accounts.permissions import Perm, can
from canbo.core.dates import today
from canbo.core.errors import DomainError, raise_if_permission_refusal
from canbo.core.forms import apply_domain_error
from canbo.core.query import query_id_list, query_int
from canbo.orgs.models import Unit
from canbo.orgs.selectors import home_unit
from canbo.plans import proposals, selectors, services
from canbo.plans.choices import PlanStatus
from canbo.plans.forms import PlanCreateForm, PlanForm, ReviewForm, TargetFormSet
from canbo.plans.narrative import unit_summary
from canbo.training.models import ProgrammeKind

PAGE = 100


def _year(request, default: int | None = None) -> int:
    year = query_int(request.GET, "year", low=2000, high=2100)
    return year if year is not None else default or today().year


@require_perm(Perm.VIEW_PLANS)
def index(request):
    year = _year(request)
    to_review = selectors.inbox_plans_to_review(request.user)
    # ?review=1: every plan waiting for the user's approval, of any year (the home's inbox link).
    review = request.GET.get("review") == "1"
    if review:
        plans = to_review.order_by("year", "unit__path")
    else:
        plans = selectors.plans_for(request.user).filter(year=year).order_by("unit__path")
    status = "" if review else request.GET.get("status", "")
    if status in PlanStatus.values:
        plans = plans.filter(status=status)
    manageable = Unit.objects.for_user(request.user).valid_on(datetime.date(year, 6, 30)).order_by("path")
    form = None
    if can(request.user, Perm.MANAGE_PLANS):
        form = PlanCreateForm(units=manageable[:500], initial={"year": year, "unit": request.user.unit_id})
    context = {
        "year": year,
        "review": review,
        "to_review": to_review.count(),
        "plans": plans[:500],
        "status": status,
        "statuses": PlanStatus.choices,
        "form": form,
        "home_unit": home_unit(request.user),
    }
    return render(request, "plans/index.html", context)


@require_perm(Perm.MANAGE_PLANS)
def create(request):
    if request.method != "POST":
        return redirect("plans:index")
    units = Unit.objects.for_user(request.user)
    form = PlanCreateForm(request.POST, units=units)
    if form.is_valid():
        try:
            plan = services.plan_create(unit=form.cleaned_data["unit"], year=form.cleaned_data["year"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã lập dự thảo kế hoạch; hãy nhập chỉ tiêu."))
            return redirect("plans:edit", plan_id=plan.pk)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("plans:index")


def _compare(user, plan):
    """The plan's own targets beside its children's roll-up and the actual, per kind."""
    pva = selectors.plan_vs_actual(user=user, unit=plan.unit, year=plan.year)
    own: dict[int, int] = {}
    for t in plan.targets.all():
        own[t.kind_id] = own.get(t.kind_id, 0) + t.turns
    rows = []
    for f in pva.by_kind:
        children = pva.children_rollup(f.kind.pk)
        if own.get(f.kind.pk) or children or f.turns:
            rows.append({"kind": f.kind, "own": own.get(f.kind.pk, 0), "children": children, "actual": f})
    return pva, rows


@require_perm(Perm.VIEW_PLANS)
def detail(request, plan_id):
    plan = selectors.plan_get(user=request.user, pk=plan_id)
    pva, compare = _compare(request.user, plan)
    context = {
        "plan": plan,
        "targets": plan.targets.select_related("kind"),
        "nominees": plan.nominees.select_related("person", "kind"),
        "events": plan.events.all(),
        "compare": compare,
        "pva": pva,
        "can_edit": plan.is_editable and services.can_manage(request.user, plan),
        "can_submit": plan.is_editable and services.can_manage(request.user, plan),
        "can_review": plan.status == PlanStatus.SUBMITTED and services.can_review(request.user, plan),
        "can_close": plan.status == PlanStatus.APPROVED and services.can_review(request.user, plan),
        "can_reopen": plan.status in services.REOPEN_FROM and services.can_review(request.user, plan),
        "reopen_to": [(s, s.label) for s in services.REOPEN_TO],
        "review_form": ReviewForm(initial={"version": plan.version}),
    }
    return render(request, "plans/detail.html", context)


@require_perm(Perm.MANAGE_PLANS)
def edit(request, plan_id):
    plan = selectors.plan_get(user=request.user, pk=plan_id)
    if not services.can_manage(request.user, plan):
        raise PermissionDenied
    proposal = None
    if request.method == "POST":
        form = PlanForm(request.POST)
        formset = TargetFormSet(request.POST, prefix="t")
        if form.is_valid() and formset.is_valid():
            rows = [
                {**f.cleaned_data, "kind": f.cleaned_data["kind"].pk}
                for f in formset.forms
                if f.cleaned_data.get("kind") and (f.cleaned_data.get("turns") or f.cleaned_data.get("classes"))
            ]
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                services.plan_update(plan=plan, expected_version=version, targets=rows, **data)
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(request, _("Đã lưu kế hoạch."))
                return redirect("plans:detail", plan_id=plan.pk)
    else:
        form = PlanForm(
            initial={"title": plan.title, "budget": plan.budget, "note": plan.note, "version": plan.version}
        )
        initial = [
            {"kind": t.kind_id, "group": t.group, "place": t.place, "classes": t.classes, "turns": t.turns}
            for t in plan.targets.all()
        ]
        if request.GET.get("propose") == "1":
            proposal = proposals.propose(user=request.user, unit=plan.unit, year=plan.year)
            if proposal.available:
                initial = proposal.rows
                # The deadlines go into the plan with its targets, unless the officer wrote a note.
                if not plan.note and proposal.deadline_note:
                    form.initial["note"] = proposal.deadline_note
        formset = TargetFormSet(prefix="t", initial=initial)
    context = {"plan": plan, "form": form, "formset": formset, "proposal": proposal}
    return render(request, "plans/edit.html", context)


@require_perm(Perm.VIEW_PLANS)
def transition(request, plan_id, action):
    if request.method != "POST":
        return redirect("plans:detail", plan_id=plan_id)
    plan = selectors.plan_get(user=request.user, pk=plan_id)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Biểu mẫu không hợp lệ; hãy tải lại trang."))
        return redirect("plans:detail", plan_id=plan.pk)
    version, comment = form.cleaned_data["version"], form.cleaned_data["comment"]
    actions = {
        "submit": (
            lambda: services.plan_submit(plan=plan, expected_version=version),
            _("Đã trình kế hoạch lên cấp trên."),
        ),
        "return": (
            lambda: services.plan_return(plan=plan, comment=comment, expected_version=version),
            _("Đã trả lại kế hoạch cho đơn vị."),
        ),
        "approve": (
            lambda: services.plan_approve(plan=plan, comment=comment, expected_version=version),
            _("Đã phê duyệt kế hoạch."),
        ),
        "close": (lambda: services.plan_close(plan=plan, expected_version=version), _("Đã kết thúc kế hoạch.")),
        "reopen": (
            lambda: services.plan_reopen(
                plan=plan, reason=comment, to=request.POST.get("to", PlanStatus.DRAFT), expected_version=version
            ),
            _("Đã mở lại kế hoạch."),
        ),
    }
    if action not in actions:
        raise Http404
    run, done = actions[action]
    try:
        run()
    except DomainError as error:
        raise_if_permission_refusal(error)
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("plans:detail", plan_id=plan.pk)


# ---------------------------------------------------------------- plan vs actual


def _unit(request, code) -> Unit:
    unit = selectors.unit_get(user=request.user, code=code)
    if not (can(request.user, Perm.VIEW_PLANS, unit) or can(request.user, Perm.VIEW_REPORTS, unit)):
        raise Http404
    return unit


@require_perm(Perm.VIEW_PLANS)
def unit_pva(request, code):
    unit = _unit(request, code)
    year = _year(request)
    pva = selectors.plan_vs_actual(user=request.user, unit=unit, year=year)
    shown_kinds = [
        i
        for i, f in enumerate(pva.by_kind)
        if f.turns or f.planned_turns or any(k[i].planned_turns for _c, k in pva.children)
    ]
    context = {
        "unit": unit,
        "year": year,
        "pva": pva,
        "shown": shown_kinds,
        "kinds": [pva.kinds[i] for i in shown_kinds],
        "rows": [(total, [kinds[i] for i in shown_kinds]) for total, kinds in pva.children],
        "own_kinds": [pva.by_kind[i] for i in shown_kinds],
        "years": list(range(today().year, 2019, -1)),
    }
    return render(request, "plans/pva.html", context)


@require_perm(Perm.VIEW_PLANS)
def unit_actual(request, code):
    """The enrolments (or classes) behind one figure of plan vs actual."""
    unit = _unit(request, code)
    year = _year(request)
    kind = None
    if request.GET.get("kind"):
        kind = ProgrammeKind.objects.filter(code=request.GET["kind"]).first()
        if kind is None:
            raise Http404
    context = {"unit": unit, "year": year, "kind": kind}
    if request.GET.get("what") == "classes":
        context["classes"] = list(selectors.classes_behind(user=request.user, unit=unit, year=year, kind=kind)[:2000])
        return render(request, "plans/actual_classes.html", context)
    qs = selectors.enrolments_behind(user=request.user, unit=unit, year=year, kind=kind)
    after = query_int(request.GET, "after", low=0)
    if after is not None:
        qs = qs.filter(id__gt=after)
    rows = list(qs.order_by("id")[: PAGE + 1])
    context["enrolments"] = rows[:PAGE]
    context["next_after"] = rows[PAGE - 1].pk if len(rows) > PAGE else None
    if after is None:
        context["total"] = selectors.actual_turns(unit=unit, year=year, kind=kind)
    return render(request, "plans/actual.html", context)


@require_perm(Perm.VIEW_PLANS)
def unit_xlsx(request, code):
    from canbo.plans.exports import pva_xlsx

    unit = _unit(request, code)
    year = _year(request)
    pva = selectors.plan_vs_actual(user=request.user, unit=unit, year=year)
    response = HttpResponse(
        pva_xlsx(pva), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="ke-hoach-thuc-hien-{unit.code}-{year}.xlsx"'
    return response


@require_perm(Perm.VIEW_PLANS)
def unit_paper(request, code):
    """Plan vs actual as the paper prints (heading, motto, table, place and date, signature blocks),
    on screen before it is downloaded."""
    from canbo.plans.exports import paper_context

    unit = _unit(request, code)
    year = _year(request)
    pva = selectors.plan_vs_actual(user=request.user, unit=unit, year=year)
    return render(request, "plans/pva_paper.html", {"unit": unit, "year": year, **paper_context(pva)})


@require_perm(Perm.VIEW_PLANS)
def unit_pdf(request, code):
    from canbo.plans.exports import pva_pdf

    unit = _unit(request, code)
    year = _year(request)
    pva = selectors.plan_vs_actual(user=request.user, unit=unit, year=year)
    response = HttpResponse(pva_pdf(pva, base_url=request.build_absolute_uri("/")), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ke-hoach-thuc-hien-{unit.code}-{year}.pdf"'
    return response


@require_perm(Perm.VIEW_PLANS)
def unit_summary_page(request, code):
    unit = _unit(request, code)
    year = _year(request)
    summary = unit_summary(user=request.user, unit=unit, year=year)
    return render(
        request,
        "plans/summary.html",
        {"unit": unit, "year": year, "summary": summary, "years": list(range(today().year, 2019, -1))},
    )


def _back(request, default: str) -> str:
    """The page the form came from (the needs list), when it is one of ours."""
    from django.utils.http import url_has_allowed_host_and_scheme

    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return wanted
    return default


@require_perm(Perm.MANAGE_PLANS)
def nominees_add(request):
    """Add the people ticked on a list (the standards page's needs) to a plan's intended nominees
    for a programme kind, in one request, through `services.plan_nominees_add` (all or nothing)."""
    from canbo.people.models import Person

    if request.method != "POST":
        return redirect("plans:index")
    plan = selectors.plan_get(user=request.user, pk=query_int(request.POST, "plan", low=1) or 0)
    kind = ProgrammeKind.objects.filter(code=request.POST.get("kind", "")).first()
    back = _back(request, reverse("plans:detail", kwargs={"plan_id": plan.pk}))
    ids = query_id_list(request.POST, "person")
    if kind is None or not ids:
        messages.error(request, _("Hãy chọn ít nhất một người và loại chương trình."))
        return redirect(back)
    people = list(Person.objects.for_user(request.user).filter(pk__in=ids).order_by("sort_key", "pk"))
    if len(people) != len(ids):
        messages.error(
            request,
            _("%(n)s người đã chọn không thuộc phạm vi của bạn; chưa thêm ai vào kế hoạch.")
            % {"n": len(ids) - len(people)},
        )
        return redirect(back)
    try:
        added, already = services.plan_nominees_add(plan=plan, people=people, kind=kind)
    except DomainError as error:
        raise_if_permission_refusal(error)
        for message in error.messages:
            messages.error(request, message)
        return redirect(back)
    messages.success(
        request,
        _("Đã thêm %(n)s người vào kế hoạch “%(plan)s” (dự kiến cử học %(kind)s).")
        % {"n": len(added), "plan": plan.title or plan.year, "kind": kind.name},
    )
    if already:
        messages.info(
            request,
            _("Đã có trong kế hoạch từ trước: %(names)s.") % {"names": ", ".join(p.full_name for p in already)},
        )
    return redirect("plans:detail", plan_id=plan.pk)
