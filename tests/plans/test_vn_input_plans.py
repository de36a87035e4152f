"""The plan form takes money and counts as the offices type them (1.200.000, 1.200) and shows them back."""

from decimal import Decimal

import pytest
from django.urls import reverse

from canbo.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_the_plan_takes_a_dotted_budget_and_dotted_counts(login, tree, kinds):
    client = login("officer_a")
    client.post(reverse("plans:create"), {"unit": tree["a"].pk, "year": 2026})
    plan = Plan.unscoped.get(unit=tree["a"], year=2026)
    data = {
        "t-TOTAL_FORMS": "1",
        "t-INITIAL_FORMS": "0",
        "t-0-kind": kinds["politics"].pk,
        "t-0-group": "can_bo",
        "t-0-place": "in_province",
        "t-0-classes": "2",
        "t-0-turns": "1.200",
        "version": "1",
        "title": "KH 2026",
        "budget": "1.200.000",
    }
    response = client.post(reverse("plans:edit", args=[plan.pk]), data)
    assert response.status_code == 302, response.content.decode()
    plan.refresh_from_db()
    assert plan.budget == Decimal("1200000")
    assert list(plan.targets.values_list("turns", flat=True)) == [1200]
    assert "1.200.000 đ" in client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    form = client.get(reverse("plans:edit", args=[plan.pk])).content.decode()
    assert 'name="budget" value="1.200.000"' in form and 'value="1.200"' in form


def test_a_budget_that_is_no_number_is_named(login, tree, kinds):
    client = login("officer_a")
    client.post(reverse("plans:create"), {"unit": tree["a"].pk, "year": 2026})
    plan = Plan.unscoped.get(unit=tree["a"], year=2026)
    data = {"t-TOTAL_FORMS": "0", "t-INITIAL_FORMS": "0", "version": "1", "budget": "1,200,000"}
    response = client.post(reverse("plans:edit", args=[plan.pk]), data)
    assert response.status_code == 200
    assert "«1,200,000» không phải là số" in response.content.decode()
    plan.refresh_from_db()
    assert plan.budget is None
