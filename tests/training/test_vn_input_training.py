"""The class form and the results form take dates and numbers as the offices type them (07/12/2026,
1.200.000, 8,5) and show them back the same way."""

import datetime
from decimal import Decimal

import pytest

from canbo.training import services
from canbo.training.models import TrainingClass

pytestmark = pytest.mark.django_db


def _class_form(programme, unit, **changes):
    return {
        "code": "2026-DB-CNKT-12",
        "name": "Cập nhật kiến thức pháp luật tháng 12",
        "programme": programme.pk,
        "organiser": unit.pk,
        "place": "in_province",
        "study_mode": "full_time",
        "start_date": "07/12/2026",
        "end_date": "9.12.2026",
        "capacity": "1.200",
        "cost": "1.200.000",
        "funding": "state_budget",
        **changes,
    }


def test_a_class_is_opened_with_day_first_dates_and_dotted_money(login, tree, update_course):
    client = login("province_admin")
    response = client.post("/training/classes/new/", _class_form(update_course, tree["province"]))
    assert response.status_code == 302, response.content.decode()
    saved = TrainingClass.unscoped.get(code="2026-DB-CNKT-12")
    assert (saved.start_date, saved.end_date) == (datetime.date(2026, 12, 7), datetime.date(2026, 12, 9))
    assert (saved.cost, saved.capacity) == (Decimal("1200000"), 1200)
    page = client.get(f"/training/classes/{saved.code}/").content.decode()
    assert "1.200.000 đ" in page
    edit = client.get(f"/training/classes/{saved.code}/edit/").content.decode()
    assert 'value="07/12/2026"' in edit and 'value="09/12/2026"' in edit
    assert 'value="1.200.000"' in edit and 'value="1.200"' in edit


def test_the_class_form_names_an_impossible_date(login, tree, update_course):
    response = login("province_admin").post(
        "/training/classes/new/", _class_form(update_course, tree["province"], start_date="31/11/2026")
    )
    assert response.status_code == 200
    assert "Ngày «31/11/2026» không có thật." in response.content.decode()
    assert not TrainingClass.unscoped.filter(code="2026-DB-CNKT-12").exists()


def test_a_score_is_typed_with_a_comma_and_shown_with_one(login, people, update_course, make_class):
    training_class = make_class(update_course, start=datetime.date(2025, 9, 8))
    enrolment = services.enrolment_approve(
        enrolment=services.enrolment_nominate(training_class=training_class, person=people["van"])
    )
    client = login("province_admin")
    url = f"/training/classes/{training_class.code}/results/"
    client.post(url, {f"result-{enrolment.pk}": "passed", f"score-{enrolment.pk}": "8,5"})
    enrolment.refresh_from_db()
    assert enrolment.score == Decimal("8.5")
    assert f'name="score-{enrolment.pk}" value="8,5"' in client.get(url).content.decode()
    bad = client.post(url, {f"result-{enrolment.pk}": "passed", f"score-{enrolment.pk}": "8,5,1"}).content.decode()
    assert "«8,5,1» không phải là số" in bad
