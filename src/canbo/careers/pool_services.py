"""Writes to succession pools (quy hoạch): terms, posts, decisions, pool places, the annual review
(adding with a review decision, bringing out with a reason — nothing deleted) and introduction
rounds with their votes. Each write checks MANAGE_POOLS within reach and is logged; a place that
breaks a rule is refused with every rule broken and its source (careers/pool_rules.py)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from canbo.accounts.choices import Role
from canbo.accounts.permissions import Perm, authorize, perms_of, within_reach
from canbo.careers import pool_rules
from canbo.careers.choices import PoolExit
from canbo.careers.models import (
    IntroductionRound,
    IntroductionVote,
    PoolDecision,
    PoolMember,
    SuccessionPost,
    SuccessionTerm,
)
from canbo.core import audit, context
from canbo.core.errors import DomainError, NotPermitted, OutOfReach
from canbo.orgs.models import Unit
from canbo.people.models import Person


class PoolRefused(DomainError):
    """A pool place refused: `refusals` lists each rule broken with its source."""

    def __init__(self, refusals: list[pool_rules.Refusal]):
        self.refusals = refusals
        super().__init__([str(r) for r in refusals], code="pool_rule")


def _actor():
    return context.require().user


def _may_manage_terms(user) -> None:
    if user is None:
        return
    if Perm.MANAGE_POOLS not in perms_of(user):
        raise NotPermitted(_("Bạn không có quyền quản lý quy hoạch cán bộ."))
    if not user.has_role(Role.SYSTEM_ADMIN) and (user.unit_id is None or user.unit.parent_id is not None):
        raise NotPermitted(_("Nhiệm kỳ quy hoạch do cấp tỉnh lập."))


def _reachable_person(user, person: Person) -> None:
    if user is not None and not within_reach(user, person):
        raise OutOfReach(f"Person {person.pk} is outside the reach of {user}")


@transaction.atomic
def term_create(*, code: str, name: str, start_date: datetime.date, end_date: datetime.date, note: str = ""):
    _may_manage_terms(_actor())
    if end_date <= start_date:
        raise DomainError(_("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu."), code="invalid")
    if SuccessionTerm.objects.filter(code=code).exists():
        raise DomainError(_("Đã có nhiệm kỳ mã “%(code)s”.") % {"code": code}, code="duplicate")
    term = SuccessionTerm.objects.create(code=code, name=name, start_date=start_date, end_date=end_date, note=note)
    audit.log_create(term)
    return term


@transaction.atomic
def post_create(*, term: SuccessionTerm, unit: Unit, title, category: str = "", order: int = 0) -> SuccessionPost:
    authorize(_actor(), Perm.MANAGE_POOLS, unit)
    if SuccessionPost.unscoped.filter(term=term, unit=unit, title=title).exists():
        raise DomainError(
            _("“%(title)s” của %(unit)s đã có trong nhiệm kỳ %(term)s.") % {"title": title, "unit": unit, "term": term},
            code="duplicate",
        )
    post = SuccessionPost.unscoped.create(
        term=term, unit=unit, unit_path=unit.path, title=title, category=category or title.category, order=order
    )
    audit.log_create(post)
    return post


@transaction.atomic
def decision_create(
    *,
    term: SuccessionTerm,
    unit: Unit,
    number: str,
    date: datetime.date,
    issuer: str,
    is_review: bool = False,
    year: int | None = None,
    note: str = "",
) -> PoolDecision:
    """A decision approving (or reviewing, rà soát bổ sung) a unit's pools for a term."""
    authorize(_actor(), Perm.MANAGE_POOLS, unit)
    if not number.strip() or not issuer.strip():
        raise DomainError(_("Cần ghi số quyết định và cơ quan ban hành."), code="required")
    decision = PoolDecision.unscoped.create(
        term=term,
        unit=unit,
        unit_path=unit.path,
        is_review=is_review,
        year=year or date.year,
        number=number.strip(),
        date=date,
        issuer=issuer.strip(),
        note=note,
    )
    audit.log_create(decision)
    return decision


def _check_decision(post: SuccessionPost, decision: PoolDecision) -> None:
    if decision.term_id != post.term_id or not post.unit_path.startswith(decision.unit_path):
        raise DomainError(
            _("Quyết định %(number)s không phải của quy hoạch %(unit)s, nhiệm kỳ %(term)s.")
            % {"number": decision.number, "unit": post.unit, "term": post.term},
            code="invalid",
        )


@transaction.atomic
def pool_member_add(
    *,
    post: SuccessionPost,
    person: Person,
    decision: PoolDecision,
    added_on: datetime.date | None = None,
    note: str = "",
) -> PoolMember:
    """Put `person` in `post`'s pool from `decision` (an approval or a review that adds). Refused
    with every rule broken: people per post, posts per person, age against the term, a post no
    higher than the one held, the introduction vote."""
    user = _actor()
    authorize(user, Perm.MANAGE_POOLS, post)
    _reachable_person(user, person)
    _check_decision(post, decision)
    day = added_on or decision.date
    # a place starts with its approval (a pool may be approved before its term starts), never after the term
    if day < decision.date:
        raise DomainError(
            _("Ngày quy hoạch %(day)s trước ngày quyết định %(number)s (%(date)s).")
            % {"day": f"{day:%d/%m/%Y}", "number": decision.number, "date": f"{decision.date:%d/%m/%Y}"},
            code="invalid",
        )
    if day > post.term.end_date:
        raise DomainError(
            _("Ngày quy hoạch %(day)s sau khi nhiệm kỳ %(term)s kết thúc (%(end)s).")
            % {"day": f"{day:%d/%m/%Y}", "term": post.term.name, "end": f"{post.term.end_date:%d/%m/%Y}"},
            code="invalid",
        )
    # Serialise places of one post (the count check) on PostgreSQL.
    SuccessionPost.unscoped.select_for_update().filter(pk=post.pk).first()
    refusals = pool_rules.checks(post=post, person=person, day=day)
    if refusals:
        raise PoolRefused(refusals)
    member = PoolMember.unscoped.create(
        post=post, person=person, unit_path=post.unit_path, decision=decision, added_on=day, note=note
    )
    audit.log_create(member)
    return member


@transaction.atomic
def pool_member_remove(
    *,
    member: PoolMember,
    reason: str,
    decision: PoolDecision | None = None,
    removed_on: datetime.date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> PoolMember:
    """Bring a person out of a pool at the review (đưa ra khỏi quy hoạch): the place keeps its
    history with the day, the decision and the reason."""
    user = _actor()
    authorize(user, Perm.MANAGE_POOLS, member)
    member = PoolMember.unscoped.select_for_update().select_related("post", "post__term").get(pk=member.pk)
    audit.check_version(member, expected_version)
    if member.removed_on is not None:
        raise DomainError(_("Người này đã được đưa ra khỏi quy hoạch."), code="invalid")
    if reason not in PoolExit.values:
        raise DomainError(_("Cần chọn lý do đưa ra khỏi quy hoạch."), code="required")
    if reason == PoolExit.OTHER and not note.strip():
        raise DomainError(_("Lý do khác: cần ghi rõ lý do."), code="required")
    if decision is not None:
        _check_decision(member.post, decision)
    day = removed_on or (decision.date if decision else None)
    if day is None:
        raise DomainError(_("Cần ngày đưa ra khỏi quy hoạch."), code="required")
    if day < member.added_on:
        raise DomainError(_("Ngày đưa ra không được trước ngày quy hoạch."), code="invalid")
    before = audit.snapshot(member)
    member.removed_on = day
    member.removal_decision = decision
    member.removal_reason = reason
    member.removal_note = note.strip()
    member.version += 1
    member.save()
    audit.log_update(member, before)
    return member


@transaction.atomic
def round_create(
    *, post: SuccessionPost, name: str, held_on: datetime.date, total_votes: int, step: int | None = None
) -> IntroductionRound:
    authorize(_actor(), Perm.MANAGE_POOLS, post)
    if total_votes <= 0:
        raise DomainError(_("Tổng số phiếu phải lớn hơn 0."), code="invalid")
    if step is None:
        step = (
            IntroductionRound.unscoped.filter(post=post).order_by("-step").values_list("step", flat=True).first() or 0
        ) + 1
    rnd = IntroductionRound.unscoped.create(
        post=post, unit_path=post.unit_path, step=step, name=name.strip(), held_on=held_on, total_votes=total_votes
    )
    audit.log_create(rnd)
    return rnd


@transaction.atomic
def vote_record(*, round: IntroductionRound, person: Person, votes: int) -> IntroductionVote:
    """One candidate's votes in a round (số phiếu / tổng số): never above the round's total."""
    user = _actor()
    authorize(user, Perm.MANAGE_POOLS, round)
    _reachable_person(user, person)
    if votes < 0 or votes > round.total_votes:
        raise DomainError(
            _("Số phiếu (%(votes)s) phải từ 0 đến tổng số phiếu của hội nghị (%(total)s).")
            % {"votes": votes, "total": round.total_votes},
            code="invalid",
        )
    vote = IntroductionVote.objects.filter(round=round, person=person).first()
    if vote is None:
        vote = IntroductionVote.objects.create(round=round, person=person, votes=votes)
        audit.log_create(vote)
    else:
        before = audit.snapshot(vote)
        vote.votes = votes
        vote.save()
        audit.log_update(vote, before)
    return vote


def unit_moved(old_path: str, new_path: str) -> None:
    """On `events.UnitMoved`: the copied unit paths of posts, decisions, places and rounds follow."""
    from django.db.models import Value
    from django.db.models.functions import Concat, Substr

    for model in (SuccessionPost, PoolDecision, PoolMember, IntroductionRound):
        model.unscoped.filter(unit_path__startswith=old_path).update(
            unit_path=Concat(Value(new_path), Substr("unit_path", len(old_path) + 1))
        )
