"""Generated: every page and API route, GET with hostile numbers in its query.

Routes without path arguments, and those naming a unit (`code`: the province) or a person (`pk`,
`person_id`: a person of commune A) — the province admin reaches both.

`¹²³` passes str.isdigit() but not int(); 29 digits overflow SQLite's and PostgreSQL's integers;
`1e5`, `-1` and "" are what a hand-edited link holds. Each must answer a normal page (the value
ignored) or 400, never 500. The query keys tried are the ones each view reads (recorded on a first
plain GET, so a new page or a new parameter is covered without editing this file), the keys of the
API's OpenAPI schema, and the usual list keys.
"""

import pytest
from django.core.handlers import wsgi
from django.http import QueryDict
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

HOSTILE = ["¹²³", "9" * 29, "-1", "9" * 29 + "-1"]
USUAL_KEYS = {"year", "after", "page", "p"}
SKIPPED = {"accounts:logout", "admin:logout", "set_language", "api:openapi-view"}  # no query to parse


ARGUMENTS = {"code", "pk", "person_id"}  # filled with the province, and a person of commune A


def _routes(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _routes(p, ns)
        elif (
            isinstance(p, URLPattern)
            and p.name
            and set(p.pattern.regex.groupindex) <= ARGUMENTS
            and p.pattern.regex.groups == len(p.pattern.regex.groupindex)  # no unnamed group to fill
        ):
            yield f"{namespace}{p.name}", tuple(sorted(p.pattern.regex.groupindex))


ROUTES = sorted(route for route in set(_routes()) if route[0] not in SKIPPED)


def _url(name, arguments, tree, people):
    values = {"code": tree["province"].code, "pk": people["van"].pk, "person_id": people["van"].pk}
    try:
        return reverse(name, kwargs={arg: values[arg] for arg in arguments})
    except NoReverseMatch:  # a uuid or a slug: no object of that kind here, nothing to parse
        return None


class _RecordingQueryDict(QueryDict):
    """request.GET that remembers which keys the view asked for."""

    asked: set[str] = set()

    def __getitem__(self, key):
        self.asked.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.asked.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self.asked.add(key)
        return super().__contains__(key)


def _api_keys(path: str) -> set[str]:
    from canbo.api.api import api

    schema = api.get_openapi_schema()
    keys = set()
    for route, operations in schema["paths"].items():
        if route.rstrip("/") == path.rstrip("/"):
            for operation in operations.values():
                keys |= {p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"}
    return keys


def test_the_generator_found_the_list_and_report_pages():
    names = {name for name, _arguments in ROUTES}
    assert {"people:list", "plans:index", "reports:dashboard", "training:classes", "api:list_people"} <= names
    assert {"plans:unit_actual", "standards:people", "people:history", "orgs:history"} <= names


@pytest.mark.parametrize("url_name, arguments", ROUTES)
def test_hostile_numbers_in_the_query_never_give_a_server_error(login, tree, people, monkeypatch, url_name, arguments):
    client = login("province_admin")
    client.raise_request_exception = False
    url = _url(url_name, arguments, tree, people)
    if url is None:
        return
    monkeypatch.setattr(wsgi, "QueryDict", _RecordingQueryDict)
    _RecordingQueryDict.asked = set()
    client.get(url)
    keys = set(_RecordingQueryDict.asked) | USUAL_KEYS
    if url_name.startswith("api:"):
        keys |= _api_keys(url.removeprefix("/api/v1"))
    failures = [
        f"{key}={value!r} → {status}"
        for key in sorted(keys)
        for value in HOSTILE
        if (status := client.get(url, {key: value}).status_code) >= 500
    ]
    assert not failures, f"{url}: {failures}"


def test_ticked_ids_keep_their_order_once_and_leave_out_what_is_no_id():
    from canbo.core.query import query_id_list

    params = QueryDict(mutable=True)
    params.setlist("person", ["12", "²", "3", "12", "9" * 30, "-4", "0", " 7 ", "x"])
    assert query_id_list(params, "person") == [12, 3, 7]
