"""Bands by year and category, and each check of the record service refused with its rule and source."""

import datetime
from decimal import Decimal

import pytest

from canbo.careers import services
from canbo.careers.models import Evaluation, EvaluationScheme
from canbo.careers.rules import SchemeBook
from canbo.core.errors import DomainError, NotPermitted, OutOfReach, StaleEdit
from canbo.core.models import ChangeLogEntry

D = datetime.date
TODAY = D(2027, 3, 1)


def _messages(error) -> str:
    return " ".join(error.value.messages)


@pytest.mark.django_db
def test_the_scheme_of_a_year_depends_on_the_date_and_the_category(schemes):
    book = SchemeBook()
    assert book.scheme_for("cong_chuc", 2022).code == "ND90-2020"
    assert book.scheme_for("vien_chuc", 2022).code == "ND90-2020"
    assert book.scheme_for("cong_chuc", 2023).code == "ND48-2023"  # valid on 31/12/2023
    assert book.scheme_for("cong_chuc", 2025).code == "ND48-2023"
    assert book.scheme_for("cong_chuc", 2026).code == "ND335-2025-CC"
    assert book.scheme_for("can_bo", 2026).code == "ND48-2023"  # no own scheme: the catch-all
    vien_chuc = book.scheme_for("vien_chuc", 2026)
    assert vien_chuc.code == "ND48-2026-VC"
    assert not vien_chuc.confirmed and "233/2026" in vien_chuc.note
    nd335 = EvaluationScheme.objects.get(code="ND335-2025-CC")
    assert nd335.valid_from == D(2026, 1, 1) and nd335.uses_score and nd335.failing_sanction == "reprimand"
    assert {b.level: b.min_score for b in nd335.bands.all()} == {
        "excellent": 90,
        "good": 70,
        "done": 50,
        "failed": 0,
    }


@pytest.mark.parametrize(
    ("score", "expected"),
    [("90", "excellent"), ("89.99", "good"), ("70", "good"), ("69.5", "done"), ("50", "done"), ("49.9", "failed")],
)
@pytest.mark.django_db
def test_a_2026_civil_servant_is_classified_by_score(schemes, score, expected):
    book = SchemeBook()
    scheme = book.scheme_for("cong_chuc", 2026)
    assert book.band_of(scheme, Decimal(score)).level == expected


@pytest.mark.django_db
def test_the_level_follows_the_score_under_nd335(people, staff, schemes):
    staff(5)  # the cap needs people rated "tốt" beside a "xuất sắc"
    saved = services.evaluation_record(person=people["van"], year=2026, score=Decimal("85"), today=TODAY)
    assert saved.level == "good" and saved.scheme.code == "ND335-2025-CC" and saved.category == "cong_chuc"


@pytest.mark.django_db
def test_a_level_contradicting_the_score_is_refused_with_the_band_and_the_decree(people, schemes):
    with pytest.raises(DomainError) as error:
        services.evaluation_record(person=people["van"], year=2026, score=Decimal("75"), level="excellent", today=TODAY)
    text = _messages(error)
    assert "75 điểm thuộc khung “Hoàn thành tốt nhiệm vụ” (từ 70 đến dưới 90 điểm)" in text
    assert "NĐ 335/2025/NĐ-CP" in text
    assert not Evaluation.unscoped.exists()


@pytest.mark.django_db
def test_a_2022_score_is_not_banded_nd90_has_no_score(people, schemes):
    saved = services.evaluation_record(person=people["van"], year=2022, score=Decimal("40"), level="good", today=TODAY)
    assert saved.level == "good" and saved.scheme.code == "ND90-2020"


@pytest.mark.django_db
def test_a_viên_chức_in_2026_stays_under_nd48(tree, people, staff, schemes):
    (teacher,) = staff(1, category="vien_chuc")
    saved = services.evaluation_record(person=teacher, year=2026, level="done", today=TODAY)
    assert saved.scheme.code == "ND48-2026-VC"


@pytest.mark.parametrize(("year", "decree"), [(2022, "NĐ 90/2020/NĐ-CP"), (2026, "NĐ 335/2025/NĐ-CP")])
@pytest.mark.django_db
def test_a_sanction_in_the_year_forces_failure(people, schemes, year, decree):
    with pytest.raises(DomainError) as error:
        services.evaluation_record(person=people["van"], year=year, level="done", sanction="reprimand", today=TODAY)
    text = _messages(error)
    assert "Bị kỷ luật “Khiển trách” trong năm đánh giá thì xếp loại “Không hoàn thành nhiệm vụ”" in text
    assert decree in text
    saved = services.evaluation_record(person=people["van"], year=year, level="failed", sanction="warning", today=TODAY)
    assert saved.level == "failed" and saved.sanction == "warning"


@pytest.mark.django_db
def test_a_sanction_lets_a_good_score_be_rated_failed(people, schemes):
    saved = services.evaluation_record(
        person=people["van"], year=2026, score=Decimal("80"), level="failed", sanction="reprimand", today=TODAY
    )
    assert saved.level == "failed"


@pytest.mark.django_db
def test_a_sanction_without_a_level_gives_failure(people, schemes):
    saved = services.evaluation_record(
        person=people["van"], year=2026, score=Decimal("92"), sanction="reprimand", today=TODAY
    )
    assert saved.level == "failed" and saved.scheme.code == "ND335-2025-CC"


@pytest.mark.django_db
def test_the_steps_must_be_in_order_and_within_the_year_and_the_next(people, schemes):
    with pytest.raises(DomainError) as error:
        services.evaluation_record(
            person=people["van"],
            year=2024,
            level="good",
            self_assessed_on=D(2024, 12, 10),
            superior_on=D(2024, 12, 5),
            today=TODAY,
        )
    assert "các bước phải theo thứ tự" in _messages(error)
    with pytest.raises(DomainError) as error:
        services.evaluation_record(person=people["van"], year=2024, level="good", decided_on=D(2026, 1, 5), today=TODAY)
    assert "Ngày phải trong năm 2024 hoặc năm 2025" in _messages(error)
    saved = services.evaluation_record(
        person=people["van"],
        year=2024,
        level="good",
        self_assessed_on=D(2024, 12, 10),
        superior_on=D(2024, 12, 15),
        collective_on=D(2024, 12, 20),
        decided_on=D(2025, 1, 8),
        today=TODAY,
    )
    assert saved.decided_on == D(2025, 1, 8)


@pytest.mark.django_db
def test_the_cap_on_excellent_within_a_unit_and_year(tree, people, staff, schemes):
    four = staff(4)
    for person in four:
        services.evaluation_record(person=person, year=2024, level="good", today=TODAY)
    # 0 excellent of 4 good → 1 would be 25 % > 20 %: refused; with a fifth "tốt" it is 20 %
    with pytest.raises(DomainError) as error:
        services.evaluation_record(person=people["van"], year=2024, level="excellent", today=TODAY)
    assert _messages(error) == (
        "Đơn vị Xã Thanh Nưa năm 2024: 1 người xuất sắc vượt 20% của 4 người hoàn thành tốt "
        f"({EvaluationScheme.objects.get(code='ND48-2023').source})."
    )
    (fifth,) = staff(1)
    services.evaluation_record(person=fifth, year=2024, level="good", today=TODAY)
    saved = services.evaluation_record(person=people["van"], year=2024, level="excellent", today=TODAY)
    assert saved.level == "excellent"
    # another unit, another count: commune A's office has nobody "tốt"
    with pytest.raises(DomainError):
        services.evaluation_record(person=people["minh"], year=2024, level="excellent", today=TODAY)
    # bringing a "tốt" down would leave the unit over the cap: refused too
    with pytest.raises(DomainError) as error:
        services.evaluation_record(person=four[0], year=2024, level="done", today=TODAY)
    assert "1 người xuất sắc vượt 20% của 4 người hoàn thành tốt" in _messages(error)


def test_deleting_a_good_result_that_holds_up_the_cap_is_refused(tree, people, staff, schemes):
    five = staff(5)
    for person in five:
        services.evaluation_record(person=person, year=2024, level="good", today=TODAY)
    services.evaluation_record(person=people["van"], year=2024, level="excellent", today=TODAY)
    # 1 xuất sắc of 5 tốt is 20 %; without one "tốt" it would be 25 %
    with pytest.raises(DomainError) as error:
        services.evaluation_delete(evaluation=Evaluation.unscoped.get(person=five[0], year=2024))
    assert "1 người xuất sắc vượt 20% của 4 người hoàn thành tốt" in _messages(error)
    assert Evaluation.unscoped.filter(year=2024).count() == 6
    # once the "xuất sắc" is gone, the same "tốt" may go
    services.evaluation_delete(evaluation=Evaluation.unscoped.get(person=people["van"], year=2024))
    services.evaluation_delete(evaluation=Evaluation.unscoped.get(person=five[0], year=2024))
    assert Evaluation.unscoped.filter(year=2024).count() == 4


@pytest.mark.django_db
def test_one_result_per_person_and_year_updated_with_a_version_check(people, schemes):
    first = services.evaluation_record(person=people["van"], year=2023, level="done", today=TODAY)
    again = services.evaluation_record(
        person=people["van"], year=2023, level="good", expected_version=first.version, today=TODAY
    )
    assert again.pk == first.pk and again.version == first.version + 1
    assert Evaluation.unscoped.filter(person=people["van"], year=2023).count() == 1
    with pytest.raises(StaleEdit):
        services.evaluation_record(
            person=people["van"], year=2023, level="failed", expected_version=first.version, today=TODAY
        )
    assert Evaluation.unscoped.get(pk=first.pk).level == "good"
    actions = list(
        ChangeLogEntry.unscoped.filter(object_id=str(first.pk), content_type__model="evaluation").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["create", "update"]


@pytest.mark.django_db
def test_who_may_record(people, schemes, as_user):
    with as_user("officer_b"), pytest.raises(OutOfReach):
        services.evaluation_record(person=people["van"], year=2024, level="good", today=TODAY)
    with as_user("leader"), pytest.raises(NotPermitted):
        services.evaluation_record(person=people["van"], year=2024, level="good", today=TODAY)
    with as_user("cadre_a"), pytest.raises((OutOfReach, NotPermitted)):
        services.evaluation_record(person=people["van"], year=2024, level="good", today=TODAY)
    assert not Evaluation.unscoped.exists()
    with as_user("officer_a"):
        saved = services.evaluation_record(person=people["van"], year=2024, level="good", today=TODAY)
    entry = ChangeLogEntry.unscoped.get(object_id=str(saved.pk), content_type__model="evaluation")
    assert entry.user.username == "officer_a" and entry.unit_path == saved.unit_path
