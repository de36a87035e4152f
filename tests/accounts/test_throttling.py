"""Password guessing is throttled per user name and per client address (TCVN 11930 L3, ASVS V6.3)."""

import datetime

from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from canbo.accounts.models import LoginAttempt
from tests.conftest import PASSWORD

LOCKED = "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau"
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."


def _post(client, username, password, **extra):
    response = client.post(reverse("accounts:login"), {"username": username, "password": password}, **extra)
    return response, response.content.decode()


def test_it_locks_a_user_name_after_five_failures_even_for_the_right_password(client, personas):
    for _ in range(4):
        _response, html = _post(client, "officer_a", "wrong-guess-123")
        assert WRONG in html
    _response, html = _post(client, "officer_a", "wrong-guess-123")
    assert LOCKED in html and "15 phút" in html
    response, html = _post(client, "officer_a", PASSWORD)
    assert LOCKED in html
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_the_lock_message_is_the_same_for_a_name_that_does_not_exist(client, personas):
    for _ in range(5):
        _post(client, "officer_a", "wrong-guess-123")
        _post(client, "no-such-user", "wrong-guess-123")
    _r, known = _post(client, "officer_a", "x")
    _r, unknown = _post(client, "no-such-user", "x")
    assert LOCKED in known and LOCKED in unknown


def test_the_lock_ends_after_the_lock_out_time(client, personas):
    for _ in range(5):
        _post(client, "officer_a", "wrong-guess-123")
    LoginAttempt.objects.update(time=timezone.now() - datetime.timedelta(minutes=16))
    response, _html = _post(client, "officer_a", PASSWORD)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(personas["officer_a"].pk)


def test_a_successful_log_in_resets_the_user_name_counter(client, personas):
    for _ in range(4):
        _post(client, "officer_a", "wrong-guess-123")
    assert _post(client, "officer_a", PASSWORD)[0].status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        _response, html = _post(client, "officer_a", "wrong-guess-123")
        assert LOCKED not in html
    assert _post(client, "officer_a", PASSWORD)[0].status_code == 302


def test_it_counts_user_names_without_regard_to_case(client, personas):
    for name in ("officer_a", "OFFICER_A", "Officer_A ", "officer_A", "oFFicer_a"):
        _post(client, name, "wrong-guess-123")
    assert LOCKED in _post(client, "officer_a", PASSWORD)[1]


@override_settings(CANBO_LOGIN_MAX_FAILURES_PER_ADDRESS=8)
def test_it_locks_an_address_that_tries_many_user_names(client, personas):
    for i in range(8):
        _post(client, f"guess{i}", "wrong-guess-123", REMOTE_ADDR="203.0.113.7")
    assert LOCKED in _post(client, "officer_a", PASSWORD, REMOTE_ADDR="203.0.113.7")[1]
    # The account itself is not locked: from another address its holder still gets in.
    assert _post(Client(), "officer_a", PASSWORD, REMOTE_ADDR="198.51.100.9")[0].status_code == 302


@override_settings(CANBO_LOGIN_MAX_FAILURES_PER_ADDRESS=3)
def test_it_ignores_a_forwarded_for_header_from_an_untrusted_peer(client, personas):
    for i in range(3):
        _post(client, f"guess{i}", "x", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")
    assert LOCKED in _post(client, "guess9", "x", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="10.9.9.9")[1]
    assert set(LoginAttempt.objects.values_list("address", flat=True)) == {"203.0.113.7"}


@override_settings(CANBO_LOGIN_MAX_FAILURES_PER_ADDRESS=3, CANBO_TRUSTED_PROXIES=["127.0.0.1"])
def test_it_takes_the_client_address_from_a_trusted_proxy(client, personas):
    for i in range(3):
        _post(client, f"guess{i}", "x", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    assert LOCKED in _post(client, "guess9", "x", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")[1]
    # Another client behind the same proxy is not locked by the first one's failures.
    assert (
        _post(client, "officer_a", PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")[
            0
        ].status_code
        == 302
    )


def test_every_attempt_is_kept_in_the_security_log(client, personas):
    _post(client, "officer_a", "wrong-guess-123", REMOTE_ADDR="198.51.100.9")
    _post(client, "officer_a", PASSWORD, REMOTE_ADDR="198.51.100.9")
    rows = list(LoginAttempt.objects.order_by("time").values_list("username", "address", "outcome"))
    assert rows == [("officer_a", "198.51.100.9", "failed"), ("officer_a", "198.51.100.9", "succeeded")]


def test_the_admin_log_in_cannot_be_used_to_get_round_the_lock(client, personas):
    """The admin has no log-in form of its own (it sends visitors to canbo's page), so a locked
    name stays locked there too: guesses at /admin/login/ neither log in nor reset the counter."""
    for _ in range(5):
        _post(client, "sysadmin", "wrong-guess-123")
    response = client.post("/admin/login/", {"username": "sysadmin", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
    _response, html = _post(client, "sysadmin", PASSWORD)
    assert LOCKED in html
    assert "_auth_user_id" not in client.session
    assert LoginAttempt.objects.filter(username="sysadmin", outcome="locked").count() == 1


def test_the_worker_deletes_log_in_attempts_older_than_the_retention_once_a_day(client, personas, settings):
    from canbo.site import schedule

    settings.CANBO_LOGIN_LOG_RETENTION_DAYS = 365
    settings.CANBO_LOGIN_LOG_PURGE_HOUR = 3
    # Only this job is due at 03:00 (the others' hours are set out of the way).
    settings.CANBO_GAPS_RECOMPUTE_HOUR = settings.CANBO_IMPORT_PURGE_HOUR = 23
    for _ in range(3):
        _post(client, "officer_a", "wrong-guess-123")
    old, kept, new = LoginAttempt.objects.order_by("pk")
    now = timezone.now()
    LoginAttempt.objects.filter(pk=old.pk).update(time=now - datetime.timedelta(days=366))
    LoginAttempt.objects.filter(pk=kept.pk).update(time=now - datetime.timedelta(days=364))
    at = timezone.localtime(now).replace(hour=3, minute=0)
    assert schedule.run_due(now=at) == ["login_attempts_purge"]
    assert set(LoginAttempt.objects.values_list("pk", flat=True)) == {kept.pk, new.pk}
    assert schedule.run_due(now=at.replace(hour=4)) == []  # once a day


def test_a_year_of_log_in_attempts_is_kept_by_default():
    from canbo.settings import CANBO_LOGIN_LOG_PURGE_HOUR, CANBO_LOGIN_LOG_RETENTION_DAYS

    assert (CANBO_LOGIN_LOG_RETENTION_DAYS, CANBO_LOGIN_LOG_PURGE_HOUR) == (365, 3)
