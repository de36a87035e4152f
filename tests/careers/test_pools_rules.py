"""Each check on a pool place refused with the rule and its source; the annual review keeps history;
introduction votes; structure shares; gaps against the pooled post."""

import datetime

import pytest

from canbo.careers import pool_selectors, pool_services
from canbo.careers.choices import PoolExit, PoolRuleKind
from canbo.careers.models import PoolMember, PoolRule
from canbo.careers.pool_services import PoolRefused
from canbo.core.errors import DomainError
from canbo.core.models import ChangeLogEntry
from canbo.standards.selectors import person_standards
from tests.careers import pools_world as _world
from tests.standards import conftest as _standards

pools, seeded, title = _world.pools, _standards.seeded, _standards.title

D = datetime.date


def _refusal(error, kind):
    found = [r for r in error.value.refusals if r.kind == kind]
    assert found, [str(r) for r in error.value.refusals]
    return found[0]


def _add(pools, post_code, person, **kw):
    return pool_services.pool_member_add(
        post=pools["posts"][post_code], person=person, decision=pools["decision"], **kw
    )


def test_at_most_three_people_per_post_by_quy_dinh_377(pools):
    for i in range(3):
        _add(pools, "XA-CTUBND", pools["person"](f"Người {i}"))
    fourth = pools["person"]("Người thứ tư")
    with pytest.raises(PoolRefused) as error:
        _add(pools, "XA-CTUBND", fourth)
    refusal = _refusal(error, PoolRuleKind.MAX_PEOPLE_PER_POST)
    assert "không quá 3 người" in refusal.message
    assert "377-QĐ/TW" in refusal.source
    assert "377-QĐ/TW" in " ".join(error.value.messages)  # the page shows the source with the rule
    assert not PoolMember.unscoped.filter(person=fourth).exists()


def test_a_place_brought_out_no_longer_counts(pools):
    members = [_add(pools, "XA-CTUBND", pools["person"](f"Người {i}")) for i in range(3)]
    pool_services.pool_member_remove(member=members[0], reason=PoolExit.MOVED, removed_on=D(2026, 3, 1))
    _add(pools, "XA-CTUBND", pools["person"]("Người bổ sung"), added_on=D(2026, 3, 2))
    assert PoolMember.unscoped.filter(post=pools["posts"]["XA-CTUBND"]).count() == 4


def test_at_most_three_posts_per_person(pools, tree, title):
    person = pools["person"]("Lò Văn Ba")
    for code in ("XA-BT", "XA-CTUBND", "XA-CTHDND"):
        _add(pools, code, person)
    with pytest.raises(PoolRefused) as error:
        _add(pools, "XA-PCTUBND", person)
    refusal = _refusal(error, PoolRuleKind.MAX_POSTS_PER_PERSON)
    assert "không quá 3 chức danh" in refusal.message and "377-QĐ/TW" in refusal.source


def test_a_person_retiring_within_the_term_is_refused(pools):
    # A man born 05/1966 retires at 62 at the end of 05/2028: not a full term from 01/10/2025.
    old = pools["person"]("Quàng Văn Già", birth=D(1966, 5, 10))
    with pytest.raises(PoolRefused) as error:
        _add(pools, "XA-CTUBND", old)
    refusal = _refusal(error, PoolRuleKind.MIN_YEARS_TO_SERVE)
    assert "31/05/2028" in refusal.message and "62 tuổi" in refusal.message
    assert "135/2020" in refusal.source and "377-QĐ/TW" in refusal.source
    # A woman born 1975 retires at 60 in 2035: she may serve the whole term.
    _add(pools, "XA-CTUBND", pools["person"]("Lò Thị Trẻ", gender="female", birth=D(1975, 1, 1)))


def test_an_unknown_birth_date_is_refused_with_the_reason(pools):
    nobody = pools["person"]("Không rõ tuổi", birth=None, id_number="011088001122")
    with pytest.raises(PoolRefused) as error:
        _add(pools, "XA-CTUBND", nobody)
    assert "Chưa biết ngày sinh" in _refusal(error, PoolRuleKind.MIN_YEARS_TO_SERVE).message


def test_the_pooled_post_must_be_higher_than_the_one_held(pools):
    chair = pools["person"]("Lường Văn Chủ", title="Chủ tịch Ủy ban nhân dân", category="can_bo")
    with pytest.raises(PoolRefused) as error:
        _add(pools, "XA-CTUBND", chair)
    assert "đang giữ chức danh" in _refusal(error, "higher_post").message
    with pytest.raises(PoolRefused) as error:
        _add(pools, "XA-PCTUBND", chair)  # a deputy's post is lower
    assert "không cao hơn" in _refusal(error, "higher_post").message
    _add(pools, "XA-BT", chair)  # the secretary's post is higher
    deputy = pools["person"]("Lò Văn Phó", title="Phó Chủ tịch Ủy ban nhân dân", category="can_bo")
    _add(pools, "XA-CTUBND", deputy)


def test_the_introduction_vote_must_reach_the_threshold(pools):
    post = pools["posts"]["XA-CTUBND"]
    weak, strong = pools["person"]("Ít phiếu"), pools["person"]("Nhiều phiếu")
    rnd = pool_services.round_create(post=post, name="Hội nghị cán bộ chủ chốt", held_on=D(2025, 11, 1), total_votes=40)
    pool_services.vote_record(round=rnd, person=weak, votes=15)
    pool_services.vote_record(round=rnd, person=strong, votes=25)
    with pytest.raises(PoolRefused) as error:
        _add(pools, "XA-CTUBND", weak)
    refusal = _refusal(error, PoolRuleKind.MIN_VOTE_PERCENT)
    assert "15/40" in refusal.message and "37,5%" in refusal.message and "16-HD/BTCTW" in refusal.source
    _add(pools, "XA-CTUBND", strong)
    with pytest.raises(DomainError):
        pool_services.vote_record(round=rnd, person=weak, votes=41)  # more than the ballots


def test_a_rule_is_data_a_province_may_tighten_for_its_subtree(pools, tree):
    PoolRule.objects.create(
        kind=PoolRuleKind.MAX_PEOPLE_PER_POST, value=1, unit=tree["a"], valid_from=D(2025, 1, 1), source="QĐ của tỉnh"
    )
    _add(pools, "XA-CTUBND", pools["person"]("Một"))
    with pytest.raises(PoolRefused) as error:
        _add(pools, "XA-CTUBND", pools["person"]("Hai"))
    assert _refusal(error, PoolRuleKind.MAX_PEOPLE_PER_POST).source == "QĐ của tỉnh"


def test_review_brings_out_with_a_reason_and_keeps_history(pools, tree):
    person = pools["person"]("Lò Văn Ra")
    member = _add(pools, "XA-CTUBND", person)
    review = pool_services.decision_create(
        term=pools["term"],
        unit=tree["a"],
        number="45-QĐ/TU",
        date=D(2026, 10, 15),
        issuer="BTV Tỉnh ủy",
        is_review=True,
    )
    with pytest.raises(DomainError):
        pool_services.pool_member_remove(member=member, reason=PoolExit.OTHER, decision=review)  # no note
    pool_services.pool_member_remove(member=member, reason=PoolExit.HEALTH, decision=review, note="Điều trị dài ngày")
    member.refresh_from_db()
    assert (member.removed_on, member.removal_reason, member.removal_decision) == (D(2026, 10, 15), "health", review)
    assert member.added_on == D(2025, 11, 20)  # the place itself is kept
    entries = ChangeLogEntry.unscoped.filter(object_id=str(member.pk), content_type__model="poolmember")
    assert [e.action for e in entries.order_by("id")] == ["create", "update"]
    # On a day before the review the person is still in the pool; after it, shown as brought out.
    pool = pool_selectors.unit_pool(None, pools["term"], tree["a"], day=D(2026, 1, 1))
    block = next(b for b in pool.posts if b.post.title.code == "XA-CTUBND")
    assert [line.person for line in block.members] == [person]
    pool = pool_selectors.unit_pool(None, pools["term"], tree["a"], day=D(2026, 12, 1))
    block = next(b for b in pool.posts if b.post.title.code == "XA-CTUBND")
    assert block.members == [] and [line.person for line in block.former] == [person]
    with pytest.raises(DomainError):
        pool_services.pool_member_remove(member=member, reason=PoolExit.HEALTH, decision=review)


def test_structure_shares_beside_the_targets(pools, tree):
    # Four distinct people: one woman, one under 40 at the term's start, three ethnic minorities.
    _add(pools, "XA-CTUBND", pools["person"]("Nữ", gender="female", birth=D(1980, 1, 1)))
    _add(pools, "XA-CTUBND", pools["person"]("Trẻ", birth=D(1990, 1, 1), ethnicity=pools["kinh"]))
    both = pools["person"]("Hai chức danh", birth=D(1978, 1, 1))
    _add(pools, "XA-BT", both)
    _add(pools, "XA-CTHDND", both)  # counted once
    _add(pools, "XA-CTHDND", pools["person"]("Người thứ tư", birth=D(1979, 1, 1)))
    shares = {s.kind: s for s in pool_selectors.unit_pool(None, pools["term"], tree["a"], day=D(2026, 1, 1)).shares}
    young, women, minority = (shares[k] for k in ("under_40_percent", "women_percent", "minority_percent"))
    assert (young.count, young.total, young.below) == (1, 4, False)  # 25% ≥ 15%
    assert (women.count, women.below) == (1, False)  # 25% ≥ 25%
    assert (minority.count, minority.percent, minority.below) == (3, 75, False)
    PoolRule.objects.create(
        kind=PoolRuleKind.WOMEN_PERCENT, value=30, unit=tree["a"], valid_from=D(2025, 1, 1), source="x"
    )
    shares = {s.kind: s for s in pool_selectors.unit_pool(None, pools["term"], tree["a"], day=D(2026, 1, 1)).shares}
    assert shares["women_percent"].below


def test_gaps_are_measured_against_the_pooled_post_not_the_current_one(pools, tree):
    from canbo.core.dates import today

    person = pools["person"]("Cầm Thị Khoảng", levels=[("professional", "dai_hoc", "Luật")])
    _add(pools, "XA-CTUBND", person)
    pool = pool_selectors.unit_pool(None, pools["term"], tree["a"], day=today())
    line = next(b for b in pool.posts if b.post.title.code == "XA-CTUBND").members[0]
    current = {s.rule.name for s in person_standards(person=person, day=today()) if not s.met}
    pooled = {gap.split(":")[0] for gap in line.gaps}
    assert pooled and pooled != current
    assert any("lý luận chính trị" in g.lower() for g in line.gaps)  # the chair needs political theory
    assert all("cần" in g for g in line.gaps)  # in words: what they have and what the post asks
