"""Service obligation after state-funded đào tạo and the repayment if the person leaves early.

NĐ 101/2017/NĐ-CP Điều 7–8: serve at least `multiplier` × the training time (the multiplier is an
`ObligationRule` row: ×2, and ×3 for postgraduate from NĐ 171/2025); leaving before that repays
S = F / T1 × (T1 − T2), F the cost the state paid for the learner, T1 the months to serve, T2 the
months served since completion.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from canbo.training.choices import Funding, ProgrammeGroup, Result
from canbo.training.models import Enrolment, ObligationRule

STATE_FUNDED = (Funding.STATE_BUDGET, Funding.MIXED)


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole calendar months from `start` to `end` (a month counts once its day is reached)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def training_months(start: datetime.date, end: datetime.date) -> int:
    """The training time in months, a started month counting whole (13 months and a week → 14)."""
    after = end + datetime.timedelta(days=1)
    months = months_between(start, after)
    if _add_months(start, months) < after:
        months += 1
    return max(months, 1)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def repayment(*, cost: Decimal, months_required: int, months_served: int) -> Decimal:
    """S = F / T1 × (T1 − T2), in whole đồng; nothing once the obligation is served."""
    if months_required <= 0 or months_served >= months_required:
        return Decimal(0)
    value = Decimal(cost) / months_required * (months_required - max(months_served, 0))
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


@dataclass
class Obligation:
    enrolment: Enrolment
    rule: ObligationRule
    training_months: int
    months_required: int
    cost: Decimal
    starts: datetime.date

    @property
    def ends(self) -> datetime.date:
        return _add_months(self.starts, self.months_required)

    def months_served(self, day: datetime.date | None = None) -> int:
        return months_between(self.starts, day or datetime.date.today())

    def repayment(self, day: datetime.date | None = None) -> Decimal:
        return repayment(cost=self.cost, months_required=self.months_required, months_served=self.months_served(day))


def rule_for(enrolment: Enrolment) -> ObligationRule | None:
    day = enrolment.completed_on
    level = enrolment.training_class.programme.grants_level
    rank = level.rank if level is not None and level.ladder.code == "professional" else 0
    return (
        ObligationRule.objects.filter(valid_from__lte=day, min_level_rank__lte=rank)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-min_level_rank", "-valid_from")
        .first()
    )


def learner_cost(enrolment: Enrolment) -> Decimal:
    """F: the class's cost shared among the learners who completed it."""
    training_class = enrolment.training_class
    if not training_class.cost:
        return Decimal(0)
    learners = training_class.enrolments.filter(result=Result.PASSED).count() or 1
    return (Decimal(training_class.cost) / learners).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def obligation_for(enrolment: Enrolment) -> Obligation | None:
    """The obligation a completed enrolment carries, or None (bồi dưỡng, not state-funded, not passed)."""
    training_class = enrolment.training_class
    programme = training_class.programme
    if enrolment.result != Result.PASSED or not enrolment.completed_on:
        return None
    if programme.kind.group != ProgrammeGroup.DAO_TAO or training_class.funding not in STATE_FUNDED:
        return None
    rule = rule_for(enrolment)
    if rule is None:
        return None
    months = training_months(training_class.start_date, training_class.end_date)
    required = int((Decimal(months) * rule.multiplier).to_integral_value(rounding=ROUND_HALF_UP))
    return Obligation(
        enrolment=enrolment,
        rule=rule,
        training_months=months,
        months_required=required,
        cost=learner_cost(enrolment),
        starts=enrolment.completed_on,
    )
