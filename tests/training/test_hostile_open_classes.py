"""Hostile review of issue 15's classes open to units and bulk work: what another unit, a reader
or a cadre can see or do on a class that is now visible to them. A test whose docstring says
"Defect" failed before its fix; the others hold what was checked and found right."""

import datetime

import pytest
from django.urls import reverse

from canbo.core.context import acting_as
from canbo.core.errors import DomainError
from canbo.core.models import ChangeLogEntry
from canbo.people import services as people_services
from canbo.training import selectors, services
from canbo.training.models import Certificate, Enrolment, TrainingClass

D = datetime.date


def _staff(tree, unit, name, id_number):
    return people_services.person_create(
        unit=tree[unit],
        assignment={"category": "cong_chuc", "title": "Công chức Tư pháp - hộ tịch", "start_date": D(2025, 7, 1)},
        full_name=name,
        gender="male",
        birth_year=1990,
        id_number=id_number,
    )


@pytest.fixture
def staff(tree, people):
    return {
        "hung": _staff(tree, "a", "Lò Văn Hùng", "011190000001"),
        "dinh": _staff(tree, "b", "Vừ A Dính", "011190005555"),
        **people,
    }


@pytest.fixture
def school_class(make_class, update_course, school):
    return make_class(update_course, organiser=school, institution=school, capacity=30)


def _codes(user):
    return set(selectors.classes_for(user).values_list("code", flat=True))


def test_a_class_above_open_to_another_commune_is_not_seen(personas, tree, staff, make_class, update_course, login):
    """Defect: the "classes of the units above" rule showed the province's class open to commune B
    to commune A too (name, dates, seats, a nomination box)."""
    only_b = make_class(update_course, organiser=tree["province"], open_to=tree["b"])
    for_office = make_class(update_course, organiser=tree["province"], open_to=tree["a_office"])
    everyone = make_class(update_course, organiser=tree["province"])
    assert only_b.code in _codes(personas["officer_b"])
    assert _codes(personas["officer_a"]) == {for_office.code, everyone.code}
    assert login("officer_a").get(reverse("training:class", args=[only_b.code])).status_code == 404


def test_a_sibling_class_seen_through_an_enrolment_takes_no_one_from_the_sibling(
    personas, tree, staff, make_class, update_course
):
    """Defect: a class of commune B (no area given: B's own) that commune A sees because the organiser
    placed one of A's people there took any further nomination A sent."""
    b_class = make_class(update_course, organiser=tree["b"])
    services.enrolment_nominate(training_class=b_class, person=staff["van"])  # placed by the system
    assert b_class.code in _codes(personas["officer_a"])
    with acting_as(personas["officer_a"], origin="test"), pytest.raises(DomainError) as refused:
        services.enrolment_nominate(training_class=b_class, person=staff["hung"])
    assert refused.value.messages == [f"Lớp “{b_class.name}” chỉ nhận học viên của Xã Mường Nhé."]
    assert Enrolment.unscoped.filter(training_class=b_class).count() == 1
    with acting_as(personas["officer_b"], origin="test"):  # the organiser's own people still go
        services.enrolment_nominate(training_class=b_class, person=staff["dinh"])
    assert Enrolment.unscoped.filter(training_class=b_class).count() == 2


def test_the_class_page_shows_a_commune_its_own_nominees_only(login, staff, school_class, trainer):
    services.enrolment_nominate(training_class=school_class, person=staff["hung"])
    services.enrolment_nominate(training_class=school_class, person=staff["dinh"])
    services.enrolment_nominate(training_class=school_class, person=staff["pao"])
    client = login("officer_a")
    for suffix in ("", "?unit=P-MUONGNHE", "?unit=P-MUONGNHE#x"):
        page = client.get(reverse("training:class", args=[school_class.code]) + suffix).content.decode()
        assert ("Lò Văn Hùng" in page) == (suffix == "")
        assert "Vừ A Dính" not in page and "Giàng A Páo" not in page and "011190005555" not in page
        assert 'data-testid="by-unit' not in page
    api = client.get(f"/api/v1/training/classes/{school_class.code}/enrolments")
    assert api.status_code == 200
    assert [e["full_name"] for e in api.json()] == ["Lò Văn Hùng"]


ORGANISER_POSTS = [
    ("training:approve_all", {}, {}),
    ("training:approve_selected", {}, {"enrolment": "ENR"}),
    ("training:certificates_all", {}, {}),
    ("training:class_status", {}, {"status": "running"}),
    ("training:class_cancel", {}, {"confirm": "1"}),
    ("training:class_edit", {}, {"name": "X"}),
    ("training:results", {}, {}),
    ("training:attendance", {}, {}),
    ("training:upload", {}, {}),
]


@pytest.mark.parametrize("name,kwargs,body", ORGANISER_POSTS)
def test_a_commune_runs_nothing_on_a_class_open_to_it(login, staff, school_class, name, kwargs, body):
    mine = services.enrolment_nominate(training_class=school_class, person=staff["hung"])
    body = {k: (str(mine.pk) if v == "ENR" else v) for k, v in body.items()}
    before = ChangeLogEntry.objects.count()
    client = login("officer_a")
    got = client.get(reverse(name, args=[school_class.code]))
    assert got.status_code in (403, 404, 405), (name, got.status_code)
    response = client.post(reverse(name, args=[school_class.code]), body)
    assert response.status_code in (403, 404), (name, response.status_code)
    assert ChangeLogEntry.objects.count() == before
    assert TrainingClass.unscoped.get(pk=school_class.pk).status == "open"


def test_a_commune_cannot_approve_its_nominee_nor_withdraw_anothers(login, staff, school_class):
    mine = services.enrolment_nominate(training_class=school_class, person=staff["hung"])
    client = login("officer_a")
    for action in ("approve", "reject"):
        client.post(reverse("training:enrolment_action", args=[school_class.code, mine.pk, action]))
    assert Enrolment.unscoped.get(pk=mine.pk).status == "nominated"
    theirs = services.enrolment_nominate(training_class=school_class, person=staff["dinh"])
    r = client.post(reverse("training:enrolment_action", args=[school_class.code, theirs.pk, "withdraw"]))
    assert r.status_code == 404
    assert Enrolment.unscoped.get(pk=theirs.pk).status == "nominated"


def test_a_leader_and_a_cadre_nominate_nobody(login, staff, school_class):
    for who in ("leader", "cadre_a"):
        client = login(who)
        for name, body in (
            ("training:nominate_selected", {"training_class": school_class.code, "person": [staff["hung"].pk]}),
        ):
            r = client.post(reverse(name), body)
            assert r.status_code in (403, 404), (who, r.status_code)
        r = client.post(reverse("training:nominate_many", args=[school_class.code]), {"lines": "011190000001"})
        assert r.status_code in (403, 404), (who, r.status_code)
    assert Enrolment.unscoped.count() == 0


def test_nominate_selected_is_post_only(login, staff, school_class):
    client = login("officer_a")
    assert client.get(reverse("training:nominate_selected")).status_code == 405


def test_bulk_posts_need_the_csrf_token(staff, school_class, personas):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(personas["officer_a"])
    r = client.post(
        reverse("training:nominate_selected"), {"training_class": school_class.code, "person": [staff["hung"].pk]}
    )
    assert r.status_code == 403
    r = client.post(reverse("plans:nominees_add"), {"plan": "1", "kind": "x", "person": [staff["hung"].pk]})
    assert r.status_code == 403
    assert Enrolment.unscoped.count() == 0


def test_a_pasted_id_out_of_reach_reads_as_unknown(personas, staff):
    from canbo.training import bulk

    text = "011190005555\n011199999999\nVừ A Dính\nKhông Có Ai"  # B's ID and name, then unknowns
    found, refused = bulk.resolve_lines(user=personas["officer_a"], text=text)
    assert found == []
    assert {r.reason for r in refused} == {"không tìm thấy người nào trong phạm vi của bạn."}
    assert len(refused) == 4


def test_certificates_for_all_are_in_the_change_log(trainer, staff, school_class, client):
    e = services.enrolment_nominate(training_class=school_class, person=staff["hung"])
    services.enrolment_approve(enrolment=e)
    TrainingClass.unscoped.filter(pk=school_class.pk).update(start_date=D(2025, 1, 1), end_date=D(2025, 1, 3))
    services.enrolment_record_result(enrolment=e, result="passed")
    client.force_login(trainer)
    before = ChangeLogEntry.objects.count()
    client.post(reverse("training:certificates_all", args=[school_class.code]))
    assert Certificate.unscoped.filter(enrolment=e).exists()
    entries = [str(x) for x in ChangeLogEntry.objects.order_by("pk")[before:]]
    assert entries == [f"Tạo mới P-TCT-{datetime.date.today().year}-00001"]


def test_approve_all_under_a_unit_filter_says_how_many_it_approves(trainer, staff, school_class, client):
    """Defect: filtered on one sending unit (?unit=), the page counted that unit's nominees only, so
    "Duyệt tất cả 1 người chờ duyệt" approved the whole class (3 people of two communes)."""
    for key in ("hung", "dinh", "pao"):
        services.enrolment_nominate(training_class=school_class, person=staff[key])
    client.force_login(trainer)
    page = client.get(reverse("training:class", args=[school_class.code]) + "?unit=P-THANHNUA").content.decode()
    assert "Duyệt tất cả 3 người chờ duyệt" in page
    assert "Duyệt tất cả 1 người" not in page
    assert 'data-testid="seats">0 được duyệt, 0 chờ, 3 chờ duyệt · tối đa 30<' in page


def test_a_commune_reads_the_classes_totals_as_counts_only(login, staff, school_class):
    """The seats line is the class's (counts only); the learners' table holds the commune's own."""
    for key in ("hung", "dinh", "pao"):
        services.enrolment_approve(
            enrolment=services.enrolment_nominate(training_class=school_class, person=staff[key])
        )
    page = login("officer_a").get(reverse("training:class", args=[school_class.code])).content.decode()
    assert 'data-testid="seats">3 được duyệt, 0 chờ, 0 chờ duyệt · tối đa 30<' in page
    assert 'data-testid="free-seats">27<' in page
    assert "Vừ A Dính" not in page and "Giàng A Páo" not in page


def test_bulk_approval_and_a_worker_run_are_logged_as_their_officer(trainer, staff, school_class, client, monkeypatch):
    """Every approval of a selection and every certificate of a run in the worker is a change-log
    entry in the trainer's name (the task acts as the officer who asked, origin "task")."""
    chosen = [services.enrolment_nominate(training_class=school_class, person=staff[k]) for k in ("hung", "dinh")]
    client.force_login(trainer)
    before = ChangeLogEntry.objects.count()
    client.post(reverse("training:approve_selected", args=[school_class.code]), {"enrolment": [e.pk for e in chosen]})
    approvals = list(ChangeLogEntry.objects.order_by("pk")[before:])
    assert [(e.action, e.user_name, e.origin, e.object_id) for e in approvals] == [
        ("update", "Cầm Văn Dạy", "web", str(e.pk)) for e in chosen
    ]
    monkeypatch.setattr(services, "CERTIFICATES_INLINE", 1)
    TrainingClass.unscoped.filter(pk=school_class.pk).update(start_date=D(2025, 1, 1), end_date=D(2025, 1, 3))
    for e in chosen:
        services.enrolment_record_result(enrolment=e, result="passed")
    before = ChangeLogEntry.objects.count()
    client.post(reverse("training:certificates_all", args=[school_class.code]))
    issued = list(ChangeLogEntry.objects.order_by("pk")[before:])
    assert [(e.action, e.user_name, e.origin) for e in issued] == [("create", "Cầm Văn Dạy", "task")] * 2


def test_a_commune_cannot_open_its_own_class_to_the_province(tree, personas, update_course, trainer, school):
    """Defect (hostile review): any organiser could open its class to a unit above it, so a commune
    took in the other communes' staff and recorded their results. Only a training institution, or
    someone who reaches the area, opens a class that wide."""
    common = {
        "programme": update_course,
        "start_date": D(2026, 9, 7),
        "end_date": D(2026, 9, 9),
        "status": "open",
    }
    with acting_as(personas["officer_a"]), pytest.raises(DomainError) as refused:
        services.class_create(code="A-01", name="Lớp của xã", organiser=tree["a"], open_to=tree["province"], **common)
    assert "Chỉ cơ sở đào tạo hoặc người quản lý “Tỉnh Điện Biên”" in str(refused.value)
    assert not TrainingClass.unscoped.filter(code="A-01").exists()
    with acting_as(personas["officer_a"]):
        own = services.class_create(code="A-02", name="Lớp của xã", organiser=tree["a"], **common)
    with acting_as(personas["officer_a"]), pytest.raises(DomainError, match="Chỉ cơ sở đào tạo"):
        services.class_update(training_class=own, open_to=tree["province"])
    with acting_as(personas["province_admin"]):
        services.class_update(training_class=own, open_to=tree["province"])
    own.refresh_from_db()
    assert own.open_to == tree["province"]
    with acting_as(personas["officer_a"]):  # another field of a class the province opened stays editable
        services.class_update(training_class=own, name="Lớp của xã (đổi tên)", expected_version=own.version)
    with acting_as(trainer):
        wide = services.class_create(code="TCT-01", name="Lớp của trường", organiser=school, **common)
    assert wide.open_to == tree["province"]


def test_ticked_ids_that_are_no_numbers_are_left_out_not_a_server_error(trainer, staff, school_class, client):
    """`str.isdigit()` takes "²" (int() then fails) and 30 digits overflow the database's
    integers: the ticked-list routes read ids with core.query.query_id_list like every query number."""
    chosen = services.enrolment_nominate(training_class=school_class, person=staff["hung"])
    client.force_login(trainer)
    url = reverse("training:approve_selected", args=[school_class.code])
    response = client.post(url, {"enrolment": ["²", "9" * 30, str(chosen.pk), str(chosen.pk)]})
    assert response.status_code == 302
    chosen.refresh_from_db()
    assert chosen.status == "approved"
