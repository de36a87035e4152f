"""Generated write-permission tests: every route of the site and every state-changing API operation,
tried by each persona (issue 12, item 2). The counterpart of the read tests of test_permissions.py.

Each route is enumerated from the URL resolver (pages, includes followed) or from the NinjaAPI object
(operations with POST/PUT/PATCH/DELETE) and must have an expectation in tests/write_registry.py —
WRITES (what a valid write posts, who may make it, what it does), READ_ONLY (posted to anyway:
nothing may be written), SESSION_ROUTES — or be the admin site's (system administrators only,
every write logged); else `test_every_route_has_an_expectation` fails.

For every write: anonymous visitors go to the log-in page (401 from the API); the officer of commune
B gets 404 for commune A's object; the leader, a cadre and a training institution's officer are
refused (403/404); none of them writes anything, measured by `fingerprint` (row counts of every
table, sum of versions, last change-log id, and the target rows). Each allowed persona's request is
the positive control: it succeeds and changes the fingerprint. Then the same writes naming commune B's
person or unit in the body (FOREIGN), without the CSRF token, and with methods the route does not take.
"""

from __future__ import annotations

import json
import re

import pytest
from django.db import transaction
from django.urls import reverse

from canbo.core.context import acting_as
from canbo.exchange.models import ImportJob
from canbo.people.models import Assignment, Person
from tests.write_registry import (
    FOREIGN,
    FOREIGN_HOLES,
    FORMS_NAMING_OTHER_UNITS,
    OUTSIDERS,
    READ_ONLY,
    READ_ONLY_BODIES,
    SELF_ROUTES,
    SESSION_ROUTES,
    WRITES,
)
from tests.write_world import (
    PAO_ID,
    WRITE_METHODS,
    api_operations,
    api_paths,
    build_world,
    fingerprint,
    page_routes,
    xlsx_upload,
)

# ----------------------------------------------------------------------------------- the fixtures


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once, inside a transaction held open for the module and rolled back at its end; each
    test's `db` runs in a savepoint of it, so every request starts from this same world."""
    with django_db_blocker.unblock(), acting_as(None, origin="test", label="pytest"):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world(tmp_path_factory.mktemp("write-files"))
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def client_as(db, world, client):
    def _as(persona):
        client.logout()
        if persona != "anonymous":
            client.force_login(world["users"][persona])
        return client

    return _as


# ----------------------------------------------------------------------------------- enumeration


def _cases():
    for name, spec in WRITES.items():
        if isinstance(spec, dict):
            for variant, write in spec.items():
                yield f"{name}#{variant}", name, write
        else:
            yield name, name, spec


CASES = {case: (name, write) for case, name, write in _cases()}
PAGES = {name: route for name, route, _p in page_routes() if not name.startswith(("admin:", "api:"))}
API_WRITES = {name for name, methods in api_operations() if methods & WRITE_METHODS}
API_ALL = {name for name, _m in api_operations()} | {n for n, _r, _p in page_routes() if n.startswith("api:")}
# Keyed by route: the admin's unnamed patterns (an object's bare address redirects to its change page).
ADMIN = {route: (name, p) for name, route, p in page_routes() if route.startswith("admin/")}


def _request(client, name, write_or_none, world, *, method="post", url_kwargs=None, data=None):
    url = reverse(name, kwargs=url_kwargs)
    if method in ("json", "put"):
        body = json.dumps(data or {})
        send = client.put if method == "put" else client.post
        return send(url, body, content_type="application/json")
    return client.post(url, data or {})


def _send(client, name, write, world):
    kwargs = write.url(world)
    return _request(client, name, write, world, method=write.method, url_kwargs=kwargs, data=write.data(world))


def _errors(response) -> str:
    """What a refused form or API call said, for the failure message."""
    import re

    text = response.content.decode(errors="replace")
    found = re.findall(r'class="[^"]*(?:invalid-feedback|errorlist|alert)[^"]*"[^>]*>(.*?)</', text, re.S)
    return f"{response.status_code}: " + (" | ".join(x.strip() for x in found) or text[:300])


def _snapshot(write, world):
    return fingerprint(*write.rows(world))


def test_every_route_has_an_expectation():
    """A new page or API operation fails here until it is given an expectation above."""
    write_names = {name for name, _w in CASES.values()}
    pages = set(PAGES)
    missing = pages - write_names - set(READ_ONLY) - SESSION_ROUTES
    assert not missing, f"add an expectation for these new routes: {sorted(missing)}"
    api_missing = API_WRITES - write_names - set(READ_ONLY)
    assert not api_missing, f"add a write expectation for these API operations: {sorted(api_missing)}"
    api_unlisted = API_ALL - write_names - set(READ_ONLY)
    assert not api_unlisted, f"add an expectation for these API routes: {sorted(api_unlisted)}"
    known = pages | API_ALL
    gone = (write_names | set(READ_ONLY) | SESSION_ROUTES) - known
    assert not gone, f"these routes are gone: {sorted(gone)}"
    assert not write_names & set(READ_ONLY)


def test_the_enumeration_found_pages_api_writes_and_the_admin():
    assert {"people:edit", "exchange:import", "training:upload", "plans:transition"} <= set(PAGES)
    assert {"api:create_rule", "api:update_rule", "api:nominate", "api:record_result"} <= API_WRITES
    assert "api:preview_rule" in API_WRITES  # a POST that only computes: listed as read-only
    assert len(ADMIN) > 20


def test_the_fingerprint_sees_a_write_an_update_and_not_a_read_log(world, db):
    from canbo.accounts.services import log_sensitive_access
    from canbo.people import services

    before = fingerprint()
    log_sensitive_access(user=None, people=[world["van"]], fields=["ethnicity"], where="test")
    assert fingerprint() == before
    van = Person.unscoped.get(pk=world["van"].pk)
    services.person_update(person=van, phone="0900000000")
    assert fingerprint() != before
    rows = Person.unscoped.filter(pk=world["minh"].pk)
    quiet = fingerprint(rows)
    Person.unscoped.filter(pk=world["minh"].pk).update(phone="0911111111")  # unversioned, unlogged
    assert fingerprint(rows) != quiet


# ----------------------------------------------------------------------------------- the tests


def _refusal_problems(persona, name, write, response) -> list[str]:
    status = response.status_code
    if persona == "anonymous":
        if name.startswith("api:"):
            return [] if status == 401 else [f"anonymous: {status}, expected 401"]
        if status == 302 and "/accounts/login/" in response["Location"]:
            return []
        return [f"anonymous: {status}, expected a redirect to the log-in page"]
    if persona in write.by_form and not write.bound:
        return [f"{persona}: {status}"] if status >= 500 else []
    if persona == "officer_b" and status != 404:
        return [f"officer_b: {status}, expected 404 for commune A's object"]
    if status not in (403, 404):
        return [f"{persona}: {status}, expected 403 or 404"]
    if write.secret and write.secret in response.content.decode(errors="replace"):
        return [f"{persona}: the refusal names “{write.secret}”"]
    return []


@pytest.mark.parametrize("case", sorted(CASES))
def test_outsiders_are_refused_and_write_nothing(client_as, world, case):
    name, write = CASES[case]
    problems = []
    for persona in dict.fromkeys(OUTSIDERS + write.refused):
        if persona in write.allowed:
            continue
        before = _snapshot(write, world)
        response = _send(client_as(persona), name, write, world)
        problems += _refusal_problems(persona, name, write, response)
        if _snapshot(write, world) != before:
            problems.append(f"{persona}: something was written")
    assert not problems, problems


@pytest.mark.parametrize(
    "case, persona", [(case, persona) for case, (_n, write) in sorted(CASES.items()) for persona in write.allowed]
)
def test_the_allowed_persona_writes(client_as, world, case, persona):
    """The positive control: the same request by a persona who may make it changes the database."""
    name, write = CASES[case]
    before = _snapshot(write, world)
    response = _send(client_as(persona), name, write, world)
    assert response.status_code in write.ok, _errors(response)
    assert write.done(world)
    assert _snapshot(write, world) != before


@pytest.mark.parametrize("name", sorted(READ_ONLY))
def test_a_post_to_a_read_only_route_writes_nothing(client_as, world, name):
    persona, url_kwargs = READ_ONLY[name]
    client = client_as(persona)
    before = fingerprint()
    url = reverse(name, kwargs=url_kwargs(world))
    if name in READ_ONLY_BODIES:  # a POST that computes: a valid request, answered, and still nothing written
        response = client.post(url, json.dumps(READ_ONLY_BODIES[name]), content_type="application/json")
        assert response.status_code == 200, _errors(response)
    else:
        response = client.post(url, {})
    assert response.status_code < 500
    assert fingerprint() == before


def _admin_url(route, name, pattern):
    if pattern.name is None:
        if "(?P" in route:  # the admin's catch-all: any other address under /admin/
            return "/admin/people/khong-co/"
        return "/" + re.sub(r"<[^>]+>", "1", route)
    kwargs = {group: "people" if group == "app_label" else "1" for group in pattern.pattern.regex.groupindex}
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("route", sorted(ADMIN))
def test_the_admin_refuses_every_persona_but_the_system_admin_and_writes_nothing(client_as, world, route):
    """Only an active system administrator reaches the admin (site/admin_site.py): whatever they post,
    anonymous visitors end on canbo's log-in page, every other persona on a 404, and nothing is written.
    The system administrator's junk post may write (an add form with a name and a code is valid, and
    Django's delete page deletes on any POST), so for them the promise is that nothing is written
    without the change log; the admin's positive controls are in tests/core/test_admin.py."""
    name, pattern = ADMIN[route]
    url = _admin_url(route, name, pattern)
    junk = {"name": "x", "code": "x", "_save": "1"}
    problems = []
    login_page = reverse("accounts:login")
    for persona in ("anonymous", *(p for p in world["users"] if p != "system_admin")):
        client = client_as(persona)
        before = fingerprint()
        response = client.post(url, junk, follow=True)  # the admin's own log-in address is one hop
        chain = [address for address, _status in response.redirect_chain]
        if persona == "anonymous":
            refused = response.status_code == 200 and bool(chain) and chain[-1].startswith(login_page)
        else:
            refused = response.status_code == 404 and not any(a.startswith(login_page) for a in chain)
        if not refused:
            problems.append(f"{persona}: {response.status_code} after {chain}")
        if fingerprint() != before:
            problems.append(f"{persona}: something was written")
    # Last, so that what they delete cannot disturb the other personas' requests.
    before = fingerprint()
    response = client_as("system_admin").post(url, junk)
    after = fingerprint()
    if response.status_code >= 500:
        problems.append(f"system_admin: {response.status_code}")
    if after != before and after[0][-1] == before[0][-1]:  # the last item: the change log's last id
        problems.append("system_admin: something was written without a change-log entry")
    assert not problems, problems


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=FOREIGN_HOLES[c])) if c in FOREIGN_HOLES else c
        for c in sorted(FOREIGN)
    ],
)
def test_a_write_naming_commune_bs_person_or_unit_in_its_body_writes_nothing(client_as, world, case):
    name, url_kwargs, data = FOREIGN[case]
    method = next(write.method for route, write in CASES.values() if route == name)
    before = fingerprint(Person.unscoped.filter(pk=world["pao"].pk))
    response = _request(
        client_as("officer_a"), name, None, world, method=method, url_kwargs=url_kwargs(world), data=data(world)
    )
    assert response.status_code < 500
    assert fingerprint(Person.unscoped.filter(pk=world["pao"].pk)) == before, _errors(response)
    assert "Mường Nhé" not in response.content.decode(errors="replace")


def test_a_people_import_naming_commune_bs_person_by_id_number_leaves_them_alone(client_as, world):
    pao = Person.unscoped.filter(pk=world["pao"].pk)
    assignments = Assignment.unscoped.filter(person=world["pao"])
    before = fingerprint(pao, assignments)
    client = client_as("officer_a")
    rows = [["Họ và tên", "Số định danh", "Năm sinh"], ["Giàng A Páo", PAO_ID, 1980]]
    upload = {"unit": world["a"].pk, "file": xlsx_upload(world["files"], rows, "pao.xlsx")}
    assert client.post(reverse("exchange:import"), upload).status_code == 302
    job = ImportJob.unscoped.order_by("-created_at").first()
    client.post(reverse("exchange:confirm", kwargs={"pk": job.pk}))
    preview = client.get(reverse("exchange:detail", kwargs={"pk": job.pk})).content.decode()
    assert fingerprint(pao, assignments)[1] == before[1]
    assert "Mường Nhé" not in preview


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_cross_site_request_without_the_csrf_token_writes_nothing(world, db, case):
    """The allowed persona's own session, but a form posted from another site (no CSRF token): refused.
    The test client skips the check unless told to enforce it, as the browser's server would."""
    from django.test import Client

    name, write = CASES[case]
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"][write.allowed[0]])
    before = _snapshot(write, world)
    response = _send(client, name, write, world)
    assert response.status_code == 403, _errors(response)
    assert _snapshot(write, world) == before


@pytest.mark.parametrize("name", sorted(SELF_ROUTES))
def test_a_users_own_account_page_refuses_anonymous_and_cross_site_posts(world, db, name):
    """Password change and second-factor pages act on the user themself (tests/accounts/): here only
    that an anonymous post goes to the log-in page and a post without the CSRF token is refused."""
    from django.test import Client

    data = SELF_ROUTES[name](world)
    cross_site = Client(enforce_csrf_checks=True)
    cross_site.force_login(world["users"]["officer_a"])
    before = fingerprint()
    anonymous = Client().post(reverse(name), data)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login"))
    assert cross_site.post(reverse(name), data).status_code == 403
    assert fingerprint() == before
    if name == "accounts:password_change":  # the positive control: the same data with the token
        own = Client()
        own.force_login(world["users"]["officer_a"])
        assert own.post(reverse(name), data).status_code == 302
        officer = world["users"]["officer_a"]
        assert type(officer).objects.get(pk=officer.pk).check_password(data["new_password1"])


API_UNDECLARED = sorted(
    (name, params, method) for name, params, declared in api_paths() for method in WRITE_METHODS - declared
)


@pytest.mark.parametrize("name, params, method", API_UNDECLARED)
def test_an_api_method_a_path_does_not_declare_is_refused_and_writes_nothing(client_as, world, name, params, method):
    client = client_as("system_admin")
    kwargs = {p: w for p, w in zip(params, ("L001", 1, 1), strict=False)}
    before = fingerprint()
    response = client.generic(method, reverse(name, kwargs=kwargs), "{}", content_type="application/json")
    assert response.status_code == 405
    assert fingerprint() == before


@pytest.mark.parametrize("case", sorted(c for c, (name, _w) in CASES.items() if not name.startswith("api:")))
def test_a_put_patch_or_delete_to_a_write_page_writes_nothing(client_as, world, case):
    """Pages write on POST only: the other methods show the page at most."""
    name, write = CASES[case]
    client = client_as(write.allowed[0])
    before = _snapshot(write, world)
    for method in ("PUT", "PATCH", "DELETE"):
        response = client.generic(method, reverse(name, kwargs=write.url(world)), "")
        assert response.status_code < 500
    assert _snapshot(write, world) == before


@pytest.mark.parametrize(
    "case",
    sorted(
        c
        for c, (name, w) in CASES.items()
        if not name.startswith("api:") and "officer_a" in w.allowed and c not in FORMS_NAMING_OTHER_UNITS
    ),
)
def test_a_write_form_offers_commune_a_officer_nothing_of_commune_b(client_as, world, case):
    """The form of a write (its unit lists above all) holds only what the writer reaches."""
    name, write = CASES[case]
    response = client_as("officer_a").get(reverse(name, kwargs=write.url(world)))
    assert response.status_code in (200, 302, 405)
    assert "Mường Nhé" not in response.content.decode(errors="replace")
