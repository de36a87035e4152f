"""Throttling of password log-ins: a temporary lock per user name and per client address.

Counts come from LoginAttempt rows, so every web process agrees. A user name is locked when its
last CANBO_LOGIN_MAX_FAILURES failures (since its last success) fall within
CANBO_LOGIN_FAILURE_WINDOW_MINUTES; the lock lasts CANBO_LOGIN_LOCKOUT_MINUTES from the last of
them. An address is locked the same way with CANBO_LOGIN_MAX_FAILURES_PER_ADDRESS. Names that
do not exist are counted and locked like real ones, so a lock tells nothing about existence.
"""

from __future__ import annotations

import datetime
import ipaddress
import logging
import math

from django.conf import settings
from django.utils import timezone

from canbo.accounts.models import LoginAttempt

log = logging.getLogger("canbo.security")
Outcome = LoginAttempt.Outcome


def username_key(username: str) -> str:
    """The counted form of a user name: case and surrounding spaces do not make a new counter."""
    return (username or "").strip().lower()[:150]


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """REMOTE_ADDR, or — only when it is a proxy listed in CANBO_TRUSTED_PROXIES — the nearest
    X-Forwarded-For entry that is not itself a trusted proxy (a client can forge the rest)."""
    if request is None:
        return None
    remote = _valid_ip(request.META.get("REMOTE_ADDR", ""))
    trusted = set(settings.CANBO_TRUSTED_PROXIES)
    if remote is None or remote not in trusted:
        return remote
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        address = _valid_ip(hop)
        if address is None:
            return remote
        if address not in trusted:
            return address
    return remote


def _locked_until(failures: list[datetime.datetime], threshold: int) -> datetime.datetime | None:
    """`failures` newest first, at most `threshold` of them."""
    if threshold <= 0 or len(failures) < threshold:
        return None
    window = datetime.timedelta(minutes=settings.CANBO_LOGIN_FAILURE_WINDOW_MINUTES)
    if failures[0] - failures[-1] > window:
        return None
    return failures[0] + datetime.timedelta(minutes=settings.CANBO_LOGIN_LOCKOUT_MINUTES)


def locked_until(username: str, address: str | None) -> datetime.datetime | None:
    """When the lock on this user name or address ends, or None when neither is locked."""
    now = timezone.now()
    horizon = now - datetime.timedelta(
        minutes=settings.CANBO_LOGIN_FAILURE_WINDOW_MINUTES + settings.CANBO_LOGIN_LOCKOUT_MINUTES
    )
    key = username_key(username)
    by_name = LoginAttempt.objects.filter(username=key, time__gte=horizon)
    last_success = by_name.filter(outcome=Outcome.SUCCEEDED).order_by("-time").values_list("time", flat=True).first()
    name_failures = by_name.filter(outcome=Outcome.FAILED)
    if last_success is not None:
        name_failures = name_failures.filter(time__gt=last_success)
    limit = settings.CANBO_LOGIN_MAX_FAILURES
    ends = [_locked_until(list(name_failures.order_by("-time").values_list("time", flat=True)[:limit]), limit)]
    if address:
        limit = settings.CANBO_LOGIN_MAX_FAILURES_PER_ADDRESS
        by_address = LoginAttempt.objects.filter(address=address, outcome=Outcome.FAILED, time__gte=horizon)
        ends.append(_locked_until(list(by_address.order_by("-time").values_list("time", flat=True)[:limit]), limit))
    ends = [end for end in ends if end is not None and end > now]
    return max(ends) if ends else None


def minutes_left(until: datetime.datetime) -> int:
    return max(1, math.ceil((until - timezone.now()).total_seconds() / 60))


def record(username: str, address: str | None, outcome: str) -> None:
    """Keep the attempt (the security log) and tell the operator's log about failures."""
    key = username_key(username)
    LoginAttempt.objects.create(username=key, address=address, outcome=outcome)
    if outcome == Outcome.LOCKED:
        log.warning("login refused, locked: username=%r address=%s", key, address)
    elif outcome == Outcome.FAILED:
        log.info("login failed: username=%r address=%s", key, address)
