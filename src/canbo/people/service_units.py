"""Viên chức in the communes' public service units, for the demo.

A commune's teachers and health staff are not staff of the commune itself: they work in its
schools (mầm non, tiểu học, THCS) and its health station, public service units under the commune
(orgs.demo_data.SERVICE_UNITS). people.synth draws a commune's viên chức as before; `Placer.move`
then puts that person's freshly built rows into one of the commune's units, with a title and a
professional rank (chức danh nghề nghiệp, hạng: TT 01–04/2021/TT-BGDĐT for teachers, TT
03/2022/TT-BYT and TTLT 10/2015 for health staff). Across the 2025 reform a person stays in the same
kind of unit: the old commune's school until 30/06/2025, the new commune's from 01/07/2025.

It has its own random generator, so the rest of the synthetic population is drawn exactly as
without it (the training figures of the demo do not move).
"""

from __future__ import annotations

import random

from canbo.orgs.choices import COMMUNE_LEVEL, UnitKind
from canbo.orgs.models import Unit
from canbo.people.columns import ASSIGNMENT_COLUMNS, PERSON_COLUMNS

# Code suffix -> (weight, [(title, weight, [(rank, weight)])]). About four teachers to one health worker,
# as people.synth draws them; most of the teachers teach in primary schools.
SCHOOLS = {
    "MN": (3, [("Giáo viên", 1, [("Giáo viên mầm non hạng III", 6), ("Giáo viên mầm non hạng II", 3)])]),
    "TH": (4, [("Giáo viên", 1, [("Giáo viên tiểu học hạng III", 5), ("Giáo viên tiểu học hạng II", 4)])]),
    "THCS": (
        3,
        [("Giáo viên", 1, [("Giáo viên trung học cơ sở hạng III", 5), ("Giáo viên trung học cơ sở hạng II", 4)])],
    ),
}
HEALTH = {
    "TYT": (
        1,
        [
            ("Bác sĩ", 2, [("Bác sĩ hạng III", 1)]),
            ("Y sĩ", 4, [("Y sĩ hạng IV", 1)]),
            ("Điều dưỡng", 3, [("Điều dưỡng hạng IV", 3), ("Điều dưỡng hạng III", 1)]),
            ("Hộ sinh", 2, [("Hộ sinh hạng IV", 3), ("Hộ sinh hạng III", 1)]),
        ],
    )
}

_PERSON_UNIT = PERSON_COLUMNS.index("unit_id")
_PERSON_PATH = PERSON_COLUMNS.index("unit_path")
_UNIT = ASSIGNMENT_COLUMNS.index("unit_id")
_START = ASSIGNMENT_COLUMNS.index("start_date")
_TITLE = ASSIGNMENT_COLUMNS.index("title")
_RANK = ASSIGNMENT_COLUMNS.index("rank")
_SECTOR = ASSIGNMENT_COLUMNS.index("sector")


def _choose(rng: random.Random, options):
    return rng.choices([o[0] for o in options], [o[1] for o in options])[0]


class Placer:
    """Where a commune's viên chức work: `move` rewrites the rows people.synth built for them."""

    def __init__(self, root: Unit, *, seed: int):
        self.rng = random.Random(seed * 31 + 14)
        self.units: dict[tuple[int, str], Unit] = {}  # (commune pk, code suffix) -> unit
        rows = Unit.unscoped.filter(
            path__startswith=root.path, kind=UnitKind.PUBLIC_SERVICE_UNIT, parent__kind__in=COMMUNE_LEVEL
        )
        for unit in rows:
            suffix = unit.code.rsplit("-", 1)[-1]
            if suffix in SCHOOLS or suffix in HEALTH:
                self.units[(unit.parent_id, suffix)] = unit

    def move(self, person: tuple, assignments: list[tuple], first: int, sector: str) -> tuple[tuple, Unit | None]:
        """Put the person (a PERSON_COLUMNS row) and their assignments from index `first` on (rows
        at communes) into one kind of unit of those communes. Returns the new person row and their
        unit now, or the row unchanged and None when a commune has no such unit (the benchmarks)."""
        table = HEALTH if sector == "Y tế" else SCHOOLS
        suffix = _choose(self.rng, [(k, v[0]) for k, v in table.items()])
        titles = table[suffix][1]
        title, _weight, ranks = self.rng.choices(titles, [t[1] for t in titles])[0]
        rank = _choose(self.rng, ranks)
        targets = [self.units.get((row[_UNIT], suffix)) for row in assignments[first:]]
        if not targets or None in targets:
            return person, None
        for index, unit in enumerate(targets, first):
            row = list(assignments[index])
            row[_UNIT], row[_TITLE], row[_RANK] = unit.pk, title, rank
            # The unit exists from its commune's start: a longer career starts there in the registry.
            if row[_START] is not None and row[_START] < unit.valid_from:
                row[_START] = unit.valid_from
            assignments[index] = tuple(row)
        row = list(person)
        row[_PERSON_UNIT], row[_PERSON_PATH] = targets[-1].pk, targets[-1].path
        return tuple(row), targets[-1]
