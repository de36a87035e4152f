"""Hostile reach: what a user without the pool permission can learn of who is pooled, through any
page, export, API or log; a pool officer of one commune reaching another's pool."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from canbo.accounts.choices import Role
from canbo.careers import pool_services
from canbo.careers.models import PoolMember
from tests.careers import pools_world as _world
from tests.conftest import _user
from tests.standards import conftest as _standards

pools, pool_officer, seeded = _world.pools, _world.pool_officer, _standards.seeded
D = datetime.date
OTHERS = ("province_admin", "officer_a", "leader", "cadre_a")
# Words that only a pool place puts on a page (the post's term, the pool parts of a priority).
POOL_WORDS = ("Trong quy hoạch", "chức danh quy hoạch", "2025–2030", "125-QĐ/TU")


@pytest.fixture
def pooled(pools):
    person = pools["person"]("Lò Văn Quy Hoạch")
    pool_services.pool_member_add(post=pools["posts"]["XA-CTUBND"], person=person, decision=pools["decision"])
    return person


def _text(response) -> str:
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        return "\n".join(str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row if c is not None)
    return response.content.decode()


def _urls(pooled, tree):
    return [
        reverse("people:detail", args=[pooled.pk]),
        reverse("people:history", args=[pooled.pk]),
        reverse("plans:priority", args=[tree["a"].code]),
        reverse("plans:priority_xlsx", args=[tree["a"].code]),
        reverse("training:placements"),
        reverse("reports:emulation", args=[tree["a"].code]),
        reverse("reports:emulation_xlsx", args=[tree["a"].code]),
        reverse("careers:index"),
        reverse("careers:person_evaluations", args=[pooled.pk]),
        reverse("site:changes"),
        reverse("site:changes") + "?q=" + str(pooled.pk),
        reverse("site:home"),
        f"/api/v1/people/{pooled.pk}",
        f"/api/v1/standards/people/{pooled.pk}",
        "/admin/",
    ]


@pytest.mark.parametrize("persona", OTHERS)
def test_no_page_tells_a_user_without_the_pool_permission_who_is_pooled(client, pooled, personas, tree, persona):
    client.force_login(personas[persona])
    for url in _urls(pooled, tree):
        response = client.get(url)
        if response.status_code != 200:
            continue
        text = _text(response)
        for word in POOL_WORDS:
            assert word not in text, (url, word)


def test_the_change_log_of_a_pool_place_is_not_shown_to_the_province_admin(client, pooled, personas):
    from django.contrib.contenttypes.models import ContentType

    from canbo.core.models import ChangeLogEntry
    from canbo.core.scope import Scope

    ct = ContentType.objects.get_for_model(PoolMember)
    member = PoolMember.unscoped.get(person=pooled)
    logged = ChangeLogEntry.objects.within(Scope.everything()).filter(content_type=ct, object_id=str(member.pk))
    assert logged.exists()  # the place is logged ...
    for name in ("province_admin", "officer_a", "leader"):  # ... but in nobody's log but the system admin's
        assert not ChangeLogEntry.objects.within(Scope.for_user(personas[name])).filter(pk__in=logged).exists(), name
    client.force_login(personas["province_admin"])
    page = client.get(reverse("site:changes"), {"model": ct.pk}).content.decode()
    assert f"{pooled.pk} → " not in page


def test_a_commune_pool_officer_reaches_neither_another_commune_nor_its_people(client, pools, pooled, tree, db):
    officer = _user("bantochuc_b", tree["b"], Role.POOL_OFFICER)
    client.force_login(officer)
    assert client.get(reverse("pools:unit", args=[pools["term"].code, tree["a"].code])).status_code == 404
    page = client.get(reverse("training:placements")).content.decode()
    assert "Lò Văn Quy Hoạch" not in page
    page = client.get(reverse("people:detail", args=[pooled.pk]))
    assert page.status_code == 404
    # commune A's pool officer may not put commune B's person in A's post
    officer_a = _user("bantochuc_a", tree["a"], Role.POOL_OFFICER)
    other = pools["person"]("Giàng A Bê", unit="b")
    client.force_login(officer_a)
    post = pools["posts"]["XA-PCTUBND"]
    client.post(
        reverse("pools:member_add", args=[post.pk]),
        {
            f"add{post.pk}-person": other.pk,
            f"add{post.pk}-decision": pools["decision"].pk,
            f"add{post.pk}-added_on": "01/12/2025",
        },
    )
    assert not PoolMember.unscoped.filter(person=other).exists()


def test_control_the_pool_officer_sees_the_pool_words_there(client, pooled, pool_officer, tree):
    """The words searched for above are the ones a pool place puts on these pages."""
    client.force_login(pool_officer)
    seen = set()
    for url in _urls(pooled, tree):
        response = client.get(url)
        if response.status_code == 200:
            seen |= {w for w in POOL_WORDS if w in _text(response)}
    assert {"Trong quy hoạch", "2025–2030"} <= seen


def test_a_commune_pool_officer_does_not_learn_another_communes_pool_from_the_priority(
    client, pools, pool_officer, tree, as_user
):
    """Commune B's person pooled (by the province) for commune A's post: B's pool officer reaches
    the person but not A's pools (pools:unit of A is 404 to them, the person page's pool panel
    leaves A's post out), so the training priority may not show that place either."""
    person = pools["person"]("Giàng A Quy Hoạch", unit="b")
    with as_user(None):
        pool_services.pool_member_add(post=pools["posts"]["XA-CTUBND"], person=person, decision=pools["decision"])
    officer_b = _user("bantochuc_b", tree["b"], Role.POOL_OFFICER)
    client.force_login(officer_b)
    for url in (
        reverse("people:detail", args=[person.pk]),
        reverse("plans:priority", args=[tree["b"].code]),
        reverse("plans:priority_xlsx", args=[tree["b"].code]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        text = _text(response)
        assert "Giàng A Quy Hoạch" in text
        assert "Trong quy hoạch" not in text and "chức danh quy hoạch" not in text, url
    # the province's pool officer, who reaches A's pools, sees the place
    client.force_login(pool_officer)
    assert "Trong quy hoạch" in _text(client.get(reverse("plans:priority", args=[tree["b"].code])))


def test_pages_showing_pools_are_kept_by_no_cache(client, pools, pooled, pool_officer, personas, tree):
    client.force_login(pool_officer)
    for url in (
        reverse("pools:terms"),
        reverse("pools:term", args=[pools["term"].code]),
        reverse("pools:unit", args=[pools["term"].code, tree["a"].code]),
        reverse("plans:priority", args=[tree["a"].code]),
        reverse("plans:priority_xlsx", args=[tree["a"].code]),
        reverse("training:placements"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response.get("Cache-Control", ""), url
    client.force_login(personas["officer_a"])  # no pool part: the ordinary headers
    assert "no-store" not in client.get(reverse("plans:priority", args=[tree["a"].code])).get("Cache-Control", "")


def test_a_commune_pool_officer_sees_only_their_communes_posts_on_the_term(client, pools, tree, as_user):
    from canbo.standards.models import Title

    with as_user(None):
        pool_services.post_create(term=pools["term"], unit=tree["b"], title=Title.objects.get(code="XA-BT"))
    officer_a = _user("bantochuc_a", tree["a"], Role.POOL_OFFICER)
    client.force_login(officer_a)
    page = client.get(reverse("pools:term", args=[pools["term"].code])).content.decode()
    assert tree["a"].name in page and tree["b"].name not in page
    assert client.get(reverse("pools:unit", args=[pools["term"].code, tree["b"].code])).status_code == 404


def test_a_pooled_cadre_does_not_learn_it_from_their_own_pages(client, pooled, personas):
    cadre = personas["cadre_a"]
    cadre.person = pooled
    cadre.save()
    client.force_login(cadre)
    for url in (reverse("people:detail", args=[pooled.pk]), reverse("careers:mine"), reverse("training:my")):
        response = client.get(url)
        assert response.status_code == 200, url
        text = _text(response)
        assert "Lò Văn Quy Hoạch" in text or url != reverse("people:detail", args=[pooled.pk])
        for word in POOL_WORDS:
            assert word not in text, (url, word)


def test_reading_the_careers_pages_writes_nothing_but_the_access_log(
    client, pools, pooled, pool_officer, personas, tree
):
    from django.apps import apps

    models = [m for m in apps.get_models() if m._meta.app_label in ("careers", "plans", "training", "people", "core")]

    def counts():
        return {m._meta.label: m._base_manager.count() for m in models}

    urls = [
        *_urls(pooled, tree),
        reverse("pools:terms"),
        reverse("pools:term", args=[pools["term"].code]),
        reverse("pools:unit", args=[pools["term"].code, tree["a"].code]),
        reverse("plans:propose") + "?unit=P-THANHNUA&year=2027",
        reverse("careers:evaluations", args=[tree["a"].code]),
        reverse("careers:distribution", args=[tree["a"].code]),
        reverse("careers:evaluation_import", args=[tree["a"].code]),
        reverse("careers:evaluation_edit", args=[pooled.pk, 2024]),
        reverse("careers:mine"),
    ]
    before = counts()
    for user in (pool_officer, personas["officer_a"], personas["system_admin"]):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code in (200, 302, 403, 404), url
    assert counts() == before
