"""Placement closes the loop: a pooled person shows as ready for the pooled post once the training
that closes its gaps is completed, not before; only VIEW_POOLS sees pool rows, and each view is
logged."""

import datetime

import pytest
from django.urls import reverse

from canbo.accounts.choices import Role
from canbo.accounts.models import SensitiveAccess
from canbo.careers import placement
from canbo.careers.models import PoolDecision, PoolMember, SuccessionPost, SuccessionTerm
from canbo.training import services
from tests import conftest
from tests.standards.conftest import *  # noqa: F403  (seeded standards, titles, make_person)
from tests.training.conftest import *  # noqa: F403  (programme kinds, llct, make_class)

D = datetime.date


@pytest.fixture
def pool_officer(tree):
    return conftest._user("pool_officer", tree["province"], Role.POOL_OFFICER, first="Quàng Văn", last="Quy")


@pytest.fixture
def pooled(tree, make_person, title):
    """A civil servant of commune A with a degree but no political theory, pooled in 2025 for the
    chairman of the commune's People's Committee (which asks for trung cấp LLCT)."""
    person = make_person(
        "Công chức Văn phòng - thống kê",
        category="can_bo",
        levels=[("general_education", "thpt"), ("professional", "dai_hoc", "Luật")],
        name="Lò Văn Quy Hoạch",
    )
    term = SuccessionTerm.objects.create(
        code="2025-2030", name="Nhiệm kỳ 2025 - 2030", start_date=D(2025, 10, 1), end_date=D(2030, 9, 30)
    )
    unit = tree["a"]
    post = SuccessionPost.objects.create(
        term=term, unit=unit, unit_path=unit.path, title=title("XA-CTUBND"), category="can_bo"
    )
    decision = PoolDecision.objects.create(
        term=term, unit=unit, unit_path=unit.path, year=2025, number="12-QĐ/ĐU", date=D(2025, 11, 3), issuer="Đảng ủy"
    )
    member = PoolMember.objects.create(
        post=post, person=person, unit_path=unit.path, decision=decision, added_on=D(2025, 11, 3)
    )
    return member


def _complete(person, make_class, programme):
    cls = make_class(programme)
    enrolment = services.enrolment_approve(enrolment=services.enrolment_nominate(training_class=cls, person=person))
    return services.enrolment_record_result(enrolment=enrolment, result="passed", score=8.5)


def test_pooled_person_is_ready_only_after_completing_the_class_that_closes_the_gap(
    pooled, pool_officer, make_class, llct
):
    [line] = placement.pool_readiness(user=pool_officer)
    assert not line.ready
    assert [m.rule.code for m in line.missing] == ["XA-CTUBND-LLCT-2025"]
    assert line.missing[0].kinds == [llct.kind.name]
    assert line.completed == []

    enrolment = _complete(pooled.person, make_class, llct)

    [line] = placement.pool_readiness(user=pool_officer)
    assert line.ready and line.missing == []
    assert [e.pk for e in line.completed] == [enrolment.pk]


def test_a_person_brought_out_of_the_pool_is_not_listed(pooled, pool_officer):
    PoolMember.objects.filter(pk=pooled.pk).update(removed_on=D(2026, 1, 5), removal_reason="moved")
    assert placement.pool_readiness(user=pool_officer) == []
    assert [line.person.pk for line in placement.pool_readiness(user=pool_officer, day=D(2025, 12, 31))] == [
        pooled.person_id
    ]


def test_placement_page_shows_pool_rows_to_pool_officers_and_logs_the_view(
    client, pooled, pool_officer, make_class, llct
):
    client.force_login(pool_officer)
    url = reverse("training:placements")
    page = client.get(url).content.decode()
    assert 'data-testid="pool-placement"' in page
    assert client.get(url)["Cache-Control"] == "private, no-store"
    assert "Lò Văn Quy Hoạch" in page and 'data-ready="0"' in page
    assert "Chưa đủ chuẩn" in page and "trung cấp lý luận chính trị" in page
    log = SensitiveAccess.objects.filter(where=placement.LOG_WHERE).first()
    assert log.user == pool_officer and log.people == [pooled.person_id] and log.fields == ["pool"]

    _complete(pooled.person, make_class, llct)
    page = client.get(url).content.decode()
    assert 'data-ready="1"' in page and "Sẵn sàng bố trí" in page
    assert "Đã đủ chuẩn chức danh quy hoạch Chủ tịch Ủy ban nhân dân xã" in page
    assert llct.name in page
    assert SensitiveAccess.objects.filter(where=placement.LOG_WHERE).count() == 3


@pytest.mark.parametrize("persona", ["officer_a", "province_admin", "leader"])
def test_pool_rows_are_invisible_without_the_pool_permission(login, pooled, persona):
    page = login(persona).get(reverse("training:placements"))
    assert page.status_code in (200, 403)
    body = page.content.decode()
    assert 'data-testid="pool-placement"' not in body and "Lò Văn Quy Hoạch" not in body
    assert placement.pool_readiness(user=page.wsgi_request.user) is None
    assert not SensitiveAccess.objects.filter(where=placement.LOG_WHERE).exists()


def test_pool_officer_of_another_commune_does_not_reach_the_pool(tree, pooled):
    officer_b = conftest._user("pool_b", tree["b"], Role.POOL_OFFICER)
    assert placement.pool_readiness(user=officer_b) == []
