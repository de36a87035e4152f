"""The training API: scoped like the pages, refusals in the one error format."""

import datetime

import pytest

from canbo.training import services
from tests.training.conftest import *  # noqa: F403  (programme and class fixtures)

D = datetime.date


@pytest.fixture
def open_class(update_course, make_class):
    return make_class(update_course, start=D(2025, 9, 8), capacity=1)


def test_it_lists_classes_and_nominates_approves_and_records_results(login, people, open_class):
    officer = login("officer_a")
    listed = officer.get("/api/v1/training/classes").json()
    assert [c["code"] for c in listed] == [open_class.code]
    created = officer.post(
        f"/api/v1/training/classes/{open_class.code}/enrolments",
        {"person": "011188001234"},
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["status"] == "nominated"
    pk = created.json()["id"]
    admin = login("province_admin")
    assert (
        admin.post(f"/api/v1/training/classes/{open_class.code}/enrolments/{pk}/approve").json()["status"] == "approved"
    )
    done = admin.post(
        f"/api/v1/training/classes/{open_class.code}/enrolments/{pk}/result",
        {"result": "passed", "score": "9.0"},
        content_type="application/json",
    ).json()
    assert done["result"] == "passed" and done["completed_on"] == str(open_class.end_date)


def test_refusals_use_the_error_format_and_outsiders_get_404(login, people, update_course, make_class, tree):
    local = make_class(update_course, organiser=tree["a"])
    assert login("officer_b").get(f"/api/v1/training/classes/{local.code}").status_code == 404
    officer = login("officer_a")
    services.enrolment_nominate(training_class=local, person=people["van"])
    again = officer.post(
        f"/api/v1/training/classes/{local.code}/enrolments", {"person": "011188001234"}, content_type="application/json"
    )
    assert again.status_code == 400 and "đã có tên trong lớp" in again.json()["error"]
    assert (
        login("leader")
        .post(f"/api/v1/training/classes/{local.code}/enrolments", {"person": "x"}, content_type="application/json")
        .status_code
        == 403
    )


def test_a_learner_withdrawing_their_own_enrolment_is_refused_with_403(login, personas, people, open_class):
    """authorize: the enrolment is within the cadre's reach (their own), the role does not grant it."""
    cadre = personas["cadre_a"]
    cadre.person = people["van"]
    cadre.save()
    enrolment = services.enrolment_nominate(training_class=open_class, person=people["van"])
    response = login("cadre_a").post(f"/api/v1/training/classes/{open_class.code}/enrolments/{enrolment.pk}/withdraw")
    assert response.status_code == 403 and "không có quyền rút" in response.json()["error"]
    enrolment.refresh_from_db()
    assert enrolment.status == "nominated"
