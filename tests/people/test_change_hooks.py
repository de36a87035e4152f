"""Writers emit `events.PeopleChanged` with the people who changed (the gap engine and the staff-quality
summaries subscribe to it in canbo/events.py)."""

import datetime

import pytest

from canbo import events
from canbo.people import services
from canbo.people.imports import import_people
from canbo.people.models import Person
from tests.exchange.files import write_xlsx

D = datetime.date


@pytest.fixture
def heard(monkeypatch):
    """The person ids of every PeopleChanged event the writers emit, in place of its subscribers
    (the other events reach theirs)."""
    calls: list[list[int]] = []
    emit = events.emit

    def listen(event):
        if isinstance(event, events.PeopleChanged):
            calls.append(event.person_ids)
        else:
            emit(event)

    monkeypatch.setattr(events, "emit", listen)
    return calls


def test_it_tells_of_a_new_person_and_their_qualification(tree, reference, level, heard):
    person = services.person_create(unit=tree["a"], full_name="Lò Thị Vân", birth_year=1988)
    services.qualification_add(person=person, level=level("professional", "dai_hoc"))
    assert heard == [[person.pk], [person.pk]]


def test_it_tells_of_an_edit_a_transfer_and_a_removed_qualification(people, tree, heard):
    van = people["van"]
    services.person_update(person=van, home_town="Điện Biên")
    services.assignment_start(person=van, unit=tree["a_office"], start_date=D(2026, 1, 1))
    services.qualification_remove(qualification=van.qualifications.first())
    assert heard == [[van.pk], [van.pk], [van.pk]]


def test_an_import_tells_once_of_every_person_it_wrote(tree, reference, heard, tmp_path):
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [["Họ và tên", "Năm sinh", "Trình độ chuyên môn"], ["Lò Văn Minh", "1991", "ĐH"], ["Cà Thị Lả", "1992", "CĐ"]],
    )
    result = import_people(path, unit=tree["a"])
    assert result.written and result.created == 2
    assert heard == [sorted(Person.unscoped.values_list("pk", flat=True))]


def test_an_import_that_changes_nothing_tells_nobody(tree, reference, heard, tmp_path):
    path = write_xlsx(tmp_path / "ds.xlsx", [["Họ và tên", "Năm sinh"], ["Lò Văn Minh", "1991"]])
    import_people(path, unit=tree["a"])
    heard.clear()
    import_people(path, unit=tree["a"])
    assert heard == []
