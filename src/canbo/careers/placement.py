"""Placement closes the loop (bố trí sau đào tạo): each person in a succession pool measured
against the standards of the post they are pooled for, with the training they completed toward it.

A pooled person is ready to be placed when no requirement of the pooled post is left short
(`standards.engine.gaps_for_posts`, the person's levels against the post's rules); what they
completed is the passed training of a kind that closes one of those rules. The annual training
duty is left out: it is an obligation of every year, not a standard of the post.

Pools are confidential: only VIEW_POOLS sees these rows, and each display is logged (as the
sensitive fields of the registry are).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from canbo.accounts.permissions import Perm, perms_of
from canbo.careers.models import PoolMember
from canbo.standards import engine
from canbo.standards.choices import GapStatus, RuleKind
from canbo.standards.models import Requirement
from canbo.training.choices import Result
from canbo.training.models import Enrolment

LOG_WHERE = "placement_pools"
LOG_FIELDS = ["pool"]


@dataclass
class Missing:
    rule: Requirement
    status: int
    kinds: list[str]  # names of the programme kinds that close it

    @property
    def status_label(self) -> str:
        return GapStatus(self.status).label


@dataclass
class PoolReadiness:
    member: PoolMember
    missing: list[Missing] = field(default_factory=list)
    completed: list[Enrolment] = field(default_factory=list)

    @property
    def person(self):
        return self.member.person

    @property
    def post(self):
        return self.member.post

    @property
    def ready(self) -> bool:
        return not self.missing


def may_see_pools(user) -> bool:
    return Perm.VIEW_POOLS in perms_of(user)


def active_members(*, user, day: datetime.date):
    """Pool places within the user's reach that are current on `day`."""
    return (
        PoolMember.objects.for_user(user)
        .filter(added_on__lte=day)
        .filter(Q(removed_on__isnull=True) | Q(removed_on__gt=day))
        .select_related("person", "post__unit", "post__title", "post__term")
        .order_by("post__unit_path", "post__order", "post_id", "person__sort_key", "person_id")
    )


def pool_readiness(*, user, day: datetime.date | None = None, limit: int = 2000) -> list[PoolReadiness] | None:
    """Every current pool place the user reaches with what the pooled post still lacks and the
    training completed toward it; None when the user may not see pools (the caller shows nothing)."""
    if not may_see_pools(user):
        return None
    day = day or datetime.date.today()
    members = list(active_members(user=user, day=day)[:limit])
    if not members:
        return []
    posts = [(m.person_id, m.post.unit, m.post.title_id, m.post.category) for m in members]
    rows = engine.gaps_for_posts(day, posts)
    rules = {
        r.pk: r for r in Requirement.objects.filter(pk__in={row[1] for row in rows}).prefetch_related("closing_kinds")
    }
    # gaps_for_posts answers per person and the post's unit and title: key the rows the same way.
    by_place: dict[tuple[int, int, int], list[tuple]] = defaultdict(list)
    for person_id, rule_id, unit_id, _path, title_key, status, *_rest in rows:
        by_place[(person_id, unit_id, title_key)].append((rule_id, status))
    done = defaultdict(list)
    for e in (
        Enrolment.unscoped.filter(person_id__in={m.person_id for m in members}, result=Result.PASSED)
        .filter(completed_on__lte=day)
        .select_related("training_class__programme__kind")
        .order_by("completed_on", "pk")
    ):
        done[e.person_id].append(e)
    result = []
    for m in members:
        line = PoolReadiness(member=m)
        closing: set[int] = set()
        for rule_id, status in by_place.get((m.person_id, m.post.unit_id, m.post.title_id), []):
            rule = rules.get(rule_id)
            if rule is None or rule.kind == RuleKind.DUTY:
                continue
            kinds = list(rule.closing_kinds.all())
            closing |= {k.pk for k in kinds}
            if status != GapStatus.MET:
                line.missing.append(Missing(rule=rule, status=status, kinds=[k.name for k in kinds]))
        line.completed = [e for e in done.get(m.person_id, []) if e.training_class.programme.kind_id in closing]
        result.append(line)
    return result


def log_view(*, user, lines: list[PoolReadiness], where: str = LOG_WHERE) -> None:
    """One SensitiveAccess row for one display of pool places (the people shown by id)."""
    from canbo.accounts.services import log_sensitive_access

    people = list({line.person.pk: line.person for line in lines}.values())
    log_sensitive_access(user=user, fields=LOG_FIELDS, where=where, people=people)
