"""Service obligation and repayment, self-study toward the duty, placement after training."""

import datetime
from decimal import Decimal

import pytest

from canbo.core.context import acting_as
from canbo.core.errors import DomainError
from canbo.core.scope import Scope
from canbo.training import records, services
from canbo.training.models import DutyPeriods
from canbo.training.obligations import months_between, obligation_for, repayment, training_months

D = datetime.date


def test_repayment_follows_f_over_t1_times_t1_minus_t2():
    # 24 months to serve, 6 served, 120,000,000 đ paid: 120e6 / 24 × 18 = 90,000,000 đ.
    assert repayment(cost=Decimal(120_000_000), months_required=24, months_served=6) == Decimal(90_000_000)
    assert repayment(cost=Decimal(120_000_000), months_required=24, months_served=24) == 0
    assert repayment(cost=Decimal(100), months_required=3, months_served=1) == Decimal(67)


def test_months_are_whole_calendar_months():
    assert months_between(D(2024, 1, 31), D(2024, 2, 29)) == 0
    assert months_between(D(2024, 1, 15), D(2025, 1, 15)) == 12
    assert training_months(D(2024, 1, 1), D(2024, 12, 31)) == 12


@pytest.fixture
def degree(kinds, level):
    def _degree(code, grants):
        return services.programme_create(
            code=code, name=f"Đào tạo {code}", kind=kinds["degree"], grants_level=level("professional", grants)
        )

    return _degree


def _completed(people, make_class, programme, *, start, end, cost):
    cls = make_class(programme, start=start, days=(end - start).days + 1, study_mode="part_time", cost=cost)
    enrolment = services.enrolment_approve(
        enrolment=services.enrolment_nominate(training_class=cls, person=people["pao"])
    )
    return services.enrolment_record_result(enrolment=enrolment, result="passed", completed_on=end)


def test_state_funded_university_training_asks_twice_its_time(people, make_class, degree):
    enrolment = _completed(
        people, make_class, degree("DH", "dai_hoc"), start=D(2023, 1, 2), end=D(2023, 12, 31), cost=Decimal(60_000_000)
    )
    obligation = obligation_for(enrolment)
    assert (obligation.training_months, obligation.months_required) == (12, 24)
    assert obligation.ends == D(2025, 12, 31)
    assert obligation.repayment(D(2024, 12, 31)) == Decimal(30_000_000)
    assert obligation.repayment(D(2026, 1, 1)) == 0


def test_postgraduate_training_after_the_2025_rule_asks_three_times(people, make_class, degree):
    enrolment = _completed(
        people, make_class, degree("THS", "thac_si"), start=D(2025, 1, 6), end=D(2025, 12, 5), cost=Decimal(90_000_000)
    )
    obligation = obligation_for(enrolment)
    assert obligation.rule.code == "postgraduate" and obligation.months_required == 33


def test_bồi_dưỡng_and_self_funded_training_carry_no_obligation(people, make_class, update_course, degree):
    cls = make_class(update_course, cost=Decimal(1_000_000))
    enrolment = services.enrolment_approve(
        enrolment=services.enrolment_nominate(training_class=cls, person=people["van"])
    )
    assert obligation_for(services.enrolment_record_result(enrolment=enrolment, result="passed")) is None
    programme = degree("DH2", "dai_hoc")
    cls = make_class(programme, start=D(2023, 1, 2), days=300, study_mode="part_time", funding="learner")
    enrolment = services.enrolment_approve(
        enrolment=services.enrolment_nominate(training_class=cls, person=people["pao"])
    )
    assert obligation_for(services.enrolment_record_result(enrolment=enrolment, result="passed")) is None


def test_the_person_page_shows_the_obligation_and_repayment(login, people, make_class, degree):
    _completed(
        people, make_class, degree("DH", "dai_hoc"), start=D(2025, 1, 6), end=D(2025, 6, 30), cost=Decimal(12_000_000)
    )
    page = login("province_admin").get(f"/training/people/{people['pao'].pk}/").content.decode()
    assert 'data-testid="obligations"' in page and "NĐ 101/2017/NĐ-CP" in page


def test_accepted_self_study_counts_toward_the_duty(personas, people):
    van = people["van"]
    item = records.self_study_submit(
        person=van,
        title="Khóa học trực tuyến về chuyển đổi số",
        start_date=D(2025, 3, 1),
        end_date=D(2025, 3, 20),
        periods=24,
        evidence="Giấy chứng nhận số 123/2025",
    )
    assert not DutyPeriods.objects.filter(person=van).exists()
    with acting_as(personas["officer_a"], origin="test"):
        records.self_study_review(item=item, accept=True)
    assert DutyPeriods.objects.get(person=van, year=2025).periods == 24


def test_self_study_needs_evidence_and_a_past_end(people):
    with pytest.raises(DomainError) as refused:
        records.self_study_submit(
            person=people["van"],
            title="X",
            start_date=D(2025, 3, 1),
            end_date=datetime.date.today() + datetime.timedelta(days=3),
            periods=8,
            evidence="",
        )
    assert set(refused.value.message_dict) == {"end_date", "evidence"}


def test_people_trained_for_a_post_and_not_placed_are_listed(people, make_class, update_course, tree):
    cls = make_class(update_course, start=D(2024, 3, 4))
    nominated = services.enrolment_nominate(
        training_class=cls, person=people["van"], intended_post="  Phó Chủ tịch   Ủy ban nhân dân xã "
    )
    assert nominated.intended_post == "Phó Chủ tịch Ủy ban nhân dân xã"
    enrolment = services.enrolment_approve(enrolment=nominated)
    enrolment = services.enrolment_record_result(enrolment=enrolment, result="passed")
    listed = records.not_placed(scope=Scope.everything(), months=12, day=D(2025, 6, 1))
    assert list(listed) == [enrolment]
    assert not records.not_placed(scope=Scope.everything(), months=24, day=D(2025, 6, 1)).exists()
    records.placement_record(enrolment=enrolment, unit=tree["a"], post="Phó Chủ tịch UBND xã", start_date=D(2025, 1, 2))
    assert not records.not_placed(scope=Scope.everything(), months=12, day=D(2025, 6, 1)).exists()


def test_the_evidence_file_is_shown_only_within_reach(login, personas, people, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    item = records.self_study_submit(
        person=people["van"],
        title="Khóa học trực tuyến",
        start_date=D(2025, 3, 1),
        end_date=D(2025, 3, 2),
        periods=8,
        evidence="Giấy chứng nhận",
        evidence_file=SimpleUploadedFile("chung-nhan.pdf", b"%PDF-1.4 minh chung"),
    )
    assert login("officer_a").get(f"/training/self-study/{item.pk}/evidence/").status_code == 200
    assert login("officer_b").get(f"/training/self-study/{item.pk}/evidence/").status_code == 404
