"""Benchmark: the gap engine over 2,000,000 persons on PostgreSQL.

Run: `.venv/bin/python -m tests.bench.bench_gaps [PEOPLE]` (or `make bench-gaps`). Uses its own
database (CANBO_BENCH_GAPS_DATABASE_URL, default canbo_bench_standards), synthesises the population
once with `canbo synth people`, links the synthetic titles to the catalogue, then times
- the full recompute (`canbo gaps recompute --now`: one INSERT … SELECT and the summaries),
- the incremental update after one person's change (the PEOPLE_CHANGED hook alone, and the whole
  qualification_add service call that triggers it),
- the province subtree's standardisation rate (the selector, and the page through the test client).
"""

from __future__ import annotations

import datetime
import os
import statistics
import subprocess
import sys
import time

from tests.bench.common import ensure_population, machine, setup_django

DB = os.environ.get("CANBO_BENCH_GAPS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/canbo_bench_standards")


def backend_cpu() -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL backend (local server only): on a
    shared machine the wall time mostly measures the queue for the CPU, this the work itself."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def samples(fn, runs: int = 20) -> tuple[float, float]:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def main(count: int = 2_000_000) -> None:
    setup_django(DB)
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client

    call_command("migrate", verbosity=0)
    ensure_population(count)
    from canbo.accounts.models import User
    from canbo.core.context import acting_as
    from canbo.core.dates import today
    from canbo.orgs.models import Unit
    from canbo.people import services as people_services
    from canbo.people.models import Assignment, Level, Person
    from canbo.standards import engine, selectors, services
    from canbo.standards.models import Gap

    print("machine:", machine())
    print("date:", datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"))
    print("load before:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    print(
        "people:",
        Person.unscoped.count(),
        "main assignments open:",
        Assignment.unscoped.filter(is_main=True, end_date__isnull=True).count(),
    )
    with acting_as(None, origin="command", label="bench_gaps"):
        if not Assignment.unscoped.filter(catalog_title__isnull=False).exists():
            started = time.perf_counter()
            with transaction.atomic():
                linked = services.link_catalogue()
            print(f"linked {linked} assignments to the catalogue in {time.perf_counter() - started:.1f} s")
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        cpu_before = backend_cpu()
        started = time.perf_counter()
        rows = engine.recompute_all()
        full = time.perf_counter() - started
        cpu_after = backend_cpu()
        cpu = f", database backend CPU {cpu_after - cpu_before:.1f} s" if cpu_before is not None else ""
        print(f"full recompute: {rows} gap rows in {full:.1f} s{cpu} (target < 120 s)")

        person = Person.unscoped.filter(unit__code="DB-THANHNUA").order_by("pk").first()
        hook = samples(lambda: engine.recompute_people([person.pk]))
        print(f"incremental, hook alone (one person): median {hook[0]:.1f} ms, max {hook[1]:.1f} ms (target < 50 ms)")
        level = Level.objects.get(ladder__code="politics", code="so_cap")

        def one_change():
            with transaction.atomic():
                people_services.qualification_add(person=person, level=level, year=2020)
                transaction.set_rollback(True)

        change = samples(one_change)
        print(
            f"incremental, qualification_add service with the hook: median {change[0]:.1f} ms, max {change[1]:.1f} ms"
        )

        province = Unit.unscoped.get(code="DB")
        rate = samples(lambda: selectors.unit_rates(user=None, unit=province, day=today()))
        print(f"province subtree rate (selector): median {rate[0]:.1f} ms, max {rate[1]:.1f} ms (target < 100 ms)")
        needs = samples(lambda: selectors.needs_by_kind(user=None, unit=province, day=today()))
        print(f"province needs_by_kind: median {needs[0]:.1f} ms, max {needs[1]:.1f} ms")
    client = Client()
    client.force_login(User.objects.get(username="sonoivu"))
    page = samples(lambda: client.get("/standards/units/DB/"), runs=10)
    print(f"province page /standards/units/DB/: median {page[0]:.1f} ms, max {page[1]:.1f} ms")
    with acting_as(None, origin="command", label="bench_gaps"):
        rows_after = Gap.objects.count()
        assert rows_after == rows, (rows_after, rows)
    print("load after:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
