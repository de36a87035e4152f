import datetime

import pytest

from canbo.core.context import acting_as
from canbo.core.errors import DomainError, OutOfReach, StaleEdit
from canbo.core.models import ChangeLogEntry
from canbo.people import services
from canbo.people.models import Assignment, Person, PersonLevel

D = datetime.date


def test_it_keeps_a_search_key_and_the_unit_path(people, tree):
    van = people["van"]
    assert van.name_key == "lo thi van"
    assert van.unit == tree["a"] and van.unit_path == tree["a"].path


def test_it_requires_an_id_number_or_a_birth_date(tree, reference):
    with pytest.raises(DomainError) as err:
        services.person_create(unit=tree["a"], full_name="Lò Văn Không")
    assert "số định danh" in " ".join(err.value.message_dict["birth_year"])


def test_it_refuses_a_duplicate_id_number(people, tree):
    with pytest.raises(DomainError) as err:
        services.person_create(unit=tree["b"], full_name="Người khác", id_number="011188001234")
    said = " ".join(err.value.message_dict["id_number"])
    assert "đã có trong hệ thống" in said
    assert "Lò Thị Vân" not in said and "Thanh Nưa" not in said  # an ID number cannot be probed


def test_it_refuses_a_malformed_id_number(tree, reference):
    with pytest.raises(DomainError) as err:
        services.person_create(unit=tree["a"], full_name="A", birth_year=1990, id_number="12345")
    assert "12 chữ số" in " ".join(err.value.message_dict["id_number"])


def test_a_transfer_ends_the_old_assignment_and_keeps_it(people, tree):
    van = people["van"]
    services.assignment_start(person=van, unit=tree["b"], title="Phó Chủ tịch", start_date=D(2026, 3, 1))
    history = list(Assignment.unscoped.filter(person=van).order_by("start_date"))
    assert [(a.unit.code, a.end_date) for a in history] == [
        ("P-THANHNUA", D(2026, 2, 28)),
        ("P-MUONGNHE", None),
    ]
    van.refresh_from_db()
    assert van.unit == tree["b"] and van.unit_path == tree["b"].path


def test_the_current_level_is_the_highest_attained(people, level):
    van = people["van"]
    services.qualification_add(person=van, level=level("professional", "thac_si"), field="Luật kinh tế", year=2019)
    current = PersonLevel.objects.get(person=van, ladder__code="professional")
    assert current.level.label == "Thạc sĩ" and current.field == "Luật kinh tế"
    q = van.qualifications.get(level__code="thac_si")
    services.qualification_remove(qualification=q)
    assert PersonLevel.objects.get(person=van, ladder__code="professional").level.label == "Đại học"


def test_a_stale_edit_says_who_changed_what(people, personas):
    van = people["van"]
    with acting_as(personas["province_admin"], origin="test"):
        services.person_update(person=van, expected_version=van.version, phone="0912345678")
    with pytest.raises(StaleEdit) as err:
        services.person_update(person=van, expected_version=van.version, home_town="Điện Biên")
    message = err.value.messages[0]
    assert "Nguyễn Thị Hoa" in message and "số điện thoại" in message


def test_an_officer_cannot_edit_a_person_outside_their_commune(people, personas):
    with acting_as(personas["officer_b"], origin="test"), pytest.raises(OutOfReach):
        services.person_update(person=people["van"], phone="1")


def test_closing_a_unit_with_staff_is_refused(people, tree):
    from canbo.orgs import services as org_services

    with pytest.raises(DomainError) as err:
        org_services.unit_close(unit=tree["a_office"], valid_to=D(2026, 12, 31))
    assert "còn 1 người đang công tác" in " ".join(err.value.message_dict["valid_to"])


def test_moving_a_unit_moves_its_peoples_paths(people, tree):
    from canbo.orgs import services as org_services

    org_services.unit_update(unit=tree["a_office"], parent=tree["b"])
    minh = Person.unscoped.get(pk=people["minh"].pk)
    assert minh.unit_path.startswith(tree["b"].path)


def test_person_writes_are_logged(people):
    entries = ChangeLogEntry.unscoped.filter(object_repr="Lò Thị Vân", action="create")
    assert entries.exists()
