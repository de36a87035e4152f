"""Shared set-up of the benchmarks: a PostgreSQL database of their own, Django configured for it."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH_DB = os.environ.get("CANBO_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/canbo_bench")


def setup_django(database_url: str = BENCH_DB, *, immediate_tasks: bool = True) -> None:
    """Django on the bench database. `immediate_tasks=False` queues background tasks as production
    does (for the worker), so an import is timed without the work other apps do after it."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("CANBO_DEBUG", "1")
    os.environ["CANBO_TASKS_IMMEDIATE"] = "1" if immediate_tasks else "0"
    os.environ["CANBO_ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    os.environ["DJANGO_SETTINGS_MODULE"] = "canbo.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def ensure_population(count: int) -> None:
    """The demo province plus synthetic people up to `count` (once per bench database), then
    VACUUM ANALYZE: VACUUM sets the visibility map after COPY, which index-only scans need
    (otherwise every page also reads the heap); ANALYZE gives the planner the counts."""
    from django.core.management import call_command
    from django.db import connection

    from canbo.orgs.models import Unit
    from canbo.people.models import Person

    if not Unit.unscoped.filter(code="DB-THANHNUA").exists():
        call_command("demo", demo_accounts=True)
    have = Person.unscoped.count()
    if have < count:
        call_command("synth", "people", count=count - have, seed=99, no_log=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE people_person")
        cursor.execute("ANALYZE")


def recreate_database(database_url: str = BENCH_DB) -> None:
    name = database_url.rsplit("/", 1)[1]
    base = database_url.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", base, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run(["psql", base, "-qc", f"CREATE DATABASE {name}"], check=True)


def machine() -> str:
    cpu = ""
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), "")
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}, Python {platform.python_version()}"


@contextmanager
def timer(label: str, results: dict):
    started = time.perf_counter()
    yield
    results[label] = time.perf_counter() - started


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
