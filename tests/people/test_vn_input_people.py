"""The person forms take dates day-first (07/12/1988) and show them back the same way."""

import datetime

import pytest
from django.urls import reverse

from canbo.people.models import Person

pytestmark = pytest.mark.django_db


def test_the_person_form_stores_and_shows_day_first_dates(login, people):
    client = login("officer_a")
    van = people["van"]
    data = {
        "full_name": "Lò Thị Vân",
        "gender": "female",
        "birth_date": "07/12/1988",
        "id_number": "011188001234",
        "party_member": "on",
        "party_joined_on": "19.5.2012",
        "phone": "0912345678",
        "version": van.version,
    }
    response = client.post(reverse("people:edit", args=[van.pk]), data)
    assert response.status_code == 302, response.content.decode()
    van = Person.unscoped.get(pk=van.pk)
    assert (van.birth_date, van.party_joined_on) == (datetime.date(1988, 12, 7), datetime.date(2012, 5, 19))
    form = client.get(reverse("people:edit", args=[van.pk])).content.decode()
    assert 'name="birth_date" value="07/12/1988"' in form and 'name="party_joined_on" value="19/05/2012"' in form


def test_a_transfer_takes_its_start_day_first(login, people, tree):
    van = people["van"]
    response = login("province_admin").post(
        reverse("people:assignment_add", args=[van.pk]),
        {"unit": tree["b"].pk, "category": "can_bo", "title": "Phó Chủ tịch UBND", "start_date": "07/12/2026"},
    )
    assert response.status_code == 302
    assert van.assignments.get(end_date__isnull=True).start_date == datetime.date(2026, 12, 7)


def test_an_impossible_birth_date_is_named(login, people):
    van = people["van"]
    response = login("officer_a").post(
        reverse("people:edit", args=[van.pk]),
        {"full_name": "Lò Thị Vân", "gender": "female", "birth_date": "29/02/1987", "version": van.version},
    )
    assert response.status_code == 200
    assert "Ngày «29/02/1987» không có thật." in response.content.decode()
