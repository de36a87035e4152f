"""Training fixtures: seeded programme kinds, two programmes and a class factory."""

import datetime

import pytest

from canbo.training import services
from canbo.training.models import ProgrammeKind
from canbo.training.reference_data import seed_programme_kinds

D = datetime.date
START = D(2025, 9, 8)


@pytest.fixture
def kinds(reference):
    seed_programme_kinds()
    return {k.code: k for k in ProgrammeKind.objects.all()}


@pytest.fixture
def update_course(kinds):
    """A knowledge update open to everyone: 16 periods, all of them toward the annual duty."""
    return services.programme_create(
        code="CNKT-PL",
        name="Cập nhật kiến thức pháp luật mới",
        kind=kinds["knowledge_update"],
        periods=16,
        duty_periods=16,
    )


@pytest.fixture
def llct(kinds, level):
    """Trung cấp LLCT: grants a level on the politics ladder, for cán bộ and công chức only."""
    return services.programme_create(
        code="LLCT-TC",
        name="Trung cấp lý luận chính trị",
        kind=kinds["politics"],
        periods=1100,
        grants_level=level("politics", "trung_cap"),
        target_categories=["can_bo", "cong_chuc"],
    )


@pytest.fixture
def make_class(tree):
    counter = iter(range(1, 1000))

    def _make(programme, *, start=START, days=3, capacity=None, organiser=None, **extra):
        n = next(counter)
        extra.setdefault("status", "open")
        return services.class_create(
            code=f"L{n:03d}",
            name=f"{programme.name} — lớp {n}",
            programme=programme,
            organiser=organiser or tree["province"],
            start_date=start,
            end_date=start + datetime.timedelta(days=days - 1),
            capacity=capacity,
            **extra,
        )

    return _make


@pytest.fixture
def school(tree):
    """The province's Political School, a training institution under the province."""
    from canbo.orgs import services as org_services

    return org_services.unit_create(
        code="P-TCT",
        name="Trường Chính trị tỉnh",
        kind="training_institution",
        parent=tree["province"],
        valid_from=D(2004, 1, 1),
    )


@pytest.fixture
def trainer(school):
    from canbo.accounts.choices import Role
    from tests import conftest

    return conftest._user("trainer", school, Role.TRAINING_OFFICER, first="Cầm Văn", last="Dạy")
