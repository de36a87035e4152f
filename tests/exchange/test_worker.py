"""A real `canbo worker` process picks up an import queued by the web side (database task queue)."""

import os
import signal
import subprocess
import sys

import openpyxl

ENQUEUE = """
import datetime
from canbo.core.context import acting_as
from canbo.orgs import services
from canbo.exchange.models import ImportJob
from canbo.exchange.tasks import validate_import
with acting_as(None):
    unit = services.unit_create(
        code="P", name="Tỉnh", kind="province", parent=None, valid_from=datetime.date(2004, 1, 1)
    )
job = ImportJob.unscoped.create(unit=unit, file_name="ds.xlsx", file_path={path!r}, status="validating")
validate_import.enqueue(str(job.pk))
print(job.pk)
"""

STATUS = """
from canbo.exchange.models import ImportJob
job = ImportJob.unscoped.get()
print(job.status, job.summary.get("valid"), job.summary.get("invalid"))
"""


def _canbo(env, *args):
    return subprocess.run([sys.executable, "-m", "canbo", *args], env=env, capture_output=True, text=True, timeout=300)


def test_a_worker_process_validates_a_queued_import(tmp_path):
    path = tmp_path / "ds.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Họ và tên", "Năm sinh"])
    wb.active.append(["Lò Văn Một", 1980])
    wb.active.append(["Lò Văn Hai", "năm ngoái"])
    wb.save(path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CANBO_") and k != "DJANGO_SETTINGS_MODULE"}
    env.pop("DATABASE_URL", None)
    env.update(CANBO_DEBUG="1", CANBO_VAR_DIR=str(tmp_path / "var"))
    assert _canbo(env, "migrate", "-v0").returncode == 0
    queued = _canbo(env, "shell", "-v", "0", "-c", ENQUEUE.format(path=str(path)))
    assert queued.returncode == 0, queued.stderr
    assert _canbo(env, "shell", "-v", "0", "-c", STATUS).stdout.split()[0] == "validating"
    worker = _canbo(env, "worker", "--batch")
    assert worker.returncode == 0, worker.stderr
    assert _canbo(env, "shell", "-v", "0", "-c", STATUS).stdout.split() == ["validated", "1", "1"]


QUEUE_COMMIT = """
import datetime
from canbo.core.context import acting_as
from canbo.orgs import services
from canbo.exchange.models import ImportJob
from canbo.exchange.tasks import commit_import
with acting_as(None):
    unit = services.unit_create(
        code="P", name="Tỉnh", kind="province", parent=None, valid_from=datetime.date(2004, 1, 1)
    )
job = ImportJob.unscoped.create(unit=unit, file_name="ds.xlsx", file_path={path!r}, status="importing")
ImportJob.unscoped.filter(pk=job.pk).update(task_id=str(commit_import.enqueue(str(job.pk)).id))
"""

STATE = """
from canbo.exchange.models import ImportJob
from canbo.people.models import Person
from django_tasks_db.models import DBTaskResult
job = ImportJob.unscoped.get()
tasks = ",".join(DBTaskResult.objects.order_by("enqueued_at").values_list("status", flat=True))
print(job.status, tasks, Person.unscoped.count(), job.retry_status or "-", sep="|")
print(job.failure)
"""

RETRY = """
from canbo.core.context import acting_as
from canbo.exchange import services
from canbo.exchange.models import ImportJob
with acting_as(None):
    services.import_job_retry(job=ImportJob.unscoped.get())
"""


def test_a_worker_killed_during_the_write_leaves_a_failed_job_that_a_retry_finishes(tmp_path):
    """A real `canbo worker` is killed (SIGKILL) while it holds the write transaction open; the
    restarted worker finds the job's lease expired, marks job and task failed (nothing written),
    and the retry queued from the job's service writes the file."""
    path = tmp_path / "ds.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Họ và tên", "Năm sinh"])
    wb.active.append(["Lò Văn Một", 1980])
    wb.active.append(["Lò Văn Hai", 1981])
    wb.save(path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CANBO_") and k != "DJANGO_SETTINGS_MODULE"}
    env.pop("DATABASE_URL", None)
    env.update(CANBO_DEBUG="1", CANBO_VAR_DIR=str(tmp_path / "var"))
    assert _canbo(env, "migrate", "-v0").returncode == 0
    queued = _canbo(env, "shell", "-v", "0", "-c", QUEUE_COMMIT.format(path=str(path)))
    assert queued.returncode == 0, queued.stderr

    paused = dict(env, CANBO_IMPORT_PROGRESS_PAUSE="300")
    worker = subprocess.Popen(
        [sys.executable, "-m", "canbo", "worker", "--batch", "--no-schedule"],
        env=paused,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in worker.stderr:  # the worker says when it sleeps inside the write
            if "CANBO_IMPORT_PROGRESS_PAUSE" in line:
                break
        else:
            raise AssertionError("the worker ended without reaching the write")
        state = _canbo(env, "shell", "-v", "0", "-c", STATE).stdout.splitlines()
        assert state[0] == "importing|RUNNING|0|-"  # the new people are inserted but not committed
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=60)
    finally:
        worker.kill()
        worker.stderr.close()

    assert _canbo(env, "shell", "-v", "0", "-c", STATE).stdout.splitlines()[0] == "importing|RUNNING|0|-"
    restarted = _canbo(dict(env, CANBO_TASK_LEASE_SECONDS="0"), "worker", "--batch", "--no-schedule")
    assert restarted.returncode == 0, restarted.stderr
    state = _canbo(env, "shell", "-v", "0", "-c", STATE).stdout.splitlines()
    assert state[0] == "failed|FAILED|0|importing"
    assert state[1].startswith("Tác vụ bị gián đoạn (máy chủ khởi động lại); chưa có dữ liệu nào được ghi.")

    retried = _canbo(env, "shell", "-v", "0", "-c", RETRY)
    assert retried.returncode == 0, retried.stderr
    assert _canbo(env, "worker", "--batch", "--no-schedule").returncode == 0
    state = _canbo(env, "shell", "-v", "0", "-c", STATE).stdout.splitlines()
    assert state[0] == "done|FAILED,SUCCESSFUL|2|-"
