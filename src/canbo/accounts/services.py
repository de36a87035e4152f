"""Writes to user accounts (logged like every other change)."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from canbo.accounts.choices import Role
from canbo.accounts.models import User
from canbo.core import audit, context
from canbo.core.errors import DomainError

logger = logging.getLogger("canbo.security")


@transaction.atomic
def user_upsert(
    *,
    username: str,
    password: str | None,
    unit,
    roles: list[str],
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    person=None,
    must_change_password: bool = True,
) -> tuple[User, bool]:
    """Create the user or bring it to the given state; returns (user, created).

    A password chosen here is chosen by an administrator: unless told otherwise, its holder must
    replace it at the first log-in."""
    context.require()
    bad = [r for r in roles if r not in Role.values]
    if bad:
        raise DomainError({"roles": [f"Vai trò không tồn tại: {', '.join(bad)}"]})
    user = User.objects.filter(username=username).first()
    created = user is None
    if created:
        user = User(username=username)
        before = None
    else:
        before = audit.snapshot(user)
    user.unit = unit
    user.roles = list(roles)
    user.person = person
    user.first_name, user.last_name, user.email = first_name, last_name, email
    user.is_staff = user.is_superuser = Role.SYSTEM_ADMIN in roles
    if password is not None and (created or not user.check_password(password)):
        user.set_password(password)
        user.must_change_password = must_change_password
        user.password_changed_at = timezone.now()
    user.save()
    if created:
        audit.log_create(user)
    else:
        audit.log_update(user, before)
    return user, created


@transaction.atomic
def user_password_change(*, user: User, new_password: str) -> User:
    """The holder's own new password (already validated by the form); lifts the must-change flag.

    Changing the password changes the session hash, which ends the user's other sessions; the
    view keeps the current one with update_session_auth_hash."""
    context.require()
    before = audit.snapshot(user)
    user.set_password(new_password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    audit.log_update(user, before)
    return user


def log_sensitive_access(
    *,
    user,
    fields: list[str],
    where: str,
    people=None,
    queryset=None,
    count: int | None = None,
    criteria: dict | None = None,
) -> None:
    """Record one display of sensitive `fields`: the people shown (a page, an API call) by id, or
    for an export its `queryset`'s size, or for rows not in the registry (an import preview) their
    `count`, with what chose them (`criteria`). Nothing is written when nobody was shown. The one
    writer of SensitiveAccess."""
    from canbo.accounts.models import SensitiveAccess

    if people is not None:
        ids = [p.pk for p in people]
        count = len(ids)
    elif queryset is not None:
        ids, count = [], queryset.count()
    else:
        ids, count = [], count or 0
    if not count:
        return
    ctx = context.current()
    SensitiveAccess.objects.create(
        user=user,
        user_name=(user.get_full_name() or user.get_username()) if user else "",
        fields=list(fields),
        where=where,
        request_id=ctx.request_id if ctx else "",
        people_count=count,
        people=ids,
        criteria=criteria or {},
    )


def login_attempts_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete log-in attempts older than CANBO_LOGIN_LOG_RETENTION_DAYS (default 365: a year of
    security log is what auditors ask for; older rows are personal data kept for nothing).
    Throttling reads only the last minutes. Returns the number of rows deleted."""
    from canbo.accounts.models import LoginAttempt

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.CANBO_LOGIN_LOG_RETENTION_DAYS)
    deleted, _ = LoginAttempt.objects.filter(time__lt=cutoff).delete()
    if deleted:
        logger.info(
            "log-in log: %s attempts deleted (older than %s days)", deleted, settings.CANBO_LOGIN_LOG_RETENTION_DAYS
        )
    return deleted
