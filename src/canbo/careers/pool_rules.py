"""The checks on succession pools, as data: which PoolRule applies to a unit on a day, and each
check a new pool place must pass, refused with the rule broken and its source."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from canbo.careers.choices import PoolRuleKind
from canbo.careers.models import IntroductionRound, IntroductionVote, PoolMember, PoolRule, SuccessionPost, TitleRank
from canbo.people import retirement as retirement_rules
from canbo.people.models import Assignment, Person


@dataclass(frozen=True)
class Refusal:
    kind: str  # a PoolRuleKind value, or "duplicate" / "higher_post" / "birth"
    message: str
    source: str

    def __str__(self) -> str:
        return _("%(message)s (căn cứ: %(source)s)") % {"message": self.message, "source": self.source}


def rule_for(kind: str, day: datetime.date, unit=None) -> PoolRule | None:
    """The rule of `kind` valid on `day` for `unit`: the nearest unit's rule (of the unit or an
    ancestor), else the rule for everywhere."""
    rules = list(PoolRule.objects.valid_on(day).filter(kind=kind).select_related("unit").order_by("-valid_from"))
    best, best_len = None, -1
    for rule in rules:
        if rule.unit_id is None:
            length = 0
        elif unit is not None and unit.path.startswith(rule.unit.path):
            length = len(rule.unit.path)
        else:
            continue
        if length > best_len:
            best, best_len = rule, length
    return best


def active_q(day: datetime.date, prefix: str = "") -> Q:
    """Pool places held on `day`: added on or before, not yet brought out."""
    return Q(**{f"{prefix}added_on__lte": day}) & (
        Q(**{f"{prefix}removed_on__isnull": True}) | Q(**{f"{prefix}removed_on__gt": day})
    )


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29/02
        return day.replace(year=day.year + years, day=28)


def current_title(person: Person, day: datetime.date):
    """The catalogue title of the person's main assignment on `day` (None when not matched)."""
    assignment = (
        Assignment.unscoped.valid_on(day)
        .filter(person=person, is_main=True)
        .select_related("catalog_title")
        .order_by("-start_date")
        .first()
    )
    return assignment.catalog_title if assignment else None


def _pct(value: Decimal, decimals: int = 0) -> str:
    from canbo.core.text import format_number

    return format_number(value, decimals)


def checks(*, post: SuccessionPost, person: Person, day: datetime.date) -> list[Refusal]:
    """Every rule a new place of `person` in `post`'s pool on `day` would break (empty: allowed)."""
    refusals: list[Refusal] = []
    term = post.term
    unit = post.unit
    if PoolMember.unscoped.filter(active_q(day), post=post, person=person).exists():
        refusals.append(
            Refusal("duplicate", _("%(name)s đã có tên trong quy hoạch chức danh này.") % {"name": person}, "—")
        )
    # At most N people per post.
    rule = rule_for(PoolRuleKind.MAX_PEOPLE_PER_POST, day, unit)
    if rule is not None:
        held = PoolMember.unscoped.filter(active_q(day), post=post).exclude(person=person).count()
        if held + 1 > rule.value:
            refusals.append(
                Refusal(
                    rule.kind,
                    _("Mỗi chức danh quy hoạch không quá %(n)s người; “%(post)s” đã có %(held)s người.")
                    % {"n": _pct(rule.value), "post": post, "held": held},
                    rule.source,
                )
            )
    # At most N posts per person in the same term.
    rule = rule_for(PoolRuleKind.MAX_POSTS_PER_PERSON, day, unit)
    if rule is not None:
        places = (
            PoolMember.unscoped.filter(active_q(day), person=person, post__term=term)
            .exclude(post=post)
            .values("post")
            .distinct()
            .count()
        )
        if places + 1 > rule.value:
            refusals.append(
                Refusal(
                    rule.kind,
                    _("Mỗi người quy hoạch không quá %(n)s chức danh; %(name)s đã được quy hoạch %(held)s chức danh.")
                    % {"n": _pct(rule.value), "name": person, "held": places},
                    rule.source,
                )
            )
    # Age: able to serve the minimum years from the term's start before retiring.
    rule = rule_for(PoolRuleKind.MIN_YEARS_TO_SERVE, day, unit)
    if rule is not None:
        years = int(rule.value)
        retiring = retirement_rules.retirement_of(person)
        source = f"{rule.source}; {retirement_rules.SOURCE}"
        if retiring is None:
            refusals.append(
                Refusal(
                    rule.kind,
                    _(
                        "Chưa biết ngày sinh (hoặc năm sinh) và giới tính của %(name)s nên không xác định được "
                        "tuổi nghỉ hưu: quy hoạch đòi hỏi đủ tuổi công tác ít nhất %(years)s năm tính từ đầu nhiệm kỳ."
                    )
                    % {"name": person, "years": years},
                    source,
                )
            )
        else:
            needed = add_years(term.start_date, years) - datetime.timedelta(days=1)
            if retiring.date < needed:
                refusals.append(
                    Refusal(
                        rule.kind,
                        _(
                            "Không đủ tuổi quy hoạch: %(name)s nghỉ hưu ngày %(date)s (%(age)s), không công tác đủ "
                            "%(years)s năm từ đầu nhiệm kỳ %(term)s (cần đến %(needed)s)."
                        )
                        % {
                            "name": person,
                            "date": retiring.date.strftime("%d/%m/%Y"),
                            "age": retiring.age_text(),
                            "years": years,
                            "term": term,
                            "needed": needed.strftime("%d/%m/%Y"),
                        },
                        source,
                    )
                )
    # The pooled post must be higher than the one held.
    held_title = current_title(person, day)
    if held_title is not None:
        ranks = {r.title_id: r for r in TitleRank.objects.filter(title_id__in=[held_title.pk, post.title_id])}
        pooled_rank, held_rank = ranks.get(post.title_id), ranks.get(held_title.pk)
        if held_title.pk == post.title_id:
            refusals.append(
                Refusal(
                    "higher_post",
                    _("%(name)s đang giữ chức danh “%(title)s”: chỉ quy hoạch vào chức danh cao hơn.")
                    % {"name": person, "title": held_title},
                    pooled_rank.source if pooled_rank else _("nguyên tắc quy hoạch chức danh cao hơn"),
                )
            )
        elif (
            pooled_rank is not None
            and held_rank is not None
            and held_title.unit_level == post.title.unit_level
            and pooled_rank.rank >= held_rank.rank
        ):
            refusals.append(
                Refusal(
                    "higher_post",
                    _("“%(pooled)s” không cao hơn chức danh %(name)s đang giữ (“%(title)s”).")
                    % {"pooled": post.title, "name": person, "title": held_title},
                    pooled_rank.source,
                )
            )
    # The introduction vote, when a round was held for the post.
    last_round = IntroductionRound.unscoped.filter(post=post, held_on__lte=day).order_by("-held_on", "-step").first()
    rule = rule_for(PoolRuleKind.MIN_VOTE_PERCENT, day, unit)
    if last_round is not None and rule is not None:
        vote = IntroductionVote.objects.filter(round=last_round, person=person).first()
        votes = vote.votes if vote else 0
        percent = Decimal(100 * votes) / last_round.total_votes if last_round.total_votes else Decimal(0)
        if percent < rule.value:
            refusals.append(
                Refusal(
                    rule.kind,
                    _(
                        "Số phiếu giới thiệu chưa đạt: %(name)s được %(votes)s/%(total)s phiếu (%(pct)s%%) tại "
                        "“%(round)s”, cần ít nhất %(need)s%%."
                    )
                    % {
                        "name": person,
                        "votes": votes,
                        "total": last_round.total_votes,
                        "pct": _pct(percent, 1),
                        "round": last_round.name,
                        "need": _pct(rule.value),
                    },
                    rule.source,
                )
            )
    return refusals
