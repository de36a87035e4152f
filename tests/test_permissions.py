"""Generated permission tests: every page and API endpoint that names a unit, tried by each persona.

An outsider must get 404 (the object does not exist for them), anonymous users go to the log-in
page (pages) or get 401 (API). New URL patterns with a `code` argument are picked up automatically.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse


def _class_bound(p: URLPattern) -> bool:
    """Training routes name a class by its `code` (and an enrolment by `pk`), not a unit or a person;
    tests/training/test_class_reach.py enumerates them from the same resolver and checks each one's
    reach with a real class (it fails for a class-bound route without an expectation), so the
    generators here leave them out."""
    return str(p.pattern).removeprefix("training/").startswith("classes/")


def _patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _patterns(p, ns)
        elif isinstance(p, URLPattern) and p.name and "code" in p.pattern.regex.groupindex and not _class_bound(p):
            yield f"{namespace}{p.name}"


UNIT_URLS = sorted(set(_patterns()))


def test_the_generator_found_the_unit_pages():
    assert {"orgs:detail", "orgs:edit", "orgs:close", "orgs:children", "orgs:history"} <= set(UNIT_URLS)
    assert any(name.startswith("api:") for name in UNIT_URLS)


@pytest.mark.parametrize("url_name", UNIT_URLS)
def test_an_officer_of_commune_b_gets_404_for_commune_a(login, tree, url_name):
    response = login("officer_b").get(reverse(url_name, kwargs={"code": "P-THANHNUA"}))
    assert response.status_code == 404


@pytest.mark.parametrize("url_name", UNIT_URLS)
def test_a_cadre_gets_404_for_an_inner_unit_of_their_commune(login, tree, url_name):
    response = login("cadre_a").get(reverse(url_name, kwargs={"code": "P-THANHNUA-VP"}))
    assert response.status_code in (403, 404)
    if url_name in ("orgs:detail", "orgs:children", "api:get_unit"):
        assert response.status_code == 404


@pytest.mark.parametrize("url_name", UNIT_URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, tree, url_name):
    response = client.get(reverse(url_name, kwargs={"code": "P-THANHNUA"}))
    if url_name.startswith("api:"):
        assert response.status_code == 401
    else:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url_name", ["orgs:detail", "orgs:children", "api:get_unit"])
def test_the_province_admin_reaches_every_commune(login, tree, url_name):
    assert login("province_admin").get(reverse(url_name, kwargs={"code": "P-THANHNUA"})).status_code == 200


def test_an_unknown_code_is_404_like_an_out_of_reach_one(login, tree):
    client = login("officer_b")
    missing = client.get(reverse("orgs:detail", args=["P-KHONGCO"]))
    hidden = client.get(reverse("orgs:detail", args=["P-THANHNUA"]))
    assert missing.status_code == hidden.status_code == 404
    for response in (missing, hidden):
        html = response.content.decode()
        assert "Không tìm thấy trang" in html and "Xã Thanh Nưa" not in html


def _person_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _person_patterns(p, ns)
        elif (
            isinstance(p, URLPattern)
            and p.name
            and set(p.pattern.regex.groupindex) & {"pk", "person_id"}
            and not _class_bound(p)
        ):
            yield f"{namespace}{p.name}", next(iter(set(p.pattern.regex.groupindex) & {"pk", "person_id"}))


PERSON_URLS = sorted(set(_person_patterns()))


def test_the_generator_found_the_person_pages():
    names = {name for name, _ in PERSON_URLS}
    assert {"people:detail", "people:edit", "people:history", "api:get_person"} <= names


BODY_BOUND = ("people:body", "people:member_add", "people:member_remove")
PERSON_BOUND = [u for u in PERSON_URLS if u[0].startswith(("people:", "api:")) and u[0] not in BODY_BOUND]


@pytest.mark.parametrize("url_name", BODY_BOUND)
def test_an_officer_of_commune_b_gets_404_for_a_body_of_commune_a(login, people, tree, url_name):
    import datetime

    from canbo.people import services

    body = services.body_create(unit=tree["a"], name="Chi bộ", term_start=datetime.date(2025, 7, 1))
    membership = services.membership_add(body=body, person=people["van"])
    kwargs = {"pk": body.pk} | ({"membership_id": membership.pk} if url_name == "people:member_remove" else {})
    assert login("officer_b").get(reverse(url_name, kwargs=kwargs)).status_code == 404


@pytest.mark.parametrize("url_name, arg", PERSON_BOUND)
def test_an_officer_of_commune_b_gets_404_for_a_person_of_commune_a(login, people, url_name, arg):
    van = people["van"]
    kwargs = {arg: van.pk}
    if url_name == "people:qualification_remove":
        kwargs["qualification_id"] = van.qualifications.first().pk
    if url_name in ("people:assignment_end", "people:assignment_category"):
        kwargs["assignment_id"] = van.assignments.first().pk
    response = login("officer_b").get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == 404
