"""The demo's annual evaluations, 2021–2025, for the demo's cadres, civil servants and public
employees, each year in the unit of the person's post on 31/12 of that year (the districts and old
communes before the 2025 reorganisation, the new communes after): about 11 % "xuất sắc" (always
within 20 % of those rated "tốt" in each unit and year), about 67 % "tốt", 20 % "hoàn thành" and
1–2 % "không hoàn thành", half of those with a sanction of the year. Written set-based through
careers.bulk, checked by the same rules as the form.

Deterministic (each person's draw is seeded by who they are and the year, not by database ids) and
idempotent (a person's year already evaluated is left alone)."""

from __future__ import annotations

import datetime
import random
import zlib
from collections import defaultdict

from canbo.careers import bulk, rules
from canbo.careers.choices import EvaluationLevel, Sanction
from canbo.careers.models import Evaluation
from canbo.orgs.models import Unit
from canbo.people.models import Person

YEARS = (2021, 2022, 2023, 2024, 2025)
EVALUATED = ("can_bo", "cong_chuc", "vien_chuc")
# cumulative thresholds of the draw
P_FAILED, P_DONE, P_EXCELLENT = 0.015, 0.215, 0.345  # 1,5 % / 20 % / 13 % / the rest "tốt"


def _draw(key: str) -> random.Random:
    return random.Random(zlib.crc32(key.encode()))


def _level(r: random.Random) -> str:
    x = r.random()
    if x < P_FAILED:
        return EvaluationLevel.FAILED
    if x < P_DONE:
        return EvaluationLevel.DONE
    if x < P_EXCELLENT:
        return EvaluationLevel.EXCELLENT
    return EvaluationLevel.GOOD


def load_evaluations(*, years=YEARS) -> dict[str, int]:
    people = list(
        Person.unscoped.filter(unit__isnull=False)
        .order_by("pk")
        .values_list("pk", "unit_id", "unit_path", "sort_key", "birth_year", "birth_date", "id_number")
    )
    done = set(Evaluation.unscoped.filter(year__in=list(years)).values_list("person_id", "year"))
    rows: list[bulk.Row] = []
    for pk, unit_id, path, sort_key, birth_year, birth_date, id_number in people:
        who = f"{id_number or ''}|{sort_key}|{birth_date or birth_year or ''}"
        for year in years:
            if (pk, year) in done:
                continue
            r = _draw(f"{who}|{year}")
            level = _level(r)
            sanction = ""
            if level == EvaluationLevel.FAILED and r.random() < 0.5:
                sanction = Sanction.REPRIMAND if r.random() < 0.7 else Sanction.WARNING
            rows.append(
                bulk.Row(
                    key=len(rows),
                    person_id=pk,
                    year=year,
                    unit_id=unit_id,
                    unit_path=path,
                    level=level,
                    sanction=sanction,
                    self_level=level if r.random() < 0.8 else EvaluationLevel.GOOD,
                    self_assessed_on=datetime.date(year, 12, 5 + r.randint(0, 4)),
                    superior_on=datetime.date(year, 12, 12 + r.randint(0, 3)),
                    collective_on=datetime.date(year, 12, 18 + r.randint(0, 3)),
                    decided_on=datetime.date(year, 12, 26 + r.randint(0, 3)),
                )
            )
    bulk.fill_posts(rows, place=True)
    rows = [r for r in rows if r.category in EVALUATED]
    _within_cap(rows)
    units = {u.pk: u for u in Unit.unscoped.filter(pk__in={r.unit_id for r in rows})}
    book = rules.SchemeBook()
    refused = bulk.check_rows(rows, book=book, units=units)
    good = [r for r in rows if r.key not in refused]
    created, _updated = bulk.evaluations_write(good, user=None) if good else (0, 0)
    return {"evaluations": created, "refused": len(refused)}


def _within_cap(rows: list[bulk.Row]) -> None:
    """Demote the draws that would put a unit's year over the cap (20 % of "tốt"): the cap is a
    rule, the demo keeps it."""
    groups: dict[tuple, list[bulk.Row]] = defaultdict(list)
    for r in rows:
        groups[(r.unit_id, r.year)].append(r)
    for members in groups.values():
        excellent = [r for r in members if r.level == EvaluationLevel.EXCELLENT]
        good = sum(1 for r in members if r.level == EvaluationLevel.GOOD)
        while excellent and len(excellent) * 100 > 20 * good:
            demoted = excellent.pop()
            demoted.level = EvaluationLevel.GOOD
            if demoted.self_level == EvaluationLevel.EXCELLENT:
                demoted.self_level = EvaluationLevel.GOOD
            good += 1
