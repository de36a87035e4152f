"""Training priority: each part and its words, weights as data, pools only for those who may see them."""

import datetime

import pytest

from canbo.careers.models import (
    Evaluation,
    PoolDecision,
    PoolMember,
    PriorityWeight,
    SuccessionPost,
    SuccessionTerm,
)
from canbo.careers.priority import priorities, ranked
from canbo.standards.models import Title
from canbo.training import services as training
from tests.standards.conftest import *  # noqa: F403  (seeded rules, make_person)
from tests.training.conftest import *  # noqa: F403  (programme kinds, make_class)

D = datetime.date
DAY = D(2026, 12, 1)


def _pool(person, unit, title_code):
    term = SuccessionTerm.objects.get_or_create(
        code="2025-2030", defaults={"name": "2025–2030", "start_date": D(2025, 1, 1), "end_date": D(2030, 12, 31)}
    )[0]
    post = SuccessionPost.objects.create(
        term=term, unit=unit, unit_path=unit.path, title=Title.objects.get(code=title_code), category="can_bo"
    )
    decision = PoolDecision.objects.create(
        term=term, unit=unit, unit_path=unit.path, year=2025, number="12-QĐ/ĐU", date=D(2025, 3, 1), issuer="Đảng ủy"
    )
    return PoolMember.objects.create(
        post=post, person=person, unit_path=unit.path, decision=decision, added_on=D(2025, 3, 1)
    )


@pytest.fixture
def chairman(make_person):
    """A commune chairman of a new commune without Trung cấp LLCT nor a degree (both short, within
    the transition the 2025 reform gives)."""
    return make_person("Chủ tịch Ủy ban nhân dân", unit="a", levels=[("general_education", "thpt")], name="Lò Văn Một")


def _words(p):
    return p.explanation


def test_current_post_gaps_weigh_and_are_worded(chairman):
    found = priorities(people_ids=[chairman.pk], day=DAY, year=2027)
    p = found[chairman.pk]
    current = [part for part in p.parts if part.key == "current_pending"]
    assert len(current) == 2, p.explanation
    assert all(part.points == 15 for part in current)
    assert (
        "Thiếu trình độ Trung cấp (Lý luận chính trị) theo chuẩn Chủ tịch Ủy ban nhân dân xã, còn trong thời hạn (+15)"
        in p.explanation
    )
    assert "Thiếu trình độ Đại học theo chuẩn" in p.explanation
    # each gap carries the programme kinds that close it (LLCT closes the politics rule)
    llct_gap = next(g for g in p.gaps if "Lý luận chính trị" in g.label)
    assert llct_gap.kinds and llct_gap.points == 15


def test_no_training_record_counts_the_cap_and_a_completion_counts_years(chairman, make_class, kinds):
    p = priorities(people_ids=[chairman.pk], day=DAY, year=2027)[chairman.pk]
    assert "Chưa có khóa đào tạo, bồi dưỡng nào được ghi nhận (+10)" in p.explanation
    course = training.programme_create(
        code="QLNN-X", name="Bồi dưỡng QLNN", kind=kinds["state_mgmt"], periods=40, target_categories=[]
    )
    cls = make_class(course, start=D(2023, 5, 2), days=5, status="open")
    enrolment = training.enrolment_nominate(training_class=cls, person=chairman)
    training.enrolment_approve(enrolment=enrolment)
    training.enrolment_record_result(enrolment=enrolment, result="passed", completed_on=D(2023, 5, 6))
    p = priorities(people_ids=[chairman.pk], day=DAY, year=2027)[chairman.pk]
    assert "4 năm chưa được đào tạo, bồi dưỡng (lần gần nhất năm 2023) (+8)" in p.explanation


def test_evaluation_raises_or_lowers(chairman, tree):
    base = priorities(people_ids=[chairman.pk], day=DAY, year=2027)[chairman.pk].score
    ev = Evaluation.unscoped.create(
        person=chairman, year=2026, unit=tree["a"], unit_path=tree["a"].path, level="excellent"
    )
    p = priorities(people_ids=[chairman.pk], day=DAY, year=2027)[chairman.pk]
    assert p.score == base + 10
    assert "Năm 2026 hoàn thành xuất sắc nhiệm vụ (+10)" in p.explanation
    Evaluation.unscoped.filter(pk=ev.pk).update(level="failed")
    p = priorities(people_ids=[chairman.pk], day=DAY, year=2027)[chairman.pk]
    assert p.score == base - 20
    assert "Năm 2026 không hoàn thành nhiệm vụ (−20)" in p.explanation
    # an evaluation of another year is not last year's
    assert priorities(people_ids=[chairman.pk], day=DAY, year=2026)[chairman.pk].score != base - 20


def test_pooled_post_gaps_only_with_pools(make_person, tree):
    # a commune office worker with a degree but no LLCT, pooled for Phó Bí thư Đảng ủy xã
    person = make_person(
        "Công chức Văn phòng - thống kê",
        category="cong_chuc",
        levels=[("general_education", "thpt"), ("professional", "dai_hoc", "Luật")],
        name="Lò Thị Hai",
    )
    _pool(person, tree["a"], "XA-PBT")
    without = priorities(people_ids=[person.pk], day=DAY, year=2027)[person.pk]
    assert "quy hoạch" not in without.explanation
    found = priorities(people_ids=[person.pk], day=DAY, year=2027, include_pools=True)[person.pk]
    assert "Trong quy hoạch Phó Bí thư Đảng ủy xã, Xã Thanh Nưa (+20)" in found.explanation
    assert (
        "Thiếu trình độ Trung cấp (Lý luận chính trị) theo chuẩn chức danh quy hoạch Phó Bí thư Đảng ủy xã (+25)"
        in found.explanation
    )
    assert found.score == without.score + 45
    assert any(g.pool and g.kinds for g in found.gaps)
    # the cadre's view of the same record drops them
    assert found.without_pools().score == without.score
    # a member brought out of the pool no longer counts
    PoolMember.unscoped.filter(person=person).update(removed_on=D(2026, 6, 1), removal_reason="other")
    again = priorities(people_ids=[person.pk], day=DAY, year=2027, include_pools=True)[person.pk]
    assert not again.has_pool


def test_weights_are_data(chairman):
    before = priorities(people_ids=[chairman.pk], day=DAY, year=2027)[chairman.pk]
    pending = sum(1 for part in before.parts if part.key == "current_pending")
    assert pending == 2
    PriorityWeight.objects.filter(key="current_pending").update(value=50)
    after = priorities(people_ids=[chairman.pk], day=DAY, year=2027)[chairman.pk]
    assert after.score == before.score + 35 * pending
    assert "(+50)" in after.explanation
    PriorityWeight.objects.filter(key="years_since_training").update(value=0)
    again = priorities(people_ids=[chairman.pk], day=DAY, year=2027)[chairman.pk]
    assert "đào tạo, bồi dưỡng nào" not in again.explanation


def test_unit_scope_ranks_people(make_person, tree):
    short = make_person("Chủ tịch Ủy ban nhân dân", levels=[("general_education", "thpt")], name="Thiếu Nhiều")
    full = make_person(
        "Chủ tịch Ủy ban nhân dân",
        levels=[
            ("general_education", "thpt"),
            ("professional", "dai_hoc", "Luật"),
            ("politics", "trung_cap"),
        ],
        name="Đủ Chuẩn",
    )
    other = make_person("Chủ tịch Ủy ban nhân dân", unit="b", name="Xã Khác")
    found = priorities(unit=tree["a"], day=DAY, year=2027)
    assert other.pk not in found
    order = [p.person_id for p in ranked(found)]
    assert order.index(short.pk) < order.index(full.pk)


# ---------------------------------------------------------------- pages and panels


def test_person_page_shows_the_priority_in_words(chairman, login):
    from django.urls import reverse

    body = login("officer_a").get(reverse("people:detail", args=[chairman.pk])).content.decode()
    assert 'data-testid="priority-panel"' in body
    assert "Thiếu trình độ Trung cấp (Lý luận chính trị)" in body


def test_pool_parts_show_only_to_pool_viewers_and_are_logged(make_person, tree, personas, login):
    from django.urls import reverse

    from canbo.accounts.models import SensitiveAccess

    person = make_person("Công chức Văn phòng - thống kê", category="cong_chuc", name="Lò Thị Ba")
    _pool(person, tree["a"], "XA-PBT")
    url = reverse("people:detail", args=[person.pk])
    assert "quy hoạch" not in login("officer_a").get(url).content.decode()
    assert not SensitiveAccess.objects.filter(where="person_priority").exists()
    body = login("system_admin").get(url).content.decode()
    assert "Trong quy hoạch Phó Bí thư Đảng ủy xã" in body
    assert SensitiveAccess.objects.filter(where="person_priority", fields=["pool"]).exists()


def test_cadre_panel_and_own_page_show_no_pool_words(make_person, tree, personas, login):
    from django.template.loader import render_to_string
    from django.urls import reverse

    from canbo.careers.priority import own_priority_context

    person = make_person("Công chức Văn phòng - thống kê", category="cong_chuc", name="Lường Văn Tiến")
    _pool(person, tree["a"], "XA-PBT")
    cadre = personas["cadre_a"]
    cadre.person = person
    cadre.save()
    context = own_priority_context(cadre, day=DAY)
    assert context["own_priority"] is not None and context["own_priority"].parts
    html = render_to_string("careers/_priority_panel.html", context)
    assert "Ưu tiên cử đi học của tôi" in html
    assert "quy hoạch" not in html.lower()
    with_pools = priorities(people_ids=[person.pk], day=DAY, include_pools=True)[person.pk]
    assert context["own_priority"].score == with_pools.without_pools().score < with_pools.score
    body = login("cadre_a").get(reverse("people:detail", args=[person.pk])).content.decode()
    assert 'data-testid="priority-panel"' in body
    assert "quy hoạch" not in body.lower()
