"""Periodic jobs, run by `canbo worker` beside the task queue (django-tasks has no periodic tasks).

This is the machinery; which jobs and sweeps exist is the site's list (canbo/site/schedule.py),
since they belong to the apps and the kernel imports none of them.

A job runs once a day from its hour, local time (`TIME_ZONE`). Every minute the worker's scheduler
thread calls `run_due()`: a job is due when that hour has come today and no run is recorded for
today. The run is claimed by inserting a `PeriodicRun` row, unique per job and day, before the job
starts: a second worker's insert fails and it skips the job, a worker restarted later that day
finds the row. A worker that was stopped at the hour catches up when it starts again that day.

Sweeps run at every tick (and when the worker starts), not once a day.
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Callable, Iterable
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


def sweep(sweeps: Iterable[Callable[[], object]]) -> None:
    """Every sweep once; one failing does not stop the others (logged, tried again next tick)."""
    for run in sweeps:
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


def run_due(*, jobs: Iterable[PeriodicJob], now: datetime.datetime | None = None) -> list[str]:
    """Run the `jobs` due at `now` (default: the current time) once each; the names of those run."""
    from canbo.core.models import PeriodicRun

    now = now or timezone.now()
    day = timezone.localtime(now).date()
    ran = []
    for job in jobs:
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
    """The worker's scheduler: the sweeps and `run_due()` of the jobs (unless `periodic` is off)
    at start and then every `interval` seconds."""

    def __init__(
        self,
        *,
        jobs: Iterable[PeriodicJob],
        sweeps: Iterable[Callable[[], object]],
        interval: float = TICK_SECONDS,
        periodic: bool = True,
    ):
        super().__init__(name="canbo-scheduler", daemon=True)
        self.jobs = tuple(jobs)
        self.sweeps = tuple(sweeps)
        self.interval = interval
        self.periodic = periodic
        self.stopped = threading.Event()

    def tick(self) -> None:
        close_old_connections()
        try:
            sweep(self.sweeps)
            if self.periodic:
                run_due(jobs=self.jobs)
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
