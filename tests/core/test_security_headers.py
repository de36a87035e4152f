"""Browser hardening, checked on every page a crawl finds: the Content-Security-Policy and its
companions on each response, no inline script, no third-party origin, and the API docs served from
canbo's own files to signed-in users only."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Routes that are not pages: POST-only actions, the JavaScript catalogue, the API's JSON.
NOT_PAGES = {"set_language", "javascript-catalog", "accounts:logout", "api:openapi-json"}


def _page_patterns(resolver=None, namespace="", prefix=""):
    """Every named route without a parameter, with its path (admin routes included)."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.pattern.regex.groups:
                continue
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _page_patterns(p, ns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern) and p.name and not p.pattern.regex.groups:
            name = f"{namespace}{p.name}"
            if name not in NOT_PAGES:
                yield name


PAGES = sorted(set(_page_patterns()))
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=|javascript:|\shx-on[:-]|\shx-vars=|\sstyle=", re.I)
ORIGIN = re.compile(r"""(?:https?:)?//([a-z0-9.-]+\.[a-z]{2,}|localhost|[0-9.]+)(?::\d+)?""", re.I)


def test_the_crawl_finds_the_pages_of_every_app():
    for name in ("site:home", "people:list", "reports:dashboard", "training:classes", "api:openapi-view"):
        assert name in PAGES
    assert any(name.startswith("admin:") for name in PAGES)


def _assert_hardened(url, response):
    policy = response.get("Content-Security-Policy", "")
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy, url
    assert "object-src 'none'" in policy and "unsafe" not in policy, url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Referrer-Policy"] == "same-origin", url
    assert "camera=()" in response["Permissions-Policy"], url
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    html = response.content.decode()
    assert not INLINE_SCRIPT.findall(html), (url, INLINE_SCRIPT.findall(html))
    assert not INLINE_HANDLER.findall(html), (url, INLINE_HANDLER.findall(html))
    hosts = {host for host in ORIGIN.findall(html) if host != "testserver"}
    # The only other names allowed are XML namespaces, which the browser never fetches.
    assert hosts <= {"www.w3.org"}, (url, hosts)


@pytest.mark.parametrize("persona", ["province_admin", "system_admin"])
def test_every_page_carries_the_policy_and_no_inline_script(login, personas, people, persona):
    # As accounts.services makes a system administrator: staff, so the admin's pages answer.
    personas["system_admin"].is_staff = personas["system_admin"].is_superuser = True
    personas["system_admin"].save()
    client = login(persona)
    answered = 0
    for name in PAGES:
        if name.startswith("admin:") != (persona == "system_admin"):
            continue
        url = reverse(name)
        response = client.get(url)
        assert response.status_code < 500, url
        _assert_hardened(url, response)
        answered += response.status_code == 200
    assert answered >= 10


def test_error_pages_and_redirects_carry_the_policy_too(client, login, tree):
    _assert_hardened("anonymous home", client.get(reverse("site:home")))
    _assert_hardened("404", login("officer_b").get("/units/P-THANHNUA/"))


def test_the_api_docs_load_swagger_from_canbo_itself(login):
    response = login("officer_a").get(reverse("api:openapi-view"))
    assert response.status_code == 200
    _assert_hardened("docs", response)
    html = response.content.decode()
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    assert '"validatorUrl": null' in html
    assert 'data-csrf-token=""' not in html  # "Try it out" posts with the session's CSRF token


def test_the_api_docs_and_description_need_log_in(client, login):
    docs = client.get(reverse("api:openapi-view"))
    assert docs.status_code == 302 and "/accounts/login/" in docs["Location"]
    assert client.get(reverse("api:openapi-json")).status_code == 401
    assert login("cadre_a").get(reverse("api:openapi-json")).status_code == 200


# Rendered only to PDF by WeasyPrint (core/pdf.py), never served to a browser as a page.
PDF_TEMPLATES = {"form_print.html", "pva_print.html", "certificate_pdf.html", "official_list_print.html"}


def test_no_template_holds_an_inline_script_handler_or_style():
    """Pages with parameters are not in the crawl: the templates behind them are read instead."""
    from pathlib import Path

    import canbo

    root = Path(canbo.__file__).parent
    offending = []
    for template in root.rglob("templates/**/*.html"):
        if template.name in PDF_TEMPLATES:
            continue
        html = template.read_text(encoding="utf-8")
        found = INLINE_SCRIPT.findall(html) + INLINE_HANDLER.findall(html) + re.findall(r"<style\b", html)
        if found:
            offending.append((str(template.relative_to(root)), found))
    assert offending == []


def test_the_server_error_page_needs_no_inline_style(rf):
    from canbo.core.views import error_500

    html = error_500(rf.get("/")).content.decode()
    assert "<style" not in html and "/static/canbo/error.css" in html
