"""Users change their own password; an administrator's password must be replaced at the first
log-in; the policy refuses short, common and name-like passwords (ASVS V6.2, TCVN 11930 L3)."""

import io

import pytest
from django.contrib.auth import password_validation
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from canbo.accounts.models import User
from canbo.accounts.services import user_upsert
from canbo.core.models import ChangeLogEntry
from canbo.site.management.commands.demo import DEMO_PASSWORD
from tests.conftest import PASSWORD

NEW = "mot-mat-khau-moi-du-dai"


def _change(client, old, new1, new2=None, **extra):
    data = {"old_password": old, "new_password1": new1, "new_password2": new2 or new1, **extra}
    return client.post(reverse("accounts:password_change"), data)


def _logged_in(username, password):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()
    return client


def test_the_user_menu_links_to_the_password_change_page(login):
    html = login("officer_a").get(reverse("site:home")).content.decode()
    assert f'href="{reverse("accounts:password_change")}"' in html


def test_a_user_changes_their_own_password_and_logs_in_with_it(personas):
    client = _logged_in("officer_a", PASSWORD)
    response = _change(client, PASSWORD, NEW)
    assert response.status_code == 302
    assert client.get(reverse("site:home")).status_code == 200  # this session stays
    personas["officer_a"].refresh_from_db()
    assert personas["officer_a"].check_password(NEW)
    entry = ChangeLogEntry.unscoped.filter(object_id=str(personas["officer_a"].pk), action="update").latest("time")
    assert "password_changed_at" in entry.after and "password" not in entry.after


def test_changing_the_password_ends_the_users_other_sessions(personas):
    other = _logged_in("officer_a", PASSWORD)
    assert other.get(reverse("site:home")).status_code == 200
    _change(_logged_in("officer_a", PASSWORD), PASSWORD, NEW)
    assert other.get(reverse("site:home")).status_code == 302


def test_it_refuses_a_wrong_current_password_and_writes_nothing(personas):
    client = _logged_in("officer_a", PASSWORD)
    html = _change(client, "not-my-password", NEW).content.decode()
    assert "Mật khẩu hiện tại không đúng." in html
    personas["officer_a"].refresh_from_db()
    assert personas["officer_a"].check_password(PASSWORD)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("ngan-qua-9", "Mật khẩu quá ngắn"),
        ("qwerty123456", "Mật khẩu này quá phổ biến"),
        ("officer_a-2026", "Mật khẩu quá giống với"),
        ("202620262026", "Mật khẩu này hoàn toàn là số"),
    ],
)
def test_it_refuses_a_weak_new_password_in_vietnamese(personas, password, message):
    client = _logged_in("officer_a", PASSWORD)
    html = _change(client, PASSWORD, password).content.decode()
    assert message in html
    personas["officer_a"].refresh_from_db()
    assert personas["officer_a"].check_password(PASSWORD)


def test_it_refuses_a_new_password_typed_differently_twice(personas):
    html = _change(_logged_in("officer_a", PASSWORD), PASSWORD, NEW, NEW + "x").content.decode()
    assert "Hai lần nhập mật khẩu mới không khớp nhau." in html


def test_the_suites_and_the_demos_passwords_pass_the_policy(personas):
    password_validation.validate_password(PASSWORD, personas["officer_a"])
    for name in ("admin", "sonoivu", "thanhnua", "canbo", "truongchinhtri"):
        password_validation.validate_password(DEMO_PASSWORD, User(username=name))


def test_a_password_set_by_an_administrator_must_be_changed_at_first_log_in(tree):
    user, _created = user_upsert(
        username="moi", password="mat-khau-tam-thoi-2026", unit=tree["a"], roles=["unit_hr_officer"]
    )
    assert user.must_change_password
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "moi", "password": "mat-khau-tam-thoi-2026"})
    assert response.status_code == 302
    # Every page sends the user to the change page until it is done (pages, htmx, the API).
    response = client.get(reverse("people:list"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:password_change"))
    assert client.get(reverse("site:home"), HTTP_HX_REQUEST="true")["HX-Redirect"] == reverse(
        "accounts:password_change"
    )
    response = client.get("/api/v1/people")
    assert response.status_code == 403 and "đổi mật khẩu" in response.json()["error"]
    html = client.get(reverse("accounts:password_change")).content.decode()
    assert "Mật khẩu của bạn do quản trị viên đặt." in html
    assert _change(client, "mat-khau-tam-thoi-2026", NEW).status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get(reverse("people:list")).status_code == 200


def test_createsuperuser_makes_an_account_that_must_change_its_password(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "mat-khau-quan-tri-2026")
    call_command("createsuperuser", "--noinput", "--username", "root", "--email", "", stdout=io.StringIO())
    assert User.objects.get(username="root").must_change_password


def test_the_demo_accounts_are_not_forced_to_change_their_published_password(tree):
    user, _created = user_upsert(
        username="thu", password=DEMO_PASSWORD, unit=tree["a"], roles=["unit_hr_officer"], must_change_password=False
    )
    assert not user.must_change_password


def test_a_password_set_in_the_admin_must_be_changed_by_its_holder(login, personas):
    admin = personas["system_admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = login("system_admin")
    user = personas["officer_a"]
    url = reverse("admin:auth_user_password_change", args=[user.pk])  # the name Django gives it
    response = client.post(url, {"password1": NEW, "password2": NEW, "usable_password": "true"})
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.check_password(NEW) and user.must_change_password


def test_changepassword_at_the_console_makes_the_holder_change_it_again(personas, monkeypatch):
    from canbo.accounts.management.commands import changepassword

    monkeypatch.setattr(changepassword.Command, "_get_pass", lambda self, prompt=None: NEW)
    call_command("changepassword", "officer_a", stdout=io.StringIO())
    user = User.objects.get(username="officer_a")
    assert user.check_password(NEW) and user.must_change_password
    entry = ChangeLogEntry.unscoped.filter(object_id=str(user.pk)).latest("time")
    assert entry.origin == "command" and entry.after["must_change_password"] is True


def test_the_current_password_on_the_change_page_is_throttled_like_a_log_in(login):
    """A stolen or unattended session must not become a way to guess the current password."""
    from canbo.accounts.models import LoginAttempt

    client = login("officer_a")
    for _ in range(4):
        assert "không đúng" in _change(client, "doan-sai-mat-khau", NEW).content.decode()
    assert "quá nhiều lần" in _change(client, "doan-sai-mat-khau", NEW).content.decode()  # the fifth locks
    html = _change(client, PASSWORD, NEW).content.decode()  # the right one, but now locked
    assert "quá nhiều lần" in html
    assert LoginAttempt.objects.filter(username="officer_a", outcome="failed").count() == 5
    assert not User.objects.get(username="officer_a").check_password(NEW)
