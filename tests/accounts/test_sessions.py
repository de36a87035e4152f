"""Sessions end after 30 idle minutes, after the absolute lifetime, and when the user is disabled
(ASVS V7.3, V7.4; TCVN 11930 L3). Cookies are HttpOnly, SameSite=Lax, Secure in production."""

import json
import os
import subprocess
import sys
import time

from django.test import override_settings
from django.urls import reverse

from canbo.accounts.middleware import LAST_SEEN, STARTED


def _age(client, key, seconds):
    session = client.session
    session[key] = int(time.time()) - seconds
    session.save()


def test_it_logs_out_after_thirty_idle_minutes(login):
    client = login("officer_a")
    assert client.get(reverse("site:home")).status_code == 200
    _age(client, LAST_SEEN, 31 * 60)
    response = client.get(reverse("people:list"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    html = client.get(response.url).content.decode()
    assert "không hoạt động quá 30 phút" in html
    assert client.get(reverse("site:home")).status_code == 302


def test_a_request_within_the_idle_time_keeps_the_session(login):
    client = login("officer_a")
    client.get(reverse("site:home"))
    _age(client, LAST_SEEN, 29 * 60)
    assert client.get(reverse("site:home")).status_code == 200
    assert int(time.time()) - client.session[LAST_SEEN] < 60


def test_an_htmx_request_counts_as_activity_and_is_redirected_when_idle(login):
    client = login("officer_a")
    client.get(reverse("site:home"))
    _age(client, LAST_SEEN, 5 * 60)
    client.get(reverse("people:list"), HTTP_HX_REQUEST="true")
    assert int(time.time()) - client.session[LAST_SEEN] < 60
    _age(client, LAST_SEEN, 31 * 60)
    response = client.get(reverse("people:list"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("accounts:login"))


@override_settings(CANBO_SESSION_IDLE_MINUTES=5)
def test_the_idle_time_is_a_setting(login):
    client = login("officer_a")
    client.get(reverse("site:home"))
    _age(client, LAST_SEEN, 6 * 60)
    assert client.get(reverse("site:home")).status_code == 302


def test_the_api_answers_401_when_the_session_went_idle(login):
    client = login("officer_a")
    assert client.get("/api/v1/units").status_code == 200
    _age(client, LAST_SEEN, 31 * 60)
    response = client.get("/api/v1/units")
    assert response.status_code == 401 and response.json() == {"error": "Bạn cần đăng nhập."}
    assert client.get("/api/v1/units").status_code == 401


def test_an_active_session_ends_after_the_absolute_lifetime(login, settings):
    client = login("officer_a")
    client.get(reverse("site:home"))
    _age(client, STARTED, settings.SESSION_COOKIE_AGE + 60)
    response = client.get(reverse("site:home"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_a_disabled_users_session_is_refused_at_the_next_request(login, personas):
    client = login("officer_a")
    assert client.get(reverse("site:home")).status_code == 200
    personas["officer_a"].is_active = False
    personas["officer_a"].save()
    assert client.get(reverse("site:home")).status_code == 302
    assert client.get("/api/v1/units").status_code == 401


def test_the_session_cookie_is_httponly_and_samesite_lax(client, personas):
    from tests.conftest import PASSWORD

    response = client.post(reverse("accounts:login"), {"username": "officer_a", "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def _production_settings(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CANBO_") and k != "DJANGO_SETTINGS_MODULE"}
    clean.update(
        CANBO_SECRET_KEY="x7#Kq2!vLp9@Zr4$Wm8^Tn3&Yb6*Hc1(Jd5)Fg0-Se2+Ua7=Ox9",
        CANBO_ALLOWED_HOSTS="canbo.dienbien.gov.vn",
        CANBO_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="canbo.settings",
        **env,
    )
    names = [
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_AGE",
        "CANBO_SESSION_IDLE_MINUTES",
        "CANBO_REQUIRE_2FA",
        "CANBO_LOGIN_MAX_FAILURES",
    ]
    code = (
        "from django.conf import settings as s; import json; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {names!r}}}))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_production_defaults_harden_cookies_and_require_two_factor(tmp_path):
    values = _production_settings(tmp_path)
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_AGE": 8 * 3600,
        "CANBO_SESSION_IDLE_MINUTES": 30,
        "CANBO_REQUIRE_2FA": True,
        "CANBO_LOGIN_MAX_FAILURES": 5,
    }


def test_a_local_trial_does_not_require_two_factor(tmp_path):
    assert _production_settings(tmp_path, CANBO_DEBUG="1")["CANBO_REQUIRE_2FA"] is False
