"""Succession-pool pages (quy hoạch): terms, a term's units, a unit's pools per post with the
people's age, retirement, evaluations and gaps against the pooled post, the structure shares
beside the targets, the review forms and the introduction rounds.

Confidential: whoever lacks VIEW_POOLS gets a 404 on every page here (not a 403 that would say
the page exists), and every display of a pool list is logged (pool_selectors.log_view)."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from canbo.accounts.permissions import Perm, can, perms_of
from canbo.careers import pool_selectors as selectors
from canbo.careers import pool_services as services
from canbo.careers.models import IntroductionRound, PoolMember, SuccessionPost
from canbo.careers.pool_forms import (
    DecisionForm,
    MemberAddForm,
    MemberRemoveForm,
    PostForm,
    RoundForm,
    TermForm,
    VoteForm,
)
from canbo.core.dates import today
from canbo.core.errors import DomainError, raise_if_permission_refusal
from canbo.orgs.models import Unit
from canbo.standards.models import Title


def pools_page(perm: Perm = Perm.VIEW_POOLS):
    """Log-in required; without the pool permission the page does not exist (404). Pool lists are
    confidential: what these pages answer is kept by no cache (as the placement page's pool part)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            granted = perms_of(request.user)
            if Perm.VIEW_POOLS not in granted or perm not in granted:
                raise Http404
            response = view(request, *args, **kwargs)
            response["Cache-Control"] = "private, no-store"
            return response

        return wrapped

    return decorator


def _refused(request, error: DomainError) -> None:
    raise_if_permission_refusal(error)
    for message in error.messages:
        messages.error(request, message)


def _form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _units(user):
    return Unit.objects.for_user(user).valid_on(today()).order_by("path")


def _titles():
    return Title.objects.valid_on(today()).filter(is_leader=True).order_by("unit_level", "order")


@pools_page()
def terms(request):
    context = {
        "terms": selectors.terms(request.user),
        "form": TermForm() if can(request.user, Perm.MANAGE_POOLS) else None,
    }
    return render(request, "careers/pools/terms.html", context)


@require_POST
@pools_page(Perm.MANAGE_POOLS)
def term_create(request):
    form = TermForm(request.POST)
    if form.is_valid():
        try:
            term = services.term_create(**form.cleaned_data)
        except DomainError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Đã lập nhiệm kỳ quy hoạch %(term)s.") % {"term": term})
            return redirect("pools:term", term=term.code)
    else:
        _form_errors(request, form)
    return redirect("pools:terms")


@pools_page()
def term(request, term):
    term = selectors.term_get(request.user, term)
    manage = can(request.user, Perm.MANAGE_POOLS)
    units = _units(request.user)
    context = {
        "term": term,
        "units": selectors.term_units(request.user, term),
        "post_form": PostForm(units=units, titles=_titles()) if manage else None,
        "decision_form": DecisionForm(units=units) if manage else None,
    }
    return render(request, "careers/pools/term.html", context)


@require_POST
@pools_page(Perm.MANAGE_POOLS)
def post_create(request, term):
    term = selectors.term_get(request.user, term)
    form = PostForm(request.POST, units=_units(request.user), titles=_titles())
    if form.is_valid():
        try:
            post = services.post_create(term=term, unit=form.cleaned_data["unit"], title=form.cleaned_data["title"])
        except DomainError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Đã thêm chức danh quy hoạch %(post)s.") % {"post": post})
            return redirect("pools:unit", term=term.code, unit=post.unit.code)
    else:
        _form_errors(request, form)
    return redirect("pools:term", term=term.code)


@require_POST
@pools_page(Perm.MANAGE_POOLS)
def decision_create(request, term):
    term = selectors.term_get(request.user, term)
    form = DecisionForm(request.POST, units=_units(request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.decision_create(
                term=term,
                unit=data["unit"],
                number=data["number"],
                date=data["date"],
                issuer=data["issuer"],
                is_review=data["is_review"],
            )
        except DomainError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Đã ghi quyết định %(decision)s.") % {"decision": decision})
            return redirect("pools:unit", term=term.code, unit=decision.unit.code)
    else:
        _form_errors(request, form)
    return redirect("pools:term", term=term.code)


@pools_page()
def unit_pool(request, term, unit):
    term = selectors.term_get(request.user, term)
    unit = selectors.unit_get(request.user, unit)
    day = today()
    pool = selectors.unit_pool(request.user, term, unit, day=day)
    manage = can(request.user, Perm.MANAGE_POOLS, unit)
    forms = {}
    if manage:
        people = selectors.pool_people_for(request.user, unit)
        for block in pool.posts:
            decisions = selectors.decisions_for(request.user, block.post)
            forms[block.post.pk] = {
                "add": MemberAddForm(people=people, decisions=decisions, prefix=f"add{block.post.pk}"),
                "round": RoundForm(prefix=f"round{block.post.pk}"),
                "remove_decisions": decisions.filter(is_review=True),
                "vote": VoteForm(people=people, prefix=f"vote{block.post.pk}"),
            }
    context = {
        "pool": pool,
        "term": term,
        "unit": unit,
        "manage": manage,
        "forms": forms,
        "exits": MemberRemoveForm.base_fields["reason"].choices,
    }
    return render(request, "careers/pools/unit.html", context)


def _post(request, pk) -> SuccessionPost:
    post = SuccessionPost.objects.for_user(request.user).select_related("term", "unit", "title").filter(pk=pk).first()
    if post is None:
        raise Http404
    return post


@require_POST
@pools_page(Perm.MANAGE_POOLS)
def member_add(request, pk):
    post = _post(request, pk)
    form = MemberAddForm(
        request.POST,
        people=selectors.pool_people_for(request.user, post.unit),
        decisions=selectors.decisions_for(request.user, post),
        prefix=f"add{post.pk}",
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            member = services.pool_member_add(
                post=post, person=data["person"], decision=data["decision"], added_on=data["added_on"]
            )
        except DomainError as error:
            _refused(request, error)
        else:
            messages.success(
                request, _("Đã đưa %(name)s vào quy hoạch %(post)s.") % {"name": member.person, "post": post.title}
            )
    else:
        _form_errors(request, form)
    return redirect("pools:unit", term=post.term.code, unit=post.unit.code)


@require_POST
@pools_page(Perm.MANAGE_POOLS)
def member_remove(request, pk):
    member = PoolMember.objects.for_user(request.user).select_related("post", "post__term", "post__unit").filter(pk=pk)
    member = member.first()
    if member is None:
        raise Http404
    post = member.post
    form = MemberRemoveForm(request.POST, decisions=selectors.decisions_for(request.user, post).filter(is_review=True))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.pool_member_remove(
                member=member,
                reason=data["reason"],
                decision=data["decision"],
                removed_on=data["removed_on"],
                note=data["note"],
                expected_version=data["version"],
            )
        except DomainError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Đã đưa %(name)s ra khỏi quy hoạch.") % {"name": member.person})
    else:
        _form_errors(request, form)
    return redirect("pools:unit", term=post.term.code, unit=post.unit.code)


@require_POST
@pools_page(Perm.MANAGE_POOLS)
def round_create(request, pk):
    post = _post(request, pk)
    form = RoundForm(request.POST, prefix=f"round{post.pk}")
    if form.is_valid():
        try:
            services.round_create(post=post, **form.cleaned_data)
        except DomainError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Đã ghi hội nghị giới thiệu."))
    else:
        _form_errors(request, form)
    return redirect("pools:unit", term=post.term.code, unit=post.unit.code)


@require_POST
@pools_page(Perm.MANAGE_POOLS)
def vote_record(request, pk):
    rnd = IntroductionRound.objects.for_user(request.user).select_related("post", "post__term", "post__unit")
    rnd = rnd.filter(pk=pk).first()
    if rnd is None:
        raise Http404
    post = rnd.post
    form = VoteForm(request.POST, people=selectors.pool_people_for(request.user, post.unit), prefix=f"vote{post.pk}")
    if form.is_valid():
        try:
            services.vote_record(round=rnd, person=form.cleaned_data["person"], votes=form.cleaned_data["votes"])
        except DomainError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Đã ghi số phiếu giới thiệu."))
    else:
        _form_errors(request, form)
    return redirect("pools:unit", term=post.term.code, unit=post.unit.code)
