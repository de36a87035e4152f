"""Periodic jobs, run by `canbo worker` beside the task queue (django-tasks has no periodic tasks).

A job runs once a day from its hour, local time (`TIME_ZONE`). Every minute the worker's scheduler
thread calls `run_due()`: a job is due when that hour has come today and no run is recorded for
today. The run is claimed by inserting a `PeriodicRun` row, unique per job and day, before the job
starts: a second worker's insert fails and it skips the job, a worker restarted later that day
finds the row. A worker that was stopped at the hour catches up when it starts again that day.

Jobs: `gaps_recompute` queues the full `canbo gaps recompute` (grace periods end and rules take
effect with the date, not with an edit) at `CANBO_GAPS_RECOMPUTE_HOUR` (default 2, i.e. 02:00);
`import_files_purge` deletes uploaded import files older than `CANBO_IMPORT_RETENTION_DAYS` at
`CANBO_IMPORT_PURGE_HOUR` (default 3); `login_attempts_purge` deletes the log-in security log
older than `CANBO_LOGIN_LOG_RETENTION_DAYS` (default 365) at `CANBO_LOGIN_LOG_PURGE_HOUR` (default 3).

Sweeps run at every tick (and when the worker starts), not once a day: `import_jobs_expire` marks
failed the imports whose worker died (their lease ran out), so no job shows "running" for ever.
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.db.models import Max
from django.utils import timezone

logger = logging.getLogger("canbo.schedule")

TICK_SECONDS = 60


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    hour_setting: str  # the setting holding the local hour (0–23) from which the job is due
    run: Callable[[], object]

    @property
    def hour(self) -> int:
        return getattr(settings, self.hour_setting)


def _gaps_recompute() -> object:
    """The nightly full recompute, as `canbo gaps recompute` queues it (progress on the rule list)."""
    from canbo.standards.tasks import recompute_gaps

    return recompute_gaps.enqueue(unit_code="")


def _import_files_purge() -> object:
    from canbo.exchange.services import import_files_purge

    return import_files_purge()


def _login_attempts_purge() -> object:
    """A year of log-in attempts (the default) is kept for audits; nothing older, for nothing."""
    from canbo.accounts.services import login_attempts_purge

    return login_attempts_purge()


JOBS: tuple[PeriodicJob, ...] = (
    PeriodicJob("gaps_recompute", "CANBO_GAPS_RECOMPUTE_HOUR", _gaps_recompute),
    PeriodicJob("import_files_purge", "CANBO_IMPORT_PURGE_HOUR", _import_files_purge),
    PeriodicJob("login_attempts_purge", "CANBO_LOGIN_LOG_PURGE_HOUR", _login_attempts_purge),
)


def _import_jobs_expire() -> object:
    from canbo.exchange.services import import_jobs_expire

    return import_jobs_expire()


SWEEPS: tuple[Callable[[], object], ...] = (_import_jobs_expire,)


def sweep() -> None:
    """Every sweep once; one failing does not stop the others (logged, tried again next tick)."""
    for run in SWEEPS:
        try:
            run()
        except Exception:
            logger.exception("sweep %s failed", run.__name__)


def is_due(*, hour: int, now: datetime.datetime, last_day: datetime.date | None) -> bool:
    """Due when `now` (local time) is at or past `hour` and the job has not run today."""
    local = timezone.localtime(now)
    return local.hour >= hour and (last_day is None or last_day < local.date())


def last_run_day(name: str) -> datetime.date | None:
    from canbo.core.models import PeriodicRun

    return PeriodicRun.objects.filter(name=name).aggregate(day=Max("day"))["day"]


def run_due(*, now: datetime.datetime | None = None, jobs: tuple[PeriodicJob, ...] | None = None) -> list[str]:
    """Run the jobs due at `now` (default: the current time) once each; the names of those run."""
    from canbo.core.models import PeriodicRun

    now = now or timezone.now()
    day = timezone.localtime(now).date()
    ran = []
    for job in JOBS if jobs is None else jobs:
        if not is_due(hour=job.hour, now=now, last_day=last_run_day(job.name)):
            continue
        try:
            with transaction.atomic():
                run = PeriodicRun.objects.create(name=job.name, day=day, started_at=timezone.now())
        except IntegrityError:
            continue  # another worker claimed today's run a moment ago
        logger.info("periodic job %s: started for %s", job.name, day)
        try:
            job.run()
        except Exception as exc:  # recorded on the row; the job is not retried the same day
            logger.exception("periodic job %s failed", job.name)
            PeriodicRun.objects.filter(pk=run.pk).update(finished_at=timezone.now(), error=repr(exc)[:500])
        else:
            PeriodicRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
        ran.append(job.name)
    return ran


class Scheduler(threading.Thread):
    """The worker's scheduler: the sweeps and `run_due()` (unless `periodic` is off) at start and
    then every `interval` seconds."""

    def __init__(self, interval: float = TICK_SECONDS, *, periodic: bool = True):
        super().__init__(name="canbo-scheduler", daemon=True)
        self.interval = interval
        self.periodic = periodic
        self.stopped = threading.Event()

    def tick(self) -> None:
        close_old_connections()
        try:
            sweep()
            if self.periodic:
                run_due()
        except Exception:  # the database may be away for a moment; try again at the next tick
            logger.exception("periodic jobs: check failed")
        finally:
            close_old_connections()

    def run(self) -> None:
        while not self.stopped.is_set():
            self.tick()
            self.stopped.wait(self.interval)

    def stop(self) -> None:
        self.stopped.set()
