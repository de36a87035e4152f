import datetime

import pytest

from canbo.core.context import acting_as

D = datetime.date


@pytest.fixture
def schemes(db):
    """The evaluation schemes and bands (seeded by a migration; re-seeded after a flush)."""
    from canbo.careers.reference_data import seed_schemes

    seed_schemes()


@pytest.fixture
def staff(tree, people, schemes):
    """`staff(n, unit="a", category="cong_chuc")`: n more civil servants in a commune, by name."""
    from canbo.people import services

    made = []

    def _make(n, unit="a", category="cong_chuc", prefix="Cán bộ"):
        out = []
        for i in range(n):
            person = services.person_create(
                unit=tree[unit],
                assignment={"category": category, "title": "Chuyên viên", "start_date": D(2019, 1, 1)},
                full_name=f"{prefix} {unit.upper()} {len(made) + i + 1:02d}",
                gender="male",
                birth_year=1985 + i % 10,
            )
            out.append(person)
        made.extend(out)
        return out

    return _make


@pytest.fixture
def as_user(personas):
    """`with as_user("officer_a"):` acts as that persona (services check its reach and roles)."""

    def _as(name):
        return acting_as(personas[name] if name else None, origin="test", label="pytest")

    return _as
