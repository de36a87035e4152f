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
