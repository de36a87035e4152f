"""Issue 15 item 10: the history reads as the pages do, and a qualification granted by a class
says which class, on the person's history and on the change-log page's type filter."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from canbo.core.models import ChangeLogEntry
from canbo.people import services as people_services
from canbo.people.bulk import Grant, qualifications_grant
from canbo.people.models import Qualification
from canbo.training import services
from canbo.training.models import TrainingClass

D = datetime.date


def _history(client, person) -> str:
    return client.get(reverse("people:history", args=[person.pk])).content.decode()


def test_a_class_granted_qualification_names_the_class_in_the_persons_history(login, people, make_class, llct):
    cls = make_class(llct, start=D(2025, 9, 8), days=60)
    enrolment = services.enrolment_approve(
        enrolment=services.enrolment_nominate(training_class=cls, person=people["pao"])
    )
    services.enrolment_record_result(enrolment=enrolment, result="passed", completed_on=D(2025, 11, 6))
    qualification = ContentType.objects.get_for_model(Qualification)
    entry = ChangeLogEntry.unscoped.get(content_type=qualification, action="create", after__person_id=people["pao"].pk)
    assert entry.after["granted_by_class"] == f"{cls.code} – {cls.name}"
    html = _history(login("province_admin"), people["pao"])
    assert f"Cấp trình độ LLCT: Trung cấp (hoàn thành lớp {cls.code} – {cls.name})" in html
    assert 'Năm tốt nghiệp / cấp: <span class="diff-after">2025</span>' in html
    assert "granted_by_class" not in html and "level_id" not in html


def test_the_bulk_grant_logs_each_qualification_with_its_class(login, people, level):
    lvl = level("politics", "trung_cap")
    grant = Grant(
        person_id=people["pao"].pk,
        ladder_id=lvl.ladder_id,
        level_id=lvl.pk,
        institution="Trường Chính trị tỉnh",
        year=2024,
        note="Lớp K9",
        training_class="K9 – Trung cấp LLCT khoá 9",
    )
    (pk,) = qualifications_grant([grant])
    entry = ChangeLogEntry.unscoped.get(content_type=ContentType.objects.get_for_model(Qualification), object_id=pk)
    assert (entry.action, entry.after["level_id"], entry.unit_path) == ("create", lvl.pk, people["pao"].unit_path)
    assert entry.object_repr == "LLCT: Trung cấp"
    html = _history(login("province_admin"), people["pao"])
    assert "Cấp trình độ LLCT: Trung cấp (hoàn thành lớp K9 – Trung cấp LLCT khoá 9)" in html
    assert "Trường Chính trị tỉnh" in html


def test_the_type_filter_lists_plans_and_classes_in_vietnamese_and_filters(login, people, make_class, llct):
    from canbo.plans import services as plan_services

    cls = make_class(llct)
    plan_services.plan_create(unit=people["pao"].unit, year=2026)
    client = login("province_admin")
    response = client.get(reverse("site:changes"))
    html = response.content.decode()
    labels = [str(ct.model_class()._meta.verbose_name) for ct in response.context["models"]]
    assert "lớp đào tạo, bồi dưỡng" in labels and "kế hoạch đào tạo, bồi dưỡng" in labels
    assert ">Lớp đào tạo, bồi dưỡng</option>" in html and ">Kế hoạch đào tạo, bồi dưỡng</option>" in html
    assert ">Đơn vị</option>" in html
    ct = ContentType.objects.get_for_model(TrainingClass)
    rows = client.get(reverse("site:changes"), {"model": ct.pk}).context["rows"]
    assert rows and {e.content_type_id for e in rows} == {ct.pk}
    assert cls.name in client.get(reverse("site:changes"), {"model": ct.pk}).content.decode()


def test_a_removed_qualification_stays_in_the_persons_history(login, people):
    minh = people["minh"]
    qualification = Qualification.unscoped.get(person=minh)
    people_services.qualification_remove(qualification=qualification)
    html = _history(login("province_admin"), minh)
    assert "Xóa Trình độ: CM: Cao đẳng" in html
