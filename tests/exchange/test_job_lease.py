"""Import jobs never hang and their uploads are not kept for ever: the lease on a running job, the
retry from the job page, and the daily deletion of old upload files (the worker's scheduler)."""

import datetime
import os

from django.urls import reverse
from django.utils import timezone

from canbo.core.models import ChangeLogEntry
from canbo.exchange.models import ImportJob
from canbo.people.models import Person
from canbo.site import schedule
from tests.exchange.files import write_xlsx
from tests.exchange.test_import_pages import _upload

ROWS = [["Họ và tên", "Năm sinh"], ["Lò Văn Một", 1980], ["Lò Văn Hai", 1981]]


def _running_job(client, tree, tmp_path, *, status="importing", beat_seconds_ago=None):
    """A validated upload put back into a running state, as a worker would leave it."""
    _upload(client, write_xlsx(tmp_path / "ds.xlsx", ROWS), tree["a"])
    job = ImportJob.unscoped.get()
    beat = None if beat_seconds_ago is None else timezone.now() - datetime.timedelta(seconds=beat_seconds_ago)
    ImportJob.unscoped.filter(pk=job.pk).update(status=status, processed_rows=1, total_rows=2, heartbeat_at=beat)
    return job


def test_the_job_page_marks_a_job_whose_worker_died_failed_and_a_retry_writes_it(
    login, tree, reference, tmp_path, settings
):
    settings.CANBO_TASK_LEASE_SECONDS = 600
    client = login("officer_a")
    job = _running_job(client, tree, tmp_path, beat_seconds_ago=601)
    page = client.get(reverse("exchange:detail", args=[job.pk])).content.decode()
    assert "Tác vụ bị gián đoạn (máy chủ khởi động lại); chưa có dữ liệu nào được ghi. Bấm Thử lại." in page
    assert 'data-testid="retry"' in page
    job.refresh_from_db()
    assert (job.status, job.retry_status) == ("failed", "importing")
    assert ChangeLogEntry.unscoped.filter(object_id=str(job.pk), after__status="failed").exists()
    assert Person.unscoped.count() == 0
    client.post(reverse("exchange:retry", args=[job.pk]))  # tests run tasks at once: the commit runs
    job.refresh_from_db()
    assert job.status == "done" and job.summary["created"] == 2 and not job.failure
    assert Person.unscoped.count() == 2


def test_the_progress_poll_reloads_the_page_when_the_lease_ran_out(login, tree, reference, tmp_path, settings):
    settings.CANBO_TASK_LEASE_SECONDS = 600
    client = login("officer_a")
    job = _running_job(client, tree, tmp_path, status="validating", beat_seconds_ago=700)
    response = client.get(reverse("exchange:progress", args=[job.pk]))
    assert response["HX-Refresh"] == "true"
    job.refresh_from_db()
    assert (job.status, job.retry_status) == ("failed", "validating")


def test_a_job_with_a_fresh_heartbeat_or_still_queued_keeps_running(login, tree, reference, tmp_path, settings):
    settings.CANBO_TASK_LEASE_SECONDS = 600
    client = login("officer_a")
    job = _running_job(client, tree, tmp_path, beat_seconds_ago=30)
    assert "HX-Refresh" not in client.get(reverse("exchange:progress", args=[job.pk]))
    ImportJob.unscoped.filter(pk=job.pk).update(heartbeat_at=None)  # queued, no worker has started it
    assert "HX-Refresh" not in client.get(reverse("exchange:progress", args=[job.pk]))
    assert ImportJob.unscoped.get(pk=job.pk).status == "importing"


def test_the_worker_sweep_expires_stale_jobs(login, tree, reference, tmp_path, settings):
    settings.CANBO_TASK_LEASE_SECONDS = 60
    job = _running_job(login("officer_a"), tree, tmp_path, beat_seconds_ago=61)
    schedule.sweep()  # what the worker runs at start and at every tick of its scheduler
    assert ImportJob.unscoped.get(pk=job.pk).status == "failed"


def test_only_a_failed_job_can_be_retried(login, tree, reference, tmp_path):
    client = login("officer_a")
    _upload(client, write_xlsx(tmp_path / "ds.xlsx", ROWS), tree["a"])
    job = ImportJob.unscoped.get()
    page = client.post(reverse("exchange:retry", args=[job.pk]), follow=True).content.decode()
    assert "không ở trạng thái lỗi nên không thử lại được" in page
    assert ImportJob.unscoped.get(pk=job.pk).status == "validated" and Person.unscoped.count() == 0
    assert login("officer_b").post(reverse("exchange:retry", args=[job.pk])).status_code == 404


def test_uploads_older_than_the_retention_period_are_deleted_and_the_job_kept(
    login, tree, reference, tmp_path, settings
):
    settings.CANBO_IMPORT_RETENTION_DAYS = 30
    settings.CANBO_IMPORT_PURGE_HOUR = 3
    client = login("officer_a")
    rows = [["Họ và tên", "Năm sinh"], ["Lò Văn Một", 1980], ["Lò Văn Hai", "năm ngoái"]]
    _upload(client, write_xlsx(tmp_path / "old.xlsx", rows), tree["a"])
    _upload(client, write_xlsx(tmp_path / "new.xlsx", rows), tree["a"])
    old, new = ImportJob.unscoped.get(file_name="old.xlsx"), ImportJob.unscoped.get(file_name="new.xlsx")
    assert old.error_file and os.path.exists(old.file_path) and os.path.exists(old.error_file)
    now = timezone.now()
    ImportJob.unscoped.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=31))
    ImportJob.unscoped.filter(pk=new.pk).update(created_at=now - datetime.timedelta(days=29))
    at = timezone.localtime(now).replace(hour=3, minute=0)
    purge = tuple(job for job in schedule.JOBS if job.name == "import_files_purge")
    assert schedule.run_due(now=at, jobs=purge) == ["import_files_purge"]

    old.refresh_from_db()
    assert not os.path.exists(old.file_path) and old.purged_at and not old.error_file
    assert old.summary["invalid"] == 1 and old.rows  # the result stays
    assert ChangeLogEntry.unscoped.filter(object_id=str(old.pk), after__purged_at__isnull=False).exists()
    assert os.path.exists(new.file_path) and ImportJob.unscoped.get(pk=new.pk).purged_at is None
    page = client.get(reverse("exchange:detail", args=[old.pk])).content.decode()
    assert "Tệp đã tải lên được xóa ngày" in page and "lưu tối đa 30 ngày" in page
    assert 'data-testid="error-file"' not in page


def test_the_default_retention_is_thirty_days():
    from canbo.settings import CANBO_IMPORT_RETENTION_DAYS

    assert CANBO_IMPORT_RETENTION_DAYS == 30
