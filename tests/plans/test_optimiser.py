"""The optimised training proposal (plans/optimiser.py): against a brute-force optimum on small
random instances, never below the greedy baseline, every limit verified place by place on larger
ones, each infeasible input refused with its reason, and a case the greedy baseline gets wrong."""

from __future__ import annotations

import datetime
import math
import random
from collections import defaultdict

import pytest

from canbo.plans.optimiser import (
    Candidate,
    Gap,
    Infeasible,
    Limits,
    Offer,
    greedy,
    proposal_json,
    propose,
)

D0 = datetime.date(2027, 1, 4)


def day(n: int) -> datetime.date:
    return D0 + datetime.timedelta(days=n)


def overlap(a, b) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


# ---------------------------------------------------------------------------------------------
# An independent checker and a brute force, written from the module's documented semantics


def eligible(cand: Candidate, offer: Offer, limits: Limits) -> bool:
    if offer.seats <= 0:
        return False
    if offer.units is not None and cand.unit_id not in offer.units:
        return False
    if any(overlap((offer.start, offer.end), b) for b in cand.busy):
        return False
    if offer.long and cand.has_long and limits.one_long_per_person:
        return False
    if limits.budget is not None and offer.cost_per_place > limits.budget:
        return False
    return any(offer.kind_id in g.kinds for g in cand.gaps)


def caps(candidates, limits):
    counts = defaultdict(int)
    for c in candidates:
        counts[c.unit_id] += 1
    return {u: max(1, math.floor(limits.away_share * limits.unit_staff.get(u, counts[u]) + 1e-9)) for u in counts}


def value_of(cand: Candidate, offers: list[Offer]) -> int:
    """Weights of the gaps the person's classes close together, each gap once."""
    kinds = {o.kind_id for o in offers}
    return sum(g.weight for g in cand.gaps if g.kinds & kinds)


def violations(candidates, offers, limits, chosen: dict[int, list[Offer]], everyone=None) -> list[str]:
    """Every broken limit of a choice {candidate index: offers}, checking every single day
    (`everyone`: all the candidates, who give a unit's staff when unit_staff lacks it)."""
    broken = []
    by_class = defaultdict(int)
    spent = 0
    for i, taken in chosen.items():
        cand = candidates[i]
        for o in taken:
            by_class[o.class_id] += 1
            spent += o.cost_per_place
            if not eligible(cand, o, limits):
                broken.append(f"ineligible {cand.person_id} {o.code}")
        for a in range(len(taken)):
            for b in range(a + 1, len(taken)):
                if taken[a].class_id == taken[b].class_id or overlap(
                    (taken[a].start, taken[a].end), (taken[b].start, taken[b].end)
                ):
                    broken.append(f"overlap {cand.person_id}")
        longs = sum(1 for o in taken if o.long)
        if limits.one_long_per_person and longs + (1 if cand.has_long else 0) > 1 and longs:
            broken.append(f"long {cand.person_id}")
    for o in offers:
        if by_class[o.class_id] > o.seats:
            broken.append(f"seats {o.code}")
    if limits.budget is not None and spent > limits.budget:
        broken.append("budget")
    cap = caps(everyone or candidates, limits)
    dates = [o.start for o in offers] + [o.end for o in offers]
    first, last = min(dates), max(dates)
    d = first
    while d <= last:
        new = defaultdict(int)
        already = defaultdict(int)
        for i, cand in enumerate(candidates):
            new[cand.unit_id] += sum(1 for o in chosen.get(i, ()) if o.start <= d <= o.end)
            already[cand.unit_id] += sum(1 for s, e in cand.busy if s <= d <= e)
        for u, periods in limits.unit_away.items():
            already[u] += sum(1 for s, e in periods if s <= d <= e)
        for u, n in new.items():
            if n and n > max(0, cap[u] - already[u]):
                broken.append(f"away {u} {d}")
        d += datetime.timedelta(days=1)
    return broken


def check_proposal(candidates, offers, limits, proposal) -> None:
    by_person = {c.person_id: i for i, c in enumerate(candidates)}
    by_class = {o.class_id: o for o in offers}
    chosen = defaultdict(list)
    for place in proposal.places:
        chosen[by_person[place.person_id]].append(by_class[place.class_id])
        assert place.value > 0 and place.gaps and place.reason
    assert violations(candidates, offers, limits, chosen) == []
    # Each place's value is the weight of gaps it closes and no earlier place of the person does.
    for i, taken in chosen.items():
        cand = candidates[i]
        closed = set()
        for o in sorted(taken, key=lambda o: (o.start, o.class_id)):
            place = next(p for p in proposal.places if p.person_id == cand.person_id and p.class_id == o.class_id)
            new = [g for g in cand.gaps if o.kind_id in g.kinds and g.key not in closed]
            assert place.value == sum(g.weight for g in new)
            assert place.gaps == [g.label for g in new]
            closed.update(g.key for g in new)
    total = sum(value_of(candidates[i], taken) for i, taken in chosen.items())
    assert proposal.objective == total
    assert proposal.objective >= proposal.greedy_objective
    used = defaultdict(int)
    for place in proposal.places:
        used[place.code] += 1
    for o in offers:
        assert proposal.unassigned_seats.get(o.code, 0) == max(0, o.seats - used[o.code])


def brute_force(candidates, offers, limits) -> int:
    """The optimum by enumerating, person by person, every set of their eligible classes."""
    options = []
    for cand in candidates:
        mine = [o for o in offers if eligible(cand, o, limits)]
        subsets = []
        for mask in range(1 << len(mine)):
            taken = [o for k, o in enumerate(mine) if mask >> k & 1]
            if violations([cand], offers, limits, {0: taken}, everyone=candidates):
                continue
            subsets.append((value_of(cand, taken), taken))
        options.append(subsets)
    best = 0

    def walk(i, chosen, total):
        nonlocal best
        if i == len(candidates):
            best = max(best, total)
            return
        for value, taken in options[i]:
            chosen[i] = taken
            if not violations(candidates[: i + 1], offers, limits, chosen, everyone=candidates):
                walk(i + 1, chosen, total + value)
            del chosen[i]

    walk(0, {}, 0)
    return best


def random_instance(rng: random.Random, people: int, classes: int, *, units: int = 2, horizon: int = 40):
    kinds = list(range(4))
    unit_ids = list(range(1, units + 1))
    candidates = []
    for pid in range(1, people + 1):
        gaps = tuple(
            Gap(f"rule:{k}", f"Chuẩn {k} của người {pid}", frozenset(rng.sample(kinds, rng.choice((1, 1, 2)))), w)
            for k, w in ((k, rng.randint(1, 9)) for k in range(rng.randint(1, 3)))
        )
        busy = ()
        if rng.random() < 0.2:
            s = rng.randint(0, horizon)
            busy = ((day(s), day(s + rng.randint(0, 5))),)
        candidates.append(
            Candidate(
                person_id=pid,
                unit_id=rng.choice(unit_ids),
                priority=rng.randint(0, 30),
                gaps=gaps,
                reason=f"ưu tiên {pid}",
                busy=busy,
                has_long=rng.random() < 0.15,
            )
        )
    offers = []
    for cid in range(1, classes + 1):
        s = rng.randint(0, horizon)
        long = rng.random() < 0.3
        offers.append(
            Offer(
                class_id=cid,
                code=f"L{cid:03d}",
                kind_id=rng.choice(kinds),
                seats=rng.randint(1, 3),
                cost_per_place=rng.randint(1, 8) * 500_000,
                start=day(s),
                end=day(s + rng.randint(0, 20 if long else 6)),
                long=long,
                units=None if rng.random() < 0.7 else frozenset(rng.sample(unit_ids, 1)),
            )
        )
    limits = Limits(
        budget=None if rng.random() < 0.3 else rng.randint(2, 12) * 500_000,
        away_share=rng.choice((0.2, 0.25, 0.5)),
        unit_staff={u: rng.randint(2, 12) for u in unit_ids},
        one_long_per_person=rng.random() < 0.8,
        unit_away={1: ((day(3), day(8)),)} if rng.random() < 0.3 else {},
        time_limit=10,
    )
    return candidates, offers, limits


# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(40))
def test_equals_the_brute_force_optimum_on_small_instances(seed):
    rng = random.Random(seed)
    candidates, offers, limits = random_instance(rng, rng.randint(2, 6), rng.randint(1, 4))
    optimum = brute_force(candidates, offers, limits)
    try:
        proposal = propose(candidates, offers, limits)
    except Infeasible as refused:
        assert optimum == 0, refused.reason
        assert refused.reason
        return
    assert proposal.objective == optimum
    assert proposal.status == "optimal"
    check_proposal(candidates, offers, limits, proposal)
    greedy_objective, greedy_places = greedy(candidates, offers, limits)
    assert greedy_objective == proposal.greedy_objective <= optimum
    assert greedy_objective == sum(p.value for p in greedy_places)


@pytest.mark.parametrize("seed", range(6))
def test_every_limit_holds_on_larger_instances(seed):
    rng = random.Random(1000 + seed)
    candidates, offers, limits = random_instance(rng, 120, 25, units=6, horizon=120)
    limits = Limits(
        budget=limits.budget and limits.budget * 10,
        away_share=limits.away_share,
        unit_staff={u: rng.randint(10, 60) for u in range(1, 7)},
        one_long_per_person=limits.one_long_per_person,
        time_limit=5,
        prune_factor=seed % 3,  # 0 (no pruning), 1 and 2: greedy's pairs survive the pruning
        prune_above=0,
    )
    proposal = propose(candidates, offers, limits)
    check_proposal(candidates, offers, limits, proposal)
    greedy_objective, greedy_places = greedy(candidates, offers, limits)
    assert proposal.greedy_objective == greedy_objective
    greedy_proposal = type(proposal)(greedy_places, greedy_objective, greedy_objective, {}, [], "feasible")
    chosen = defaultdict(list)
    for place in greedy_proposal.places:
        chosen[next(i for i, c in enumerate(candidates) if c.person_id == place.person_id)].append(
            next(o for o in offers if o.class_id == place.class_id)
        )
    assert violations(candidates, offers, limits, chosen) == []


def gap(key, kind, weight, label=None):
    return Gap(key, label or f"Chuẩn {key}", frozenset({kind}), weight)


def offer(cid, kind, *, seats=1, cost=1_000_000, start=0, length=5, long=False, units=None):
    return Offer(cid, f"L{cid}", kind, seats, cost, day(start), day(start + length), long, units)


def test_the_solver_beats_a_greedy_baseline_that_takes_the_biggest_place_first():
    # X is worth 10 in class A and 9 in class B (same dates); Y only fits A (8). Greedy gives A to
    # X (10) and is stuck; the optimum sends X to B and Y to A (17).
    x = Candidate(1, 1, 10, (gap("a", 1, 10), gap("b", 2, 9)), reason="X")
    y = Candidate(2, 1, 10, (gap("a", 1, 8),), reason="Y")
    offers = [offer(1, 1), offer(2, 2)]
    limits = Limits(away_share=1.0, unit_staff={1: 10})
    proposal = propose([x, y], offers, limits)
    assert (proposal.greedy_objective, proposal.objective, proposal.status) == (10, 17, "optimal")
    assert {(p.person_id, p.code) for p in proposal.places} == {(1, "L2"), (2, "L1")}
    check_proposal([x, y], offers, limits, proposal)


def test_ties_go_to_the_higher_priority_and_each_place_is_explained():
    low = Candidate(1, 1, 5, (gap("r", 1, 4, "Trung cấp lý luận chính trị"),), reason="5 điểm")
    high = Candidate(2, 1, 40, (gap("r", 1, 4, "Trung cấp lý luận chính trị"),), reason="40 điểm: quy hoạch")
    proposal = propose([low, high], [offer(1, 1)], Limits(unit_staff={1: 50}))
    [place] = proposal.places
    assert place.person_id == 2
    assert "Trung cấp lý luận chính trị" in place.reason
    assert "40 điểm: quy hoạch" in place.reason
    assert "xếp thứ 1 trong 2" in place.reason
    data = proposal_json(proposal)
    assert data["assignments"] == [
        {
            "person_id": 2,
            "class_code": "L1",
            "gap_closed": ["Trung cấp lý luận chính trị"],
            "reason": place.reason,
            "value": 4,
        }
    ]
    assert set(data) == {"assignments", "objective", "greedy_objective", "unassigned_seats", "limits", "status"}
    assert data["objective"] == data["greedy_objective"] == 4
    assert data["unassigned_seats"] == {}
    seats = next(limit for limit in data["limits"] if limit["limit"] == "seats")
    assert seats["binding"] is True


def test_a_gap_counts_once_and_the_limits_say_which_bound_binds():
    # Two classes of the same kind close the same gap: only one place is proposed.
    person = Candidate(1, 1, 10, (gap("r", 1, 7),))
    offers = [offer(1, 1, seats=5, start=0), offer(2, 1, seats=5, start=30)]
    proposal = propose([person], offers, Limits(unit_staff={1: 5}))
    [place] = proposal.places
    assert proposal.objective == place.value == 7
    assert sorted(proposal.unassigned_seats.values()) == [4, 5]
    # The budget pays for one place of two wanted: the budget binds, seats do not.
    people = [Candidate(i, 1, 10, (gap("r", 1, 7),)) for i in (1, 2)]
    proposal = propose(people, [offer(1, 1, seats=5, cost=3_000_000)], Limits(budget=4_000_000, unit_staff={1: 20}))
    bounds = {limit["limit"]: limit["binding"] for limit in proposal.limits}
    assert bounds == {"budget": True, "seats": False, "away_share": False, "one_long": False}
    assert "3.000.000 / 4.000.000" in proposal.limits[0]["detail"]


def test_the_away_share_of_a_commune_holds_on_every_day():
    # 10 staff at 20 %: two away at once. Five people want overlapping classes; those already away
    # count against the limit.
    people = [Candidate(i, 7, 10, (gap("r", 1, 5),)) for i in range(1, 6)]
    offers = [offer(1, 1, seats=5, start=0, length=10), offer(2, 1, seats=5, start=5, length=10)]
    limits = Limits(unit_staff={7: 10}, away_share=0.2)
    proposal = propose(people, offers, limits)
    check_proposal(people, offers, limits, proposal)
    assert proposal.objective == 10  # two on L1 (days 0–10) and none more: L2 overlaps it
    assert {limit["limit"]: limit["binding"] for limit in proposal.limits}["away_share"] is True
    limits = Limits(unit_staff={7: 10}, away_share=0.2, unit_away={7: ((day(0), day(20)),)})
    proposal = propose(people, offers, limits)
    check_proposal(people, offers, limits, proposal)
    assert proposal.objective == 5  # one already away all along: room for one more


def test_one_long_course_per_person_and_none_for_who_already_has_one():
    long_a, long_b = offer(1, 1, long=True, start=0), offer(2, 2, long=True, start=40)
    person = Candidate(1, 1, 10, (gap("a", 1, 5), gap("b", 2, 6)))
    proposal = propose([person], [long_a, long_b], Limits(unit_staff={1: 5}))
    assert [p.code for p in proposal.places] == ["L2"]
    proposal = propose([person], [long_a, long_b], Limits(unit_staff={1: 5}, one_long_per_person=False))
    assert proposal.objective == 11
    has_one = Candidate(1, 1, 10, (gap("a", 1, 5), gap("b", 2, 6)), has_long=True)
    with pytest.raises(Infeasible) as refused:
        propose([has_one], [long_a, long_b], Limits(unit_staff={1: 5}))
    assert "đã có một khoá dài hạn trong năm: 2 trường hợp" in refused.value.reason


PERSON = Candidate(1, 1, 10, (gap("r", 1, 5),), busy=((day(0), day(10)),))


@pytest.mark.parametrize(
    ("offers", "limits", "reason"),
    [
        ([], Limits(), "Không có lớp nào đang mở"),
        ([offer(1, 1, seats=0)], Limits(), "đều đã hết chỗ"),
        (
            [offer(1, 1, cost=2_000_000), offer(2, 1, cost=3_000_000)],
            Limits(budget=1_500_000),
            "Kinh phí 1.500.000 đồng thấp hơn học phí một chỗ của mọi lớp còn chỗ (thấp nhất 2.000.000 đồng)",
        ),
        ([offer(1, 2, start=30)], Limits(), "có thiếu hụt mà loại chương trình của các lớp đang mở bù được"),
        ([offer(1, 1, start=30, units=frozenset({9}))], Limits(), "lớp không dành cho đơn vị của người đó: 1"),
        ([offer(1, 1, start=5)], Limits(), "trùng thời gian với lớp đã ghi danh: 1"),
        (
            [offer(1, 1, start=5, cost=900_000), offer(2, 1, start=30, cost=2_000_000)],
            Limits(budget=1_000_000),
            "học phí một chỗ vượt kinh phí: 1",
        ),
        (
            [offer(1, 1, start=30)],
            Limits(unit_staff={1: 3}, unit_away={1: ((day(29), day(31)),)}),
            "vướng giới hạn số người vắng cùng lúc",
        ),
    ],
)
def test_nothing_to_propose_says_why(offers, limits, reason):
    with pytest.raises(Infeasible) as refused:
        propose([PERSON], offers, limits)
    assert reason in refused.value.reason
    if "vướng" in reason:
        assert greedy([PERSON], offers, limits) == (0, [])  # the baseline finds nothing; propose refuses
    else:
        with pytest.raises(Infeasible):
            greedy([PERSON], offers, limits)


def test_no_candidates_is_refused():
    with pytest.raises(Infeasible) as refused:
        propose([], [offer(1, 1)], Limits())
    assert "Không có ai (trong 0 người được xét)" in refused.value.reason


def test_a_tight_budget_prefers_value_per_dong_to_the_biggest_value():
    # One expensive place worth 10 or three cheap ones worth 6 each, for 3,000,000 đồng: greedy by
    # value takes the expensive one (10); the proposal closes the three cheap gaps (18).
    rich = Candidate(1, 1, 50, (gap("a", 1, 10),))
    others = [Candidate(i, 1, 10, (gap("b", 2, 6),)) for i in (2, 3, 4)]
    offers = [offer(1, 1, cost=3_000_000), offer(2, 2, seats=3, cost=1_000_000, start=20)]
    limits = Limits(budget=3_000_000, unit_staff={1: 100})
    proposal = propose([rich, *others], offers, limits)
    assert (proposal.greedy_objective, proposal.objective) == (10, 18)
    assert proposal.start_objective == 18
    check_proposal([rich, *others], offers, limits, proposal)
