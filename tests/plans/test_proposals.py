"""Proposals: the standards app's needs become plan rows the officer adopts and edits."""

import datetime

import pytest
from django.urls import reverse

from canbo.core.context import acting_as
from canbo.people import services as people_services
from canbo.plans import proposals, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def needs(tree, kinds):
    from canbo.standards.seed import seed_standards

    seed_standards()
    with acting_as(None, origin="test"):
        people_services.person_create(
            unit=tree["a"],
            assignment={
                "category": "can_bo",
                "title": "Chủ tịch Ủy ban nhân dân",
                "start_date": datetime.date(2024, 1, 1),
            },
            full_name="Lò Văn Chưa Đạt",
            birth_year=1985,
        )


def test_it_proposes_one_row_per_kind_with_people_in_need(needs, tree, personas, kinds):
    proposal = proposals.propose(user=personas["officer_a"], unit=tree["a"], year=datetime.date.today().year)
    assert proposal.available
    assert {(r["kind"], r["turns"]) for r in proposal.rows} == {(kinds["degree"].pk, 1), (kinds["politics"].pk, 1)}
    # Commune B's officer sees no need in commune A.
    assert proposals.propose(user=personas["officer_b"], unit=tree["b"], year=2026).rows == []


def test_the_edit_page_prefills_the_proposal_to_adopt(needs, login, tree, personas, kinds):
    with acting_as(personas["officer_a"], origin="test"):
        plan = services.plan_create(unit=tree["a"], year=datetime.date.today().year)
    page = login("officer_a").get(reverse("plans:edit", args=[plan.pk]), {"propose": "1"}).content.decode()
    assert 'data-testid="proposal"' in page
    assert f'<option value="{kinds["politics"].pk}" selected>' in page


@pytest.fixture
def chairman_of_2023(tree, kinds, level):
    """Chủ tịch UBND of an old commune on 01/08/2023 (cao đẳng), chairman of the new xã A since 01/07/2025."""
    from canbo.orgs import services as org_services
    from canbo.standards.seed import seed_standards

    seed_standards()
    old = org_services.unit_create(
        code="P-HDB-THANHXUONG",
        name="Xã Thanh Xương",
        kind="commune",
        parent=tree["old_district"],
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2025, 6, 30),
    )
    with acting_as(None, origin="test"):
        person = people_services.person_create(
            unit=old,
            assignment={
                "category": "can_bo",
                "title": "Chủ tịch Ủy ban nhân dân",
                "start_date": datetime.date(2021, 6, 1),
            },
            full_name="Lò Văn Giữ",
            birth_year=1978,
        )
        people_services.qualification_add(person=person, level=level("professional", "cao_dang"), year=2005)
        people_services.assignment_start(
            person=person,
            unit=tree["a"],
            category="can_bo",
            title="Chủ tịch Ủy ban nhân dân",
            start_date=datetime.date(2025, 7, 1),
        )
        people_services.person_create(
            unit=tree["a"],
            assignment={
                "category": "can_bo",
                "title": "Phó Chủ tịch Ủy ban nhân dân",
                "start_date": datetime.date(2026, 3, 1),
            },
            full_name="Quàng Văn Mới",
            birth_year=1990,
        )
    return person


# A year whose proposal is dated in the transition whatever today is (01/01/2027, or today in 2027).
PLAN_YEAR = 2027


def test_the_proposal_says_how_many_are_in_the_transition_and_until_when(chairman_of_2023, tree, personas, kinds):
    proposal = proposals.propose(user=personas["officer_a"], unit=tree["a"], year=PLAN_YEAR)
    lines = {line.kind.code: line for line in proposal.needs}
    # Two need a degree (the 2026 appointee has no deadline); one of them has until 01/08/2028.
    assert lines["degree"].people == 2
    assert [(d.people, d.until) for d in lines["degree"].deadlines] == [(1, datetime.date(2028, 8, 1))]
    assert [(d.people, d.until) for d in lines["politics"].deadlines] == [(1, datetime.date(2028, 8, 1))]
    assert {(r["kind"], r["turns"]) for r in proposal.rows} == {(kinds["degree"].pk, 2), (kinds["politics"].pk, 2)}
    assert "Đào tạo" in proposal.deadline_note and "1 người đến 01/08/2028" in proposal.deadline_note


def test_the_edit_page_shows_the_deadline_and_puts_it_in_the_plan_note(chairman_of_2023, login, tree, personas):
    with acting_as(personas["officer_a"], origin="test"):
        plan = services.plan_create(unit=tree["a"], year=PLAN_YEAR)
    page = login("officer_a").get(reverse("plans:edit", args=[plan.pk]), {"propose": "1"}).content.decode()
    assert page.count('data-testid="need-deadline"') == 2
    assert ", trong đó 1 người trong thời hạn chuẩn hoá đến 01/08/2028" in page
    note = page.split('name="note"', 1)[1].split("</textarea>", 1)[0]
    assert "người trong thời hạn chuẩn hoá" in note and "đến 01/08/2028" in note
    # An officer's own note is never overwritten by the proposal.
    with acting_as(personas["officer_a"], origin="test"):
        services.plan_update(plan=plan, expected_version=plan.version, note="Ghi chú của đơn vị", targets=[])
    page = login("officer_a").get(reverse("plans:edit", args=[plan.pk]), {"propose": "1"}).content.decode()
    note = page.split('name="note"', 1)[1].split("</textarea>", 1)[0]
    assert "Ghi chú của đơn vị" in note and "thời hạn chuẩn hoá đến" not in note
