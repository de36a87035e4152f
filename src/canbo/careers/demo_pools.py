"""Demo succession pools for Điện Biên, loaded after the people and standards demos.

Terms 2025–2030 (Party: the commune's Bí thư and Phó Bí thư) and 2026–2031 (State: Chủ tịch and Phó
Chủ tịch UBND, Chủ tịch HĐND of each commune; Giám đốc of five departments). Each post gets one to
three of the unit's own staff holding a lower title, chosen by a seeded shuffle among those who
pass every check (the services refuse the rest), under one approving decision per unit and term.
Introduction rounds precede a few posts; the 2026 review of two communes brings one person out
(moved) and adds another.

Idempotent: a term, post, decision or round that exists is left alone; a post that has people is
not filled again.
"""

from __future__ import annotations

import datetime
import random

from canbo.careers import pool_rules, pool_services
from canbo.careers.choices import PoolExit
from canbo.careers.models import IntroductionRound, PoolDecision, PoolMember, SuccessionPost, SuccessionTerm
from canbo.orgs.choices import COMMUNE_LEVEL
from canbo.orgs.models import Unit
from canbo.people.models import Assignment, Person
from canbo.standards.models import Title

D = datetime.date
SEED = 2025
ISSUER = "Ban Thường vụ Tỉnh ủy Điện Biên"

TERMS = {
    "2025-2030": ("Nhiệm kỳ 2025–2030 (Đảng)", D(2025, 10, 1), D(2030, 9, 30), D(2025, 11, 20)),
    "2026-2031": ("Nhiệm kỳ 2026–2031 (Nhà nước)", D(2026, 3, 15), D(2031, 3, 14), D(2026, 6, 15)),
}
# Term → pooled title → the titles whose holders are considered, in order of preference.
COMMUNE_POSTS = {
    "2025-2030": {
        "XA-BT": ["XA-PBT", "XA-CTUBND", "XA-CTHDND"],
        "XA-PBT": ["XA-PCTUBND", "XA-PCTHDND", "XA-CTMTTQ", "XA-BTDOAN", "XA-CTPN"],
    },
    "2026-2031": {
        "XA-CTUBND": ["XA-PCTUBND", "XA-PCTHDND", "XA-CTMTTQ"],
        "XA-CTHDND": ["XA-PCTHDND", "XA-PCTUBND", "XA-CTMTTQ"],
        "XA-PCTUBND": ["XA-BTDOAN", "XA-CTPN", "XA-CTND", "XA-VPTK", "XA-TCKT"],
    },
}
DEPARTMENTS = ["DB-SNV", "DB-STC", "DB-SYT", "DB-SGDDT", "DB-SNNMT"]
PROVINCE_POSTS = {"2026-2031": {"TINH-GD": ["TINH-PGD", "TINH-TP"]}}
# Communes whose pools get introduction rounds before being filled, and a 2026 review.
ROUND_UNITS = ["DB-THANHNUA", "DB-MUONGNHE", "DB-MUONGCHA"]
REVIEW_UNITS = ["DB-THANHNUA", "DB-MUONGNHE"]
REVIEW_DAY = D(2026, 10, 20)


def _terms() -> dict[str, SuccessionTerm]:
    terms = {t.code: t for t in SuccessionTerm.objects.filter(code__in=TERMS)}
    for code, (name, start, end, _day) in TERMS.items():
        if code not in terms:
            terms[code] = pool_services.term_create(code=code, name=name, start_date=start, end_date=end)
    return terms


def _holders(unit: Unit, day: datetime.date) -> dict[int, list[Person]]:
    """Catalogue title id → the people whose main assignment in `unit` on `day` has that title."""
    result: dict[int, list[Person]] = {}
    rows = (
        Assignment.unscoped.valid_on(day)
        .filter(unit=unit, is_main=True, catalog_title__isnull=False)
        .select_related("person", "person__ethnicity")
        .order_by("person_id")
    )
    for a in rows:
        result.setdefault(a.catalog_title_id, []).append(a.person)
    return result


def _decision(term, unit, number: str, day: datetime.date, *, review: bool = False) -> PoolDecision:
    found = PoolDecision.unscoped.filter(term=term, unit=unit, number=number).first()
    if found:
        return found
    return pool_services.decision_create(
        term=term, unit=unit, number=number, date=day, issuer=ISSUER, is_review=review, year=day.year
    )


def _fill(post, decision, candidates: list[Person], want: int, day: datetime.date) -> int:
    added = 0
    for person in candidates:
        if added >= want:
            break
        if pool_rules.checks(post=post, person=person, day=day):
            continue
        pool_services.pool_member_add(post=post, person=person, decision=decision, added_on=day)
        added += 1
    return added


def _round(post, candidates: list[Person], day: datetime.date, rng: random.Random) -> None:
    """An introduction conference a month before the decision; the first candidates get a clear
    majority, the last one too few votes (and is then refused by the threshold)."""
    if IntroductionRound.unscoped.filter(post=post).exists() or not candidates:
        return
    total = rng.randint(28, 45)
    rnd = pool_services.round_create(
        post=post, name="Hội nghị cán bộ chủ chốt giới thiệu nhân sự quy hoạch", held_on=day, total_votes=total
    )
    for i, person in enumerate(candidates[:4]):
        share = rng.uniform(0.55, 0.9) if i < 3 else rng.uniform(0.1, 0.4)
        pool_services.vote_record(round=rnd, person=person, votes=int(total * share))


def load() -> dict[str, int]:
    """Load the demo pools; returns the numbers of posts and places added."""
    rng = random.Random(SEED)
    terms = _terms()
    titles = {t.code: t for t in Title.objects.all()}
    units = {u.code: u for u in Unit.unscoped.filter(valid_to__isnull=True)}
    communes = sorted((u for u in units.values() if u.kind in COMMUNE_LEVEL), key=lambda u: u.code)
    plan: list[tuple[Unit, str, dict[str, list[str]]]] = []
    for term_code, posts in COMMUNE_POSTS.items():
        plan += [(u, term_code, posts) for u in communes]
    for term_code, posts in PROVINCE_POSTS.items():
        plan += [(units[code], term_code, posts) for code in DEPARTMENTS if code in units]
    counts = {"posts": 0, "places": 0}
    numbers = 0
    for unit, term_code, posts in plan:
        term = terms[term_code]
        day = TERMS[term_code][3]
        numbers += 1
        decision = _decision(term, unit, f"{100 + numbers}-QĐ/TU", day)
        holders = _holders(unit, day)
        for order, (pooled, sources) in enumerate(posts.items()):
            title = titles.get(pooled)
            if title is None:
                continue
            post = SuccessionPost.unscoped.filter(term=term, unit=unit, title=title).first()
            if post is None:
                post = pool_services.post_create(term=term, unit=unit, title=title, order=order)
                counts["posts"] += 1
            if PoolMember.unscoped.filter(post=post).exists():
                continue
            candidates = [p for code in sources if code in titles for p in holders.get(titles[code].pk, [])]
            rng.shuffle(candidates)
            if unit.code in ROUND_UNITS and pooled in ("XA-CTUBND", "XA-BT"):
                _round(post, candidates, day - datetime.timedelta(days=30), rng)
            counts["places"] += _fill(post, decision, candidates, rng.choice([1, 2, 2, 3]), day)
    counts["places"] += _review(terms["2025-2030"], units, rng)
    return counts


def _review(term, units, rng: random.Random) -> int:
    """The 2026 review (rà soát, bổ sung) of two communes' Party pools: one person moved away is
    brought out, one deputy is added."""
    added = 0
    for code in REVIEW_UNITS:
        unit = units.get(code)
        if unit is None:
            continue
        number = f"{200 + REVIEW_UNITS.index(code)}-QĐ/TU"
        if PoolDecision.unscoped.filter(term=term, unit=unit, number=number).exists():
            continue
        review = _decision(term, unit, number, REVIEW_DAY, review=True)
        post = SuccessionPost.unscoped.filter(term=term, unit=unit, title__code="XA-PBT").first()
        if post is None:
            continue
        current = list(PoolMember.unscoped.filter(post=post, removed_on__isnull=True).order_by("pk"))
        if current:
            pool_services.pool_member_remove(
                member=current[0],
                reason=PoolExit.MOVED,
                decision=review,
                note="Điều động công tác tại xã khác",
            )
        held = {m.person_id for m in current[1:]}
        candidates = [
            p
            for code_ in ("XA-CTND", "XA-CTCCB", "XA-CHTQS")
            for p in _holders(unit, REVIEW_DAY).get(Title.objects.get(code=code_).pk, [])
            if p.pk not in held
        ]
        rng.shuffle(candidates)
        added += _fill(post, review, candidates, 1, REVIEW_DAY)
    return added
