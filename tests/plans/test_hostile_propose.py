"""Hostile reach on the optimised proposal: a GET writes nothing (a run starts only by a POST with
the CSRF token), another user's run is 404, accepting nominates nobody outside reach nor into a
class not open to the person's unit."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from canbo.plans.models import ProposalRun
from canbo.training.models import Enrolment
from tests.careers.pools_world import pools  # noqa: F401  (the fixture)
from tests.plans.test_propose import world  # noqa: F401  (the fixture)
from tests.standards.conftest import *  # noqa: F403
from tests.training.conftest import *  # noqa: F403

D = datetime.date


def test_a_get_naming_a_unit_starts_no_run(world, login):  # noqa: F811
    client = login("officer_a")
    response = client.get(reverse("plans:propose"), {"unit": "P-THANHNUA", "year": 2027})
    assert response.status_code == 200
    assert not ProposalRun.unscoped.exists()
    page = response.content.decode()
    assert 'value="P-THANHNUA"' in page and 'method="post"' in page  # the form, filled in


def test_a_run_starts_by_a_post_and_needs_the_csrf_token(world, personas):  # noqa: F811
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas["officer_a"])
    url = reverse("plans:propose_start")
    assert client.post(url, {"unit": "P-THANHNUA", "year": 2027}).status_code == 403
    assert not ProposalRun.unscoped.exists()
    assert client.get(url, {"unit": "P-THANHNUA", "year": 2027}).status_code == 405
    assert not ProposalRun.unscoped.exists()
    page = client.get(reverse("plans:propose"), {"unit": "P-THANHNUA", "year": 2027}).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = client.post(url, {"unit": "P-THANHNUA", "year": 2027, "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and "?run=" in response["Location"]
    run = ProposalRun.unscoped.get()
    assert (run.user, run.unit.code, run.year) == (personas["officer_a"], "P-THANHNUA", 2027)
    assert world["cls"].code in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("persona", ["officer_b", "leader", "cadre_a"])
def test_others_start_no_run_for_commune_a(world, login, persona):  # noqa: F811
    response = login(persona).post(reverse("plans:propose_start"), {"unit": "P-THANHNUA", "year": 2027})
    assert response.status_code in (403, 404)
    assert not ProposalRun.unscoped.exists()


def test_another_users_run_is_404_even_to_the_province(world, login):  # noqa: F811
    response = login("officer_a").post(reverse("plans:propose_start"), {"unit": "P-THANHNUA", "year": 2027})
    location = response["Location"]
    assert login("province_admin").get(location).status_code == 404
    assert login("officer_b").get(location).status_code == 404


def test_accept_refuses_a_class_not_open_to_the_persons_commune(world, login, llct, make_class, tree):  # noqa: F811
    only_b = make_class(llct, start=D(2027, 3, 1), days=200, capacity=5, open_to=tree["b"])
    one = world["short"][0]
    response = login("officer_a").post(
        reverse("plans:propose_accept"),
        {"unit": "P-THANHNUA", "year": 2027, "place": [f"{one.pk}:{only_b.pk}"]},
        follow=True,
    )
    assert response.status_code == 200
    assert not Enrolment.unscoped.filter(training_class=only_b).exists()


def test_a_proposal_made_without_the_pool_permission_shows_and_counts_no_pool(pools, llct, make_class, login, personas):  # noqa: F811
    """A civil servant of A pooled for the commune chairman's post lacks the post's LLCT: the system
    administrator's proposal offers the LLCT class for that pool gap; commune A's officer's
    proposal neither offers it for that reason nor shows a pool word."""
    from canbo.careers import pool_services

    person = pools["person"]("Lò Văn Quy Hoạch", levels=[("general_education", "thpt")])
    pool_services.pool_member_add(post=pools["posts"]["XA-CTUBND"], person=person, decision=pools["decision"])
    make_class(llct, start=D(2027, 3, 1), days=200, capacity=5)
    for name in ("system_admin", "officer_a"):
        client = login(name)
        response = client.post(reverse("plans:propose_start"), {"unit": "P-THANHNUA", "year": 2027}, follow=True)
        page = response.content.decode()
        run = ProposalRun.unscoped.filter(user=personas[name]).get()
        if name == "system_admin":
            assert "Trong quy hoạch" in page and run.result["pooled"] == [person.pk]
        else:
            assert "quy hoạch" not in page.lower().replace("kế hoạch", ""), name
            assert not (run.result or {}).get("pooled")
