"""Nomination, approval within capacity, the waiting list, results and what follows them."""

import datetime
from decimal import Decimal

import pytest

from canbo import events
from canbo.core.context import acting_as
from canbo.core.errors import DomainError, NotPermitted, OutOfReach
from canbo.people import services as people_services
from canbo.people.models import PersonLevel, Qualification
from canbo.training import services
from canbo.training.models import DutyPeriods, Enrolment

D = datetime.date


def _listen(monkeypatch, kind, ids: str) -> list[int]:
    """The ids (the field `ids`) of every `kind` event the writers emit, in place of its
    subscribers (the other events reach theirs)."""
    heard: list[int] = []
    emit = events.emit

    def listen(event):
        if isinstance(event, kind):
            heard.extend(getattr(event, ids))
        else:
            emit(event)

    monkeypatch.setattr(events, "emit", listen)
    return heard


@pytest.fixture
def staff(tree, reference):
    """`staff(n)` makes n công chức of commune A."""
    counter = iter(range(1, 1000))

    def _staff(n, *, unit=None, category="cong_chuc"):
        made = []
        for _ in range(n):
            i = next(counter)
            made.append(
                people_services.person_create(
                    unit=unit or tree["a"],
                    assignment={
                        "category": category,
                        "title": "Công chức Tư pháp - hộ tịch",
                        "start_date": D(2020, 1, 1),
                    },
                    full_name=f"Lò Văn Học {i}",
                    birth_year=1990,
                )
            )
        return made

    return _staff


def test_a_nomination_keeps_the_learners_unit_and_title_at_the_time(people, update_course, make_class, tree):
    cls = make_class(update_course)
    enrolment = services.enrolment_nominate(training_class=cls, person=people["van"])
    assert enrolment.status == "nominated"
    assert enrolment.unit == tree["a"] and enrolment.unit_path == tree["a"].path
    assert enrolment.category == "cong_chuc" and enrolment.title == "Công chức Văn phòng - thống kê"
    people_services.assignment_start(person=people["van"], unit=tree["b"], category="can_bo", start_date=D(2026, 1, 1))
    enrolment.refresh_from_db()
    assert enrolment.unit == tree["a"] and enrolment.category == "cong_chuc"


def test_it_refuses_a_learner_outside_the_target_group(people, llct, make_class):
    cls = make_class(llct, days=200, study_mode="part_time")
    with pytest.raises(DomainError, match="Lớp dành cho Cán bộ, Công chức"):
        services.enrolment_nominate(training_class=cls, person=people["minh"])  # no category on record
    assert services.enrolment_nominate(training_class=cls, person=people["pao"]).status == "nominated"


def test_it_refuses_a_second_full_time_class_at_the_same_time(people, update_course, make_class):
    first = make_class(update_course, start=D(2025, 9, 8), days=5)
    overlapping = make_class(update_course, start=D(2025, 9, 11), days=2)
    later = make_class(update_course, start=D(2025, 9, 13), days=2)
    services.enrolment_nominate(training_class=first, person=people["van"])
    with pytest.raises(DomainError, match="trùng thời gian") as refused:
        services.enrolment_nominate(training_class=overlapping, person=people["van"])
    assert first.name in str(refused.value)
    assert services.enrolment_nominate(training_class=later, person=people["van"])


def test_a_part_time_class_clashes_with_nothing(people, update_course, llct, make_class):
    full_time = make_class(update_course, start=D(2025, 9, 8), days=5)
    part_time = make_class(llct, start=D(2025, 9, 1), days=200, study_mode="part_time")
    services.enrolment_nominate(training_class=full_time, person=people["van"])
    assert services.enrolment_nominate(training_class=part_time, person=people["van"])


def test_a_withdrawn_nomination_no_longer_clashes(people, update_course, make_class):
    first = make_class(update_course, days=5)
    second = make_class(update_course, days=5)
    enrolment = services.enrolment_nominate(training_class=first, person=people["van"])
    services.enrolment_withdraw(enrolment=enrolment)
    assert services.enrolment_nominate(training_class=second, person=people["van"]).status == "nominated"


def test_approval_fills_the_capacity_then_queues_in_order(staff, update_course, make_class):
    cls = make_class(update_course, capacity=2)
    learners = staff(4)
    enrolments = [services.enrolment_nominate(training_class=cls, person=p) for p in learners]
    results = [services.enrolment_approve(enrolment=e) for e in enrolments]
    assert [e.status for e in results] == ["approved", "approved", "waitlisted", "waitlisted"]
    assert [e.waitlist_position for e in results] == [None, None, 1, 2]


def test_a_freed_seat_goes_to_the_first_on_the_waiting_list(staff, update_course, make_class):
    cls = make_class(update_course, capacity=1)
    a, b, c = (services.enrolment_nominate(training_class=cls, person=p) for p in staff(3))
    a, b, c = (services.enrolment_approve(enrolment=e) for e in (a, b, c))
    services.enrolment_withdraw(enrolment=a)
    b.refresh_from_db()
    c.refresh_from_db()
    assert (b.status, c.status) == ("approved", "waitlisted")
    services.class_update(training_class=cls, capacity=2)
    c.refresh_from_db()
    assert c.status == "approved"


def test_a_seat_freed_by_a_refusal_is_given_too(staff, update_course, make_class):
    cls = make_class(update_course, capacity=1)
    a, b = (
        services.enrolment_approve(enrolment=services.enrolment_nominate(training_class=cls, person=p))
        for p in staff(2)
    )
    services.enrolment_reject(enrolment=a, note="Không đúng đối tượng")
    b.refresh_from_db()
    assert b.status == "approved" and b.waitlist_position is None


def test_an_officer_of_another_commune_cannot_nominate_or_approve(personas, people, update_course, make_class):
    cls = make_class(update_course)
    with acting_as(personas["officer_b"], origin="test"), pytest.raises(OutOfReach):
        services.enrolment_nominate(training_class=cls, person=people["van"])  # not B's person: not found
    with acting_as(personas["officer_a"], origin="test"):
        enrolment = services.enrolment_nominate(training_class=cls, person=people["van"])
        with pytest.raises(OutOfReach):
            services.enrolment_approve(enrolment=enrolment)  # the province organises the class
    with acting_as(personas["leader"], origin="test"), pytest.raises(NotPermitted, match="không có quyền quản lý lớp"):
        services.enrolment_approve(enrolment=enrolment)  # the province's leader reaches it but only reads
    with acting_as(personas["province_admin"], origin="test"):
        assert services.enrolment_approve(enrolment=enrolment).status == "approved"


def test_passing_a_level_granting_programme_adds_the_qualification_and_tells_the_gap_engine(
    people, llct, make_class, monkeypatch
):
    heard = _listen(monkeypatch, events.PeopleChanged, "person_ids")
    cls = make_class(llct, start=D(2025, 1, 6), days=200, study_mode="part_time")
    pao = people["pao"]
    enrolment = services.enrolment_approve(enrolment=services.enrolment_nominate(training_class=cls, person=pao))
    done = services.enrolment_record_result(enrolment=enrolment, result="passed", score=Decimal("8.5"), grade="Giỏi")
    assert done.completed_on == cls.end_date
    qualification = Qualification.unscoped.get(person=pao, ladder__code="politics")
    assert qualification.level.code == "trung_cap" and qualification.source == "training"
    assert done.qualification == qualification
    assert PersonLevel.objects.get(person=pao, ladder__code="politics").level.code == "trung_cap"
    assert pao.pk in heard

    services.enrolment_record_result(enrolment=done, result="failed")
    assert not Qualification.unscoped.filter(person=pao, ladder__code="politics").exists()
    assert not PersonLevel.objects.filter(person=pao, ladder__code="politics").exists()


def test_completed_periods_count_toward_the_duty_of_their_year(people, update_course, make_class):
    van = people["van"]
    for start in (D(2025, 3, 3), D(2025, 10, 6), D(2026, 2, 2)):
        cls = make_class(update_course, start=start)
        enrolment = services.enrolment_approve(enrolment=services.enrolment_nominate(training_class=cls, person=van))
        services.enrolment_record_result(enrolment=enrolment, result="passed")
    assert dict(DutyPeriods.objects.filter(person=van).values_list("year", "periods")) == {2025: 32, 2026: 16}
    last = Enrolment.unscoped.get(person=van, training_class__start_date=D(2026, 2, 2))
    services.enrolment_record_result(enrolment=last, result="failed")
    assert dict(DutyPeriods.objects.filter(person=van).values_list("year", "periods")) == {2025: 32}


def test_results_wait_for_the_class_to_start_and_for_approval(people, update_course, make_class):
    future = make_class(update_course, start=datetime.date.today() + datetime.timedelta(days=30))
    enrolment = services.enrolment_nominate(training_class=future, person=people["van"])
    with pytest.raises(DomainError, match="Chỉ nhập kết quả cho học viên đã được duyệt"):
        services.enrolment_record_result(enrolment=enrolment, result="passed")
    enrolment = services.enrolment_approve(enrolment=enrolment)
    with pytest.raises(DomainError, match="chưa khai giảng"):
        services.enrolment_record_result(enrolment=enrolment, result="passed")


def test_a_class_cannot_finish_while_results_are_missing(people, update_course, make_class):
    cls = make_class(update_course)
    enrolment = services.enrolment_approve(
        enrolment=services.enrolment_nominate(training_class=cls, person=people["van"])
    )
    cls = services.class_set_status(training_class=cls, status="running")
    with pytest.raises(DomainError, match="chưa có kết quả"):
        services.class_set_status(training_class=cls, status="finished")
    services.enrolment_record_result(enrolment=enrolment, result="passed")
    assert services.class_set_status(training_class=cls, status="finished").status == "finished"
    with pytest.raises(DomainError, match="không nhận cử học viên"):
        services.enrolment_nominate(training_class=cls, person=people["pao"])


def test_every_writer_tells_the_class_hooks(people, update_course, make_class, monkeypatch):
    heard = _listen(monkeypatch, events.ClassesChanged, "class_ids")
    cls = make_class(update_course)
    enrolment = services.enrolment_nominate(training_class=cls, person=people["van"])
    services.enrolment_approve(enrolment=enrolment)
    services.enrolment_record_result(enrolment=enrolment, result="passed")
    assert heard == [cls.pk] * 4


def test_a_stale_edit_of_a_class_is_refused(update_course, make_class):
    cls = make_class(update_course)
    services.class_update(training_class=cls, expected_version=1, capacity=30)
    with pytest.raises(DomainError, match="đã được sửa"):
        services.class_update(training_class=cls, expected_version=1, capacity=40)


def test_a_level_must_sit_on_the_kinds_ladder(kinds, level):
    with pytest.raises(DomainError, match="phải thuộc thang"):
        services.programme_create(
            code="X", name="Sai thang", kind=kinds["politics"], grants_level=level("state_mgmt", "chuyen_vien")
        )
