"""Who may see pools: the pool officer (and the system admin) within reach; everyone else gets 404
on the pool pages and sees no pool data on the person page. Every view is logged."""

import datetime

import pytest
from django.urls import reverse

from canbo.accounts.models import SensitiveAccess
from canbo.careers import pool_services
from canbo.careers.models import PoolMember
from tests.careers import pools_world as _world
from tests.standards import conftest as _standards

pools, pool_officer, seeded = _world.pools, _world.pool_officer, _standards.seeded
D = datetime.date
OTHERS = ("province_admin", "officer_a", "officer_b", "leader", "cadre_a")


@pytest.fixture
def pooled(pools):
    person = pools["person"]("Lò Văn Quy Hoạch")
    pool_services.pool_member_add(post=pools["posts"]["XA-CTUBND"], person=person, decision=pools["decision"])
    return person


def _urls(pools, tree):
    return [
        reverse("pools:terms"),
        reverse("pools:term", args=[pools["term"].code]),
        reverse("pools:unit", args=[pools["term"].code, tree["a"].code]),
    ]


def test_the_pool_officer_sees_the_unit_pool_and_the_view_is_logged(client, pools, pooled, pool_officer, tree):
    client.force_login(pool_officer)
    for url in _urls(pools, tree):
        assert client.get(url).status_code == 200
    before = SensitiveAccess.objects.count()
    response = client.get(reverse("pools:unit", args=[pools["term"].code, tree["a"].code]))
    page = response.content.decode()
    assert "Lò Văn Quy Hoạch" in page and "Chủ tịch Ủy ban nhân dân xã" in page
    assert "lý luận chính trị" in page.lower()  # gaps against the pooled post, in words
    assert 'data-testid="share-women_percent"' in page
    log = SensitiveAccess.objects.order_by("-id").first()
    assert SensitiveAccess.objects.count() == before + 1
    assert (log.user, log.where, log.people, log.fields) == (pool_officer, "pools:unit", [pooled.pk], ["pool"])


def test_the_person_page_shows_pool_places_only_to_the_pool_officer_and_logs_it(
    client, pools, pooled, pool_officer, personas
):
    url = reverse("people:detail", args=[pooled.pk])
    client.force_login(pool_officer)
    before = SensitiveAccess.objects.filter(where="person_pools").count()
    page = client.get(url).content.decode()
    assert 'data-testid="person-pools"' in page and "2025–2030" in page
    assert SensitiveAccess.objects.filter(where="person_pools", people=[pooled.pk]).count() == before + 1
    for name in ("province_admin", "officer_a", "leader"):
        client.force_login(personas[name])
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert 'data-testid="person-pools"' not in page and "Quy hoạch" not in page, name
    assert not SensitiveAccess.objects.filter(where="person_pools").exclude(user=pool_officer).exists()


@pytest.mark.parametrize("persona", OTHERS)
def test_everyone_else_gets_404_on_every_pool_page(client, pools, pooled, personas, tree, persona):
    client.force_login(personas[persona])
    for url in _urls(pools, tree):
        assert client.get(url).status_code == 404, url
    member = PoolMember.unscoped.get(person=pooled)
    response = client.post(
        reverse("pools:member_remove", args=[member.pk]), {"reason": "moved", "removed_on": "01/03/2026"}
    )
    assert response.status_code == 404
    member.refresh_from_db()
    assert member.removed_on is None
    assert not SensitiveAccess.objects.filter(where__startswith="pool").exists()


def test_anonymous_is_sent_to_log_in(client, pools, tree):
    response = client.get(reverse("pools:unit", args=[pools["term"].code, tree["a"].code]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_adding_through_the_page_names_the_rule_broken(client, pools, pool_officer, tree):
    client.force_login(pool_officer)
    post = pools["posts"]["XA-CTUBND"]
    old = pools["person"]("Quàng Văn Già", birth=D(1966, 5, 10))
    response = client.post(
        reverse("pools:member_add", args=[post.pk]),
        {f"add{post.pk}-person": old.pk, f"add{post.pk}-decision": pools["decision"].pk},
        follow=True,
    )
    page = response.content.decode()
    assert "Không đủ tuổi quy hoạch" in page and "135/2020" in page
    assert not PoolMember.unscoped.filter(person=old).exists()
    young = pools["person"]("Lò Văn Trẻ", birth=D(1988, 1, 1))
    response = client.post(
        reverse("pools:member_add", args=[post.pk]),
        {f"add{post.pk}-person": young.pk, f"add{post.pk}-decision": pools["decision"].pk},
    )
    assert response.status_code == 302
    assert PoolMember.unscoped.filter(person=young, post=post).exists()


def test_the_review_form_brings_out_with_a_reason(client, pools, pooled, pool_officer, tree):
    client.force_login(pool_officer)
    member = PoolMember.unscoped.get(person=pooled)
    response = client.post(
        reverse("pools:member_remove", args=[member.pk]),
        {"reason": "moved", "removed_on": "01/03/2026", "version": member.version},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.removed_on, member.removal_reason) == (D(2026, 3, 1), "moved")
    page = client.get(reverse("pools:unit", args=[pools["term"].code, tree["a"].code])).content.decode()
    assert f'data-testid="former-{member.post_id}"' in page


def test_a_communes_pool_officer_sees_only_their_communes_pools(client, pools, pooled, tree, people):
    from canbo.accounts.choices import Role
    from canbo.careers.models import SuccessionPost
    from canbo.core.context import acting_as
    from canbo.core.errors import OutOfReach
    from canbo.standards.models import Title
    from tests.conftest import _user

    b_post = SuccessionPost.unscoped.create(
        term=pools["term"], unit=tree["b"], unit_path=tree["b"].path, title=Title.objects.get(code="XA-BT")
    )
    officer = _user("btc_a", tree["a"], Role.POOL_OFFICER)
    client.force_login(officer)
    term = pools["term"].code
    assert client.get(reverse("pools:unit", args=[term, tree["a"].code])).status_code == 200
    assert client.get(reverse("pools:unit", args=[term, tree["b"].code])).status_code == 404
    assert "Mường Nhé" not in client.get(reverse("pools:term", args=[term])).content.decode()
    response = client.post(reverse("pools:round_create", args=[b_post.pk]), {})
    assert response.status_code == 404
    # Commune B's person cannot be put in commune A's pool, through the page or the service.
    post = pools["posts"]["XA-CTUBND"]
    client.post(
        reverse("pools:member_add", args=[post.pk]),
        {f"add{post.pk}-person": people["pao"].pk, f"add{post.pk}-decision": pools["decision"].pk},
    )
    assert not PoolMember.unscoped.filter(person=people["pao"]).exists()
    with acting_as(officer, origin="test", label="pytest"), pytest.raises(OutOfReach):
        pool_services.pool_member_add(post=post, person=people["pao"], decision=pools["decision"])


def test_the_person_api_carries_no_pool_data(client, pools, pooled, personas):
    client.force_login(personas["province_admin"])
    response = client.get(reverse("api:get_person", kwargs={"person_id": pooled.pk}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "pool" not in body.lower() and "quy hoạch" not in body.lower()
