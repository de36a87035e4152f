"""Reach of every class-bound route (`training/classes/<code>/…` pages and `api/v1/training/classes/
<code>/…` endpoints), enumerated from the URL resolver: the generated tests of tests/test_permissions.py
name a unit by `code`, these name a class. A new class-bound route fails
`test_every_class_bound_route_has_a_reach_expectation` until it is given one below.

For each route: an officer of another commune (outside the organising unit's reach) gets 404 and
nothing is written; the organising unit's HR officer succeeds (or gets the form); a cadre of the
organising commune who is not a learner runs nothing and sees no learner.
"""

import json

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from canbo.core.models import ChangeLogEntry
from canbo.training import services
from canbo.training.models import Certificate, Enrolment


def _class_routes(resolver=None, namespace="", prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _class_routes(p, ns, route)
        elif isinstance(p, URLPattern) and p.name and "code" in p.pattern.regex.groupindex and "classes/" in route:
            yield f"{namespace}{p.name}"


CLASS_ROUTES = sorted(set(_class_routes()))

# name: (method, extra URL kwargs from the fixture, body, the organising unit's officer's status, check)
# `check(setup)` says what the officer's request did (None: a page or form, its status is enough).
EXPECT = {
    "training:class": ("get", {}, None, 200, None),
    "training:class_edit": ("get", {}, None, 200, None),
    "training:nominate": (
        "post",
        {},
        {"person": "Lò Thị Hoa"},
        302,
        lambda s: Enrolment.unscoped.filter(person=s["hoa"], training_class=s["cls"]).exists(),
    ),
    "training:nominate_many": (
        "post",
        {},
        {"lines": "Lò Thị Hoa"},
        200,
        lambda s: Enrolment.unscoped.filter(person=s["hoa"], training_class=s["cls"]).exists(),
    ),
    "training:approve_all": (
        "post",
        {},
        {},
        302,
        lambda s: Enrolment.unscoped.get(pk=s["nominated"].pk).status == "approved",
    ),
    "training:approve_selected": (
        "post",
        {},
        {"enrolment": "nominated"},
        302,
        lambda s: Enrolment.unscoped.get(pk=s["nominated"].pk).status == "approved",
    ),
    "training:certificates_all": (
        "post",
        {},
        {},
        302,
        lambda s: Certificate.unscoped.filter(enrolment=s["passed"]).exists(),
    ),
    "training:class_status": (
        "post",
        {},
        {"status": "running"},
        302,
        lambda s: type(s["cls"]).unscoped.get(pk=s["cls"].pk).status == "running",
    ),
    "training:class_cancel": (
        "post",
        {},
        {"confirm": "1"},
        302,
        lambda s: type(s["cls"]).unscoped.get(pk=s["cls"].pk).status == "cancelled",
    ),
    "training:results": ("get", {}, None, 200, None),
    "training:attendance": ("get", {}, None, 200, None),
    "training:quality": ("get", {}, None, 200, None),
    "training:upload": ("get", {}, None, 200, None),
    "training:certificate_issue": (
        "post",
        {"pk": "passed"},
        {},
        302,
        lambda s: Certificate.unscoped.filter(enrolment=s["passed"]).exists(),
    ),
    "training:enrolment_action": (
        "post",
        {"pk": "nominated", "action": "approve"},
        {},
        302,
        lambda s: Enrolment.unscoped.get(pk=s["nominated"].pk).status == "approved",
    ),
    "api:get_class": ("get", {}, None, 200, None),
    "api:list_enrolments": ("get", {}, None, 200, None),
    "api:nominate": (
        "post_json",
        {},
        {"person": "Lò Thị Hoa"},
        201,
        lambda s: Enrolment.unscoped.filter(person=s["hoa"], training_class=s["cls"]).exists(),
    ),
    "api:approve": (
        "post",
        {"pk": "nominated"},
        None,
        200,
        lambda s: Enrolment.unscoped.get(pk=s["nominated"].pk).status == "approved",
    ),
    "api:withdraw": (
        "post",
        {"pk": "nominated"},
        None,
        200,
        lambda s: Enrolment.unscoped.get(pk=s["nominated"].pk).status == "withdrawn",
    ),
    "api:record_result": (
        "post_json",
        {"pk": "approved"},
        {"result": "passed"},
        200,
        lambda s: Enrolment.unscoped.get(pk=s["approved"].pk).result == "passed",
    ),
}

# What a cadre of the organising commune (not a learner) may open: the class itself, as anyone
# in the commune may, but never another learner's row.
CADRE_READS = {"training:class", "api:get_class", "api:list_enrolments"}
LEARNERS = ("Lò Thị Vân", "Lò Văn Minh", "Quàng Văn Sơn")  # the class's learners (setup below)


@pytest.fixture
def setup(tree, people, update_course, make_class):
    """A class of commune A: Vân passed, Minh approved, Páo-free; Hoa (of A) not yet nominated."""
    from canbo.people import services as people_services

    cls = make_class(update_course, organiser=tree["a"])
    passed = services.enrolment_approve(enrolment=services.enrolment_nominate(training_class=cls, person=people["van"]))
    passed = services.enrolment_record_result(enrolment=passed, result="passed")
    approved = services.enrolment_approve(
        enrolment=services.enrolment_nominate(training_class=cls, person=people["minh"])
    )
    hoa = people_services.person_create(unit=tree["a"], full_name="Lò Thị Hoa", gender="female", birth_year=1995)
    other = people_services.person_create(unit=tree["a"], full_name="Quàng Văn Sơn", gender="male", birth_year=1990)
    nominated = services.enrolment_nominate(training_class=cls, person=other)
    return {"cls": cls, "passed": passed, "approved": approved, "nominated": nominated, "hoa": hoa}


def _request(client, setup, name):
    method, extra, body, _status, _check = EXPECT[name]
    kwargs = {"code": setup["cls"].code}
    for key, value in extra.items():
        kwargs[key] = setup[value].pk if key == "pk" else value
    url = reverse(name, kwargs=kwargs)
    if method == "get":
        return client.get(url)
    if method == "post_json":
        return client.post(url, json.dumps(body), content_type="application/json")
    # a body value naming a fixture object ("enrolment": "nominated") posts its id
    body = {
        k: setup[v].pk if isinstance(v, str) and v in setup and hasattr(setup[v], "pk") else v
        for k, v in (body or {}).items()
    }
    return client.post(url, body)


def _written():
    return ChangeLogEntry.unscoped.count()


def test_the_enumeration_finds_the_class_pages_and_endpoints():
    assert {"training:class", "training:results", "training:enrolment_action", "api:get_class"} <= set(CLASS_ROUTES)


def test_every_class_bound_route_has_a_reach_expectation():
    assert set(CLASS_ROUTES) - set(EXPECT) == set(), "add the new class-bound route to EXPECT"
    assert set(EXPECT) - set(CLASS_ROUTES) == set(), "a route in EXPECT is gone"


@pytest.mark.parametrize("name", CLASS_ROUTES)
def test_an_officer_of_another_commune_gets_404_and_writes_nothing(login, setup, name):
    assert name in EXPECT, f"{name} has no reach expectation"
    before = _written()
    response = _request(login("officer_b"), setup, name)
    assert response.status_code == 404
    assert _written() == before


@pytest.mark.parametrize("name", CLASS_ROUTES)
def test_the_organising_units_officer_succeeds(login, setup, name):
    assert name in EXPECT, f"{name} has no reach expectation"
    _method, _extra, _body, status, check = EXPECT[name]
    response = _request(login("officer_a"), setup, name)
    assert response.status_code == status, response.content[:500]
    if check is not None:
        assert check(setup)
    if name == "training:class":  # the positive control of the cadre's "sees no learner" below
        for learner in LEARNERS:
            assert learner in response.content.decode()


@pytest.mark.parametrize("name", CLASS_ROUTES)
def test_a_cadre_of_the_organising_commune_runs_nothing_and_sees_no_learner(login, setup, name):
    assert name in EXPECT, f"{name} has no reach expectation"
    before = _written()
    response = _request(login("cadre_a"), setup, name)
    assert _written() == before
    if name not in CADRE_READS:
        assert response.status_code in (403, 404)
        return
    assert response.status_code == 200
    text = response.content.decode()
    for learner in LEARNERS:
        assert learner not in text
    if name == "api:list_enrolments":
        assert response.json() == []
