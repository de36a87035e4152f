"""The optimised training proposal: who attends which class, to close the most priority-weighted
gaps under seats, budget and absence limits. A pure solver (Python + OR-Tools CP-SAT, no database):
the caller builds `Candidate`s and `Offer`s from the registry and reads back a `Proposal`.

Semantics
---------

* A **pair** (person, class) is *eligible* when the class is open to the person's unit (`Offer.units`
  is None or holds `Candidate.unit_id`), the class's programme kind closes at least one of the
  person's gaps, the class does not overlap (in days, both ends included) any of the person's
  `busy` periods, the class is not long while the person already has a long course this year
  (`has_long`, when `Limits.one_long_per_person`), and its cost per place is within the budget.
* A **place's value** is the sum of the weights of the person's gaps that the class's kind closes
  and that no other place of the same person closes already: each gap counts once. Among a
  person's places a gap is credited to the earliest class (by start date, then class id); a place
  worth nothing (all its gaps closed by the person's other places) is never proposed.
* **Limits** (each checked again, place by place, in the tests):
  - a person has at most one place per class; no two of their places overlap in time, and none
    overlaps `busy`;
  - at most one long course per person in the year when `one_long_per_person` (none if `has_long`);
  - at most `seats` places per class;
  - total cost (`cost_per_place` of each place) ≤ `budget` when a budget is given;
  - for each unit and each day, the number of its people away (places proposed, plus `busy`
    periods of its candidates, plus `Limits.unit_away` periods of its other staff) is at most
    `max(1, floor(away_share × staff))`, staff from `Limits.unit_staff` (when a unit is missing
    there, its number of candidates). When the unit's people already away exceed that on a day,
    no new place may cover the day.

  *Why checking the start dates suffices.* The number of people away on day d counts the
  intervals (classes and busy periods, both ends included) that contain d. Take any day d that a
  proposed class covers, and let s be the latest start among the intervals containing d. Every
  interval containing d starts on or before s and ends on or after d ≥ s, so it also contains s:
  the intervals away on s include those away on d, for the new places and for those already away
  alike. So new(d) ≤ new(s) ≤ max(0, cap − already(s)) ≤ max(0, cap − already(d)), and checking
  every start date (of classes and of periods already away) checks every day. A start date is
  also redundant when no interval containing it ends before the next start date and the room
  left does not shrink there (its intervals are a subset of the next date's).
* **Objective**: maximise the total value (sum of weights of gaps closed). Ties are broken
  towards higher priority (a second, lexicographically smaller term: each closed gap counts its
  person's priority), then towards fewer places.

Scale: variables exist only for eligible pairs; when there are more than `prune_above` of them,
each class keeps its best `k = prune_factor × seats` candidates (by the pair's value, then
priority), plus every pair the two greedy solutions below use, so they stay feasible in the
model: the better is given to CP-SAT as a hint, and if the solver's answer is worse (or it finds
none in the time limit) that greedy solution's places are returned. So the objective is never
below the greedy baseline. Pruning can cut the optimum when a class has more than k strong
candidates whose other options are all blocked, or cheaper ones a tight budget would prefer; a
pruned proposal is therefore never called "optimal", and `Proposal.bound` (the solver's bound
within the pruned model) says how far from it it may be.

The greedy baseline (`greedy`) repeatedly takes the pair with the highest marginal value (then
higher priority, lower person id, earlier class) that respects every limit. When a budget is set,
the same greedy by value per đồng is run too, and the better of the two is the solver's hint
(`Proposal.start_objective`): a binding budget is a knapsack, where value alone wastes money on
expensive places. The objective reported as `greedy_objective` is always the plain baseline's.

CP-SAT runs with 2 workers (this machine has 2 cores) and a fixed seed; with a time limit and
parallel workers its answer may differ between runs when the time limit is reached before
optimality is proved (small instances are solved to proven optimality).
"""

from __future__ import annotations

import bisect
import heapq
import math
import os
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from canbo.core.text import format_number

# ---------------------------------------------------------------------------------------------
# The interface


@dataclass(frozen=True)
class Gap:
    """One gap of one person that classes of some programme kinds close."""

    key: str  # unique within the person, e.g. "rule:12" or "pool:3:rule:12"
    label: str  # in words
    kinds: frozenset[int]  # ProgrammeKind ids whose classes close it
    weight: int  # priority-weighted value, > 0


@dataclass(frozen=True)
class Candidate:
    person_id: int
    unit_id: int  # the unit whose "away at the same time" limit applies
    priority: int  # the person's priority score (points)
    gaps: tuple[Gap, ...]
    reason: str = ""  # the priority in words, copied into each place's reason
    busy: tuple[tuple[date, date], ...] = ()  # periods already away (classes already enrolled)
    has_long: bool = False  # already has a long course this year


@dataclass(frozen=True)
class Offer:
    """A class with free places."""

    class_id: int
    code: str
    kind_id: int
    seats: int
    cost_per_place: int  # VND
    start: date
    end: date
    long: bool
    units: frozenset[int] | None = None  # unit ids whose people may attend (None: all)


@dataclass(frozen=True)
class Limits:
    budget: int | None = None
    away_share: float = 0.2  # at most this share of a unit's staff away at the same time
    unit_staff: Mapping[int, int] = field(default_factory=dict)  # staff per unit
    one_long_per_person: bool = True
    time_limit: float = 50.0  # seconds for the whole proposal: the solver gets what preparation left
    # Periods when people of a unit who are not candidates are already away (enrolled elsewhere).
    unit_away: Mapping[int, tuple[tuple[date, date], ...]] = field(default_factory=dict)
    prune_factor: int = 3  # each class keeps its best prune_factor × seats candidates (0: no pruning)
    prune_above: int = 20_000  # ... only when there are more eligible pairs than this
    workers: int = 2


@dataclass
class Place:
    person_id: int
    class_id: int
    code: str
    gaps: list[str]  # labels of the gaps this place closes
    value: int
    reason: str
    gap_keys: list[str] = field(default_factory=list)


@dataclass
class Proposal:
    places: list[Place]
    objective: int
    greedy_objective: int
    unassigned_seats: dict[str, int]  # class code -> free places left
    limits: list[dict]  # {"limit": "budget"|"seats"|"away_share"|"one_long", "detail", "binding"}
    status: str  # "optimal" | "feasible"
    bound: int | None = None  # the solver's upper bound on the objective (within the pruned model)
    solver: str = "cp-sat"  # or "greedy" / "greedy per cost" when the solver did not beat its start
    seconds: float = 0.0
    variables: int = 0  # (person, class) pairs in the model
    eligible_pairs: int = 0  # before pruning
    start_objective: int = 0  # the solver's starting point: the better of greedy by value and by value per đồng


class Infeasible(Exception):
    """Nothing can be proposed; `reason` (Vietnamese) says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# ---------------------------------------------------------------------------------------------
# Preparation: eligible pairs and the absence checkpoints


def _overlaps(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    return a_start <= b_end and b_start <= a_end


@dataclass(slots=True)
class _Pair:
    p: int  # index into candidates
    c: int  # index into offers
    gaps: tuple[int, ...]  # indices into the person's gaps that the class closes
    value: int  # sum of their weights (before other places of the person)
    rank: int = 0  # 1-based position within the class's eligible people (value, then priority)
    among: int = 0  # number of eligible people of the class


@dataclass
class _Unit:
    cap: int
    points: list[date]  # sorted checkpoints (start dates)
    room: list[int]  # new places allowed at each checkpoint: max(0, cap - already away)


class _Instance:
    def __init__(self, candidates: Sequence[Candidate], offers: Sequence[Offer], limits: Limits):
        self.candidates = list(candidates)
        self.offers = [o for o in offers if o.seats > 0]
        self.all_offers = list(offers)
        self.limits = limits
        self.excluded: dict[str, int] = defaultdict(int)
        self.pairs: list[_Pair] = []
        self._pairs()
        self._units()

    def _pairs(self) -> None:
        by_kind: dict[int, list[int]] = defaultdict(list)
        for ci, offer in enumerate(self.offers):
            by_kind[offer.kind_id].append(ci)
        budget = self.limits.budget
        one_long = self.limits.one_long_per_person
        self.matched_people = 0
        pairs = self.pairs
        excluded = self.excluded
        offers = self.offers
        for pi, cand in enumerate(self.candidates):
            # A class has one kind: the gaps it closes depend on its kind only.
            by_gap_kind: dict[int, list[int]] = {}
            for gi, gap in enumerate(cand.gaps):
                if gap.weight > 0:
                    for kind in gap.kinds:
                        if kind in by_kind:
                            by_gap_kind.setdefault(kind, []).append(gi)
            if not by_gap_kind:
                continue
            self.matched_people += 1
            no_long = cand.has_long and one_long
            unit_id, busy = cand.unit_id, cand.busy
            for kind, gis in by_gap_kind.items():
                gaps = tuple(sorted(set(gis)))
                value = sum(cand.gaps[g].weight for g in gaps)
                for ci in by_kind[kind]:
                    offer = offers[ci]
                    if offer.units is not None and unit_id not in offer.units:
                        excluded["unit"] += 1
                    elif busy and any(_overlaps(offer.start, offer.end, s, e) for s, e in busy):
                        excluded["busy"] += 1
                    elif no_long and offer.long:
                        excluded["long"] += 1
                    elif budget is not None and offer.cost_per_place > budget:
                        excluded["budget"] += 1
                    else:
                        pairs.append(_Pair(pi, ci, gaps, value))
        # Each class's eligible people, best first (value, then priority, then person id).
        self.per_class: dict[int, list[_Pair]] = defaultdict(list)
        for pair in self.pairs:
            self.per_class[pair.c].append(pair)
        cands = self.candidates
        order = {pi: (-c.priority, c.person_id) for pi, c in enumerate(cands)}
        for in_class in self.per_class.values():
            in_class.sort(key=lambda q: (-q.value, order[q.p]))
            for position, pair in enumerate(in_class, 1):
                pair.rank, pair.among = position, len(in_class)

    def _units(self) -> None:
        limits = self.limits
        starts: dict[int, set[date]] = defaultdict(set)
        already: dict[int, list[tuple[date, date]]] = defaultdict(list)
        candidates_in: dict[int, int] = defaultdict(int)
        for cand in self.candidates:
            candidates_in[cand.unit_id] += 1
        for pair in self.pairs:
            u = self.candidates[pair.p].unit_id
            starts[u].add(self.offers[pair.c].start)
        for cand in self.candidates:
            if cand.unit_id in starts:
                already[cand.unit_id].extend(cand.busy)
        for u, periods in limits.unit_away.items():
            if u in starts:
                already[u].extend(periods)
        self.units: dict[int, _Unit] = {}
        for u, points in starts.items():
            for s, _e in already[u]:
                points.add(s)
            ordered = sorted(points)
            staff = limits.unit_staff.get(u, candidates_in[u])
            cap = max(1, math.floor(limits.away_share * staff + 1e-9))
            room = []
            for point in ordered:
                away = sum(1 for s, e in already[u] if s <= point <= e)
                room.append(max(0, cap - away))
            self.units[u] = _Unit(cap, ordered, room)

    def span(self, pair: _Pair) -> tuple[_Unit, int, int]:
        """The unit of a pair and the range of its checkpoints that the class covers."""
        unit = self.units[self.candidates[pair.p].unit_id]
        offer = self.offers[pair.c]
        lo = bisect.bisect_left(unit.points, offer.start)
        hi = bisect.bisect_right(unit.points, offer.end)
        return unit, lo, hi


def _check(candidates, offers, limits: Limits) -> _Instance:
    """Raise Infeasible with the reason when nothing can be proposed; else the instance."""
    if not offers:
        raise Infeasible(_("Không có lớp nào đang mở trong năm để đề xuất."))
    open_offers = [o for o in offers if o.seats > 0]
    if not open_offers:
        raise Infeasible(_("Các lớp đang mở (%(count)s lớp) đều đã hết chỗ.") % {"count": format_number(len(offers))})
    cheapest = min(o.cost_per_place for o in open_offers)
    if limits.budget is not None and limits.budget < cheapest:
        raise Infeasible(
            _("Kinh phí %(budget)s đồng thấp hơn học phí một chỗ của mọi lớp còn chỗ (thấp nhất %(cost)s đồng).")
            % {"budget": format_number(limits.budget), "cost": format_number(cheapest)}
        )
    instance = _Instance(candidates, offers, limits)
    if not instance.matched_people:
        raise Infeasible(
            _(
                "Không có ai (trong %(people)s người được xét) có thiếu hụt mà loại chương trình của các lớp đang mở "
                "bù được."
            )
            % {"people": format_number(len(candidates))}
        )
    if not instance.pairs:
        parts = []
        labels = {
            "unit": _("lớp không dành cho đơn vị của người đó: %(n)s trường hợp"),
            "busy": _("trùng thời gian với lớp đã ghi danh: %(n)s trường hợp"),
            "long": _("đã có một khoá dài hạn trong năm: %(n)s trường hợp"),
            "budget": _("học phí một chỗ vượt kinh phí: %(n)s trường hợp"),
        }
        for key, label in labels.items():
            if instance.excluded.get(key):
                parts.append(label % {"n": format_number(instance.excluded[key])})
        raise Infeasible(
            _("Không ai đủ điều kiện dự các lớp bù được thiếu hụt của mình (%(why)s).") % {"why": "; ".join(parts)}
        )
    return instance


# ---------------------------------------------------------------------------------------------
# State shared by the greedy baseline, verification and the report of binding limits


class _State:
    def __init__(self, inst: _Instance):
        self.inst = inst
        self.seats = [o.seats for o in inst.offers]
        self.budget = inst.limits.budget
        self.spent = 0
        self.closed: list[set[int]] = [set() for _ in inst.candidates]
        self.taken: list[list[int]] = [[] for _ in inst.candidates]  # offer indices per person
        self.has_long = [c.has_long and inst.limits.one_long_per_person for c in inst.candidates]
        self.slack = {u: list(unit.room) for u, unit in inst.units.items()}  # new places still allowed

    def fits(self, pair: _Pair) -> bool:
        """`blocked_by(pair) == []`, cheapest checks first (the greedy baseline asks it often)."""
        inst = self.inst
        if self.seats[pair.c] <= 0:
            return False
        offer = inst.offers[pair.c]
        if self.budget is not None and self.spent + offer.cost_per_place > self.budget:
            return False
        if offer.long and inst.limits.one_long_per_person and self.has_long[pair.p]:
            return False
        for other in self.taken[pair.p]:
            o = inst.offers[other]
            if other == pair.c or _overlaps(o.start, o.end, offer.start, offer.end):
                return False
        _unit, lo, hi = inst.span(pair)
        return lo >= hi or min(self.slack[inst.candidates[pair.p].unit_id][lo:hi]) >= 1

    def marginal(self, pair: _Pair) -> int:
        gaps = self.inst.candidates[pair.p].gaps
        closed = self.closed[pair.p]
        return sum(gaps[g].weight for g in pair.gaps if g not in closed)

    def blocked_by(self, pair: _Pair) -> list[str]:
        """The limits that adding this pair would break ("person" for the person's own calendar)."""
        inst = self.inst
        offer = inst.offers[pair.c]
        why = []
        if self.seats[pair.c] <= 0:
            why.append("seats")
        if self.budget is not None and self.spent + offer.cost_per_place > self.budget:
            why.append("budget")
        for other in self.taken[pair.p]:
            o = inst.offers[other]
            if other == pair.c or _overlaps(o.start, o.end, offer.start, offer.end):
                why.append("person")
                break
        if offer.long and inst.limits.one_long_per_person and self.has_long[pair.p]:
            why.append("one_long")
        _unit, lo, hi = inst.span(pair)
        if lo < hi and min(self.slack[inst.candidates[pair.p].unit_id][lo:hi]) < 1:
            why.append("away_share")
        return why

    def add(self, pair: _Pair) -> None:
        inst = self.inst
        offer = inst.offers[pair.c]
        self.seats[pair.c] -= 1
        self.spent += offer.cost_per_place
        self.taken[pair.p].append(pair.c)
        self.closed[pair.p].update(pair.gaps)
        if offer.long:
            self.has_long[pair.p] = True
        _unit, lo, hi = inst.span(pair)
        slack = self.slack[inst.candidates[pair.p].unit_id]
        for i in range(lo, hi):
            slack[i] -= 1


def _greedy_pairs(inst: _Instance, per_cost: bool = False) -> list[_Pair]:
    """Lazy greedy: pairs in order of value, priority, person id, class start and id; a pair whose
    value dropped (another place of the person closed some of its gaps) goes back into a heap
    with its new value, and the next pair is the better of the list's and the heap's heads.
    `per_cost` orders by value per đồng instead (a second start for the solver when the budget
    binds; the baseline reported is the plain greedy)."""
    state = _State(inst)
    cands, offers = inst.candidates, inst.offers
    class_order = {
        c: i for i, c in enumerate(sorted(range(len(offers)), key=lambda c: (offers[c].start, offers[c].class_id)))
    }

    costs = [max(1, o.cost_per_place) for o in offers]

    def key(pair: _Pair, value: int | None):
        v = pair.value if value is None else value
        return (
            -(v / costs[pair.c] if per_cost else v),
            -cands[pair.p].priority,
            cands[pair.p].person_id,
            class_order[pair.c],
        )

    ordered = sorted(range(len(inst.pairs)), key=lambda i: key(inst.pairs[i], None))
    heap: list[tuple[tuple, int, int]] = []  # (key, pair index, the value the key was made with)
    chosen = []
    position = 0
    while position < len(ordered) or heap:
        if heap and (position >= len(ordered) or heap[0][0] < key(inst.pairs[ordered[position]], None)):
            _k, i, keyed = heapq.heappop(heap)
        else:
            i = ordered[position]
            position += 1
            keyed = inst.pairs[i].value
        pair = inst.pairs[i]
        value = state.marginal(pair) if state.closed[pair.p] else pair.value
        if value <= 0:
            continue
        if value != keyed:
            heapq.heappush(heap, (key(pair, value), i, value))
            continue
        if not state.fits(pair):
            continue  # every limit only tightens as places are added: it stays blocked
        state.add(pair)
        chosen.append(pair)
    return chosen


# ---------------------------------------------------------------------------------------------
# Places: values credited gap by gap, reasons in words


def _places(inst: _Instance, chosen: Iterable[_Pair]) -> list[Place]:
    per_person: dict[int, list[_Pair]] = defaultdict(list)
    for pair in chosen:
        per_person[pair.p].append(pair)
    places = []
    for p in sorted(per_person, key=lambda p: inst.candidates[p].person_id):
        cand = inst.candidates[p]
        closed: set[int] = set()
        for pair in sorted(per_person[p], key=lambda q: (inst.offers[q.c].start, inst.offers[q.c].class_id)):
            new = [g for g in pair.gaps if g not in closed]
            closed.update(new)
            value = sum(cand.gaps[g].weight for g in new)
            if value <= 0:
                continue
            offer = inst.offers[pair.c]
            position, among = pair.rank, pair.among
            why = _("Bù đắp: %(gaps)s; giá trị %(value)s điểm; xếp thứ %(rank)s trong %(among)s người cần lớp này") % {
                "gaps": "; ".join(cand.gaps[g].label for g in new),
                "value": format_number(value),
                "rank": format_number(position),
                "among": format_number(among),
            }
            if cand.reason:
                why = _("%(why)s. Ưu tiên: %(reason)s") % {"why": why, "reason": cand.reason}
            places.append(
                Place(
                    person_id=cand.person_id,
                    class_id=offer.class_id,
                    code=offer.code,
                    gaps=[cand.gaps[g].label for g in new],
                    value=value,
                    reason=why,
                    gap_keys=[cand.gaps[g].key for g in new],
                )
            )
    return places


# ---------------------------------------------------------------------------------------------
# The CP-SAT model


def _prune(inst: _Instance, keep: Iterable[_Pair]) -> list[_Pair]:
    factor = inst.limits.prune_factor
    if factor <= 0 or len(inst.pairs) <= inst.limits.prune_above:
        return list(inst.pairs)
    kept = {id(pair) for pair in keep}
    out = []
    for c, pairs in inst.per_class.items():
        k = factor * inst.offers[c].seats
        if len(pairs) > k:
            pairs = pairs[:k] + [q for q in pairs[k:] if id(q) in kept]  # best first already
        out.extend(pairs)
    return out


def _solve(inst: _Instance, pairs: list[_Pair], hint: list[_Pair], started: float):
    from ortools.sat.python import cp_model

    limits = inst.limits
    model = cp_model.CpModel()
    x = [model.NewBoolVar("") for _ in pairs]
    hinted = {id(pair) for pair in hint}

    per_class: dict[int, list[int]] = defaultdict(list)
    per_person: dict[int, list[int]] = defaultdict(list)
    for i, pair in enumerate(pairs):
        per_class[pair.c].append(i)
        per_person[pair.p].append(i)

    # Seats, budget.
    for c, idx in per_class.items():
        if len(idx) > inst.offers[c].seats:
            model.Add(sum(x[i] for i in idx) <= inst.offers[c].seats)
    if limits.budget is not None:
        costs = [inst.offers[pair.c].cost_per_place for pair in pairs]
        if sum(costs) > limits.budget:
            model.Add(sum(cost * x[i] for i, cost in enumerate(costs) if cost) <= limits.budget)

    # Per person: no overlap (one at-most-one per start date: the cliques of an interval graph),
    # one long course, and the gaps closed.
    primary: list[tuple[int, object]] = []
    secondary: list[tuple[int, object]] = []
    low = min(c.priority for c in inst.candidates)
    hint_y: list[tuple[object, int]] = []
    for p, idx in per_person.items():
        cand = inst.candidates[p]
        offers = [inst.offers[pairs[i].c] for i in idx]
        for start in sorted({o.start for o in offers}):
            clique = [i for i, o in zip(idx, offers, strict=True) if o.start <= start <= o.end]
            if len(clique) > 1:
                model.AddAtMostOne(x[i] for i in clique)
        if limits.one_long_per_person:
            longs = [i for i, o in zip(idx, offers, strict=True) if o.long]
            if len(longs) > 1:
                model.AddAtMostOne(x[i] for i in longs)
        tie = cand.priority - low + 1
        closers: dict[int, list[int]] = defaultdict(list)
        for i in idx:
            for g in pairs[i].gaps:
                closers[g].append(i)
        for g, those in closers.items():
            weight = cand.gaps[g].weight
            if len(those) == 1:
                y = x[those[0]]
            else:
                y = model.NewBoolVar("")
                model.Add(y <= sum(x[i] for i in those))
                hint_y.append((y, int(any(id(pairs[i]) in hinted for i in those))))
            primary.append((weight, y))
            secondary.append((tie, y))

    # Absence per unit at each useful checkpoint, over the number of the unit's people in each
    # class (one integer per unit and class: far fewer terms than one per person and class).
    per_unit_class: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, pair in enumerate(pairs):
        per_unit_class[inst.candidates[pair.p].unit_id][pair.c].append(i)
    for u, classes in per_unit_class.items():
        unit = inst.units[u]
        cover: list[list[int]] = [[] for _ in unit.points]  # offer indices
        min_end: list[date] = [date.max] * len(unit.points)
        for c in classes:
            offer = inst.offers[c]
            lo = bisect.bisect_left(unit.points, offer.start)
            hi = bisect.bisect_right(unit.points, offer.end)
            for j in range(lo, hi):
                cover[j].append(c)
                if offer.end < min_end[j]:
                    min_end[j] = offer.end
        counts: dict[int, object] = {}
        for j, those in enumerate(cover):
            room = unit.room[j]
            if sum(len(classes[c]) for c in those) <= room:
                continue
            if len({pairs[i].p for c in those for i in classes[c]}) <= room:
                continue  # cannot bind: each person is away once at a time
            last = j + 1 == len(unit.points)
            if not last and min_end[j] >= unit.points[j + 1] and unit.room[j + 1] <= room:
                continue  # a subset of the next checkpoint's, with no more room there
            terms = []
            for c in those:
                if c not in counts:
                    idx = classes[c]
                    if len(idx) == 1:
                        counts[c] = x[idx[0]]
                    else:
                        counts[c] = model.NewIntVar(0, min(len(idx), inst.offers[c].seats), "")
                        model.Add(counts[c] == sum(x[i] for i in idx))
                        hint_y.append((counts[c], sum(1 for i in idx if id(pairs[i]) in hinted)))
                terms.append(counts[c])
            model.Add(sum(terms) <= room)

    # Lexicographic objective: value, then priority of the people closing gaps, then fewer places.
    sec_max = sum(t for t, _y in secondary) + len(x) + 1
    model.Maximize(sum(w * sec_max * y for w, y in primary) + sum(t * y for t, y in secondary) - sum(x))
    for i, pair in enumerate(pairs):
        model.AddHint(x[i], int(id(pair) in hinted))
    for y, v in hint_y:
        model.AddHint(y, v)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(1.0, limits.time_limit - (time.perf_counter() - started))
    solver.parameters.num_workers = max(1, limits.workers)
    solver.parameters.random_seed = 0
    # Presolve once, without symmetry detection: on 60,000 pairs the later rounds took 20 s of 50
    # for little gain; the time goes to the search (LNS around the hint) instead.
    solver.parameters.max_presolve_iterations = 1
    solver.parameters.symmetry_level = 0
    solver.parameters.log_search_progress = bool(os.environ.get("CANBO_OPTIMISER_LOG"))  # to tune
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, None, False
    chosen = [pair for i, pair in enumerate(pairs) if solver.BooleanValue(x[i])]
    bound = int(solver.BestObjectiveBound() + len(x)) // sec_max
    return chosen, bound, status == cp_model.OPTIMAL


# ---------------------------------------------------------------------------------------------
# Entry points


def greedy(candidates: Sequence[Candidate], offers: Sequence[Offer], limits: Limits) -> tuple[int, list[Place]]:
    """The greedy baseline: its objective and its places."""
    inst = _check(candidates, offers, limits)
    places = _places(inst, _greedy_pairs(inst))
    return sum(p.value for p in places), places


def propose(candidates: Sequence[Candidate], offers: Sequence[Offer], limits: Limits) -> Proposal:
    started = time.perf_counter()
    inst = _check(candidates, offers, limits)
    greedy_chosen = _greedy_pairs(inst)
    greedy_places = _places(inst, greedy_chosen)
    greedy_objective = sum(p.value for p in greedy_places)

    hint, start_objective = greedy_chosen, greedy_objective
    if limits.budget is not None:
        # When the budget binds, value per đồng often starts the solver better than value alone.
        dense = _greedy_pairs(inst, per_cost=True)
        dense_objective = sum(p.value for p in _places(inst, dense))
        if dense_objective > greedy_objective:
            hint, start_objective = dense, dense_objective
    pairs = _prune(inst, greedy_chosen + (hint if hint is not greedy_chosen else []))
    chosen, bound, optimal = _solve(inst, pairs, hint, started)
    places = _places(inst, chosen) if chosen is not None else None
    objective = sum(p.value for p in places) if places is not None else -1
    solver = "cp-sat"
    if places is None or objective < start_objective:
        places, chosen, objective, optimal = _places(inst, hint), hint, start_objective, False
        solver = "greedy" if hint is greedy_chosen else "greedy per cost"
    pruned = len(pairs) < len(inst.pairs)
    status = "optimal" if optimal and not pruned else "feasible"
    if bound is not None and objective >= bound and not pruned:
        status = "optimal"
    if not places:
        raise Infeasible(
            _(
                "Không đề xuất được chỗ nào: mọi chỗ đều vướng giới hạn số người vắng cùng lúc của đơn vị "
                "hoặc lịch học đã có."
            )
        )
    # The places actually proposed (worthless ones dropped) define what is used.
    kept = {(p.person_id, p.class_id) for p in places}
    final = [pair for pair in chosen if (inst.candidates[pair.p].person_id, inst.offers[pair.c].class_id) in kept]
    return Proposal(
        places=places,
        objective=objective,
        greedy_objective=greedy_objective,
        unassigned_seats=_unassigned(inst, final),
        limits=_limits_report(inst, final),
        status=status,
        bound=bound,
        solver=solver,
        seconds=time.perf_counter() - started,
        variables=len(pairs),
        eligible_pairs=len(inst.pairs),
        start_objective=start_objective,
    )


def _unassigned(inst: _Instance, chosen: list[_Pair]) -> dict[str, int]:
    used: dict[int, int] = defaultdict(int)
    for pair in chosen:
        used[pair.c] += 1
    out = {}
    for c, offer in enumerate(inst.offers):
        left = offer.seats - used[c]
        if left > 0:
            out[offer.code] = left
    return out


def _limits_report(inst: _Instance, chosen: list[_Pair]) -> list[dict]:
    """Each bound with its use, and whether it is binding: one more place that would still close a
    gap is refused by it (and by nothing but the limits)."""
    state = _State(inst)
    for pair in chosen:
        state.add(pair)
    blocking: dict[str, int] = defaultdict(int)
    for pair in inst.pairs:
        if state.marginal(pair) <= 0:
            continue
        why = state.blocked_by(pair)
        if "person" in why:
            continue
        for limit in why:
            blocking[limit] += 1
    limits = inst.limits
    places = len(chosen)
    seats = sum(o.seats for o in inst.offers)
    full = sum(1 for s in state.seats if s <= 0)
    report = []
    if limits.budget is not None:
        report.append(
            {
                "limit": "budget",
                "detail": _("Dùng %(spent)s / %(budget)s đồng")
                % {
                    "spent": format_number(state.spent),
                    "budget": format_number(limits.budget),
                },
                "binding": bool(blocking["budget"]),
            }
        )
    report.append(
        {
            "limit": "seats",
            "detail": _("%(places)s / %(seats)s chỗ; %(full)s / %(classes)s lớp kín chỗ")
            % {
                "places": format_number(places),
                "seats": format_number(seats),
                "full": format_number(full),
                "classes": format_number(len(inst.offers)),
            },
            "binding": bool(blocking["seats"]),
        }
    )
    at_cap = sum(
        1
        for u, unit in inst.units.items()
        if any(s <= 0 and r > s for s, r in zip(state.slack[u], unit.room, strict=True))
    )
    report.append(
        {
            "limit": "away_share",
            "detail": _("Tối đa %(share)s số người của đơn vị vắng cùng lúc; %(units)s / %(all)s đơn vị chạm giới hạn")
            % {
                "share": f"{format_number(limits.away_share * 100)} %",
                "units": format_number(at_cap),
                "all": format_number(len(inst.units)),
            },
            "binding": bool(blocking["away_share"]),
        }
    )
    if limits.one_long_per_person:
        longs = sum(1 for pair in chosen if inst.offers[pair.c].long)
        report.append(
            {
                "limit": "one_long",
                "detail": _("Mỗi người tối đa một khoá dài hạn trong năm; %(n)s chỗ dài hạn được đề xuất")
                % {"n": format_number(longs)},
                "binding": bool(blocking["one_long"]),
            }
        )
    return report


def proposal_json(p: Proposal) -> dict:
    """The proposal for `canbo plan propose --json`."""
    return {
        "assignments": [
            {
                "person_id": place.person_id,
                "class_code": place.code,
                "gap_closed": place.gaps,
                "reason": place.reason,
                "value": place.value,
            }
            for place in p.places
        ],
        "objective": p.objective,
        "greedy_objective": p.greedy_objective,
        "unassigned_seats": p.unassigned_seats,
        "limits": p.limits,
        "status": p.status,
    }
