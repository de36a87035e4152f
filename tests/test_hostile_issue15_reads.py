"""Hostile review of issue 15's new read routes: a unit code, a plan or a job out of the actor's
reach answers 404 (never another unit's data); a reader or a cadre writes nothing."""

import datetime

import pytest
from django.urls import reverse

from canbo.core.context import acting_as
from canbo.core.dates import today
from canbo.core.models import ChangeLogEntry
from canbo.plans import services as plan_services
from canbo.plans.models import PlanNominee
from canbo.training.reference_data import seed_programme_kinds

D = datetime.date


@pytest.mark.parametrize(
    "name,query",
    [
        ("standards:needs", {"kind": "politics"}),
        ("standards:needs_xlsx", {"kind": "politics"}),
        ("plans:unit_paper", {"year": "2025"}),
        ("reports:unit_form_view", {"form": "BTCTW-10", "year": "2021"}),
    ],
)
def test_a_unit_out_of_reach_is_not_found(login, people, name, query):
    seed_programme_kinds()
    client = login("officer_a")
    assert client.get(reverse(name, args=["P-THANHNUA"]), query).status_code == 200
    for code in ("P-MUONGNHE", "P"):
        response = client.get(reverse(name, args=[code]), query)
        assert response.status_code == 404, (name, code, response.status_code)


def test_the_official_preview_of_another_commune_shows_none_of_its_people(login, people):
    response = login("officer_a").get(reverse("people:official_view"), {"unit": "P-MUONGNHE"})
    assert "Giàng A Páo" not in response.content.decode()
    own = login("officer_a").get(reverse("people:official_view"), {"unit": "P-THANHNUA"}).content.decode()
    assert "Lò Thị Vân" in own and "Giàng A Páo" not in own


def test_a_reader_and_a_cadre_add_nobody_to_a_plan(login, people, tree):
    seed_programme_kinds()
    with acting_as(None):
        plan = plan_services.plan_create(unit=tree["a"], year=today().year + 1)
    before = ChangeLogEntry.objects.count()
    for who in ("leader", "cadre_a"):
        response = login(who).post(
            reverse("plans:nominees_add"), {"plan": plan.pk, "kind": "politics", "person": [people["van"].pk]}
        )
        assert response.status_code in (403, 404), who
    assert not PlanNominee.unscoped.exists() and ChangeLogEntry.objects.count() == before


def test_plan_nominees_added_are_in_the_change_log(login, people, tree):
    seed_programme_kinds()
    with acting_as(None):
        plan = plan_services.plan_create(unit=tree["a"], year=today().year + 1)
    before = ChangeLogEntry.objects.count()
    login("officer_a").post(
        reverse("plans:nominees_add"),
        {"plan": plan.pk, "kind": "politics", "person": [people["van"].pk, people["minh"].pk]},
    )
    assert PlanNominee.unscoped.filter(plan=plan).count() == 2
    entries = ChangeLogEntry.objects.order_by("pk")[before:]
    assert [(e.action, e.user.username) for e in entries] == [("create", "officer_a")] * 2


def test_the_review_inbox_lists_no_plan_out_of_reach(login, people, tree):
    seed_programme_kinds()
    with acting_as(None):
        for unit in ("a", "b"):
            plan = plan_services.plan_create(
                unit=tree[unit], year=today().year + 1, targets=[{"kind": "politics", "turns": 1}]
            )
            plan_services.plan_submit(plan=plan)
    page = login("officer_a").get(reverse("plans:index"), {"review": "1"}).content.decode()
    assert "Mường Nhé" not in page
