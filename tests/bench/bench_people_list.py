"""Benchmark: the people list over 2,000,000 persons on PostgreSQL (first, deep, filtered pages).

Run: `.venv/bin/python -m tests.bench.bench_people_list [PEOPLE]` (synthesises the population once
into the bench database, then times the real view through Django's test client, server side).
"""

from __future__ import annotations

import os
import statistics
import sys
import time

from tests.bench.common import ensure_population, machine, setup_django


def time_view(client, url: str, runs: int = 15) -> tuple[float, float, float, float]:
    """(median, max) wall time, and median CPU time of this process (Python: middleware, ORM,
    template) and median time in SQL, per request, in ms.

    The machine is shared: under load the wall time includes waiting for a core, the CPU time
    does not, so both are printed (and `uptime` with them).
    """
    from django.db import connection

    client.get(url)  # warm caches
    samples, cpu, sql = [], [], []
    for _ in range(runs):
        queries: list[float] = []

        def timed(execute, query, params, many, context, queries=queries):
            started = time.perf_counter()
            try:
                return execute(query, params, many, context)
            finally:
                queries.append(time.perf_counter() - started)

        started, cpu_started = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(timed):
            response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        sql.append(sum(queries) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples), max(samples), statistics.median(cpu), statistics.median(sql)


def main(count: int = 2_000_000) -> None:
    setup_django()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    ensure_population(count)
    from canbo.accounts.models import User
    from canbo.people.models import Person

    client = Client()
    client.force_login(User.objects.get(username="sonoivu"))
    middle = Person.unscoped.order_by("name_key", "id").values_list("name_key", "id")[count // 2]
    from canbo.people.selectors import _encode

    deep = _encode(*middle)
    cases = {
        "first page, whole province": "/people/",
        "deep page (cursor at the middle)": f"/people/?after={deep}",
        "filtered: one commune's subtree": "/people/?unit=DB-THANHNUA",
        "filtered: Đại học or higher": "/people/?ladder=professional&level=dai_hoc&at_least=1",
        "filtered: women, ethnic minorities, Party members": "/people/?gender=female&ethnicity=minority&party=1",
        "search by name (no diacritics)": "/people/?q=lo+thi+van",
        "search by name, with diacritics": "/people/?q=L%C3%B2+Th%E1%BB%8B+V%C3%A2n",
        "search by a given name inside names ('vân anh')": "/people/?q=v%C3%A2n+anh",
        "search by a family name ('giang')": "/people/?q=gi%C3%A0ng",
        "search inside names, near the sort/walk switch ('van quang')": "/people/?q=van+quang",
        "search inside names, rare ('thi thom')": "/people/?q=thi+thom",
        "search by ID number prefix": "/people/?q=0111880",
    }
    print("machine:", machine())
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print("people:", Person.unscoped.count())
    for label, url in cases.items():
        median, worst, cpu, sql = time_view(client, url)
        print(
            f"{label:52s} median {median:6.1f} ms  max {worst:6.1f} ms  "
            f"(Python CPU {cpu:5.1f} ms, SQL wall {sql:5.1f} ms)"
        )
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
