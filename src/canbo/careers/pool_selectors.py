"""Reads of succession pools, always for an acting user. Pools are confidential: whoever lacks
VIEW_POOLS, or reaches neither the unit nor the person, gets a 404 (nothing disclosed), and every
display of a pool list or of a person's pool places is written to the sensitive-access log."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from canbo.accounts.permissions import Perm, can, perms_of, reach_of, within_reach
from canbo.careers import pool_rules
from canbo.careers.choices import PoolRuleKind
from canbo.careers.models import (
    Evaluation,
    IntroductionRound,
    PoolDecision,
    PoolMember,
    PoolRule,
    SuccessionPost,
    SuccessionTerm,
)
from canbo.orgs.models import Unit
from canbo.people import retirement as retirement_rules
from canbo.people.models import Level, Person

POOL_FIELDS = ["pool"]  # what the sensitive-access log records as shown


def may_view_pools(user, unit=None) -> bool:
    return can(user, Perm.VIEW_POOLS, unit)


def require_pools(user, unit=None) -> None:
    """404 for whoever may not see pools (of `unit`): not even their existence is disclosed."""
    if not may_view_pools(user, unit):
        raise Http404


def log_view(user, *, people, where: str, criteria: dict) -> None:
    from canbo.accounts.services import log_sensitive_access

    log_sensitive_access(user=user, fields=POOL_FIELDS, where=where, people=people, criteria=criteria)


def terms(user):
    require_pools(user)
    return SuccessionTerm.objects.all()


def term_get(user, code: str) -> SuccessionTerm:
    require_pools(user)
    term = SuccessionTerm.objects.filter(code=code).first()
    if term is None:
        raise Http404
    return term


def term_units(user, term: SuccessionTerm) -> list[dict]:
    """The units with posts in `term` within the user's reach, with their numbers of posts and of
    people in the pools today."""
    require_pools(user)
    scope = reach_of(user)
    posts = SuccessionPost.objects.within(scope).filter(term=term).select_related("unit")
    by_unit: dict[int, dict] = {}
    for post in posts.order_by("unit_path", "order"):
        row = by_unit.setdefault(post.unit_id, {"unit": post.unit, "posts": 0, "members": 0})
        row["posts"] += 1
    from canbo.core.dates import today

    counts = (
        PoolMember.objects.within(scope)
        .filter(pool_rules.active_q(today()), post__term=term)
        .values_list("post__unit_id", flat=True)
    )
    for unit_id in counts:
        if unit_id in by_unit:
            by_unit[unit_id]["members"] += 1
    return list(by_unit.values())


def unit_get(user, code: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None or not may_view_pools(user, unit):
        raise Http404
    return unit


@dataclass
class MemberLine:
    member: PoolMember
    person: Person
    age_at_start: int | None
    retiring: retirement_rules.Retirement | None
    evaluations: list[tuple[int, str]]
    gaps: list[str]
    votes: list[tuple[str, int, int, Decimal]] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return self.member.removed_on is None


@dataclass
class PostBlock:
    post: SuccessionPost
    members: list[MemberLine]
    former: list[MemberLine]
    rounds: list[IntroductionRound]


@dataclass
class Share:
    kind: str
    label: str
    count: int
    total: int
    target: PoolRule | None

    @property
    def percent(self) -> Decimal | None:
        return Decimal(100 * self.count) / self.total if self.total else None

    @property
    def below(self) -> bool:
        return self.target is not None and self.percent is not None and self.percent < self.target.value


def _level_labels() -> dict[tuple[int, int], str]:
    labels: dict[tuple[int, int], str] = {}
    for lv in Level.objects.order_by("order"):
        labels.setdefault((lv.ladder_id, lv.rank), lv.label)
    return labels


def gaps_in_words(pairs: list[tuple[Person, SuccessionPost]], day: datetime.date) -> dict[tuple[int, int], list[str]]:
    """(person id, post id) → the rules of the pooled post the person falls short of, in words
    ("Lý luận chính trị: có —, cần Trung cấp"), measured by the standards gap engine."""
    from canbo.standards import engine
    from canbo.standards.choices import GapStatus, RuleKind
    from canbo.standards.models import Requirement
    from canbo.standards.selectors import status_label

    if not pairs:
        return {}
    rows = engine.gaps_for_posts(day, [(p.pk, post.unit, post.title_id, post.category) for p, post in pairs])
    rules = Requirement.objects.select_related("ladder").in_bulk({r[1] for r in rows})
    labels = _level_labels()
    by_title = {}
    for p, post in pairs:
        by_title.setdefault((p.pk, post.title_id), []).append(post.pk)
    result: dict[tuple[int, int], list[str]] = {(p.pk, post.pk): [] for p, post in pairs}
    for person_id, rule_id, _unit_id, _path, title_key, status, have, need, _short in rows:
        if status == GapStatus.MET:
            continue
        rule = rules.get(rule_id)
        if rule is None:
            continue
        if rule.kind == RuleKind.DUTY:
            have_text = _("%(n)s tiết") % {"n": have}
            need_text = _("%(n)s tiết") % {"n": need}
        else:
            have_text = labels.get((rule.ladder_id, have), "—")
            need_text = labels.get((rule.ladder_id, need), "—")
        text = _("%(rule)s: có %(have)s, cần %(need)s (%(status)s)") % {
            "rule": rule.name,
            "have": have_text,
            "need": need_text,
            "status": status_label(status, rule),
        }
        for post_id in by_title.get((person_id, title_key), []):
            result[(person_id, post_id)].append(text)
    return result


def _evaluations(person_ids: list[int], year: int) -> dict[int, list[tuple[int, str]]]:
    result: dict[int, list[tuple[int, str]]] = {pid: [] for pid in person_ids}
    for ev in Evaluation.unscoped.filter(person_id__in=person_ids, year__gte=year - 3, year__lt=year).order_by("-year"):
        result[ev.person_id].append((ev.year, ev.get_level_display()))
    return result


def _line(member: PoolMember, term: SuccessionTerm, evaluations, gaps) -> MemberLine:
    person = member.person
    return MemberLine(
        member=member,
        person=person,
        age_at_start=person.age_on(term.start_date),
        retiring=retirement_rules.retirement_of(person),
        evaluations=evaluations.get(person.pk, []),
        gaps=gaps.get((person.pk, member.post_id), []),
    )


@dataclass
class UnitPool:
    term: SuccessionTerm
    unit: Unit
    day: datetime.date
    posts: list[PostBlock]
    shares: list[Share]
    decisions: list[PoolDecision]


def structure(term: SuccessionTerm, unit: Unit, people: list[Person], day: datetime.date) -> list[Share]:
    """The shares of under-40s (at the term's start), women and ethnic minorities among the
    distinct people of a unit's pools, beside the targets the province set."""
    distinct = list({p.pk: p for p in people}.values())
    total = len(distinct)
    young = sum(1 for p in distinct if (age := p.age_on(term.start_date)) is not None and age < 40)
    women = sum(1 for p in distinct if p.gender == "female")
    minority = sum(1 for p in distinct if p.ethnicity_id is not None and not p.ethnicity.is_majority)
    return [
        Share(k, str(PoolRuleKind(k).label), n, total, pool_rules.rule_for(k, day, unit))
        for k, n in (
            (PoolRuleKind.UNDER_40_PERCENT, young),
            (PoolRuleKind.WOMEN_PERCENT, women),
            (PoolRuleKind.MINORITY_PERCENT, minority),
        )
    ]


def unit_pool(user, term: SuccessionTerm, unit: Unit, *, day: datetime.date, where: str = "pools:unit") -> UnitPool:
    """A unit's pools for a term: per post, the people in it on `day` (and those brought out),
    their age at the term's start, retirement date, last three evaluations and gaps against the
    pooled post; the rounds; the structure shares. Logged as a view of every person shown."""
    require_pools(user, unit)
    posts = list(
        SuccessionPost.objects.for_user(user)
        .filter(term=term, unit=unit)
        .select_related("title", "unit", "term")
        .order_by("order", "title__order")
    )
    members = list(
        PoolMember.objects.for_user(user)
        .filter(post__in=posts)
        .select_related("person", "person__ethnicity", "decision", "removal_decision", "post", "post__unit")
        .order_by("added_on", "person__sort_key")
    )
    active = [m for m in members if m.added_on <= day and (m.removed_on is None or m.removed_on > day)]
    evaluations = _evaluations(sorted({m.person_id for m in members}), day.year)
    gaps = gaps_in_words([(m.person, m.post) for m in active], day)
    rounds_by_post: dict[int, list[IntroductionRound]] = {}
    for rnd in (
        IntroductionRound.objects.for_user(user)
        .filter(post__in=posts)
        .prefetch_related("votes__person")
        .order_by("step", "held_on")
    ):
        rounds_by_post.setdefault(rnd.post_id, []).append(rnd)
    blocks = []
    for post in posts:
        own = [m for m in members if m.post_id == post.pk]
        blocks.append(
            PostBlock(
                post=post,
                members=[_line(m, term, evaluations, gaps) for m in own if m in active],
                former=[_line(m, term, evaluations, {}) for m in own if m not in active],
                rounds=rounds_by_post.get(post.pk, []),
            )
        )
    decisions = list(PoolDecision.objects.for_user(user).filter(term=term, unit=unit).order_by("date", "pk"))
    result = UnitPool(
        term=term,
        unit=unit,
        day=day,
        posts=blocks,
        shares=structure(term, unit, [m.person for m in active], day),
        decisions=decisions,
    )
    log_view(
        user,
        people=list({m.person_id: m.person for m in members}.values()),
        where=where,
        criteria={"term": term.code, "unit": unit.code, "day": day.isoformat()},
    )
    return result


def person_places(user, person: Person) -> list[PoolMember] | None:
    """A person's pool places (current and past), or None when the user may not see pools or
    does not reach the person. Logged when any place is shown."""
    if Perm.VIEW_POOLS not in perms_of(user) or not within_reach(user, person):
        return None
    scope = reach_of(user)
    places = list(
        PoolMember.objects.within(scope)
        .filter(person=person)
        .select_related("post", "post__term", "post__unit", "post__title", "decision", "removal_decision")
        .order_by("-post__term__start_date", "added_on")
    )
    if places:
        log_view(user, people=[person], where="person_pools", criteria={"person": person.pk})
    return places


def round_percent(votes: int, total: int) -> Decimal | None:
    return Decimal(100 * votes) / total if total else None


def pool_people_for(user, unit: Unit):
    """The people the add form offers: those within reach under the unit (the pooled post's unit)
    and, for a commune's post, the whole commune."""
    return Person.objects.for_user(user).filter(unit_path__startswith=unit.path).order_by("sort_key")


def decisions_for(user, post: SuccessionPost):
    return (
        PoolDecision.objects.for_user(user)
        .filter(term=post.term)
        .filter(Q(unit=post.unit) | Q(unit_path__in=[post.unit_path[:i] for i in range(1, len(post.unit_path) + 1)]))
    )
