"""Import jobs: store the upload, validate it (in the request for small files, else in the worker),
then write it on confirmation. Progress is kept on the job row for the progress bar."""

from __future__ import annotations

import datetime
import logging
import os
import threading
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.accounts.permissions import Perm, authorize
from canbo.core import audit, context
from canbo.core.context import acting_as
from canbo.core.errors import DomainError
from canbo.exchange.models import ImportJob, ImportStatus, SavedMapping
from canbo.tabular import mapping as mapping_rules
from canbo.tabular.mapping import DOUBTFUL, MappingError, Recalled, column_index

logger = logging.getLogger("canbo.exchange")

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
    # the same check as every write: a unit outside the reach answers 404 and is logged as a refusal
    authorize(
        ctx.user,
        Perm.IMPORT_PEOPLE,
        unit,
        denied=_("Bạn không có quyền nhập dữ liệu cho “%(unit)s”.") % {"unit": unit},
    )
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

        _queued(job, validate_import.enqueue(str(job.pk)))
    job.refresh_from_db()


def _queued(job: ImportJob, result) -> None:
    """Remember the task and clear the lease: a queued job is waiting, not interrupted."""
    ImportJob.unscoped.filter(pk=job.pk).update(task_id=str(result.id), heartbeat_at=None)


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
        # another sheet has its own header: the column mapping is chosen again for it
        job.mapping, job.mapping_source = {}, {}
        job.save(update_fields=["sheet", "status", "processed_rows", "error_file", "mapping", "mapping_source"])
    _validate(job, os.path.getsize(job.file_path))
    return job


# ------------------------------------------------------------------------------------ column mapping


def _labels(job: ImportJob) -> dict[str, str]:
    """The fields a column of this job can take, translated (the importer listed them)."""
    return {code: _(label) for code, label in (job.summary.get("fields") or {}).items()}


def _entry(column: dict, field: str | None) -> dict:
    """A confirmed reading as the officer saw it (kept on the job and in its change log)."""
    return {
        "column": column["column"],
        "header": column.get("header", ""),
        "read_as": column.get("field"),
        "field": field,
        "doubt": column.get("doubt", ""),
        "at": timezone.now().isoformat(timespec="seconds"),
    }


def import_job_remap(*, job: ImportJob, choices: dict[int, str | None], confirmed=()) -> ImportJob:
    """Read the upload again with the officer's column mapping (the preview's selects: column
    index -> field, None = not used). A changed column, or a doubtful one ticked as right, joins the
    job's mapping and counts as confirmed; the job is validated again and its change log records
    the mapping and the confirmations. A mapping the reader would refuse (one field chosen for two
    columns, no name column left) is refused here, naming the columns, and the job stays as it was."""
    _require_import(job.unit)
    confirmed = {int(j) for j in confirmed}
    with transaction.atomic():
        job = ImportJob.unscoped.select_for_update().select_related("unit").get(pk=job.pk)
        columns = job.summary.get("columns") or []
        if not columns or job.status not in (ImportStatus.VALIDATED, ImportStatus.REFUSED):
            raise DomainError(_("Lượt nhập này không ở trạng thái chờ xác nhận; không đổi được cách đọc cột."))
        if job.purged_at:
            raise DomainError(_("Tệp của lượt nhập này đã được xóa theo thời hạn lưu; hãy tải tệp lên lại."))
        labels = _labels(job)
        by_index = {column_index(c["column"]): c for c in columns}
        for j, name in choices.items():
            if j not in by_index:
                raise DomainError(_("Tệp không có cột thứ %(n)s trong dòng tiêu đề.") % {"n": j + 1})
            if name is not None and name not in labels:
                raise DomainError(
                    _("Cột %(column)s: không có thông tin “%(name)s”.")
                    % {"column": by_index[j]["column"], "name": name}
                )
        mapping = mapping_rules.mapping_from_json(job.mapping)
        entries = []
        for j, column in by_index.items():
            chosen = choices.get(j, column["field"])
            doubtful = column.get("confidence") in DOUBTFUL
            if chosen != column["field"] or (doubtful and j in confirmed):
                mapping[j] = chosen
                if doubtful:
                    entries.append(_entry(column, chosen))
        try:
            mapping_rules.check_choices(columns, mapping, labels)
        except MappingError as error:
            raise DomainError(error.message) from None
        before = audit.snapshot(job)
        if mapping != mapping_rules.mapping_from_json(job.mapping):
            job.mapping, job.mapping_source = mapping_rules.mapping_to_json(mapping), {}
        job.confirmed = [*job.confirmed, *entries]
        job.status = ImportStatus.VALIDATING
        job.processed_rows = 0
        job.error_file = ""
        job.save()
        audit.log_update(job, before)
    _validate(job, os.path.getsize(job.file_path))
    return job


def _pending_doubts(job: ImportJob, confirmed: set[int], seen: dict[int, str | None] | None) -> list[dict]:
    """The doubtful columns still unconfirmed; a select changed on the page but not re-checked is
    refused first (what would be written is not what the officer sees)."""
    columns = job.summary.get("columns") or []
    by_index = {column_index(c["column"]): c for c in columns}
    for j, name in (seen or {}).items():
        column = by_index.get(j)
        if column is not None and name != column["field"]:
            labels = _labels(job)
            raise DomainError(
                _(
                    "Cột %(column)s (“%(header)s”) đã được đổi thành “%(new)s” nhưng chưa kiểm tra lại; "
                    "hãy bấm “Kiểm tra lại” rồi mới ghi dữ liệu."
                )
                % {
                    "column": column["column"],
                    "header": column.get("header", ""),
                    "new": labels.get(name, name) if name else _("Không dùng"),
                }
            )
    return [c for c in mapping_rules.doubts(columns) if column_index(c["column"]) not in confirmed]


def import_job_confirm(*, job: ImportJob, confirmed=(), seen: dict[int, str | None] | None = None) -> ImportJob:
    """Write a validated upload. Every doubtful column reading must be confirmed first: ticked here
    (`confirmed`: column indexes) or settled by re-checking with a mapping; otherwise the write is
    refused naming each column. The confirmations join the job's mapping and its change log, and a
    mapping the officer made is saved for the unit's next file with the same headers."""
    ctx = _require_import(job.unit)
    confirmed = {int(j) for j in confirmed}
    with transaction.atomic():
        job = ImportJob.unscoped.select_for_update().select_related("unit").get(pk=job.pk)
        if job.status != ImportStatus.VALIDATED:
            raise DomainError(_("Lượt nhập này không ở trạng thái chờ xác nhận."))
        if job.summary.get("invalid") and not job.skip_invalid:
            raise DomainError(_("Tệp còn dòng lỗi; hãy sửa tệp rồi tải lên lại, hoặc chọn bỏ qua các dòng lỗi."))
        columns = job.summary.get("columns") or []
        labels = _labels(job)
        pending = _pending_doubts(job, confirmed, seen)
        if pending:
            raise DomainError(mapping_rules.doubt_message(pending, labels))
        mapping = mapping_rules.mapping_from_json(job.mapping)
        entries = []
        for column in mapping_rules.doubts(columns):
            j = column_index(column["column"])
            mapping[j] = column["field"]
            entries.append(_entry(column, column["field"]))
        try:
            mapping_rules.check_choices(columns, mapping, labels)
        except MappingError as error:
            raise DomainError(error.message) from None
        before = audit.snapshot(job)
        if entries:
            job.mapping, job.mapping_source = mapping_rules.mapping_to_json(mapping), {}
            job.confirmed = [*job.confirmed, *entries]
        job.status = ImportStatus.IMPORTING
        job.processed_rows = 0
        job.save(update_fields=["status", "processed_rows", "mapping", "mapping_source", "confirmed"])
        audit.log_update(job, before)
        if job.mapping and not job.mapping_source:
            saved_mapping_store(
                kind=job.kind,
                unit=job.unit,
                columns=columns,
                mapping=mapping_rules.mapping_from_json(job.mapping),
                file_name=job.file_name,
                user=ctx.user,
            )
    from canbo.exchange.tasks import commit_import

    if job.total_rows and job.total_rows * 2 <= settings.CANBO_IMPORT_INLINE_ROWS:
        run_job(job.pk, commit=True)
    else:
        _queued(job, commit_import.enqueue(str(job.pk)))
    job.refresh_from_db()
    return job


def run_job(job_id, *, commit: bool, heartbeat: bool = False) -> None:
    """Validate (commit=False) or write (commit=True) one job, as its uploader. `heartbeat`: renew
    the job's lease from a side thread while it runs (the worker; a request is short)."""
    from canbo.exchange.export import write_error_copy
    from canbo.tabular import registry
    from canbo.tabular.reader import read_rows

    job = ImportJob.unscoped.select_related("unit", "user").get(pk=job_id)
    started = job.status
    ImportJob.unscoped.filter(pk=job.pk).update(heartbeat_at=timezone.now(), failure="", retry_status="")
    pause = settings.CANBO_IMPORT_PROGRESS_PAUSE

    def progress(done, total):
        ImportJob.unscoped.filter(pk=job.pk).update(
            processed_rows=done, total_rows=max(total, 1), heartbeat_at=timezone.now()
        )
        if pause:  # test-only: holds the worker inside the write so a test can kill it there
            logger.warning("import %s: pausing %s s at %s/%s (CANBO_IMPORT_PROGRESS_PAUSE)", job.pk, pause, done, total)
            time.sleep(pause)

    label = _("Nhập tệp %(name)s") % {"name": job.file_name}
    beat = Heartbeat(job.pk) if heartbeat else None
    mapping = mapping_rules.mapping_from_json(job.mapping)
    recalled: list[SavedMapping] = []

    def recall(signature: str) -> Recalled | None:
        """The first validation of a file with no mapping: the one saved for these headers, if any."""
        saved = saved_mapping_find(kind=job.kind, unit=job.unit, signature=signature)
        if saved is None:
            return None
        recalled.append(saved)
        return Recalled(mapping_rules.mapping_from_json(saved.mapping), recalled_note(saved))

    try:
        if beat:
            beat.start()
        with acting_as(job.user, origin="import", label=label, request_id=job.pk.hex):
            result = registry.get(job.kind).runner()(
                job.file_path,
                unit=job.unit,
                dry_run=not commit,
                skip_invalid=job.skip_invalid,
                progress=progress,
                sheet=job.sheet or None,
                mapping=mapping or None,
                recall=None if mapping or commit else recall,
            )
    except Exception:
        ImportJob.unscoped.filter(pk=job.pk).update(
            status=ImportStatus.FAILED,
            finished_at=timezone.now(),
            failure=_("Lỗi hệ thống khi xử lý tệp; chưa có dữ liệu nào được ghi. Bấm Thử lại."),
            retry_status=started,
        )
        raise
    finally:
        if beat:
            beat.stop()
    job.refresh_from_db()
    previous_columns = job.summary.get("columns") or []
    job.summary = result.as_json()
    job.summary["errors"] = job.summary["errors"][:2000]
    job.summary["fields"] = result.fields
    if result.refused and not result.columns and previous_columns:
        # refused after a mapping (the file could not be read with it): the previous column list
        # stays on the preview so the officer can correct the mapping
        job.summary["columns"] = previous_columns
    if recalled:
        saved = recalled[0]
        job.mapping = mapping_rules.mapping_to_json(mapping_rules.chosen_mapping(result.columns))
        job.mapping_source = {
            "id": saved.pk,
            "unit": saved.unit.name,
            "file_name": saved.file_name,
            "updated_at": saved.updated_at.isoformat(),
        }
    elif job.mapping_source and mapping:
        job.summary["notes"].append(recalled_note(job.mapping_source))
    job.summary["sensitive_columns"] = result.sensitive_columns  # the preview's display is logged (views)
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


# ------------------------------------------------------------------------------------ saved mappings


def _ancestor_paths(path: str) -> list[str]:
    """ "/1/5/9/" -> ["/1/", "/1/5/", "/1/5/9/"]: the unit and every unit above it."""
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def saved_mapping_find(*, kind: str, unit, signature: str) -> SavedMapping | None:
    """The mapping saved for files with these headers by `unit` or the nearest unit above it.

    Read without the actor's scope on purpose: a province's mapping serves its communes' files,
    and a mapping names columns and fields only, never a person's data."""
    found = (
        SavedMapping.unscoped.filter(kind=kind, signature=signature, unit__path__in=_ancestor_paths(unit.path))
        .select_related("unit", "user")
        .order_by()
    )
    return max(found, key=lambda saved: len(saved.unit.path), default=None)


def recalled_note(saved) -> str:
    """What the preview and the command say when a saved mapping was applied."""
    if isinstance(saved, SavedMapping):
        when, unit_name, file_name = saved.updated_at, saved.unit.name, saved.file_name
    else:  # the job's mapping_source
        when = datetime.datetime.fromisoformat(saved["updated_at"])
        unit_name, file_name = saved.get("unit", ""), saved.get("file_name", "")
    return _(
        "Đã áp dụng cách đọc cột đã lưu ngày %(date)s (%(unit)s, từ tệp “%(file)s”) vì tệp có cùng dòng tiêu đề; "
        "vẫn có thể đổi cách đọc từng cột."
    ) % {"date": timezone.localtime(when).strftime("%d/%m/%Y"), "unit": unit_name, "file": file_name}


def saved_mapping_store(*, kind: str, unit, columns: list[dict], mapping: dict, file_name: str, user) -> SavedMapping:
    """Remember a mapping the officer made for `unit`'s files with these headers (one per unit and
    header signature: a newer mapping replaces the older), logged in the change log."""
    signature = mapping_rules.signature_of_columns(columns)
    data = mapping_rules.mapping_to_json(mapping)
    headers = [[c["column"], c["header"]] for c in columns if c.get("header")]
    saved = SavedMapping.unscoped.filter(kind=kind, unit=unit, signature=signature).first()
    if saved is None:
        saved = SavedMapping.unscoped.create(
            kind=kind,
            unit=unit,
            signature=signature,
            headers=headers,
            mapping=data,
            file_name=file_name[:255],
            user=user,
        )
        audit.log_create(saved)
        return saved
    before = audit.snapshot(saved)
    saved.mapping, saved.headers, saved.file_name, saved.user = data, headers, file_name[:255], user
    saved.save()
    audit.log_update(saved, before)
    return saved


# ------------------------------------------------------------------------------------ lease and retry

RUNNING = (ImportStatus.VALIDATING, ImportStatus.IMPORTING)


class Heartbeat(threading.Thread):
    """Renews a job's lease every tenth of CANBO_TASK_LEASE_SECONDS from its own database connection,
    so a long write transaction in the worker's main thread does not look like a dead worker."""

    def __init__(self, job_id):
        super().__init__(name=f"canbo-heartbeat-{job_id}", daemon=True)
        self.job_id = job_id
        self.stopped = threading.Event()

    def run(self) -> None:
        from django.db import connection

        interval = max(settings.CANBO_TASK_LEASE_SECONDS / 10, 0.5)
        try:
            while not self.stopped.wait(interval):
                try:
                    ImportJob.unscoped.filter(pk=self.job_id, status__in=RUNNING).update(heartbeat_at=timezone.now())
                except Exception:  # SQLite locked by the write itself: the next beat tries again
                    logger.debug("heartbeat of import %s skipped", self.job_id, exc_info=True)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()


def _interrupted_message() -> str:
    return _("Tác vụ bị gián đoạn (máy chủ khởi động lại); chưa có dữ liệu nào được ghi. Bấm Thử lại.")


def import_jobs_expire(*, job: ImportJob | None = None, now=None) -> int:
    """Mark failed the running jobs (all, or `job`) whose lease ran out: their process died (a worker
    killed, a request cut). Their task is marked failed too; the write was one transaction, so
    nothing of it is in the database. A queued job that no worker has started yet is left waiting."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.CANBO_TASK_LEASE_SECONDS)
    stale = ImportJob.unscoped.filter(status__in=RUNNING, heartbeat_at__isnull=False, heartbeat_at__lt=cutoff)
    if job is not None:
        stale = stale.filter(pk=job.pk)
    expired = 0
    for pk, status, task_id in stale.values_list("pk", "status", "task_id"):
        with transaction.atomic(), acting_as(None, origin="task", label=_("Lượt nhập bị gián đoạn")):
            found = (
                ImportJob.unscoped.select_for_update()
                .select_related("unit")
                .filter(pk=pk, status=status, heartbeat_at__lt=cutoff)
            )
            stale_job = found.first()
            updated = stale_job is not None
            if updated:
                before = audit.snapshot(stale_job)
                stale_job.status, stale_job.failure = ImportStatus.FAILED, _interrupted_message()
                stale_job.retry_status, stale_job.finished_at = status, now
                stale_job.save(update_fields=["status", "failure", "retry_status", "finished_at"])
                audit.log_update(stale_job, before)
            if updated and task_id:
                DBTaskResult.objects.filter(
                    pk=task_id, status__in=[TaskResultStatus.RUNNING, TaskResultStatus.READY]
                ).update(
                    status=TaskResultStatus.FAILED,
                    finished_at=now,
                    exception_class_path="canbo.exchange.Interrupted",
                    traceback=_interrupted_message(),
                )
        if updated:
            logger.warning("import %s: lease expired while %s, marked failed", pk, status)
            expired += 1
    return expired


def import_job_retry(*, job: ImportJob) -> ImportJob:
    """Run a failed job again from the state it failed in: queued for the worker."""
    from canbo.exchange.tasks import commit_import, validate_import

    _require_import(job.unit)
    with transaction.atomic():
        job = ImportJob.unscoped.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.FAILED or job.retry_status not in RUNNING:
            raise DomainError(_("Lượt nhập này không ở trạng thái lỗi nên không thử lại được."))
        if job.purged_at:
            raise DomainError(_("Tệp của lượt nhập này đã được xóa theo thời hạn lưu; hãy tải tệp lên lại."))
        job.status, job.failure, job.processed_rows, job.finished_at = job.retry_status, "", 0, None
        job.save(update_fields=["status", "failure", "processed_rows", "finished_at"])
    task = commit_import if job.status == ImportStatus.IMPORTING else validate_import
    _queued(job, task.enqueue(str(job.pk)))
    job.refresh_from_db()
    return job


def import_files_purge(*, now=None) -> int:
    """Delete the uploaded files (and error copies) of jobs older than CANBO_IMPORT_RETENTION_DAYS:
    personal data is not kept longer than the import needs it. The job row and its summary stay,
    marked purged; a running job is left alone. Returns the number of jobs purged."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.CANBO_IMPORT_RETENTION_DAYS)
    old = (
        ImportJob.unscoped.filter(created_at__lt=cutoff, purged_at__isnull=True)
        .exclude(status__in=RUNNING)
        .select_related("unit")
    )
    purged = 0
    with acting_as(None, origin="task", label=_("Xóa tệp nhập quá thời hạn lưu")):
        for job in old.iterator():
            for path in (job.file_path, job.error_file):
                if path:
                    Path(path).unlink(missing_ok=True)
            before = audit.snapshot(job)
            job.purged_at, job.error_file = now, ""
            job.save(update_fields=["purged_at", "error_file"])
            audit.log_update(job, before)
            purged += 1
    if purged:
        logger.info("import files: %s purged (older than %s days)", purged, settings.CANBO_IMPORT_RETENTION_DAYS)
    return purged
