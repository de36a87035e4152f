"""Plan vs actual and the dashboard over 3,000,000 people and 20,000,000 enrolments (PostgreSQL).

    python -m tests.bench.bench_plans --generate   # once: a national tree, people, classes, plans
    python -m tests.bench.bench_plans              # the timings, each beside hand-written SQL

The database is canbo_bench_plans (CANBO_BENCH_PLANS_DATABASE_URL). Generation writes with COPY
(`canbo synth people`, `canbo synth training`) and takes a long while; the timings reuse it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import time

from tests.bench.common import machine, recreate_database, setup_django

DB = os.environ.get("CANBO_BENCH_PLANS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/canbo_bench_plans")
# Scale (smaller for a trial run of the script itself).
PROVINCES = int(os.environ.get("BENCH_PROVINCES", 34))
COMMUNES = int(os.environ.get("BENCH_COMMUNES", 98))
DEPARTMENTS = 15
PEOPLE = int(os.environ.get("BENCH_PEOPLE", 3_000_000))
ENROLMENTS = int(os.environ.get("BENCH_ENROLMENTS", 20_000_000))
YEARS = "2022-2025"
YEAR = 2024


def generate() -> None:
    recreate_database(DB)
    setup_django(DB)
    from django.core.management import call_command

    from canbo.core.context import acting_as
    from canbo.orgs import services
    from canbo.people import services as people_services

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    # The gap engine's hook would recompute standards for every synthetic batch; these benchmarks
    # measure plans, so the people are written without it (gaps stay uncomputed in this database).
    people_services.PEOPLE_CHANGED_HOOKS.clear()
    d = datetime.date(2025, 7, 1)
    with acting_as(None, origin="command", label="bench_plans"):
        nation = services.unit_create(code="VN", name="Cả nước (giả lập)", kind="province", parent=None, valid_from=d)
        for p in range(1, PROVINCES + 1):
            province = services.unit_create(
                code=f"T{p:02d}", name=f"Tỉnh {p:02d}", kind="province", parent=nation, valid_from=d
            )
            for i in range(1, DEPARTMENTS + 1):
                services.unit_create(
                    code=f"T{p:02d}-S{i:02d}",
                    name=f"Sở {i:02d} tỉnh {p:02d}",
                    kind="department",
                    parent=province,
                    valid_from=d,
                )
            for i in range(1, COMMUNES + 1):
                services.unit_create(
                    code=f"T{p:02d}-X{i:03d}",
                    name=f"Xã {i:03d} tỉnh {p:02d}",
                    kind="commune",
                    parent=province,
                    valid_from=d,
                )
    print(f"units: {time.perf_counter() - started:.0f} s", flush=True)
    call_command("synth", "people", "--count", str(PEOPLE), "--unit", "VN", "--no-log", "--seed", "6")
    print(f"people: {time.perf_counter() - started:.0f} s", flush=True)
    call_command("synth", "training", "--enrolments", str(ENROLMENTS), "--unit", "VN", "--years", YEARS, "--seed", "6")
    print(f"training: {time.perf_counter() - started:.0f} s", flush=True)
    subprocess.run(["psql", DB, "-qc", "VACUUM ANALYZE"], check=True)
    print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)


def generate_training() -> None:
    """Classes, enrolments and plans for the people already in the database (after a partial run)."""
    setup_django(DB)
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("synth", "training", "--enrolments", str(ENROLMENTS), "--unit", "VN", "--years", YEARS, "--seed", "6")
    subprocess.run(["psql", DB, "-qc", "VACUUM ANALYZE"], check=True)
    print(f"training generated in {time.perf_counter() - started:.0f} s", flush=True)


def finish() -> None:
    """Summaries and plans for what is there (after generation was stopped part-way)."""
    setup_django(DB)
    from canbo.core.context import acting_as
    from canbo.orgs.models import Unit
    from canbo.plans.synth import finish as synth_finish
    from canbo.reports import quality

    started = time.perf_counter()
    with acting_as(None, origin="command", label="bench_plans finish"):
        plans = synth_finish(root=Unit.unscoped.get(code="VN"), seed=6)
        # The people were written without PEOPLE_CHANGED_HOOKS: count the staff-quality summaries.
        quality.rebuild()
    subprocess.run(["psql", DB, "-qc", "VACUUM ANALYZE"], check=True)
    print(f"{plans} plans, summaries rebuilt in {time.perf_counter() - started:.0f} s", flush=True)


def _median(fn, runs: int = 15) -> tuple[float, float]:
    fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), max(samples)


NATION_SQL = """
SELECT split_part(e.unit_path, '/', 3) AS province, p.kind_id, COUNT(*), COUNT(DISTINCT e.person_id)
FROM training_enrolment e
JOIN training_trainingclass c ON c.id = e.training_class_id
JOIN training_programme p ON p.id = c.programme_id
WHERE e.completed_on >= %s AND e.completed_on < %s AND c.status <> 'cancelled'
GROUP BY 1, 2
"""

PROVINCE_SQL = """
SELECT split_part(e.unit_path, '/', 4) AS unit, p.kind_id, COUNT(*), COUNT(DISTINCT e.person_id)
FROM training_enrolment e
JOIN training_trainingclass c ON c.id = e.training_class_id
JOIN training_programme p ON p.id = c.programme_id
WHERE e.unit_path LIKE %s AND e.completed_on >= %s AND e.completed_on < %s AND c.status <> 'cancelled'
GROUP BY 1, 2
"""


def measure() -> dict:
    setup_django(DB)
    from django.db import connection
    from django.test import Client

    from canbo.accounts.choices import Role
    from canbo.accounts.models import User
    from canbo.core.context import acting_as
    from canbo.orgs.models import Unit
    from canbo.plans import summaries
    from canbo.plans.selectors import plan_vs_actual
    from canbo.training.models import Enrolment

    nation = Unit.unscoped.get(code="VN")
    province = Unit.unscoped.get(code=f"T{min(7, PROVINCES):02d}")
    first, nxt = datetime.date(YEAR, 1, 1), datetime.date(YEAR + 1, 1, 1)
    results: dict = {"enrolments": Enrolment.unscoped.count(), "year": YEAR}

    def sql(query, params):
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchall()

    with acting_as(None, origin="command", label="bench_plans"):
        results["nation_ours"] = _median(lambda: plan_vs_actual(user=None, unit=nation, year=YEAR))
        results["nation_sql"] = _median(lambda: sql(NATION_SQL, [first, nxt]), runs=3)
        results["province_ours"] = _median(lambda: plan_vs_actual(user=None, unit=province, year=YEAR))
        results["province_sql"] = _median(lambda: sql(PROVINCE_SQL, [province.path + "%", first, nxt]), runs=3)
        user, _ = User.objects.get_or_create(
            username="bench-plans", defaults={"unit": nation, "roles": [Role.PROVINCE_HR_ADMIN]}
        )
        # This database never ran the nightly gap recompute (the gaps have their own benchmark): mark
        # the stored gap results as today's, so the dashboard reads them as in production.
        from canbo.standards.models import GapState

        GapState.objects.update_or_create(pk=1, defaults={"as_of": datetime.date.today()})
        client = Client()
        client.force_login(user)
        from django.urls import reverse

        try:
            url = reverse("reports:dashboard")
        except Exception:  # the dashboard may not be installed in an older checkout
            url = None
        if url:
            from canbo.reports import quality
            from canbo.reports.models import QualitySummary

            if not QualitySummary.objects.exists():  # a database generated before the summary existed
                started = time.perf_counter()
                quality.rebuild()
                results["quality_rebuild_seconds"] = time.perf_counter() - started
            results["dashboard"] = _median(lambda: client.get(url, {"year": YEAR, "unit": "VN"}))
            quality_url = reverse("reports:dashboard_quality")
            results["dashboard_quality_panel"] = _median(lambda: client.get(quality_url, {"unit": "VN"}), runs=3)
        started = time.perf_counter()
        check = summaries.check(year=YEAR)
        results["check_ok"] = check.ok
        results["check_rows"] = check.rows
        results["check_seconds"] = time.perf_counter() - started
    for key in ("nation", "province"):
        results[f"{key}_ratio"] = results[f"{key}_ours"][0] / results[f"{key}_sql"][0]
    results["machine"] = machine()
    with open("/proc/loadavg") as fh:
        results["load"] = fh.read().split()[:3]
    results["date"] = datetime.date.today().isoformat()
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--generate", action="store_true")
    parser.add_argument("--generate-training", action="store_true", help="only classes, enrolments and plans")
    parser.add_argument("--finish", action="store_true", help="rebuild the summaries and add plans")
    args = parser.parse_args()
    if args.generate:
        generate()
    elif args.generate_training:
        generate_training()
    elif args.finish:
        finish()
    else:
        print(json.dumps(measure(), indent=1, default=str))
