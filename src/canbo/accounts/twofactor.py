"""Two-factor log-in (TOTP, RFC 6238) for the roles that can reach a whole province or the
system, with one-time recovery codes; built on django-otp's devices and its per-device throttle.

Required (CANBO_REQUIRE_2FA, on unless debug) for system administrators, province HR
administrators and anyone with access to the Django admin.
"""

from __future__ import annotations

import logging
import secrets
from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from canbo.accounts.choices import Role
from canbo.accounts.models import RecoveryCodes
from canbo.core import audit, context

log = logging.getLogger("canbo.security")
RECOVERY_CODES = 10
ISSUER = "canbo"


def required_for(user) -> bool:
    """Whether this user must pass a second factor before using canbo."""
    if not settings.CANBO_REQUIRE_2FA or not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff or user.has_role(Role.SYSTEM_ADMIN, Role.PROVINCE_HR_ADMIN)


def is_verified(request) -> bool:
    """The session passed the second factor (django-otp's OTPMiddleware sets `otp_device`)."""
    return getattr(request.user, "otp_device", None) is not None


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled (a new secret if there is none yet)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="canbo", confirmed=False)
    return device


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG (no image request, no third party)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2)


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, grouped by four, for typing into an app when the camera fails."""
    raw = b32encode(device.bin_key).decode()
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _mark_enrolled(user) -> None:
    before = audit.snapshot(user)
    user.two_factor_since = timezone.now()
    user.save(update_fields=["two_factor_since"])
    audit.log_update(user, before)


def recovery_codes_renew(*, user) -> list[str]:
    """Ten new one-time codes replacing any earlier ones; shown once, never again: only their
    salted hashes are stored (the site's password hasher, so a stolen database does not give them)."""
    codes = [b32encode(secrets.token_bytes(5)).decode().lower() for _ in range(RECOVERY_CODES)]  # 8 characters
    RecoveryCodes.objects.filter(user=user).delete()
    RecoveryCodes.objects.create(user=user, name="recovery", confirmed=True, hashes=[make_password(c) for c in codes])
    log.info("recovery codes renewed: user=%s", user.pk)
    return codes


@transaction.atomic
def totp_confirm(*, request, token: str) -> list[str] | None:
    """Confirm the pending authenticator with a first code: the session counts as verified and
    the recovery codes are returned (None when the code is wrong)."""
    context.require()
    user = request.user
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        log.info("2fa enrolment code refused: user=%s", user.pk)
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _mark_enrolled(user)
    codes = recovery_codes_renew(user=user)
    _verified(request, device)
    return codes


def verify(*, request, token: str) -> bool:
    """Check a code at log-in: six digits against the authenticator, anything else against the
    recovery codes (each works once). Both devices throttle repeated failures themselves."""
    user = request.user
    model = TOTPDevice if token.isdigit() and len(token) == 6 else RecoveryCodes
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
        ok = device is not None and device.verify_token(token.lower() if model is RecoveryCodes else token)
    if not ok:
        log.warning("2fa code refused: user=%s", user.pk)
        return False
    if model is RecoveryCodes:
        log.warning("recovery code used: user=%s, %d left", user.pk, len(device.hashes))
    _verified(request, device)
    return True


def _verified(request, device) -> None:
    # A new session key on the step up, as Django does on log-in (no fixation of a verified key).
    request.session.cycle_key()
    otp_login(request, device)
