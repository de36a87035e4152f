"""Benchmark: importing 100,000 people rows on PostgreSQL, and django-import-export on the same file.

Run: `make bench` (or `.venv/bin/python -m tests.bench.bench_import [ROWS]`). Each measurement runs
in its own process so peak memory is that of the import alone. Figures go to BENCHMARKS.md by hand
with the machine and date printed here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.bench.common import BENCH_DB, ROOT, machine, recreate_database

HEADER = [
    "STT",
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Số định danh cá nhân",
    "Dân tộc",
    "Đảng viên",
    "Chức vụ",
    "Trình độ chuyên môn",
    "Chuyên ngành",
    "Lý luận chính trị",
    "Quản lý nhà nước",
]
SPELLINGS = {
    "dai_hoc": ["ĐH", "Đại học", "Cử nhân", "Kỹ sư"],
    "thac_si": ["ThS", "Thạc sỹ", "Cao học"],
    "trung_cap": ["TC", "Trung cấp"],
    "cao_dang": ["CĐ", "Cao đẳng"],
    "so_cap": ["Sơ cấp"],
    "tien_si": ["TS"],
    "tskh": ["TSKH"],
}
POLITICS = {"so_cap": "SC LLCT", "trung_cap": "TC LLCT", "cao_cap": "CC LLCT", "cu_nhan": "Cử nhân chính trị"}
STATE = {"can_su": "Cán sự", "chuyen_vien": "CV", "chuyen_vien_chinh": "CVC", "chuyen_vien_cao_cap": "CVCC"}


def write_file(path: Path, rows: int, *, plain: bool = False) -> None:
    """A messy but valid office file: title rows, loose spellings, dates as text, years alone."""
    import random

    import xlsxwriter

    sys.path.insert(0, str(ROOT / "src"))
    from canbo.people.names import make_people
    from canbo.people.reference_data import ETHNICITIES

    names = {code: name for code, name, _ in ETHNICITIES}
    rng = random.Random(5)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Danh sách")
    top = 0 if plain else 3  # plain: header on row 1, what django-import-export can read
    if not plain:
        ws.write_string(0, 0, "ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN")
        ws.write_string(1, 0, "DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC")
    for c, h in enumerate(HEADER):
        ws.write_string(top, c, h)
    for i, p in enumerate(make_people(rows, seed=11), 1):
        r = top + i
        birth = p["birth_date"].strftime("%d/%m/%Y") if p["birth_date"] else str(p["birth_year"])
        prof = p["professional"]
        values = [
            i,
            p["full_name"],
            "Nam" if p["gender"] == "male" else "Nữ",
            birth,
            p["id_number"],
            names.get(p["ethnicity"], ""),
            "x" if p["party_member"] else "",
            "Chuyên viên",
            rng.choice(SPELLINGS[prof]) if prof else "",
            p.get("professional_field") or "",
            POLITICS.get(p["politics"] or "", ""),
            STATE.get(p["state_mgmt"] or "", ""),
        ]
        for c, v in enumerate(values):
            if isinstance(v, int):
                ws.write_number(r, c, v)
            elif v:
                ws.write_string(r, c, v)
    wb.close()


# Background tasks are queued for the worker, as in production (the standards app re-checks the
# imported people's requirements there); the queue is then drained and timed on its own.
CANBO_RUN = r"""
import json, sys, time
from tests.bench.common import setup_django, peak_rss_mb
setup_django(immediate_tasks=False)
from canbo.core.context import acting_as
from canbo.people.imports import import_people
from canbo.orgs.models import Unit
unit = Unit.unscoped.get(code="DB-SNV")
started = time.perf_counter()
with acting_as(None, origin="import", label="bench"):
    result = import_people(sys.argv[1], unit=unit, dry_run=len(sys.argv) > 2)
elapsed = time.perf_counter() - started
rss = peak_rss_mb()
from django.core.management import call_command
drained = time.perf_counter()
call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
after = time.perf_counter() - drained
print(json.dumps({"seconds": elapsed, "rows": result.rows, "valid": result.valid, "created": result.created,
                  "updated": result.updated, "errors": len(result.errors), "peak_rss_mb": rss,
                  "background_tasks_seconds": after}))
"""

IMPORT_EXPORT_RUN = r"""
import json, sys, time
from tests.bench.common import setup_django, peak_rss_mb
setup_django()
import tablib
from import_export import resources, fields
from canbo.people.models import Person

TUNED = sys.argv[2] == "tuned"

class PersonResource(resources.ModelResource):
    full_name = fields.Field(attribute="full_name", column_name="Họ và tên")
    id_number = fields.Field(attribute="id_number", column_name="Số định danh cá nhân")
    class Meta:
        model = Person
        fields = ("full_name", "id_number")
        import_id_fields = ("id_number",)
        if TUNED:  # the library's fast path, as its documentation advises for large files
            use_bulk = True
            batch_size = 2000
            skip_diff = True

started = time.perf_counter()
with open(sys.argv[1], "rb") as fh:
    data = tablib.Dataset().load(fh.read(), format="xlsx")
loaded = time.perf_counter()
from canbo.core.context import acting_as
with acting_as(None, origin="import", label="django-import-export"):
    result = PersonResource().import_data(data, dry_run=False, raise_errors=False)
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "load_seconds": loaded - started, "rows": len(data),
                  "errors": result.has_errors(), "invalid": len(result.invalid_rows), "peak_rss_mb": peak_rss_mb()}))
"""


UNITS = """
import datetime
from canbo.core.context import acting_as
from canbo.orgs import services
start = datetime.date(2004, 1, 1)
with acting_as(None):
    p = services.unit_create(code="DB", name="Tỉnh Điện Biên", kind="province", parent=None, valid_from=start)
    services.unit_create(code="DB-SNV", name="Sở Nội vụ", kind="department", parent=p, valid_from=start)
"""


def run_snippet(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def prepare_database() -> None:
    recreate_database()
    env_run = [sys.executable, "-m", "canbo"]
    import os

    env = dict(os.environ, DATABASE_URL=BENCH_DB, CANBO_DEBUG="1")
    subprocess.run([*env_run, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [
            *env_run,
            "shell",
            "-c",
            "from canbo.core.context import acting_as\n"
            "from canbo.orgs import services\nimport datetime\n"
            "with acting_as(None):\n"
            "    p = services.unit_create(code='DB', name='Tỉnh Điện Biên', kind='province', parent=None, valid_from=datetime.date(2004,1,1))\n"
            "    services.unit_create(code='DB-SNV', name='Sở Nội vụ', kind='department', parent=p, valid_from=datetime.date(2004,1,1))\n",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )


def main(rows: int = 100_000, ie_rows: int = 20_000) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="canbo-bench-"))
    big, small = tmp / f"people-{rows}.xlsx", tmp / f"people-plain-{ie_rows}.xlsx"
    write_file(big, rows)
    write_file(small, ie_rows, plain=True)
    print("machine:", machine())
    prepare_database()
    checked = run_snippet(CANBO_RUN, str(big), "--dry-run")
    print(f"canbo import --dry-run (validation only), {rows} new rows:", json.dumps(checked))
    first = run_snippet(CANBO_RUN, str(big))
    print(f"canbo import, {rows} new rows:", json.dumps(first))
    again = run_snippet(CANBO_RUN, str(big))
    print(f"canbo import, same {rows} rows again (all updates):", json.dumps(again))
    prepare_database()
    ours_small = run_snippet(CANBO_RUN, str(small))
    print(f"canbo import, {ie_rows} rows (header on row 1, all 12 columns):", json.dumps(ours_small))
    # The resource a Django developer writes first (the documentation's example: a ModelResource,
    # its defaults, one save per row), then the same tuned for speed (bulk writes, no diff).
    for config, label in (("defaults", "its defaults"), ("tuned", "use_bulk, skip_diff")):
        prepare_database()
        theirs = run_snippet(IMPORT_EXPORT_RUN, str(small), config)
        print(
            f"django-import-export ({label}), {ie_rows} rows (2 of the 12 columns, no level/date checks):",
            json.dumps(theirs),
        )
        print(
            f"ratio django-import-export ({label}) / canbo on {ie_rows} rows: "
            f"{theirs['seconds'] / ours_small['seconds']:.1f}×"
        )


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
