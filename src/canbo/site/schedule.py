"""The worker's periodic jobs and sweeps: which apps' work runs on a timer (the machinery, once a
day per job and claimed by one worker, is canbo.core.schedule).

Jobs: `gaps_recompute` queues the full `canbo gaps recompute` (grace periods end and rules take
effect with the date, not with an edit) at `CANBO_GAPS_RECOMPUTE_HOUR` (default 2, i.e. 02:00);
`import_files_purge` deletes uploaded import files (and proposal runs) older than `CANBO_IMPORT_RETENTION_DAYS` at
`CANBO_IMPORT_PURGE_HOUR` (default 3); `login_attempts_purge` deletes the log-in security log
older than `CANBO_LOGIN_LOG_RETENTION_DAYS` (default 365) at `CANBO_LOGIN_LOG_PURGE_HOUR` (default 3).

Sweeps run at every tick (and when the worker starts), not once a day: `import_jobs_expire` marks
failed the imports whose worker died (their lease ran out), so no job shows "running" for ever.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from canbo.core import schedule
from canbo.core.schedule import PeriodicJob


def _gaps_recompute() -> object:
    """The nightly full recompute, as `canbo gaps recompute` queues it (progress on the rule list)."""
    from canbo.standards.tasks import recompute_gaps

    return recompute_gaps.enqueue(unit_code="")


def _import_files_purge() -> object:
    """Uploaded import files, the files of background exports and the training proposals' runs,
    past their retention."""
    from canbo.exchange.exports import export_files_purge
    from canbo.exchange.services import import_files_purge
    from canbo.plans.propose import runs_purge

    export_files_purge()
    runs_purge()
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
    """Every sweep of the list once (see canbo.core.schedule.sweep)."""
    schedule.sweep(SWEEPS)


def run_due(*, now: datetime.datetime | None = None, jobs: tuple[PeriodicJob, ...] | None = None) -> list[str]:
    """The jobs of the list (or `jobs`) due at `now`, run once each; the names of those run."""
    return schedule.run_due(jobs=JOBS if jobs is None else jobs, now=now)


def scheduler(*, periodic: bool = True) -> schedule.Scheduler:
    """The worker's scheduler thread for these jobs and sweeps."""
    return schedule.Scheduler(jobs=JOBS, sweeps=SWEEPS, periodic=periodic)
