"""The optimised training proposal (canbo.plans.optimiser) on a synthetic province: no database.

    python -m tests.bench.bench_optimiser               # 20,000 people × 400 classes, and a mid-size case
    python -m tests.bench.bench_optimiser --people 5000 --classes 100 --seed 3

A province of 45 communes and 20 provincial departments, staff by unit; about 60 % of the people have
1–3 gaps (programme kinds as in the demo: political theory, state management, defence and security,
IT, languages, leadership by title), each weighted by the person's priority; 400 classes over the
year (seats 30–60, a cost per place by kind, long courses for the diplomas), some for a cluster of
communes only; a budget that pays for about 70 % of the seats; 20 % of a unit's staff away at once;
5 % of the people already enrolled somewhere, 2 % already on a long course. Target: < 60 s, the
objective at least the greedy baseline's.
"""

from __future__ import annotations

import argparse
import datetime
import random
import time

from tests.bench.common import machine, peak_rss_mb, setup_django

# (kind id, name, weight base, cost per place VND, length in days, long, share of gaps)
KINDS = [
    (1, "Trung cấp lý luận chính trị", 10, 9_000_000, 150, True, 0.10),
    (2, "Cao cấp lý luận chính trị", 12, 18_000_000, 240, True, 0.03),
    (3, "Sơ cấp lý luận chính trị", 5, 1_500_000, 20, False, 0.10),
    (4, "Bồi dưỡng ngạch chuyên viên", 6, 3_000_000, 30, False, 0.10),
    (5, "Bồi dưỡng ngạch chuyên viên chính", 8, 5_000_000, 45, False, 0.07),
    (6, "Quốc phòng và an ninh đối tượng 3", 4, 2_000_000, 14, False, 0.10),
    (7, "Quốc phòng và an ninh đối tượng 4", 3, 1_200_000, 7, False, 0.12),
    (8, "Bồi dưỡng lãnh đạo cấp phòng", 7, 3_500_000, 21, False, 0.06),
    (9, "Bồi dưỡng chức danh cấp xã", 6, 1_800_000, 10, False, 0.12),
    (10, "Tin học ứng dụng cơ bản", 2, 800_000, 10, False, 0.08),
    (11, "Tiếng dân tộc thiểu số", 3, 1_500_000, 30, False, 0.05),
    (12, "Bồi dưỡng kiến thức chuyển đổi số", 2, 600_000, 5, False, 0.07),
]
YEAR = 2027


def province(people: int, classes: int, seed: int):
    from canbo.plans.optimiser import Candidate, Gap, Limits, Offer

    rng = random.Random(seed)
    communes = [1000 + i for i in range(45)]
    departments = [2000 + i for i in range(20)]
    units = communes + departments
    sizes = [rng.uniform(0.6, 1.4) * (1.0 if u < 2000 else 1.8) for u in units]
    jan1 = datetime.date(YEAR, 1, 1)
    kind_weights = [k[6] for k in KINDS]
    staff: dict[int, int] = dict.fromkeys(units, 0)
    candidates = []
    for pid in range(1, people + 1):
        unit = rng.choices(units, sizes)[0]
        staff[unit] += 1
        if rng.random() > 0.6:
            continue
        priority = int(rng.triangular(0, 100, 30))
        gaps = []
        for kind in sorted({rng.choices(KINDS, kind_weights)[0] for _ in range(rng.choice((1, 1, 2, 3)))}):
            kid, name, base, *_rest = kind
            pooled = rng.random() < 0.1
            weight = base * (100 + priority) // 10 * (2 if pooled else 1)
            label = f"{name} (chuẩn của {'chức danh quy hoạch' if pooled else 'vị trí đang giữ'})"
            gaps.append(Gap(f"{'pool:1:' if pooled else ''}rule:{kid}", label, frozenset({kid}), weight))
        busy = ()
        if rng.random() < 0.05:
            s = jan1 + datetime.timedelta(days=rng.randint(0, 340))
            busy = ((s, s + datetime.timedelta(days=rng.randint(3, 25))),)
        candidates.append(
            Candidate(
                person_id=pid,
                unit_id=unit,
                priority=priority,
                gaps=tuple(gaps),
                reason=f"{priority} điểm",
                busy=busy,
                has_long=rng.random() < 0.02,
            )
        )
    offers = []
    for cid in range(1, classes + 1):
        kid, name, _base, cost, length, long, _share = rng.choices(KINDS, kind_weights)[0]
        start = jan1 + datetime.timedelta(days=rng.randint(0, 364 - min(length, 200)))
        end = min(start + datetime.timedelta(days=int(length * rng.uniform(0.8, 1.2))), datetime.date(YEAR, 12, 31))
        cluster = None
        if rng.random() < 0.25:  # a class held at a cluster of communes, for them only
            first = rng.randrange(0, 45, 5)
            cluster = frozenset(communes[first : first + 5])
        offers.append(
            Offer(
                class_id=cid,
                code=f"{YEAR}-{kid:02d}-{cid:04d}",
                kind_id=kid,
                seats=rng.randint(30, 60),
                cost_per_place=int(cost * rng.uniform(0.8, 1.2)) // 1000 * 1000,
                start=start,
                end=end,
                long=long,
                units=cluster,
            )
        )
    full_cost = sum(o.seats * o.cost_per_place for o in offers)
    limits = Limits(budget=int(full_cost * 0.7) // 1_000_000 * 1_000_000, away_share=0.2, unit_staff=staff)
    return candidates, offers, limits


def run(people: int, classes: int, seed: int, time_limit: float, budget: bool = True) -> dict:
    from dataclasses import replace

    from canbo.plans.optimiser import greedy, propose

    started = time.perf_counter()
    candidates, offers, limits = province(people, classes, seed)
    limits = replace(limits, time_limit=time_limit, budget=limits.budget if budget else None)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    greedy_objective, _places = greedy(candidates, offers, limits)
    greedy_seconds = time.perf_counter() - started
    proposal = propose(candidates, offers, limits)
    gain = proposal.objective - proposal.greedy_objective
    assert proposal.objective >= proposal.greedy_objective == greedy_objective
    return {
        "people": people,
        "candidates": len(candidates),
        "classes": classes,
        "seats": sum(o.seats for o in offers),
        "eligible pairs": proposal.eligible_pairs,
        "model pairs": proposal.variables,
        "generate s": round(generated, 1),
        "greedy alone s": round(greedy_seconds, 1),
        "propose s": round(proposal.seconds, 1),
        "places": len(proposal.places),
        "budget": limits.budget,
        "greedy objective": proposal.greedy_objective,
        "start objective": proposal.start_objective,
        "objective": proposal.objective,
        "gain": f"{gain} ({100 * gain / max(1, proposal.greedy_objective):.2f} %)",
        "of which CP-SAT": proposal.objective - proposal.start_objective,
        "bound": proposal.bound,
        "status": proposal.status,
        "solver": proposal.solver,
        "limits": [(lim["limit"], lim["binding"], lim["detail"]) for lim in proposal.limits],
        "peak MB": round(peak_rss_mb()),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int)
    parser.add_argument("--classes", type=int)
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--time-limit", type=float, default=50.0)
    args = parser.parse_args()
    setup_django()  # settings only (gettext for the messages); no database is touched
    print(machine())
    print(datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"))
    if args.people:
        cases = [(args.people, args.classes or 400, True)]
    else:  # mid-size, the province, the province without a budget (CP-SAT's own part)
        cases = [(5_000, 100, True), (20_000, 400, True), (20_000, 400, False)]
    for people, classes, budget in cases:
        result = run(people, classes, args.seed, args.time_limit, budget)
        print()
        for key, value in result.items():
            print(f"{key:>18}: {value}")


if __name__ == "__main__":
    main()
