"""Benchmarks of training operations on PostgreSQL: a 20,000-row enrolment/result import, and the
class page of a class with 500 learners (server time through Django's test client).

Run: `.venv/bin/python -m tests.bench.bench_training` (loads the demo once into its own database,
CANBO_BENCH_DATABASE_URL, default canbo_bench_training).
"""

from __future__ import annotations

import datetime
import io
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("CANBO_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/canbo_bench_training")

from tests.bench.common import BENCH_DB, machine, setup_django

ROWS = 20_000
PAGE_LEARNERS = 500


def ensure_demo() -> None:
    from django.core.management import call_command

    from canbo.training.models import TrainingClass

    if not TrainingClass.unscoped.filter(code__startswith="2021-DB").exists():
        call_command("demo", demo_accounts=True, stdout=io.StringIO())
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def bench_class(code: str, start: datetime.date):
    from canbo.core.context import acting_as
    from canbo.orgs.models import Unit
    from canbo.training import services
    from canbo.training.models import Enrolment, Programme, TrainingClass

    with acting_as(None, origin="command", label="bench"):
        found = TrainingClass.unscoped.filter(code=code).first()
        if found is not None:
            Enrolment.unscoped.filter(training_class=found).delete()
            return found
        return services.class_create(
            code=code,
            name=f"Lớp đo hiệu năng {code}",
            programme=Programme.objects.get(code="CNKT-PL"),
            organiser=Unit.unscoped.get(code="DB"),
            start_date=start,
            end_date=start + datetime.timedelta(days=1),
            status="finished",
        )


def write_list(path: str, people, code: str | None = None) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = wb.add_worksheet("Danh sách")
    head = ["STT", "Họ và tên", "Ngày sinh", "Số định danh cá nhân", "Kết quả", "Điểm", "Xếp loại"]
    if code:
        head.insert(1, "Mã lớp")
    ws.write_row(0, 0, head)
    for i, (name, birth, number) in enumerate(people, 1):
        row = [i, name, birth.strftime("%d/%m/%Y") if birth else "", number, "Hoàn thành", "8,5", "Giỏi"]
        if code:
            row.insert(1, code)
        ws.write_row(i, 0, row)
    wb.close()


def time_import(path: str, code: str) -> tuple[float, float, str]:
    """(wall seconds, this process's CPU seconds, the command's JSON)."""
    from django.core.management import call_command

    out = io.StringIO()
    started, cpu = time.perf_counter(), time.process_time()
    call_command("import", "enrolments", path, **{"class": code}, json=True, stdout=out)
    return time.perf_counter() - started, time.process_time() - cpu, out.getvalue()


def time_page(client, url: str, runs: int = 15) -> tuple[float, float, float]:
    """(median wall ms, worst wall ms, median CPU ms of this process)."""
    client.get(url)
    samples, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(samples), max(samples), statistics.median(cpus)


def main() -> None:
    # Background tasks queue as in production (the gap engine's recompute runs in the worker), so the
    # import is timed without the work other apps do after it, as bench_import does.
    setup_django(BENCH_DB, immediate_tasks=False)
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    ensure_demo()
    from canbo.accounts.models import User
    from canbo.people.models import Person

    people = list(
        Person.unscoped.exclude(id_number=None)
        .order_by("pk")
        .values_list("full_name", "birth_date", "id_number")[:ROWS]
    )
    big = bench_class("BENCH-IMPORT", datetime.date(2019, 3, 4))
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "ket-qua.xlsx")
        write_list(path, people)
        seconds, cpu, output = time_import(path, big.code)
        small = bench_class("BENCH-PAGE", datetime.date(2019, 4, 8))
        write_list(path, people[:PAGE_LEARNERS])
        time_import(path, small.code)
    assert big.enrolments.count() == len(people), output[:2000]
    client = Client()
    client.force_login(User.objects.get(username="sonoivu"))
    median, worst, page_cpu = time_page(client, f"/training/classes/{small.code}/")
    load = os.getloadavg()
    print(f"machine: {machine()}")
    print(
        f"date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    print(
        f"import enrolments, {len(people):,} rows (match by ID number, results, duty periods, hooks): "
        f"{seconds:.1f} s wall, {cpu:.1f} s Python CPU"
    )
    print(
        f"class page, {PAGE_LEARNERS} learners: median {median:.0f} ms, worst {worst:.0f} ms wall "
        f"(server, test client), median {page_cpu:.0f} ms Python CPU"
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
