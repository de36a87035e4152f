"""The proposal page's budget is typed the Vietnamese way; what cannot be read is said, and no run
starts — never a proposal silently made without the budget the officer meant."""

import pytest
from django.urls import reverse

from canbo.plans.models import ProposalRun
from tests.plans.test_propose import world  # noqa: F401  (the fixture)
from tests.standards.conftest import *  # noqa: F403
from tests.training.conftest import *  # noqa: F403


@pytest.mark.parametrize(
    ("typed", "read"), [("500.000.000", 500_000_000), ("500 000 000", 500_000_000), ("1200000", 1_200_000), ("", None)]
)
def test_a_budget_typed_with_dots_or_spaces_is_read(world, login, typed, read):  # noqa: F811
    client = login("officer_a")
    response = client.post(reverse("plans:propose_start"), {"unit": "P-THANHNUA", "year": 2027, "budget": typed})
    assert response.status_code == 302
    assert ProposalRun.unscoped.latest("created_at").budget == read


@pytest.mark.parametrize("typed", ["năm trăm triệu", "-5", "1.200,5"])
def test_an_unreadable_budget_is_refused_with_the_value_and_no_run(world, login, typed):  # noqa: F811
    client = login("officer_a")
    response = client.post(reverse("plans:propose_start"), {"unit": "P-THANHNUA", "year": 2027, "budget": typed})
    assert response.status_code == 400
    body = response.content.decode()
    assert f"«{typed}»" in body and "is-invalid" in body
    assert not ProposalRun.unscoped.exists()
