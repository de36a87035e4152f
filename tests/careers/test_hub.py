"""The careers hub and navigation: each role sees the careers pages it may open, pools only with
the pool permission; a cadre reaches their own page (evaluations and priority), not the hub."""

import pytest
from django.urls import reverse

from tests.careers.pools_world import pool_officer  # noqa: F401  (fixture)
from tests.conftest import _user


def _keys(response) -> list[str]:
    import re

    return re.findall(r'data-key="([a-z]+)"', response.content.decode())


def test_the_pool_officer_sees_pools_and_the_hr_admin_does_not(client, personas, pool_officer, login):  # noqa: F811
    client.force_login(pool_officer)
    keys = _keys(client.get(reverse("careers:index")))
    assert "pools" in keys and "evaluations" in keys
    assert "propose" not in keys  # a pool officer nominates nobody
    admin_keys = _keys(login("province_admin").get(reverse("careers:index")))
    assert "pools" not in admin_keys
    assert {"evaluations", "distribution", "priority", "propose", "placements", "emulation"} <= set(admin_keys)


def test_a_leader_reads_but_is_offered_no_proposal(login):
    keys = _keys(login("leader").get(reverse("careers:index")))
    assert "evaluations" in keys and "emulation" in keys
    assert "propose" not in keys and "pools" not in keys


def test_a_cadre_has_no_hub_but_a_nav_link_to_their_own_page(login, personas, people):
    client = login("cadre_a")
    assert client.get(reverse("careers:index")).status_code == 404
    home = client.get(reverse("site:home")).content.decode()
    assert reverse("careers:mine") not in home  # cadre_a is linked to no record in the fixture world
    cadre = personas["cadre_a"]
    cadre.person = people["van"]
    cadre.save()
    home = client.get(reverse("site:home")).content.decode()
    assert reverse("careers:mine") in home and f'href="{reverse("careers:index")}"' not in home
    page = client.get(reverse("careers:mine")).content.decode()
    assert 'data-testid="own-priority"' in page  # the training-priority panel is on the own page


@pytest.mark.parametrize("name", ["officer_a", "province_admin"])
def test_the_hub_link_is_in_the_navigation_of_hr(login, name):
    assert reverse("careers:index") in login(name).get(reverse("site:home")).content.decode()


def test_a_user_without_careers_permissions_gets_404(tree, client):
    from canbo.accounts.choices import Role

    trainer = _user("trainer_x", tree["a"], Role.TRAINING_OFFICER, first="A", last="B")
    client.force_login(trainer)
    assert client.get(reverse("careers:index")).status_code == 404


def test_the_hub_and_navigation_of_hr_say_nothing_of_pools(login):
    body = login("province_admin").get(reverse("careers:index")).content.decode()
    assert "quy hoạch" not in body.lower()
