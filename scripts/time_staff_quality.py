"""Time the staff-quality forms of the province for past years (and today) on the loaded database.

    CANBO_DEBUG=1 .venv/bin/canbo shell -c "exec(open('scripts/time_staff_quality.py').read())"

Prints the seconds each fill takes (best of three) and a digest of its figures, so a change of
method can be checked to give the same numbers.
"""

import datetime
import hashlib
import time

from canbo.orgs.models import Unit
from canbo.reports.models import StatForm
from canbo.reports.statforms import fill

province = Unit.unscoped.filter(parent__isnull=True).order_by("pk").first()
for code in ("CLDN-01", "BTCTW-8B"):
    form = StatForm.objects.get(code=code)
    for year in (2021, 2023, 2025, datetime.date.today().year):
        best, digest = None, ""
        for _ in range(3):
            started = time.perf_counter()
            filled = fill(form, province, year=year)
            spent = time.perf_counter() - started
            best = spent if best is None else min(best, spent)
            digest = hashlib.sha1(repr([r["values"] for r in filled.rows]).encode()).hexdigest()[:10]
        print(f"{code} {province.code} {year}: {best:.2f} s  rows={len(filled.rows)} figures={digest}")
