"""Fixtures of the standards tests: the seeded catalogues and rules, and people holding titles."""

import datetime

import pytest

from canbo.people import services as people_services
from canbo.standards.models import Requirement, Title

D = datetime.date


@pytest.fixture
def seeded(reference):
    """Catalogues and rules as the migration seeds them (again after a flush; idempotent)."""
    from canbo.training.reference_data import seed_programme_kinds

    seed_programme_kinds()
    from canbo.standards.seed import seed_standards

    seed_standards()


@pytest.fixture
def title(seeded):
    return lambda code: Title.objects.get(code=code)


@pytest.fixture
def rule(seeded):
    return lambda code: Requirement.objects.get(code=code)


@pytest.fixture
def make_person(tree, seeded, level):
    """`make_person("Chủ tịch Ủy ban nhân dân", unit="a", levels=[("professional", "dai_hoc", "Luật")])`"""

    def _make(title, *, unit="a", category="can_bo", start=None, levels=(), name="Người thử"):
        start = start or D(2020, 1, 1)
        person = people_services.person_create(
            unit=tree[unit],
            assignment={"category": category, "title": title, "start_date": start},
            full_name=name,
            birth_year=1985,
        )
        for ladder, code, *rest in levels:
            people_services.qualification_add(
                person=person, level=level(ladder, code), field=rest[0] if rest else "", year=2010
            )
        return person

    return _make
