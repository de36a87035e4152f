"""Hostile input to the evaluation form and service: Vietnamese numbers and dates, a mark out of 10,
steps out of order, a year in the future, and the cap on "xuất sắc" at its boundary."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from canbo.careers import services
from canbo.careers.models import Evaluation
from canbo.core.errors import DomainError

D = datetime.date
TODAY = D(2027, 3, 1)


@pytest.mark.django_db
def test_the_form_reads_vietnamese_numbers_and_dates_and_refuses_a_mark_out_of_10(login, tree, people, schemes):
    url = reverse("careers:evaluation_edit", args=[people["minh"].pk, 2025])
    client = login("officer_a")
    base = {"unit": tree["a_office"].pk, "level": "done"}
    out_of_ten = client.post(url, {**base, "score": "8,5"})
    assert out_of_ten.status_code == 200
    assert "Điểm 8,5 quá thấp cho thang 100 điểm" in out_of_ten.content.decode()
    ambiguous = client.post(url, {**base, "score": "1.500"})
    assert ambiguous.status_code == 200 and "có thể hiểu là" in ambiguous.content.decode()
    out_of_order = client.post(url, {**base, "self_assessed_on": "20/12/2025", "superior_on": "15/12/2025"})
    assert out_of_order.status_code == 200
    assert "Ngày này trước bước trước đó (20/12/2025)" in out_of_order.content.decode()
    assert not Evaluation.unscoped.exists()
    saved = client.post(
        url,
        {**base, "score": "65,5", "self_score": "70", "self_assessed_on": "05/12/2025", "decided_on": "05/01/2026"},
    )
    assert saved.status_code == 302
    stored = Evaluation.unscoped.get()
    assert (stored.score, stored.self_score, stored.self_assessed_on, stored.decided_on, stored.level) == (
        Decimal("65.50"),
        Decimal("70.00"),
        D(2025, 12, 5),
        D(2026, 1, 5),
        "done",
    )


@pytest.mark.django_db
def test_a_year_after_this_one_is_refused(people, schemes, as_user):
    with as_user("officer_a"), pytest.raises(DomainError) as refused:
        services.evaluation_record(person=people["van"], year=2028, level="good", today=TODAY)
    assert "Năm đánh giá phải từ 2000 đến năm nay." in refused.value.messages
    assert not Evaluation.unscoped.exists()


@pytest.mark.django_db
def test_the_cap_at_its_boundary_two_of_ten_good_yes_three_no_none_without_good(tree, staff, schemes, as_user):
    good, excellent = staff(10), staff(3, prefix="Xuất sắc")
    with as_user("officer_a"):
        # no "tốt" yet: 20 % of 0 is 0, so the decree's words leave no room for a "xuất sắc"
        with pytest.raises(DomainError) as refused:
            services.evaluation_record(person=excellent[0], year=2024, level="excellent", today=TODAY)
        assert "1 người xuất sắc vượt 20% của 0 người hoàn thành tốt" in " ".join(refused.value.messages)
        for person in good:
            services.evaluation_record(person=person, year=2024, level="good", today=TODAY)
        for person in excellent[:2]:
            services.evaluation_record(person=person, year=2024, level="excellent", today=TODAY)  # 2 ≤ 20 % of 10
        with pytest.raises(DomainError) as refused:
            services.evaluation_record(person=excellent[2], year=2024, level="excellent", today=TODAY)
        assert "3 người xuất sắc vượt 20% của 10 người hoàn thành tốt" in " ".join(refused.value.messages)
    assert Evaluation.unscoped.filter(level="excellent").count() == 2
