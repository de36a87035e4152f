"""Every write to the people registry goes through `authorize`: nothing outside the writer's
reach, the person touched included; a transfer is its own workflow; an ID number cannot be probed."""

import datetime

import pytest
from django.urls import reverse

from canbo.accounts.permissions import Perm, authorize
from canbo.core.context import acting_as
from canbo.core.errors import NotPermitted, OutOfReach
from canbo.core.models import ChangeLogEntry
from canbo.people import services
from canbo.people.models import Assignment, Person
from tests.training.conftest import kinds  # noqa: F401  (seeded programme kinds)

D = datetime.date


def test_authorize_answers_not_found_outside_reach_and_refused_without_the_role(personas, people, tree):
    van, pao = people["van"], people["pao"]
    authorize(personas["officer_a"], Perm.MANAGE_PEOPLE, van)
    authorize(personas["officer_a"], Perm.MANAGE_PEOPLE, tree["a_office"])
    with pytest.raises(OutOfReach):
        authorize(personas["officer_a"], Perm.MANAGE_PEOPLE, pao)
    with pytest.raises(OutOfReach):
        authorize(personas["officer_b"], Perm.VIEW_PEOPLE, van.assignments.first())
    with pytest.raises(NotPermitted):
        authorize(personas["leader"], Perm.MANAGE_PEOPLE, van)  # reached, but a leader only reads


def test_a_cadre_reaches_only_their_own_record(personas, people):
    cadre = personas["cadre_a"]
    cadre.person = people["van"]
    cadre.save()
    authorize(cadre, Perm.VIEW_PEOPLE, people["van"])
    with pytest.raises(NotPermitted):
        authorize(cadre, Perm.MANAGE_PEOPLE, people["van"])
    with pytest.raises(OutOfReach):
        authorize(cadre, Perm.VIEW_PEOPLE, people["minh"])  # same commune, someone else's record


def test_it_refuses_to_start_an_assignment_for_a_person_outside_reach(personas, people, tree):
    """Before: only the target unit was checked, so commune B could pull commune A's person in."""
    with acting_as(personas["officer_b"], origin="test"), pytest.raises(OutOfReach):
        services.assignment_start(person=people["van"], unit=tree["b"], start_date=D(2026, 1, 1))
    assert Person.unscoped.get(pk=people["van"].pk).unit == tree["a"]
    assert not Assignment.unscoped.filter(person=people["van"], unit=tree["b"]).exists()


def test_a_refused_write_is_in_the_security_log(personas, people, tree, caplog):
    """ASVS 16.3.2: who tried what on which object, under the request id of the change log; the
    person's name (the object's content) stays out of the log."""
    caplog.set_level("WARNING", logger="canbo.security")
    with acting_as(personas["officer_b"], origin="test") as ctx, pytest.raises(OutOfReach):
        services.assignment_start(person=people["van"], unit=tree["b"], start_date=D(2026, 1, 1))
    with acting_as(personas["leader"], origin="test"), pytest.raises(NotPermitted):
        authorize(personas["leader"], Perm.MANAGE_PEOPLE, people["van"])
    refused = [r.getMessage() for r in caplog.records if r.name == "canbo.security"]
    assert len(refused) == 2
    outside, not_permitted = refused
    assert "outside reach" in outside and f"user={personas['officer_b'].pk}" in outside
    assert f"object=Person:{people['van'].pk}" in outside and f"request={ctx.request_id}" in outside
    assert "not permitted" in not_permitted and f"user={personas['leader'].pk}" in not_permitted
    assert all(people["van"].full_name not in line for line in refused)


def test_it_refuses_qualification_writes_outside_reach(personas, people, level):
    with acting_as(personas["officer_b"], origin="test"), pytest.raises(OutOfReach):
        services.qualification_add(person=people["van"], level=level("it", "co_ban"))
    qualification = people["van"].qualifications.first()
    with acting_as(personas["officer_b"], origin="test"), pytest.raises(OutOfReach):
        services.qualification_remove(qualification=qualification)
    assert people["van"].qualifications.filter(pk=qualification.pk).exists()


def test_the_common_parent_transfers_a_person_between_communes(personas, people, tree):
    van = people["van"]
    with acting_as(personas["province_admin"], origin="test"):
        opened = services.person_transfer(person=van, unit=tree["b"], start_date=D(2026, 3, 1), decision_number="12/QĐ")
    van.refresh_from_db()
    assert van.unit == tree["b"] and van.unit_path == tree["b"].path
    assert opened.title == "Công chức Văn phòng - thống kê" and opened.decision_number == "12/QĐ"
    ended = Assignment.unscoped.get(person=van, unit=tree["a"])
    assert ended.end_date == D(2026, 2, 28)
    logged = ChangeLogEntry.objects.filter(content_type__model="assignment").values_list("action", flat=True)
    assert {"create", "update"} <= set(logged)


@pytest.mark.parametrize("officer", ["officer_a", "officer_b"])
def test_a_commune_cannot_transfer_across_communes(personas, people, tree, officer):
    """Commune A does not reach B (and B does not reach A's person): only the province moves them."""
    with acting_as(personas[officer], origin="test"), pytest.raises(OutOfReach):
        services.person_transfer(person=people["van"], unit=tree["b"], start_date=D(2026, 3, 1))
    assert Person.unscoped.get(pk=people["van"].pk).unit == tree["a"]


def test_a_commune_transfers_within_its_own_subtree(personas, people, tree):
    with acting_as(personas["officer_a"], origin="test"):
        services.person_transfer(person=people["van"], unit=tree["a_office"], start_date=D(2026, 3, 1))
    assert Person.unscoped.get(pk=people["van"].pk).unit == tree["a_office"]


def test_a_transfer_to_the_unit_the_person_is_in_is_refused(personas, people, tree):
    with acting_as(personas["province_admin"], origin="test"), pytest.raises(Exception, match="đang công tác tại"):
        services.person_transfer(person=people["van"], unit=tree["a"], start_date=D(2026, 3, 1))


def test_it_refuses_a_duplicate_id_without_naming_the_holder_or_their_unit(login, people, tree):
    client = login("officer_b")
    response = client.post(
        reverse("people:create"),
        {
            "full_name": "Người khác",
            "gender": "male",
            "birth_year": "1990",
            "id_number": "011188001234",
            "unit": tree["b"].pk,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Số định danh này đã có trong hệ thống" in page
    assert "Số định danh này thuộc một người ngoài phạm vi quản lý của bạn" in page
    assert "Lò Thị Vân" not in page and "Thanh Nưa" not in page
    assert not Person.unscoped.filter(full_name="Người khác").exists()


def test_within_reach_the_duplicate_id_says_only_that_it_is_registered(login, people, tree):
    client = login("officer_a")
    response = client.post(
        reverse("people:create"),
        {
            "full_name": "Người khác",
            "gender": "male",
            "birth_year": "1990",
            "id_number": "011188001234",
            "unit": tree["a"].pk,
        },
    )
    page = response.content.decode()
    assert "Số định danh này đã có trong hệ thống" in page
    assert "ngoài phạm vi quản lý" not in page


def test_authorize_reaches_a_class_through_its_organiser_or_its_institution(personas, tree, kinds):  # noqa: F811
    from canbo.training import services as training

    course = training.programme_create(code="CNKT", name="Cập nhật kiến thức", kind=kinds["knowledge_update"])
    taught_by_b = training.class_create(
        code="L-A",
        name="Lớp của xã Thanh Nưa",
        programme=course,
        organiser=tree["a"],
        institution=tree["b"],
        start_date=D(2026, 5, 4),
        end_date=D(2026, 5, 6),
    )
    authorize(personas["officer_a"], Perm.MANAGE_CLASSES, taught_by_b)  # the organiser
    authorize(personas["officer_b"], Perm.RECORD_RESULTS, taught_by_b)  # the institution teaching it
    taught_by_b.institution = None
    with pytest.raises(OutOfReach):
        authorize(personas["officer_b"], Perm.RECORD_RESULTS, taught_by_b)
