"""Large exports of the people list as background tasks: started from the list, written by
`canbo worker` with a progress bar, then downloaded. Small lists are still written in the request
(CANBO_EXPORT_INLINE_ROWS): a commune's list needs no waiting page."""

from __future__ import annotations

import datetime
import logging
from pathlib import Path

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.accounts.permissions import Perm, perms_of
from canbo.core.context import acting_as
from canbo.core.dates import today
from canbo.core.errors import NotPermitted
from canbo.exchange.models import ExportJob, ExportStatus

logger = logging.getLogger(__name__)


def export_dir() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def export_start(*, user, query: str, total: int) -> ExportJob:
    """Queue the export of the people list filtered by `query` (as `user` sees it)."""
    from canbo.exchange.tasks import export_people

    if Perm.VIEW_PEOPLE not in perms_of(user):  # the job takes no object: its user's own list
        raise NotPermitted(_("Bạn không có quyền thực hiện thao tác này."))
    job = ExportJob.objects.create(user=user, query=query, status=ExportStatus.QUEUED, total_rows=total)
    result = export_people.enqueue(str(job.pk))
    ExportJob.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def run_export(job_id) -> None:
    """Write the file of one export job, as its user (the worker; inline when tasks run immediately)."""
    from canbo.exchange.export import export_people_xlsx
    from canbo.people import selectors
    from canbo.people.sensitive import may_see_sensitive

    job = ExportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None:  # purged (or its user deleted) before the worker came to it
        return
    user = job.user
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, processed_rows=0, failure="")

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(processed_rows=done)

    path = export_dir() / f"{job.pk}.xlsx"
    try:
        with acting_as(user, origin="task", label="people export", request_id=job.pk.hex):
            flt = selectors.PeopleFilter.from_params(QueryDict(job.query), user=user)
            qs = flt.apply(selectors.people_for(user))
            total = qs.count()
            ExportJob.objects.filter(pk=job.pk).update(total_rows=total)
            export_people_xlsx(qs, include_sensitive=may_see_sensitive(user), path=str(path), progress=progress)
    except Exception as exc:
        logger.exception("export %s failed", job.pk)
        path.unlink(missing_ok=True)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.FAILED, failure=f"{type(exc).__name__}", finished_at=timezone.now()
        )
        return
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.DONE,
        processed_rows=total,
        file_path=str(path),
        file_name=f"danh-sach-can-bo-{today():%Y%m%d}.xlsx",
        finished_at=timezone.now(),
    )


def export_files_purge(*, now=None) -> int:
    """Delete the export files (and their jobs) older than CANBO_IMPORT_RETENTION_DAYS."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.CANBO_IMPORT_RETENTION_DAYS)
    old = list(ExportJob.objects.filter(created_at__lt=cutoff))
    for job in old:
        if job.file_path:
            Path(job.file_path).unlink(missing_ok=True)
    ExportJob.objects.filter(pk__in=[job.pk for job in old]).delete()
    return len(old)
