"""Reads of import jobs, always for an acting user."""

from __future__ import annotations

from django.db.models import QuerySet

from canbo.accounts.permissions import Perm, perms_of
from canbo.exchange.models import ImportJob, ImportStatus

# Jobs that wait for their uploader: checked and waiting to be confirmed, or stopped by a failure
# ("Thử lại"). Their file is still kept (a purged job can be neither confirmed nor retried).
WAITING = (ImportStatus.VALIDATED, ImportStatus.FAILED)


def inbox_imports(user) -> QuerySet[ImportJob]:
    """The user's own uploads within reach that still wait for them, newest first."""
    if Perm.IMPORT_PEOPLE not in perms_of(user):
        return ImportJob.unscoped.none()
    return (
        ImportJob.objects.for_user(user)
        .filter(user=user, status__in=WAITING, purged_at__isnull=True)
        .select_related("unit")
        .order_by("-created_at")
    )
