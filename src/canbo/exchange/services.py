"""Import jobs: store the upload, validate it (in the request for small files, else in the worker),
then write it on confirmation. Progress is kept on the job row for the progress bar."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.accounts.permissions import Perm, can
from canbo.core import context
from canbo.core.context import acting_as
from canbo.core.errors import DomainError
from canbo.exchange.models import ImportJob, ImportStatus

ALLOWED_SUFFIXES = {".xlsx", ".xls", ".ods", ".csv"}
INLINE_BYTES = 300 * 1024
MAX_STORED_ROWS = 200_000


def _import_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _require_import(unit):
    """The acting context, refused unless its user may import into `unit` (commands run as None)."""
    ctx = context.require()
    if ctx.user is not None and not can(ctx.user, Perm.IMPORT_PEOPLE, unit):
        raise DomainError(_("Bạn không có quyền nhập dữ liệu cho “%(unit)s”.") % {"unit": unit})
    return ctx


def import_job_create(*, unit, uploaded, skip_invalid: bool = False) -> ImportJob:
    """Save the upload and validate it: inline when small, otherwise as a background task."""
    ctx = _require_import(unit)
    suffix = Path(uploaded.name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise DomainError(
            {
                "file": [
                    _("Chỉ nhận tệp .xlsx, .xls, .ods hoặc .csv; tệp “%(name)s” không phải bảng tính.")
                    % {"name": uploaded.name}
                ]
            }
        )
    if uploaded.size > settings.CANBO_IMPORT_MAX_BYTES:
        raise DomainError(
            {
                "file": [
                    _("Tệp quá lớn (%(size)s MB); giới hạn là %(limit)s MB.")
                    % {
                        "size": round(uploaded.size / 1024 / 1024, 1),
                        "limit": settings.CANBO_IMPORT_MAX_BYTES // 1024 // 1024,
                    }
                ]
            }
        )
    job_id = uuid.uuid4()
    path = _import_dir() / f"{job_id}{suffix}"
    with open(path, "wb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    job = ImportJob.unscoped.create(
        id=job_id,
        user=ctx.user,
        unit=unit,
        file_name=os.path.basename(uploaded.name)[:255],
        file_path=str(path),
        skip_invalid=skip_invalid,
        status=ImportStatus.VALIDATING,
    )
    _validate(job, uploaded.size)
    return job


def _validate(job: ImportJob, size: int) -> None:
    """Validate in the request when the file is small, otherwise in the worker."""
    if size <= INLINE_BYTES:
        run_job(job.pk, commit=False)
    else:
        from canbo.exchange.tasks import validate_import

        validate_import.enqueue(str(job.pk))
    job.refresh_from_db()


def import_job_choose_sheet(*, job: ImportJob, sheet: str) -> ImportJob:
    """Read another worksheet of the same upload (a workbook with one list per sheet): the job is
    validated again from that sheet, and its confirmation then writes that sheet."""
    _require_import(job.unit)
    with transaction.atomic():
        job = ImportJob.unscoped.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.VALIDATED:
            raise DomainError(_("Lượt nhập này không ở trạng thái chờ xác nhận; không đổi được trang tính."))
        tables = job.summary.get("tables") or []
        if sheet not in tables:
            raise DomainError(
                _("Tệp không có danh sách ở trang tính “%(sheet)s”; các trang có danh sách: %(sheets)s.")
                % {"sheet": sheet, "sheets": ", ".join(f"“{n}”" for n in tables)}
            )
        job.sheet = sheet
        job.status = ImportStatus.VALIDATING
        job.processed_rows = 0
        job.error_file = ""
        job.save(update_fields=["sheet", "status", "processed_rows", "error_file"])
    _validate(job, os.path.getsize(job.file_path))
    return job


def import_job_confirm(*, job: ImportJob) -> ImportJob:
    _require_import(job.unit)
    with transaction.atomic():
        job = ImportJob.unscoped.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.VALIDATED:
            raise DomainError(_("Lượt nhập này không ở trạng thái chờ xác nhận."))
        if job.summary.get("invalid") and not job.skip_invalid:
            raise DomainError(_("Tệp còn dòng lỗi; hãy sửa tệp rồi tải lên lại, hoặc chọn bỏ qua các dòng lỗi."))
        job.status = ImportStatus.IMPORTING
        job.processed_rows = 0
        job.save(update_fields=["status", "processed_rows"])
    from canbo.exchange.tasks import commit_import

    if job.total_rows and job.total_rows * 2 <= settings.CANBO_IMPORT_INLINE_ROWS:
        run_job(job.pk, commit=True)
    else:
        commit_import.enqueue(str(job.pk))
    job.refresh_from_db()
    return job


def run_job(job_id, *, commit: bool) -> None:
    """Validate (commit=False) or write (commit=True) one job, as its uploader."""
    from canbo.exchange.export import write_error_copy
    from canbo.exchange.people_import import import_people
    from canbo.exchange.reader import read_rows

    job = ImportJob.unscoped.select_related("unit", "user").get(pk=job_id)

    def progress(done, total):
        ImportJob.unscoped.filter(pk=job.pk).update(processed_rows=done, total_rows=max(total, 1))

    label = _("Nhập tệp %(name)s") % {"name": job.file_name}
    try:
        with acting_as(job.user, origin="import", label=label, request_id=job.pk.hex):
            result = import_people(
                job.file_path,
                unit=job.unit,
                dry_run=not commit,
                skip_invalid=job.skip_invalid,
                progress=progress,
                sheet=job.sheet or None,
            )
    except Exception:
        ImportJob.unscoped.filter(pk=job.pk).update(status=ImportStatus.FAILED, finished_at=timezone.now())
        raise
    job.refresh_from_db()
    job.summary = result.as_json()
    job.summary["errors"] = job.summary["errors"][:2000]
    job.rows = result.statuses[:MAX_STORED_ROWS]
    job.total_rows = max(job.total_rows, 1)
    job.processed_rows = job.total_rows
    if result.refused:
        job.status = ImportStatus.REFUSED
    elif commit:
        job.status = ImportStatus.DONE
        job.finished_at = timezone.now()
    else:
        job.status = ImportStatus.VALIDATED
    if result.errors and not commit:
        by_row: dict[int, list[str]] = {}
        for e in result.errors:
            by_row.setdefault(e.row, []).append(f"{e.column}: {e.message}")
        path = str(Path(job.file_path).with_suffix(".errors.xlsx"))
        header_row = result.header_row or 1
        width = result.width or 1
        write_error_copy(
            read_rows(job.file_path, sheet=result.sheet),
            {r: "; ".join(m) for r, m in by_row.items()},
            header_row,
            width,
            path,
        )
        job.error_file = path
    job.save()
