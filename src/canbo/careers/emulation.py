"""Emulation (thi đua): the units directly under a unit ranked for a year by three figures, and the
learners with the best results of the year, for the emulation council (Hội đồng thi đua, khen thưởng).

The three figures, each of a unit's whole subtree:

- plan completion: lượt người trained ÷ lượt người planned in the unit's own plan, % (the plans'
  plan-vs-actual figure);
- standardisation rate: the share of applicable requirements met on 31/12 of the year (or today
  for the current year), the standards' rate without the annual training duty (already counted
  by plan completion);
- evaluation results: the share of "hoàn thành xuất sắc" and "hoàn thành tốt" among the people
  evaluated that year, and the share of "không hoàn thành".

The combined score is a weighted mean of three points out of 100: plan completion capped at 100
(training more than planned does not outweigh the other figures), the standardisation rate, and
the share of xuất sắc + tốt less the share of không hoàn thành (never below 0). A figure a unit has
no data for (no plan, nobody evaluated) counts 0 points. The weights are the setting
`CANBO_EMULATION_WEIGHTS` (default 40 / 30 / 30) and are shown with the ranking. Units with the
same combined score (to 0,01) share a rank (1, 2, 2, 4), listed by name.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from canbo.accounts.permissions import reach_of
from canbo.careers.choices import EvaluationLevel
from canbo.careers.models import Evaluation
from canbo.core.dates import today
from canbo.orgs.models import Unit
from canbo.plans.selectors import plan_vs_actual, year_span
from canbo.standards import engine
from canbo.standards.choices import RuleKind
from canbo.standards.models import GapSummary, Requirement
from canbo.training.choices import ClassStatus, Result
from canbo.training.models import Enrolment, ProgrammeKind

DEFAULT_WEIGHTS = {"plan": 40, "standards": 30, "evaluation": 30}
CRITERIA = ("plan", "standards", "evaluation")
DEFAULT_TOP = 10


def weights() -> dict[str, float]:
    """The weights of the three figures (settings `CANBO_EMULATION_WEIGHTS`), non-negative, not all 0."""
    configured = {**DEFAULT_WEIGHTS, **getattr(settings, "CANBO_EMULATION_WEIGHTS", {})}
    chosen = {k: max(0.0, float(configured[k])) for k in CRITERIA}
    return chosen if sum(chosen.values()) > 0 else {k: float(v) for k, v in DEFAULT_WEIGHTS.items()}


def criterion_label(key: str) -> str:
    return {
        "plan": _("Hoàn thành kế hoạch đào tạo, bồi dưỡng"),
        "standards": _("Tỷ lệ đạt chuẩn chức danh"),
        "evaluation": _("Kết quả đánh giá, xếp loại"),
    }[key]


def _pct(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole else None


@dataclass
class UnitScore:
    unit: Unit
    planned_turns: int = 0
    turns: int = 0
    has_plan: bool = False
    applicable: int = 0
    met: int = 0
    evaluated: int = 0
    excellent: int = 0
    good: int = 0
    failed: int = 0
    score: float = 0.0
    rank: int = 0
    ranks: dict[str, int | None] = field(default_factory=dict)

    @property
    def plan_percent(self) -> float | None:
        return _pct(self.turns, self.planned_turns)

    @property
    def standards_percent(self) -> float | None:
        return _pct(self.met, self.applicable)

    @property
    def good_percent(self) -> float | None:
        return _pct(self.excellent + self.good, self.evaluated)

    @property
    def failed_percent(self) -> float | None:
        return _pct(self.failed, self.evaluated)

    def points(self) -> dict[str, float]:
        plan = min(self.plan_percent or 0.0, 100.0)
        standards = self.standards_percent or 0.0
        evaluation = max(0.0, (self.good_percent or 0.0) - (self.failed_percent or 0.0))
        return {"plan": plan, "standards": standards, "evaluation": evaluation}

    def value(self, key: str) -> float | None:
        """The figure a criterion's own rank is taken on (None: no data, ranked last)."""
        if key == "plan":
            return self.plan_percent
        if key == "standards":
            return self.standards_percent
        if self.evaluated == 0:
            return None
        return (self.good_percent or 0.0) - (self.failed_percent or 0.0)


@dataclass
class Emulation:
    unit: Unit
    year: int
    day: datetime.date  # the date of the standardisation rate
    weights: dict[str, float]
    rows: list[UnitScore]


def rate_day(year: int) -> datetime.date:
    """The day the standardisation rate is read: 31/12 of the year, or today in the current year."""
    return min(datetime.date(year, 12, 31), today())


def _child_of(unit: Unit, path: str, children: dict[int, UnitScore]) -> UnitScore | None:
    rest = path[len(unit.path) :].strip("/").split("/")
    if not rest or not rest[0]:
        return None
    return children.get(int(rest[0]))


def _standards(user, unit: Unit, day: datetime.date, rows: dict[int, UnitScore]) -> None:
    duty = set(Requirement.objects.filter(kind=RuleKind.DUTY).values_list("pk", flat=True))
    scope = reach_of(user)
    if engine.uses_stored(day):
        data = (
            GapSummary.objects.filter(unit_path__startswith=unit.path)
            .filter(scope.q("unit_path"))
            .exclude(rule_id__in=duty)
            .values("unit_path")
            .annotate(n=Sum("applicable"), m=Sum("met"))
            .values_list("unit_path", "n", "m")
        )
    else:
        merged: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for _uid, path, rule_id, _title, n, met, _grace, _tr in engine.computed_at(
            day, engine.PersonFilter(path=unit.path), group="rates"
        ):
            if rule_id not in duty and scope.contains_path(path):
                merged[path][0] += n
                merged[path][1] += met or 0
        data = [(path, n, m) for path, (n, m) in merged.items()]
    for path, n, m in data:
        row = _child_of(unit, path, rows)
        if row is not None:
            row.applicable += n or 0
            row.met += m or 0


def _evaluations(user, unit: Unit, year: int, rows: dict[int, UnitScore]) -> None:
    counts = (
        Evaluation.objects.within(reach_of(user))
        .filter(year=year, unit_path__startswith=unit.path)
        .values("unit_path", "level")
        .annotate(n=Count("pk"))
        .values_list("unit_path", "level", "n")
    )
    for path, level, n in counts:
        row = _child_of(unit, path, rows)
        if row is None:
            continue
        row.evaluated += n
        if level == EvaluationLevel.EXCELLENT:
            row.excellent += n
        elif level == EvaluationLevel.GOOD:
            row.good += n
        elif level == EvaluationLevel.FAILED:
            row.failed += n


def competition_ranks(values: list[float | None]) -> list[int]:
    """1, 2, 2, 4: equal values share a rank, the next rank skips; None (no data) ranks after all."""
    keyed = sorted(range(len(values)), key=lambda i: (values[i] is None, -(values[i] or 0.0)))
    ranks = [0] * len(values)
    for position, i in enumerate(keyed):
        prev = keyed[position - 1] if position else None
        same = prev is not None and values[prev] == values[i]
        ranks[i] = ranks[prev] if same else position + 1
    return ranks


def ranking(*, user, unit: Unit, year: int) -> Emulation:
    """The units directly under `unit` in `year` with their three figures, points, combined score
    and ranks (plan_vs_actual refuses a unit the user may not see with a 404)."""
    pva = plan_vs_actual(user=user, unit=unit, year=year)
    rows: dict[int, UnitScore] = {}
    for figure, _kinds in pva.children:
        rows[figure.unit.pk] = UnitScore(
            unit=figure.unit, planned_turns=figure.planned_turns, turns=figure.turns, has_plan=figure.has_plan
        )
    day = rate_day(year)
    _standards(user, unit, day, rows)
    _evaluations(user, unit, year, rows)
    chosen = weights()
    total_weight = sum(chosen.values())
    scored = list(rows.values())
    for row in scored:
        points = row.points()
        row.score = round(sum(chosen[k] * points[k] for k in CRITERIA) / total_weight, 2)
    for key in CRITERIA:
        values = [None if (v := r.value(key)) is None else round(v, 2) for r in scored]
        for row, value, rank in zip(scored, values, competition_ranks(values), strict=True):
            row.ranks[key] = None if value is None else rank  # no data: no rank on that figure
    for row, rank in zip(scored, competition_ranks([r.score for r in scored]), strict=True):
        row.rank = rank
    scored.sort(key=lambda r: (r.rank, r.unit.name_key, r.unit.pk))
    return Emulation(unit=unit, year=year, day=day, weights=chosen, rows=scored)


# ---------------------------------------------------------------- the best learners


@dataclass
class Learner:
    enrolment: Enrolment
    mark: Decimal  # the score on a 10-point scale
    rank: int


@dataclass
class KindLearners:
    kind: ProgrammeKind
    learners: list[Learner]


def best_learners(*, user, unit: Unit, year: int, top: int = DEFAULT_TOP) -> list[KindLearners]:
    """Per programme kind, the learners of `unit`'s subtree who completed a class in `year` with the
    highest scores: the first `top` and everyone tied with the last of them.

    Classes mark on a 10- or a 100-point scale: a class with any score above 10 is on the 100-point
    scale, and its scores are divided by 10 so that classes compare."""
    first, last = year_span(year)
    rows = list(
        Enrolment.objects.within(reach_of(user))
        .filter(
            unit_path__startswith=unit.path,
            result=Result.PASSED,
            completed_on__gte=first,
            completed_on__lte=last,
            score__isnull=False,
        )
        .exclude(training_class__status=ClassStatus.CANCELLED)
        .values_list("pk", "score", "training_class_id", "training_class__programme__kind_id")
    )
    top_of_class: dict[int, Decimal] = defaultdict(Decimal)
    for _pk, score, class_id, _kind in rows:
        top_of_class[class_id] = max(top_of_class[class_id], score)
    by_kind: dict[int, list[tuple[Decimal, int]]] = defaultdict(list)
    for pk, score, class_id, kind_id in rows:
        mark = score / 10 if top_of_class[class_id] > 10 else score
        by_kind[kind_id].append((mark, pk))
    chosen: dict[int, list[tuple[Decimal, int, int]]] = {}
    for kind_id, marks in by_kind.items():
        marks.sort(key=lambda m: -m[0])
        cut = marks[min(top, len(marks)) - 1][0]
        kept = [m for m in marks if m[0] >= cut]
        ranks = competition_ranks([float(m) for m, _pk in kept])
        chosen[kind_id] = [(m, pk, r) for (m, pk), r in zip(kept, ranks, strict=True)]
    objects = Enrolment.unscoped.select_related(
        "person", "unit", "training_class__programme", "training_class__organiser"
    ).in_bulk([pk for lines in chosen.values() for _m, pk, _r in lines])
    result = []
    for kind in ProgrammeKind.objects.filter(pk__in=chosen.keys()):
        learners = [
            Learner(enrolment=objects[pk], mark=mark.quantize(Decimal("0.01")), rank=rank)
            for mark, pk, rank in chosen[kind.pk]
        ]
        learners.sort(key=lambda x: (x.rank, x.enrolment.person.sort_key, x.enrolment.pk))
        result.append(KindLearners(kind=kind, learners=learners))
    return result
