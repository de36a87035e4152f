"""A long people export runs as a background task (here inline, CANBO_TASKS_IMMEDIATE as in the
rest of the suite): the export link shows how many people and a button, the job page its progress
and then the download, whose rows are the filtered list; a short list still downloads at once."""

import io
import uuid

import openpyxl
from django.test import override_settings
from django.urls import reverse

from canbo.exchange.models import ExportJob


def _names(content: bytes) -> list[str]:
    ws = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    name_col = next(i for i, text in enumerate(rows[0]) if text and "Họ" in str(text))
    return sorted(r[name_col] for r in rows[1:])


@override_settings(CANBO_EXPORT_INLINE_ROWS=1)
def test_a_long_export_is_prepared_in_the_background_then_downloaded(login, people):
    client = login("officer_a")
    page = client.get(reverse("people:export"), {"unit": "P-THANHNUA"})
    html = page.content.decode()
    assert page.status_code == 200 and "Danh sách có 2 người" in html
    started = client.post(reverse("people:export_start"), {"query": "unit=P-THANHNUA"})
    job = ExportJob.objects.get()
    assert started["Location"] == reverse("people:export_job", args=[job.pk])
    assert (job.user.username, job.status, job.total_rows, job.processed_rows) == ("officer_a", "done", 2, 2)
    job_page = client.get(started["Location"]).content.decode()
    assert "Tệp đã sẵn sàng: 2 người." in job_page
    assert reverse("people:export_file", args=[job.pk]) in job_page
    progress = client.get(reverse("people:export_progress", args=[job.pk])).content.decode()
    assert "hx-trigger" not in progress  # polling stops once the file is ready
    download = client.get(reverse("people:export_file", args=[job.pk]))
    assert download["Content-Disposition"].startswith('attachment; filename="danh-sach-can-bo-')
    assert _names(b"".join(download.streaming_content)) == ["Lò Thị Vân", "Lò Văn Minh"]


@override_settings(CANBO_EXPORT_INLINE_ROWS=1)
def test_a_running_export_shows_its_progress_and_keeps_polling(login, people):
    client = login("officer_a")
    job = ExportJob.objects.create(user=_user("officer_a"), status="running")
    ExportJob.objects.filter(pk=job.pk).update(total_rows=2000, processed_rows=500)
    html = client.get(reverse("people:export_progress", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in html and 'data-width="25"' in html and "500/2.000 người" in html
    assert client.get(reverse("people:export_file", args=[job.pk])).status_code == 404


def _user(username):
    from canbo.accounts.models import User

    return User.objects.get(username=username)


@override_settings(CANBO_EXPORT_INLINE_ROWS=1)
def test_an_export_job_is_its_users_only(login, people):
    login("officer_a").post(reverse("people:export_start"), {"query": "unit=P-THANHNUA"})
    job = ExportJob.objects.get()
    other = login("officer_b")
    for name in ("people:export_job", "people:export_progress", "people:export_file"):
        assert other.get(reverse(name, args=[job.pk])).status_code == 404
    assert other.get(reverse("people:export_job", args=[uuid.uuid4()])).status_code == 404


def test_a_short_list_still_downloads_at_once(login, people):
    response = login("officer_a").get(reverse("people:export"), {"unit": "P-THANHNUA"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert _names(b"".join(response.streaming_content)) == ["Lò Thị Vân", "Lò Văn Minh"]
    assert not ExportJob.objects.exists()


@override_settings(CANBO_EXPORT_INLINE_ROWS=1)
def test_old_export_files_are_purged(login, people, settings):
    import datetime
    import os

    from django.utils import timezone

    from canbo.exchange.exports import export_files_purge

    login("officer_a").post(reverse("people:export_start"), {"query": "unit=P-THANHNUA"})
    job = ExportJob.objects.get()
    assert export_files_purge(now=timezone.now()) == 0
    later = timezone.now() + datetime.timedelta(days=settings.CANBO_IMPORT_RETENTION_DAYS + 1)
    assert export_files_purge(now=later) == 1
    assert not ExportJob.objects.exists()
    assert not os.path.exists(job.file_path)
