"""Training priority: who should be sent to training first, with the reasons in words.

A person's score is the sum of parts, each weighted by a `PriorityWeight` row (data the admin
edits; seeded by a migration from `priority_data.py`):

- each standard of the post held on `day` that the person falls short of — more when the grace
  period or the transition is over ("current_unmet") than while it runs ("current_pending"); the
  annual periods of bồi dưỡng have their own weight ("current_duty", 0 by default: on 01/01 no one
  has them yet, so they tell nobody apart);
- only when `include_pools` (the viewer may see pools): being in an active succession pool
  ("pool_member", once per post) and each standard of the pooled post the person falls short of
  ("pool_gap"; a rule already counted for the current post is not counted twice);
- last year's evaluation: "xuất sắc" and "tốt" raise, "không hoàn thành" lowers (a negative
  weight) — it does not bar: training may be the remedy, and the officer decides on the proposal;
- the years since the last completed training (per year, up to a cap; no record counts the cap);
- a weak sector: the person's title belongs to a sector whose standardisation rate in the unit
  looked at (the list's unit; for a single person, their commune or department) is under a
  threshold.

The weights are rows (`PriorityWeight`, edited in the admin, every change logged) rather than
Django settings: a province changes its emphasis without a deployment, and the house rule is that
rules are data (DESIGN.md, rule 4).

Everything is set-based: a fixed number of queries whatever the number of people (the gap
statement, the pools, the evaluations, the last completions, the sector rates), never one per
person — a province has 20,000 people.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from canbo.careers.choices import EvaluationLevel
from canbo.careers.models import Evaluation, PoolMember, PriorityWeight
from canbo.orgs.models import Unit
from canbo.people.models import Level
from canbo.standards import engine
from canbo.standards.choices import GapStatus, RuleKind
from canbo.standards.models import Gap, Requirement, Title
from canbo.training.models import Enrolment

CHUNK = 2000
EVAL_KEYS = {
    EvaluationLevel.EXCELLENT: "eval_excellent",
    EvaluationLevel.GOOD: "eval_good",
    EvaluationLevel.DONE: "eval_done",
    EvaluationLevel.FAILED: "eval_failed",
}


def signed(points: int) -> str:
    return f"+{points}" if points >= 0 else f"−{-points}"


@dataclass
class Part:
    """One reason in the score: its words and its points."""

    key: str
    text: str
    points: int
    pool: bool = False

    @property
    def words(self) -> str:
        return f"{self.text} ({signed(self.points)})"


@dataclass
class GapNeed:
    """A standard the person falls short of, with the programme kinds that would close it."""

    key: str
    rule_id: int
    label: str
    kinds: frozenset[int]
    points: int
    pool: bool = False
    post: str = ""  # the pooled post's words (pool gaps only)


@dataclass
class Priority:
    person_id: int
    unit_id: int | None = None
    title_id: int | None = None
    category: str = ""
    unit_path: str = ""
    parts: list[Part] = field(default_factory=list)
    gaps: list[GapNeed] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(p.points for p in self.parts)

    @property
    def explanation(self) -> str:
        return "; ".join(p.words for p in self.parts)

    @property
    def has_pool(self) -> bool:
        return any(p.pool for p in self.parts)

    def without_pools(self) -> Priority:
        return Priority(
            person_id=self.person_id,
            unit_id=self.unit_id,
            title_id=self.title_id,
            category=self.category,
            unit_path=self.unit_path,
            parts=[p for p in self.parts if not p.pool],
            gaps=[g for g in self.gaps if not g.pool],
        )


def weights() -> dict[str, int]:
    return dict(PriorityWeight.objects.values_list("key", "value"))


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield list(ids[i : i + CHUNK])


def _assignments(day: datetime.date, flt: engine.PersonFilter) -> list[tuple]:
    """(person_id, unit_id, unit_path, unit_kind, category, catalog_title_id) of each person's main
    assignment on `day`, in one statement (the gap engine's own)."""
    sql, params = engine.assignments_sql(day, flt)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[:6] for row in cursor.fetchall()]


def _current_gaps(day: datetime.date, flt: engine.PersonFilter, ids: set[int]) -> list[tuple]:
    """(person_id, rule_id, title_key, status, have, need) short of a rule of the post held on `day`."""
    if engine.uses_stored(day):
        qs = Gap.objects.exclude(status=GapStatus.MET)
        cols = ("person_id", "rule_id", "title_key", "status", "have", "need")
        if flt.path:
            return [r for r in qs.filter(unit_path__startswith=flt.path).values_list(*cols) if r[0] in ids]
        rows: list[tuple] = []
        for chunk in _chunks(sorted(ids)):
            rows.extend(qs.filter(person_id__in=chunk).values_list(*cols))
        return rows
    return [
        (r[0], r[1], r[4], r[5], r[6], r[7]) for r in engine.gaps_at(day, flt) if r[5] != GapStatus.MET and r[0] in ids
    ]


@dataclass
class _Context:
    rules: dict[int, Requirement]
    titles: dict[int, Title]
    labels: dict[tuple[int, int], str]
    closing: dict[int, frozenset[int]]


def _context(rule_ids: set[int], title_ids: set[int]) -> _Context:
    through = Requirement.closing_kinds.through
    closing: dict[int, set[int]] = defaultdict(set)
    for rule_id, kind_id in through.objects.filter(requirement_id__in=rule_ids).values_list(
        "requirement_id", "programmekind_id"
    ):
        closing[rule_id].add(kind_id)
    labels: dict[tuple[int, int], str] = {}
    for lv in Level.objects.order_by("order"):
        labels.setdefault((lv.ladder_id, lv.rank), lv.label)
    return _Context(
        rules=Requirement.objects.select_related("ladder", "title").in_bulk(rule_ids),
        titles=Title.objects.in_bulk(title_ids),
        labels=labels,
        closing={k: frozenset(v) for k, v in closing.items()},
    )


def _shortfall(ctx: _Context, rule: Requirement, have: int, need: int) -> str:
    """ "trình độ Trung cấp (Lý luận chính trị)" / "40 tiết bồi dưỡng hằng năm (mới có 12)"."""
    if rule.kind == RuleKind.DUTY:
        return _("%(need)s tiết bồi dưỡng hằng năm (mới có %(have)s)") % {"need": need, "have": have}
    label = ctx.labels.get((rule.ladder_id, need), "")
    ladder = rule.ladder.name if rule.ladder_id else ""
    if not ladder or ladder.lower().startswith("trình độ"):
        return _("trình độ %(level)s") % {"level": label}
    return _("trình độ %(level)s (%(ladder)s)") % {"level": label, "ladder": ladder}


def _post_name(ctx: _Context, rule: Requirement, title_key: int) -> str:
    title = ctx.titles.get(title_key) or rule.title
    return title.name if title else rule.name


def _sector_rates(roots: set[str], day: datetime.date) -> dict[str, dict[str, float]]:
    """Root unit path → sector → standardisation rate (%) in that subtree (duty rules left out)."""
    from canbo.standards.selectors import unit_rates

    result: dict[str, dict[str, float]] = {}
    for unit in Unit.unscoped.filter(path__in=roots):
        acc: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for rate in unit_rates(user=None, unit=unit, day=day):
            if rate.ladder_code == "duty" or not rate.sector:
                continue
            acc[rate.sector][0] += rate.applicable
            acc[rate.sector][1] += rate.met
        result[unit.path] = {s: 100.0 * met / n for s, (n, met) in acc.items() if n}
    return result


def _root_of(path: str) -> str:
    """The commune or department a unit belongs to: the second level of the tree (the province
    itself for units directly at the top)."""
    parts = [p for p in path.strip("/").split("/") if p]
    return "/" + "/".join(parts[:2]) + "/"


def priorities(
    *,
    people_ids: Iterable[int] | None = None,
    unit: Unit | None = None,
    day: datetime.date,
    year: int | None = None,
    include_pools: bool = False,
    pool_reach=None,
) -> dict[int, Priority]:
    """The priority of each person whose main assignment on `day` is in `unit`'s subtree (or of
    `people_ids`), for training in `year` (default: `day`'s year). The caller has checked the
    reach; pool parts only when `include_pools` (the viewer may see pools), and then only the
    places in posts within `pool_reach` (the viewer's reach, a Scope; None: every post, for the
    system) — a commune's pool officer does not learn another commune's pool through a person of
    their own."""
    if (people_ids is None) == (unit is None):
        raise ValueError("priorities() takes people_ids or unit")
    year = year or day.year
    flt = engine.PersonFilter(path=unit.path) if unit is not None else engine.PersonFilter(ids=sorted(set(people_ids)))
    w = weights()
    held = _assignments(day, flt)
    result: dict[int, Priority] = {
        pid: Priority(person_id=pid, unit_id=unit_id, title_id=title_id, category=category or "", unit_path=path)
        for pid, unit_id, path, _kind, category, title_id in held
    }
    if not result:
        return result
    ids = set(result)
    ordered_ids = sorted(ids)

    # -- standards of the post held
    current = _current_gaps(day, flt, ids)
    # -- pools
    pooled: list[PoolMember] = []
    pool_rows: list[tuple] = []
    if include_pools:
        active = Q(removed_on__isnull=True) | Q(removed_on__gt=day)
        members = PoolMember.unscoped.all() if pool_reach is None else PoolMember.objects.within(pool_reach)
        for chunk in _chunks(ordered_ids):
            pooled.extend(
                members.filter(active, person_id__in=chunk, added_on__lte=day, post__term__end_date__gte=day)
                .select_related("post__unit", "post__title")
                .order_by("person_id", "post__order", "pk")
            )
        posts = [(m.person_id, m.post.unit, m.post.title_id, m.post.category) for m in pooled]
        pool_rows = [r for r in engine.gaps_for_posts(day, posts) if r[5] != GapStatus.MET]
    ctx = _context(
        {r[1] for r in current} | {r[1] for r in pool_rows},
        {r[2] for r in current} | {r[4] for r in pool_rows} | {t for *_x, t in held if t},
    )
    counted: dict[int, set[int]] = defaultdict(set)
    for pid, rule_id, title_key, status, have, need in sorted(current, key=lambda r: (r[0], r[3], r[1])):
        rule = ctx.rules.get(rule_id)
        if rule is None:
            continue
        if rule.kind == RuleKind.DUTY:
            key = "current_duty"
            text = _("Chưa đủ %(what)s") % {"what": _shortfall(ctx, rule, have, need)}
        else:
            key = "current_unmet" if status == GapStatus.UNMET else "current_pending"
            text = _("Thiếu %(what)s theo chuẩn %(post)s") % {
                "what": _shortfall(ctx, rule, have, need),
                "post": _post_name(ctx, rule, title_key),
            }
            if status != GapStatus.UNMET:
                text += _(", còn trong thời hạn")
        points = w.get(key, 0)
        counted[pid].add(rule_id)
        kinds = ctx.closing.get(rule_id, frozenset())
        result[pid].gaps.append(GapNeed(f"r{rule_id}", rule_id, text, kinds, points))
        if points:
            result[pid].parts.append(Part(key, text, points))

    if include_pools:
        by_post = {(m.person_id, m.post.unit_id, m.post.title_id): m for m in pooled}
        seen_posts: set[tuple[int, int]] = set()
        for m in pooled:
            if (m.person_id, m.post_id) in seen_posts:
                continue
            seen_posts.add((m.person_id, m.post_id))
            text = _("Trong quy hoạch %(title)s, %(unit)s") % {"title": m.post.title.name, "unit": m.post.unit.name}
            if w.get("pool_member", 0):
                result[m.person_id].parts.append(Part("pool_member", text, w["pool_member"], pool=True))
        for pid, rule_id, unit_id, _path, title_key, _status, have, need, _short in pool_rows:
            rule = ctx.rules.get(rule_id)
            if rule is None or rule.kind == RuleKind.DUTY or rule_id in counted[pid]:
                continue
            counted[pid].add(rule_id)
            member = by_post.get((pid, unit_id, title_key))
            post = member.post.title.name if member else _post_name(ctx, rule, title_key)
            text = _("Thiếu %(what)s theo chuẩn chức danh quy hoạch %(post)s") % {
                "what": _shortfall(ctx, rule, have, need),
                "post": post,
            }
            points = w.get("pool_gap", 0)
            kinds = ctx.closing.get(rule_id, frozenset())
            result[pid].gaps.append(GapNeed(f"p{rule_id}", rule_id, text, kinds, points, pool=True, post=post))
            if points:
                result[pid].parts.append(Part("pool_gap", text, points, pool=True))

    # -- last year's evaluation
    for chunk in _chunks(ordered_ids):
        for pid, level in Evaluation.unscoped.filter(person_id__in=chunk, year=year - 1).values_list(
            "person_id", "level"
        ):
            key = EVAL_KEYS.get(level)
            points = w.get(key, 0) if key else 0
            if points:
                text = _("Năm %(year)s %(level)s") % {
                    "year": year - 1,
                    "level": EvaluationLevel(level).label.lower(),
                }
                result[pid].parts.append(Part(key, text, points))

    # -- years since the last completed training
    per_year, cap = w.get("years_since_training", 0), w.get("years_since_training_cap", 0)
    if per_year and cap:
        last: dict[int, datetime.date] = {}
        for chunk in _chunks(ordered_ids):
            last.update(
                Enrolment.unscoped.filter(person_id__in=chunk, completed_on__isnull=False, completed_on__lte=day)
                .values("person_id")
                .annotate(last=Max("completed_on"))
                .values_list("person_id", "last")
            )
        for pid, p in result.items():
            done = last.get(pid)
            if done is None:
                years = cap
                text = _("Chưa có khóa đào tạo, bồi dưỡng nào được ghi nhận")
            else:
                years = min(year - done.year, cap)
                text = _("%(n)s năm chưa được đào tạo, bồi dưỡng (lần gần nhất năm %(last)s)") % {
                    "n": year - done.year,
                    "last": done.year,
                }
            if years > 0:
                p.parts.append(Part("years_since_training", text, per_year * years))

    # -- weak sector
    sector_points, threshold = w.get("weak_sector", 0), w.get("weak_sector_rate", 0)
    if sector_points and threshold:
        paths = {pid: path for pid, _u, path, _k, _c, _t in held}
        root_of = {pid: unit.path if unit is not None else _root_of(path) for pid, path in paths.items()}
        rates = _sector_rates(set(root_of.values()), day)
        for pid, p in result.items():
            title = ctx.titles.get(p.title_id) if p.title_id else None
            if title is None or not title.sector:
                continue
            rate = rates.get(root_of[pid], {}).get(title.sector)
            if rate is not None and rate < threshold:
                text = _("Lĩnh vực %(sector)s có tỷ lệ đạt chuẩn %(rate)s%% trong đơn vị") % {
                    "sector": title.sector,
                    "rate": f"{rate:.0f}",
                }
                p.parts.append(Part("weak_sector", text, sector_points))
    return result


def person_priority(*, person, day: datetime.date, include_pools: bool, pool_reach=None) -> Priority | None:
    """One person's priority (the person page, the cadre's own page)."""
    found = priorities(people_ids=[person.pk], day=day, include_pools=include_pools, pool_reach=pool_reach)
    return found.get(person.pk)


def ranked(found: dict[int, Priority]) -> list[Priority]:
    """Highest score first; ties by person id (stable pages)."""
    return sorted(found.values(), key=lambda p: (-p.score, p.person_id))


def own_priority_context(user, *, day: datetime.date | None = None) -> dict:
    """The context of `careers/_priority_panel.html` on a cadre's own page: their own priority,
    computed without pools at all (self-service shows no pool, not even their own place)."""
    from canbo.core.dates import today
    from canbo.people.models import Person

    day = day or today()
    person_id = getattr(user, "person_id", None)
    person = Person.unscoped.filter(pk=person_id).first() if person_id else None
    found = person_priority(person=person, day=day, include_pools=False) if person else None
    return {"own_priority": found, "own_priority_day": day}
