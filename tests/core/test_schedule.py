"""The worker's periodic jobs (the machinery in core/schedule.py, the list in site/schedule.py):
when a job is due, that it runs once a day however many workers ask, and that the nightly job
queues the full gap recompute; then a real `canbo worker` process doing it."""

import datetime
import os
import subprocess
import sys
import zoneinfo

import pytest
from django.db import IntegrityError

from canbo.core import schedule
from canbo.core.models import PeriodicRun
from canbo.site import schedule as site_schedule

LOCAL = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = datetime.date(2026, 12, 2)
YESTERDAY = TODAY - datetime.timedelta(days=1)


def at(hour, minute=0, day=TODAY):
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL)


@pytest.mark.parametrize(
    "now, last_day, due",
    [
        (at(1, 59), None, False),  # not yet the hour
        (at(1, 59), YESTERDAY, False),
        (at(2, 0), None, True),  # never ran
        (at(2, 0), YESTERDAY, True),
        (at(2, 0), TODAY, False),  # already ran today
        (at(23, 30), TODAY, False),
        (at(23, 30), YESTERDAY, True),  # the worker was stopped at 02:00: it catches up
        (at(0, 30), YESTERDAY, False),  # past midnight, before the hour: today's run is not due yet
    ],
)
def test_a_job_is_due_from_its_hour_once_a_day(now, last_day, due):
    assert schedule.is_due(hour=2, now=now, last_day=last_day) is due


def test_the_hour_is_local_time_not_utc():
    # 19:30 UTC on 1 December is 02:30 on 2 December in Vietnam (UTC+7).
    now = datetime.datetime(2026, 12, 1, 19, 30, tzinfo=datetime.UTC)
    assert schedule.is_due(hour=2, now=now, last_day=YESTERDAY)
    assert not schedule.is_due(hour=2, now=now, last_day=TODAY)
    assert not schedule.is_due(hour=3, now=now, last_day=YESTERDAY)


@pytest.fixture
def job(settings):
    settings.CANBO_TEST_HOUR = 2
    calls = []
    return schedule.PeriodicJob("test_job", "CANBO_TEST_HOUR", lambda: calls.append(1)), calls


def test_run_due_runs_a_due_job_once_and_records_the_day(db, job):
    job, calls = job
    assert schedule.run_due(now=at(1, 0), jobs=(job,)) == []
    assert schedule.run_due(now=at(2, 1), jobs=(job,)) == ["test_job"]
    assert schedule.run_due(now=at(2, 2), jobs=(job,)) == []  # a second worker, or a restart
    assert schedule.run_due(now=at(22, 0), jobs=(job,)) == []
    assert len(calls) == 1
    run = PeriodicRun.objects.get()
    assert (run.name, run.day, run.error) == ("test_job", TODAY, "") and run.finished_at is not None
    assert schedule.run_due(now=at(2, 0, day=TODAY + datetime.timedelta(days=1)), jobs=(job,)) == ["test_job"]
    assert len(calls) == 2 and schedule.last_run_day("test_job") == TODAY + datetime.timedelta(days=1)


def test_a_run_claimed_by_another_worker_in_between_is_skipped(db, job, monkeypatch):
    job, calls = job
    # Both workers saw no run for today; the other one inserted its claim first.
    monkeypatch.setattr(schedule, "last_run_day", lambda name: None)
    PeriodicRun.objects.create(name="test_job", day=TODAY, started_at=at(2, 0))
    assert schedule.run_due(now=at(2, 0), jobs=(job,)) == []
    assert calls == []
    with pytest.raises(IntegrityError):  # the claim is the unique row, on both databases
        PeriodicRun.objects.create(name="test_job", day=TODAY, started_at=at(2, 0))


def test_a_failed_run_is_recorded_and_not_repeated_the_same_day(db, settings):
    settings.CANBO_TEST_HOUR = 2

    def boom():
        raise RuntimeError("máy chủ cơ sở dữ liệu bận")

    failing = schedule.PeriodicJob("failing", "CANBO_TEST_HOUR", boom)
    assert schedule.run_due(now=at(2, 0), jobs=(failing,)) == ["failing"]
    assert "máy chủ cơ sở dữ liệu bận" in PeriodicRun.objects.get().error
    assert schedule.run_due(now=at(3, 0), jobs=(failing,)) == []


def test_the_nightly_job_queues_the_full_gap_recompute_at_the_configured_hour(db, settings, monkeypatch):
    from canbo.standards import engine

    calls = []
    monkeypatch.setattr(engine, "recompute_all", lambda progress=None: calls.append("all") or 0)
    monkeypatch.setattr(engine, "recompute_subtree", lambda **kw: calls.append("subtree") or 0)
    settings.CANBO_GAPS_RECOMPUTE_HOUR = 4
    settings.CANBO_IMPORT_PURGE_HOUR = settings.CANBO_LOGIN_LOG_PURGE_HOUR = 23  # out of the way of this test's hours
    assert site_schedule.run_due(now=at(3, 59)) == []
    assert site_schedule.run_due(now=at(4, 0)) == ["gaps_recompute"]
    assert calls == ["all"]  # the task ran at once (tests run tasks immediately): a full recompute
    assert site_schedule.run_due(now=at(5, 0)) == []
    assert calls == ["all"]


def test_the_default_hour_is_two_oclock(settings):
    from canbo.settings import CANBO_GAPS_RECOMPUTE_HOUR

    assert CANBO_GAPS_RECOMPUTE_HOUR == 2
    settings.CANBO_GAPS_RECOMPUTE_HOUR = 3
    assert {job.name: job.hour for job in site_schedule.JOBS} == {
        "gaps_recompute": 3,
        "import_files_purge": 3,
        "login_attempts_purge": 3,
    }


def _canbo(env, *args):
    return subprocess.run([sys.executable, "-m", "canbo", *args], env=env, capture_output=True, text=True, timeout=300)


STATE = """
from canbo.core.models import PeriodicRun
from canbo.standards.models import GapState
from django_tasks_db.models import DBTaskResult
print(PeriodicRun.objects.filter(name="gaps_recompute", finished_at__isnull=False).count(),
      DBTaskResult.objects.filter(task_path__endswith="recompute_gaps", status="SUCCESSFUL").count(),
      GapState.objects.filter(computed_at__isnull=False).count())
"""


def test_a_worker_process_runs_the_nightly_recompute_once_a_day(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CANBO_") and k != "DJANGO_SETTINGS_MODULE"}
    env.pop("DATABASE_URL", None)
    env.update(CANBO_DEBUG="1", CANBO_VAR_DIR=str(tmp_path / "var"), CANBO_GAPS_RECOMPUTE_HOUR="0")
    assert _canbo(env, "migrate", "-v0").returncode == 0
    skipped = _canbo(env, "worker", "--batch", "--no-schedule")  # first, on the fresh database
    assert skipped.returncode == 0, skipped.stderr
    assert _canbo(env, "shell", "-v", "0", "-c", STATE).stdout.split() == ["0", "0", "0"]
    for _ in range(2):  # the second worker (or a restart) finds today's run and does not repeat it
        worker = _canbo(env, "worker", "--batch")
        assert worker.returncode == 0, worker.stderr
        state = _canbo(env, "shell", "-v", "0", "-c", STATE)
        assert state.stdout.split() == ["1", "1", "1"], state.stderr


def test_an_hour_outside_the_day_stops_start_up(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CANBO_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update(CANBO_DEBUG="1", CANBO_VAR_DIR=str(tmp_path), CANBO_GAPS_RECOMPUTE_HOUR="24")
    result = _canbo(env, "check")
    assert result.returncode != 0 and "CANBO_GAPS_RECOMPUTE_HOUR" in result.stderr
