"""TOTP two-factor for system and province HR administrators, with one-time recovery codes
(ASVS V6.5/V6.6 L2, TCVN 11930 L3 multi-factor for administrators).

The codes are computed here from the secret the page shows, with RFC 6238 written out, so the
test also checks what an authenticator app would compute.
"""

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from canbo.accounts.models import User
from canbo.core.models import ChangeLogEntry
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def require_2fa(settings):
    settings.CANBO_REQUIRE_2FA = True


def totp(secret: str, steps_ahead: int = 0) -> str:
    key = base64.b32decode(secret.replace(" ", ""))
    counter = int(time.time()) // 30 + steps_ahead
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def _log_in(username):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _enrol(client):
    html = client.get(reverse("accounts:otp_setup")).content.decode()
    secret = re.search(r'data-testid="otp-secret">([A-Z2-7 ]+)<', html).group(1)
    response = client.post(reverse("accounts:otp_setup"), {"token": totp(secret)})
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    return secret, codes


def test_a_province_admin_must_enrol_before_reaching_any_page(personas):
    client = _log_in("province")
    response = client.get(reverse("people:list"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:otp_setup"))
    assert client.get("/api/v1/units").status_code == 403
    html = client.get(reverse("accounts:otp_setup")).content.decode()
    assert "<svg" in html and 'data-testid="otp-secret"' in html
    secret, codes = _enrol(client)
    assert len(codes) == 10 == len(set(codes))
    assert client.get(reverse("people:list")).status_code == 200
    user = User.objects.get(username="province")
    assert user.two_factor_since is not None
    entry = ChangeLogEntry.unscoped.filter(object_id=str(user.pk)).latest("time")
    assert "two_factor_since" in entry.after and secret.replace(" ", "") not in str(entry.after)


def test_it_refuses_a_wrong_enrolment_code(personas):
    client = _log_in("province")
    html = client.post(reverse("accounts:otp_setup"), {"token": "000000"}).content.decode()
    assert "Mã xác thực không đúng" in html
    assert client.get(reverse("people:list")).status_code == 302


def test_the_next_log_in_asks_for_the_code_and_accepts_the_current_one(personas):
    secret, _codes = _enrol(_log_in("sysadmin"))
    client = _log_in("sysadmin")
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:otp_verify"))
    # The enrolment used this 30-second step's code; the next step's is within the tolerance.
    key_before = client.session.session_key
    people = reverse("people:list")
    response = client.post(reverse("accounts:otp_verify"), {"token": totp(secret, 1), "next": people})
    assert response.status_code == 302 and response.url == people
    assert client.session.session_key != key_before
    assert client.get(people).status_code == 200


def test_it_refuses_a_wrong_code_and_keeps_the_pages_closed(personas):
    _enrol(_log_in("province"))
    client = _log_in("province")
    html = client.post(reverse("accounts:otp_verify"), {"token": "123456"}).content.decode()
    assert "Mã xác thực hoặc mã khôi phục không đúng" in html
    assert client.get(reverse("site:home")).status_code == 302


def test_repeated_wrong_codes_hold_back_even_the_right_one(personas):
    secret, _codes = _enrol(_log_in("province"))
    # Ten failures in a row: django-otp's device throttle then waits 2^9 s before checking again.
    TOTPDevice.objects.filter(user__username="province").update(
        throttling_failure_count=10, throttling_failure_timestamp=timezone.now()
    )
    client = _log_in("province")
    assert client.post(reverse("accounts:otp_verify"), {"token": totp(secret, 1)}).status_code == 200
    assert client.get(reverse("site:home")).status_code == 302


def test_a_code_cannot_be_replayed(personas):
    secret, _codes = _enrol(_log_in("province"))
    code = totp(secret, 1)
    first = _log_in("province")
    assert first.post(reverse("accounts:otp_verify"), {"token": code}).status_code == 302
    second = _log_in("province")
    assert second.post(reverse("accounts:otp_verify"), {"token": code}).status_code == 200
    assert second.get(reverse("site:home")).status_code == 302


def test_a_recovery_code_works_once(personas):
    _secret, codes = _enrol(_log_in("province"))
    client = _log_in("province")
    assert client.post(reverse("accounts:otp_verify"), {"token": codes[0].upper()}).status_code == 302
    assert client.get(reverse("site:home")).status_code == 200
    again = _log_in("province")
    assert again.post(reverse("accounts:otp_verify"), {"token": codes[0]}).status_code == 200
    assert again.get(reverse("site:home")).status_code == 302


def test_an_authenticator_cannot_be_replaced_without_the_current_one(personas):
    _enrol(_log_in("province"))
    client = _log_in("province")
    response = client.get(reverse("accounts:otp_setup"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:otp_verify"))


def test_other_roles_are_not_asked_for_a_second_factor(personas):
    client = _log_in("officer_a")
    assert client.get(reverse("people:list")).status_code == 200


def test_who_enrolled_is_asked_even_when_two_factor_is_not_required(personas, settings):
    secret, _codes = _enrol(_log_in("province"))
    settings.CANBO_REQUIRE_2FA = False
    client = _log_in("province")
    assert client.get(reverse("site:home")).url.startswith(reverse("accounts:otp_verify"))
    client.post(reverse("accounts:otp_verify"), {"token": totp(secret, 1)})
    assert client.get(reverse("site:home")).status_code == 200


def test_the_second_factor_comes_before_the_forced_password_change(personas):
    secret, _codes = _enrol(_log_in("province"))
    User.objects.filter(username="province").update(must_change_password=True)
    client = _log_in("province")
    assert client.get(reverse("site:home")).url.startswith(reverse("accounts:otp_verify"))
    client.post(reverse("accounts:otp_verify"), {"token": totp(secret, 1)})
    assert client.get(reverse("site:home")).url.startswith(reverse("accounts:password_change"))


def test_it_does_not_follow_a_next_address_to_another_site(personas):
    secret, _codes = _enrol(_log_in("province"))
    client = _log_in("province")
    response = client.post(reverse("accounts:otp_verify"), {"token": totp(secret, 1), "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == reverse("site:home")


def test_the_admin_never_shows_an_authenticators_secret(personas, settings):
    settings.CANBO_REQUIRE_2FA = False
    _enrol(_log_in("province"))
    device = TOTPDevice.objects.get(user__username="province")
    admin = personas["system_admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    html = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk])).content.decode()
    assert "Nguyễn Thị Hoa" in html and device.key not in html
    # django-otp's own admin had a QR-code page (the secret as an image); canbo's has none.
    config = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/config/", follow=True)
    assert config.status_code == 200 and device.key not in config.content.decode()


def test_recovery_codes_are_stored_only_as_salted_hashes(personas):
    from django.contrib.auth.hashers import get_hasher, identify_hasher
    from django_otp.plugins.otp_static.models import StaticToken

    from canbo.accounts.models import RecoveryCodes

    _secret, codes = _enrol(_log_in("province"))
    stored = RecoveryCodes.objects.get(user__username="province").hashes
    assert len(stored) == 10 and not StaticToken.objects.exists()
    assert not any(code in value for code in codes for value in stored)
    # The site's password hasher (PBKDF2 in production; the suite's settings pick a fast one).
    hasher = get_hasher()
    assert all(identify_hasher(value).algorithm == hasher.algorithm for value in stored)
    assert len({hasher.decode(value)["salt"] for value in stored}) == 10  # a salt of its own for each code
    client = _log_in("province")
    assert client.post(reverse("accounts:otp_verify"), {"token": codes[3]}).status_code == 302
    assert len(RecoveryCodes.objects.get(user__username="province").hashes) == 9


def test_readable_recovery_codes_from_before_are_hashed_by_the_migration_and_still_work(personas):
    import importlib

    from django.apps import apps
    from django_otp.plugins.otp_static.models import StaticDevice

    from canbo.accounts.models import RecoveryCodes

    _enrol(_log_in("province"))
    user = User.objects.get(username="province")
    RecoveryCodes.objects.filter(user=user).delete()
    old = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    old.token_set.create(token="abcdefgh")
    migration = importlib.import_module("canbo.accounts.migrations.0005_recovery_codes_hashed")
    migration.hash_stored_codes(apps, None)
    assert not StaticDevice.objects.exists()
    assert "abcdefgh" not in str(RecoveryCodes.objects.get(user=user).hashes)
    client = _log_in("province")
    assert client.post(reverse("accounts:otp_verify"), {"token": "abcdefgh"}).status_code == 302
    assert client.get(reverse("site:home")).status_code == 200


def test_a_device_confirmed_elsewhere_asks_for_its_code_instead_of_a_loop(personas):
    """An authenticator confirmed outside canbo's enrolment (no `two_factor_since`) used to send
    its holder between the enrolment and code pages for ever: it is asked for, like any other."""
    TOTPDevice.objects.create(user=personas["province_admin"], name="app", confirmed=True)
    client = _log_in("province")
    response = client.get(reverse("people:list"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:otp_verify"))
    assert len(response.redirect_chain) <= 2


def test_the_admin_removes_a_lost_authenticator_and_logs_it_without_its_secret(personas, settings):
    settings.CANBO_REQUIRE_2FA = False  # the system administrator's own second factor is not the subject
    lost = TOTPDevice.objects.create(user=personas["province_admin"], name="điện thoại cũ", confirmed=True)
    admin = Client()
    admin.force_login(personas["system_admin"])
    page = f"/admin/otp_totp/totpdevice/{lost.pk}/"
    assert admin.get(f"{page}change/").status_code == 200  # shown read-only
    assert lost.key not in admin.get(f"{page}change/").content.decode()
    assert admin.get("/admin/otp_totp/totpdevice/add/").status_code == 403
    assert admin.post(f"{page}delete/", {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()
    entry = ChangeLogEntry.unscoped.get(object_id=str(lost.pk), action="delete")
    assert entry.user == personas["system_admin"] and lost.key not in str(entry.before)
    # Packages' own admins (django-tasks' results, django-otp's static codes) are not listed.
    assert admin.get("/admin/django_tasks_database/dbtaskresult/").status_code == 404
    assert admin.get("/admin/otp_static/staticdevice/").status_code == 404
