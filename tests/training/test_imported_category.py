"""Issue 15, item 6: people imported from a list without a "Loại" column are nominable to the
classes meant for their category, inferred from the title; one the catalogue does not know is
refused until the HR officer records the category on the person's page."""

import datetime

import pytest
from django.urls import reverse

from canbo.core.errors import DomainError
from canbo.people.imports import import_people
from canbo.people.models import Person
from canbo.training import services
from tests.exchange.files import write_xlsx

D = datetime.date


@pytest.fixture
def imported(tree, kinds, tmp_path):
    from canbo.standards.seed import seed_standards

    seed_standards()
    rows = [
        ["Họ và tên", "Năm sinh", "Chức vụ, chức danh", "Ngày bổ nhiệm"],
        ["Lò Văn Hải", 1985, "Chủ tịch UBND xã", "01/07/2025"],
        ["Quàng Thị Mai", 1990, "Công chức Văn phòng - thống kê", "01/07/2025"],
        ["Cà Văn Sơn", 1992, "Giáo viên", "01/09/2024"],
    ]
    result = import_people(write_xlsx(tmp_path / "ds.xlsx", rows), unit=tree["a"], today=D(2026, 3, 1))
    assert result.written and result.created == 3
    return {p.full_name: p for p in Person.unscoped.all()}


def test_imported_people_are_nominable_to_a_class_for_their_category(imported, llct, make_class):
    cls = make_class(llct)  # for cán bộ and công chức
    assert services.enrolment_nominate(training_class=cls, person=imported["Lò Văn Hải"]).status == "nominated"
    assert services.enrolment_nominate(training_class=cls, person=imported["Quàng Thị Mai"]).status == "nominated"
    with pytest.raises(DomainError, match="chưa rõ"):
        services.enrolment_nominate(training_class=cls, person=imported["Cà Văn Sơn"])


def test_the_hr_officer_records_a_missing_category_and_the_class_then_accepts(
    imported, update_course, make_class, login
):
    from canbo.core.models import ChangeLogEntry

    son = imported["Cà Văn Sơn"]
    current = son.assignments.get(end_date__isnull=True)
    cls = make_class(update_course, target_categories=["vien_chuc"])
    client = login("officer_a")
    page = client.get(reverse("people:detail", args=[son.pk])).content.decode()
    url = reverse("people:assignment_category", args=[son.pk, current.pk])
    assert f'href="{url}"' in page and "Ghi loại" in page and "chưa rõ" in page
    assert login("leader").post(url, {"category": "vien_chuc"}).status_code == 403
    assert login("officer_b").post(url, {"category": "vien_chuc"}).status_code == 404
    current.refresh_from_db()
    assert current.category == ""
    response = login("officer_a").post(url, {"category": "vien_chuc"}, follow=True)
    assert "Đã sửa loại cán bộ của “Cà Văn Sơn”." in response.content.decode()
    current.refresh_from_db()
    assert current.category == "vien_chuc"
    entry = ChangeLogEntry.unscoped.filter(object_id=str(current.pk), action="update").latest("pk")
    assert entry.before["category"] == "" and entry.after["category"] == "vien_chuc"
    assert entry.user_name and entry.content_type.model == "assignment"
    assert services.enrolment_nominate(training_class=cls, person=son).status == "nominated"
