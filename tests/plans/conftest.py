"""Small training records for the plan tests: a province with a district of two communes (2021),
programmes of two kinds, and helpers that add classes and enrolments the way training writers do
(rows, then `classes_changed`)."""

import datetime
import itertools

import pytest

from canbo.orgs import services as org_services
from canbo.people import services as people_services
from canbo.training.models import Enrolment, Programme, ProgrammeKind, TrainingClass
from canbo.training.reference_data import seed_programme_kinds
from canbo.training.services import classes_changed

D = datetime.date
_codes = itertools.count(1)
MID_2021 = D(2021, 6, 30)


@pytest.fixture
def kinds(reference):
    seed_programme_kinds()
    return {k.code: k for k in ProgrammeKind.objects.all()}


@pytest.fixture
def programmes(kinds):
    return {
        code: Programme.objects.create(code=f"PR-{code}", name=f"Chương trình {code}", name_key=code, kind=kinds[code])
        for code in ("politics", "state_mgmt", "knowledge_update")
    }


@pytest.fixture
def district(tree):
    """Huyện Điện Biên (2020–2025) with xã Thanh Nưa and xã Thanh Luông under it."""
    old = tree["old_district"]
    tn = org_services.unit_create(
        code="P-HDB-THANHNUA",
        name="Xã Thanh Nưa",
        kind="commune",
        parent=old,
        valid_from=D(2020, 1, 1),
        valid_to=D(2025, 6, 30),
    )
    tl = org_services.unit_create(
        code="P-HDB-THANHLUONG",
        name="Xã Thanh Luông",
        kind="commune",
        parent=old,
        valid_from=D(2020, 1, 1),
        valid_to=D(2025, 6, 30),
    )
    return {"district": old, "tn": tn, "tl": tl}


@pytest.fixture
def make_person(reference):
    def _make(unit, name="Lò Văn A", category="cong_chuc"):
        return people_services.person_create(
            unit=unit,
            assignment={"category": category, "title": "Công chức", "start_date": D(2019, 1, 1)},
            full_name=name,
            gender="male",
            birth_year=1985,
        )

    return _make


@pytest.fixture
def make_class(programmes):
    def _make(organiser, kind="politics", *, end=MID_2021, status="finished", people=(), complete=True):
        n = next(_codes)
        cls = TrainingClass.unscoped.create(
            code=f"L{n}",
            name=f"Lớp {n}",
            name_key=f"lop {n}",
            programme=programmes[kind],
            organiser=organiser,
            start_date=end - datetime.timedelta(days=20),
            end_date=end,
            status=status,
        )
        for person in people:
            Enrolment.unscoped.create(
                training_class=cls,
                person=person,
                unit=person.unit,
                unit_path=person.unit_path,
                category="cong_chuc",
                status="approved",
                result="passed" if complete else "",
                completed_on=end if complete else None,
            )
        classes_changed([cls.pk])
        return cls

    return _make
