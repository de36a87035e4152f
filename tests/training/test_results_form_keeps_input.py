"""The results form shown again after a refused row keeps what the officer typed in every row (the
results, scores and grades of a whole class), not the stored values: retyping a class of 60 after
one mistyped score is how wrong results get recorded."""

import datetime
import re

import pytest

from canbo.training import services

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(people, update_course, make_class):
    cls = make_class(update_course, start=D(2025, 9, 8), capacity=None)
    rows = [
        services.enrolment_approve(enrolment=services.enrolment_nominate(training_class=cls, person=people[name]))
        for name in ("van", "pao")
    ]
    return cls, rows


def _value(html, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    return match and match[1]


def test_a_refused_row_keeps_every_typed_value(login, pair):
    cls, (first, second) = pair
    page = login("province_admin").post(
        f"/training/classes/{cls.code}/results/",
        {
            f"result-{first.pk}": "passed",
            f"score-{first.pk}": "8,5",
            f"grade-{first.pk}": "Giỏi",
            f"result-{second.pk}": "passed",
            f"score-{second.pk}": "8 5",
            f"grade-{second.pk}": "Khá",
        },
    )
    html = page.content.decode()
    assert "«8 5» không phải là số" in html
    assert _value(html, f"score-{first.pk}") == "8,5" and _value(html, f"grade-{first.pk}") == "Giỏi"
    assert _value(html, f"score-{second.pk}") == "8 5" and _value(html, f"grade-{second.pk}") == "Khá"
    for enrolment in (first, second):
        select = re.search(rf'<select[^>]*name="result-{enrolment.pk}">(.*?)</select>', html, re.S)[1]
        assert re.search(r'<option value="passed" selected>', select), select
    first.refresh_from_db()
    assert first.result == "" and first.score is None  # nothing written


def test_the_form_first_shows_the_stored_values(login, pair):
    cls, (first, _second) = pair
    services.enrolment_record_result(enrolment=first, result="passed", score=8.5, grade="Giỏi")
    html = login("province_admin").get(f"/training/classes/{cls.code}/results/").content.decode()
    assert _value(html, f"score-{first.pk}") == "8,5" and _value(html, f"grade-{first.pk}") == "Giỏi"


def test_a_score_with_more_places_than_kept_is_refused_not_rounded(login, pair):
    """The score keeps two decimals: 8,125 would be stored as 8,12 while the form said it was saved."""
    cls, (first, _second) = pair
    page = login("province_admin").post(
        f"/training/classes/{cls.code}/results/", {f"result-{first.pk}": "passed", f"score-{first.pk}": "8,125"}
    )
    assert "8,125" in page.content.decode() and "2 chữ số thập phân" in page.content.decode()
    first.refresh_from_db()
    assert first.result == "" and first.score is None
    with pytest.raises(services.DomainError):
        services.enrolment_record_result(enrolment=first, result="passed", score=8.125)
    services.enrolment_record_result(enrolment=first, result="passed", score=8.50)
    first.refresh_from_db()
    assert str(first.score) == "8.50"
