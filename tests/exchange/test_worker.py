"""A real `canbo worker` process picks up an import queued by the web side (database task queue)."""

import os
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
