"""Classes open to a unit's staff (issue 15 item 2) and the organiser's bulk work (item 4): the
Political School's class seen and filled by a commune, nominations by unit, a selection approved
in one request, certificates for all who passed in one action."""

import datetime

import pytest
from django.urls import reverse

from canbo.core.context import acting_as
from canbo.core.errors import DomainError, NotPermitted, OutOfReach
from canbo.people import services as people_services
from canbo.training import selectors, services
from canbo.training.models import Certificate, CertificateRun, Enrolment

D = datetime.date


@pytest.fixture
def politics(kinds):
    """A politics course for cán bộ and công chức (no level granted: the test is about the workflow)."""
    return services.programme_create(
        code="BD-LLCT",
        name="Bồi dưỡng lý luận chính trị",
        kind=kinds["politics"],
        periods=40,
        duty_periods=40,
        target_categories=["can_bo", "cong_chuc"],
    )


def _officer(tree, code, name):
    return people_services.person_create(
        unit=tree["a"],
        assignment={"category": "cong_chuc", "title": "Công chức Tư pháp - hộ tịch", "start_date": D(2025, 7, 1)},
        full_name=name,
        gender="male",
        birth_year=1990,
        id_number=code,
    )


@pytest.fixture
def commune_staff(tree, people):
    return {
        "hung": _officer(tree, "011190000001", "Lò Văn Hùng"),
        "mai": _officer(tree, "011190000002", "Quàng Thị Mai"),
        "van": people["van"],
    }


@pytest.fixture
def school_class(make_class, politics, school):
    return make_class(politics, organiser=school, institution=school, capacity=30)


def _codes(user, **params):
    flt = selectors.ClassFilter.from_params(params)
    return set(flt.apply(selectors.classes_for(user)).values_list("code", flat=True))


def test_a_school_class_takes_the_staff_of_the_province_unless_told(tree, school_class, make_class, politics, school):
    assert school_class.open_to == tree["province"]
    closed = make_class(politics, organiser=school, open_to=school)
    assert closed.open_to == school
    assert make_class(politics, organiser=tree["a"]).open_to is None


def test_an_area_beside_the_organiser_is_refused(tree, make_class, politics):
    with pytest.raises(DomainError) as refused:
        make_class(politics, organiser=tree["a"], open_to=tree["b"])
    assert "đơn vị cấp trên" in " ".join(refused.value.messages)


def test_a_commune_officer_finds_the_school_class_by_list_and_search(personas, commune_staff, school_class):
    officer = personas["officer_a"]
    assert school_class.code in _codes(officer)
    assert school_class.code in _codes(officer, q="ly luan chinh tri")  # folded search
    assert school_class.code in _codes(officer, organiser="P-TCT")


def test_the_commune_does_not_see_classes_not_open_to_it(personas, tree, commune_staff, make_class, politics, school):
    own_only = make_class(politics, organiser=school, open_to=school)  # the school's own staff
    for_b = make_class(politics, organiser=tree["b"])  # commune B's class
    cadres_only = make_class(  # open to the province, but for cán bộ: commune A's staff are công chức
        politics, organiser=school, target_categories=["can_bo"]
    )
    finished = make_class(politics, organiser=school, status="finished")
    seen = _codes(personas["officer_a"])
    assert {own_only.code, for_b.code, cadres_only.code, finished.code}.isdisjoint(seen)
    # commune B has a cán bộ (Giàng A Páo): the class for cán bộ is open to it
    assert cadres_only.code in _codes(personas["officer_b"])


def test_the_class_page_of_a_closed_class_is_not_found(login, commune_staff, make_class, politics, school):
    own_only = make_class(politics, organiser=school, open_to=school)
    response = login("officer_a").get(reverse("training:class", args=[own_only.code]))
    assert response.status_code == 404


def test_the_commune_reads_the_class_with_its_free_seats_and_a_nomination_box(login, commune_staff, school_class):
    services.enrolment_approve(
        enrolment=services.enrolment_nominate(training_class=school_class, person=commune_staff["hung"])
    )
    client = login("officer_a")
    page = client.get(reverse("training:class", args=[school_class.code])).content.decode()
    assert 'data-testid="free-seats">29<' in page
    assert 'data-testid="nominate-form"' in page
    assert "Sửa lớp" not in page and "Duyệt những người đã chọn" not in page  # read-only for the class
    listing = client.get(reverse("training:classes")).content.decode()
    assert f'data-testid="free-{school_class.code}">29<' in listing


def test_the_commune_nominates_its_own_people_only(login, commune_staff, people, school_class):
    client = login("officer_a")
    url = reverse("training:nominate", args=[school_class.code])
    client.post(url, {"person": "011190000001"})
    client.post(url, {"person": "Giàng A Páo"})  # commune B's: not in reach
    enrolled = Enrolment.unscoped.filter(training_class=school_class)
    assert [(e.person.full_name, e.unit.code, e.status) for e in enrolled] == [
        ("Lò Văn Hùng", "P-THANHNUA", "nominated")
    ]


@pytest.fixture
def nominated(commune_staff, people, school_class):
    """Hùng and Mai from commune A, Páo from commune B."""
    return {
        key: services.enrolment_nominate(training_class=school_class, person=person)
        for key, person in (("hung", commune_staff["hung"]), ("mai", commune_staff["mai"]), ("pao", people["pao"]))
    }


def test_the_school_sees_nominations_by_unit(trainer, nominated, school_class, login, client):
    rows = selectors.nominations_by_unit(user=trainer, training_class=school_class)
    assert [(r["code"], r["total"], r["nominated"]) for r in rows] == [("P-THANHNUA", 2, 2), ("P-MUONGNHE", 1, 1)]
    client.force_login(trainer)
    page = client.get(reverse("training:class", args=[school_class.code]) + "?unit=P-MUONGNHE").content.decode()
    assert 'data-testid="by-unit-P-THANHNUA"' in page
    assert "Giàng A Páo" in page and "Lò Văn Hùng" not in page  # the list filtered by unit
    assert "Đang xem học viên do Xã Mường Nhé cử." in page


def test_the_province_sees_the_schools_nominations_by_unit_too(personas, nominated, school_class):
    rows = selectors.nominations_by_unit(user=personas["province_admin"], training_class=school_class)
    assert [(r["name"], r["total"]) for r in rows] == [("Xã Thanh Nưa", 2), ("Xã Mường Nhé", 1)]


def test_a_nominating_unit_sees_no_counts_by_unit(personas, nominated, school_class):
    assert selectors.nominations_by_unit(user=personas["officer_a"], training_class=school_class) == []


def test_approving_a_selection_says_per_person_what_happened(trainer, nominated, school_class):
    services.class_update(training_class=school_class, capacity=1)
    services.enrolment_reject(enrolment=nominated["pao"], note="Không đúng đối tượng")
    with acting_as(trainer, origin="test"):
        report = services.enrolment_approve_many(
            training_class=school_class, enrolments=[nominated["pao"], nominated["mai"], nominated["hung"]]
        )
    outcome = {r["name"]: (r["outcome"], r["reason"]) for r in report}
    assert outcome["Lò Văn Hùng"] == ("approved", "")  # nominated first: the seat
    assert outcome["Quàng Thị Mai"] == ("waitlisted", "lớp đã đủ chỗ; xếp thứ 1 trong danh sách chờ.")
    assert outcome["Giàng A Páo"] == (
        "refused",
        "Không duyệt được: Giàng A Páo đang ở trạng thái “Không được duyệt”.",
    )
    assert Enrolment.unscoped.get(pk=nominated["hung"].pk).status == "approved"
    assert Enrolment.unscoped.get(pk=nominated["mai"].pk).waitlist_position == 1


def test_a_nominating_unit_cannot_approve(personas, nominated, school_class):
    with acting_as(personas["officer_a"], origin="test"), pytest.raises((OutOfReach, NotPermitted)):
        services.enrolment_approve_many(training_class=school_class, enrolments=[nominated["hung"]])
    assert Enrolment.unscoped.get(pk=nominated["hung"].pk).status == "nominated"


def test_the_page_approves_the_ticked_nominees_in_one_request(trainer, nominated, school_class, client):
    client.force_login(trainer)
    response = client.post(
        reverse("training:approve_selected", args=[school_class.code]),
        {"enrolment": [nominated["hung"].pk, nominated["mai"].pk]},
        follow=True,
    )
    statuses = dict(Enrolment.unscoped.filter(training_class=school_class).values_list("person__full_name", "status"))
    assert statuses == {"Lò Văn Hùng": "approved", "Quàng Thị Mai": "approved", "Giàng A Páo": "nominated"}
    assert "Đã duyệt 2 người: Lò Văn Hùng, Quàng Thị Mai." in response.content.decode()


def _passed(school_class, enrolments):
    for enrolment in enrolments:
        services.enrolment_record_result(enrolment=services.enrolment_approve(enrolment=enrolment), result="passed")


def test_certificates_for_all_who_passed_in_one_action(trainer, nominated, school_class):
    _passed(school_class, [nominated["hung"], nominated["mai"]])
    with acting_as(trainer, origin="test"):
        run = services.certificate_run_start(training_class=school_class)
        assert (run.total, run.issued, run.refused, run.task_id) == (2, 2, [], "")
        assert run.finished_at is not None
        numbers = sorted(
            Certificate.unscoped.filter(enrolment__training_class=school_class).values_list("number", flat=True)
        )
        assert numbers == ["P-TCT-%d-00001" % datetime.date.today().year, "P-TCT-%d-00002" % datetime.date.today().year]
        with pytest.raises(DomainError) as again:
            services.certificate_run_start(training_class=school_class)
    assert "Không còn học viên đạt nào chưa được cấp chứng chỉ." in again.value.messages


def test_a_large_run_goes_to_the_worker_and_shows_its_progress(trainer, nominated, school_class, client, monkeypatch):
    monkeypatch.setattr(services, "CERTIFICATES_INLINE", 1)
    _passed(school_class, [nominated["hung"], nominated["mai"], nominated["pao"]])
    client.force_login(trainer)
    response = client.post(reverse("training:certificates_all", args=[school_class.code]))
    run = CertificateRun.unscoped.get(training_class=school_class)
    assert run.task_id  # enqueued (the tests' backend runs it at once)
    assert response["Location"].endswith(f"?run={run.pk}")
    assert (run.done, run.issued) == (3, 3)
    progress = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "Đã cấp 3/3 chứng chỉ." in progress and 'data-width="100"' in progress
    assert "hx-trigger" not in progress  # finished: the polling stops


def test_the_progress_bar_polls_while_the_run_is_not_finished(trainer, school_class, client):
    run = CertificateRun.unscoped.create(training_class=school_class, user=trainer, total=200, done=50)
    client.force_login(trainer)
    url = reverse("training:class", args=[school_class.code]) + f"?run={run.pk}"
    progress = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Đang cấp chứng chỉ: 50/200…" in progress
    assert 'data-width="25"' in progress and 'hx-trigger="every 1s"' in progress


def test_the_list_counts_match_the_enrolments(personas, nominated, school_class):
    services.enrolment_approve(enrolment=nominated["hung"])
    _passed(school_class, [nominated["mai"]])
    (row,) = selectors.with_counts([school_class])
    assert (row.approved, row.nominated, row.waiting, row.passed, row.free) == (2, 1, 0, 1, 28)


def test_a_unit_cannot_nominate_to_a_class_not_open_to_its_people(
    personas, commune_staff, make_class, politics, school
):
    own_only = make_class(politics, organiser=school, open_to=school)
    with acting_as(personas["officer_a"], origin="test"), pytest.raises(DomainError) as refused:
        services.enrolment_nominate(training_class=own_only, person=commune_staff["hung"])
    assert refused.value.messages == [f"Lớp “{own_only.name}” chỉ nhận học viên của Trường Chính trị tỉnh."]
    # whoever runs the class may still place someone from elsewhere (the Sở Nội vụ, the school)
    with acting_as(personas["province_admin"], origin="test"):
        services.enrolment_nominate(training_class=own_only, person=commune_staff["hung"])
    assert Enrolment.unscoped.filter(training_class=own_only).count() == 1


def test_the_class_list_costs_the_same_queries_for_more_classes(login, commune_staff, make_class, politics, school):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login("province_admin")

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(reverse("training:classes"))
        assert page.status_code == 200
        return len(ctx.captured_queries)

    make_class(politics, organiser=school)
    queries()  # the first request of the session also saves the session
    few = queries()
    for week in range(6):
        cls = make_class(politics, organiser=school, start=D(2025, 9, 8) + datetime.timedelta(weeks=week + 1))
        services.enrolment_nominate(training_class=cls, person=commune_staff["hung"])
    assert queries() == few
