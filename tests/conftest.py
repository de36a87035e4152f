"""Personas shared by the whole suite: a province admin, officers of communes A and B, a cadre of A.

Tests run inside an explicit actor context ("test" origin, acting as the system) so factories and
services can write; each web request sets its own context from the logged-in user.
"""

import datetime

import pytest

from canbo.accounts.choices import Role
from canbo.accounts.models import User
from canbo.core.context import acting_as
from canbo.orgs import services as org_services

PASSWORD = "correct-horse-battery"
DEAD_ROWS_BEFORE_VACUUM = 20_000
D = datetime.date


@pytest.fixture(scope="module", autouse=True)
def _vacuum_after_a_module_that_left_dead_rows(django_db_blocker):
    """On PostgreSQL a row that a test inserts and rolls back stays in its table as a dead tuple
    until a vacuum, and every later count and scan reads it. A module that loads the demo leaves
    about 200,000 of them a time; after a dozen such modules the write-permission tests' row
    counts took 9 s a test instead of 0.3 s and CI ran out of its 90 minutes. So a module that
    left many dead tuples is followed by a VACUUM (SQLite removes rolled-back rows itself)."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql" or not connection.settings_dict["NAME"].startswith("test_"):
        return
    with django_db_blocker.unblock():
        if connection.in_atomic_block:
            return
        with connection.cursor() as cursor:
            # The statistics of this connection's own last transaction are flushed lazily; the
            # function to force it exists from PostgreSQL 15 (before, the count may lag a module).
            if connection.pg_version >= 150000:
                cursor.execute("SELECT pg_stat_force_next_flush()")
            cursor.execute("SELECT coalesce(sum(n_dead_tup), 0) FROM pg_stat_user_tables")
            if cursor.fetchone()[0] > DEAD_ROWS_BEFORE_VACUUM:
                cursor.execute("VACUUM")


@pytest.fixture(autouse=True)
def actor_context():
    with acting_as(None, origin="test", label="pytest") as ctx:
        yield ctx


@pytest.fixture
def tree(db):
    """Province P with communes A and B (each with an office), plus a closed historic district."""
    p = org_services.unit_create(
        code="P", name="Tỉnh Điện Biên", kind="province", parent=None, valid_from=D(2004, 1, 1)
    )
    a = org_services.unit_create(
        code="P-THANHNUA", name="Xã Thanh Nưa", kind="commune", parent=p, valid_from=D(2025, 7, 1)
    )
    a_office = org_services.unit_create(
        code="P-THANHNUA-VP",
        name="Văn phòng HĐND và UBND xã Thanh Nưa",
        kind="public_service_unit",
        parent=a,
        valid_from=D(2025, 7, 1),
    )
    b = org_services.unit_create(
        code="P-MUONGNHE", name="Xã Mường Nhé", kind="commune", parent=p, valid_from=D(2025, 7, 1)
    )
    old = org_services.unit_create(
        code="P-HDB",
        name="Huyện Điện Biên",
        kind="district",
        parent=p,
        valid_from=D(2020, 1, 1),
        valid_to=D(2025, 6, 30),
    )
    return {"province": p, "a": a, "a_office": a_office, "b": b, "old_district": old}


def _user(username, unit, *roles, first="", last=""):
    user = User(username=username, unit=unit, roles=list(roles), first_name=first, last_name=last)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def personas(tree):
    return {
        "system_admin": _user("sysadmin", None, Role.SYSTEM_ADMIN, first="Quản trị"),
        "province_admin": _user("province", tree["province"], Role.PROVINCE_HR_ADMIN, first="Nguyễn Thị", last="Hoa"),
        "officer_a": _user("officer_a", tree["a"], Role.UNIT_HR_OFFICER, first="Lò Thị", last="Vân"),
        "officer_b": _user("officer_b", tree["b"], Role.UNIT_HR_OFFICER, first="Giàng A", last="Páo"),
        "cadre_a": _user("cadre_a", tree["a"], Role.CADRE, first="Lường Văn", last="Tiến"),
        "leader": _user("leader", tree["province"], Role.LEADER, first="Lò Văn", last="Mừng"),
    }


@pytest.fixture
def login(client, personas):
    """`login("officer_a")` returns the test client logged in as that persona."""

    def _login(name):
        client.force_login(personas[name])
        return client

    return _login


@pytest.fixture
def reference(db):
    """Ethnicities, religions and ladders (seeded by a migration; re-seeded after a flush)."""
    from canbo.people.seed import seed_reference

    seed_reference()


@pytest.fixture
def level(reference):
    from canbo.people.models import Level

    def _level(ladder, code):
        return Level.objects.get(ladder__code=ladder, code=code)

    return _level


@pytest.fixture
def people(tree, reference, level):
    """A few people: two in commune A (one with an ID number), one in commune B."""
    from canbo.people import services
    from canbo.people.models import Ethnicity

    thai = Ethnicity.objects.get(code="03")
    van = services.person_create(
        unit=tree["a"],
        assignment={
            "category": "cong_chuc",
            "title": "Công chức Văn phòng - thống kê",
            "start_date": D(2025, 7, 1),
        },
        full_name="Lò Thị Vân",
        gender="female",
        birth_date=D(1988, 3, 12),
        id_number="011188001234",
        ethnicity=thai,
        party_member=True,
        party_joined_on=D(2012, 5, 19),
    )
    services.qualification_add(person=van, level=level("professional", "dai_hoc"), field="Luật", year=2010)
    services.qualification_add(person=van, level=level("politics", "trung_cap"), year=2018)
    minh = services.person_create(
        unit=tree["a_office"], full_name="Lò Văn Minh", gender="male", birth_year=1991, ethnicity=thai
    )
    services.qualification_add(person=minh, level=level("professional", "cao_dang"), year=2012)
    pao = services.person_create(
        unit=tree["b"],
        assignment={"category": "can_bo", "title": "Chủ tịch Ủy ban nhân dân"},
        full_name="Giàng A Páo",
        gender="male",
        birth_year=1980,
        ethnicity=Ethnicity.objects.get(code="08"),
    )
    return {"van": van, "minh": minh, "pao": pao}
