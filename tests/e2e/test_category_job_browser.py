"""Job (a) of issue 15 in a real browser: a commune officer imports a list that has no "Loại"
column; the preview says which category each title gave, the import stores it, and the officer can
then nominate those people to a class for cán bộ and công chức. A title the catalogue does not know
is refused by the class until the category is recorded on the person's page."""

import datetime

import pytest
from playwright.sync_api import expect

from canbo.people.models import Person
from tests.exchange.files import write_xlsx
from tests.training.conftest import *  # noqa: F403  (programme and class fixtures)

D = datetime.date


@pytest.fixture
def catalogue(reference):
    from canbo.standards.seed import seed_standards

    seed_standards()


def test_a_list_without_categories_is_imported_and_its_people_nominated(
    log_in, tree, catalogue, llct, make_class, tmp_path
):
    cls = make_class(llct, start=D(2026, 9, 7), capacity=10)
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Họ và tên", "Năm sinh", "Số CCCD", "Chức vụ, chức danh", "Ngày bổ nhiệm"],
            [1, "Lò Văn Hải", 1985, "011085001111", "Chủ tịch UBND xã", "01/07/2025"],
            [2, "Quàng Thị Mai", 1990, "011190002222", "Công chức Văn phòng - thống kê", "01/07/2025"],
            [3, "Cà Văn Sơn", 1992, "011092003333", "Nhân viên bảo vệ", "01/09/2024"],
        ],
    )
    page = log_in("officer_a")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Nhập Excel").click()
    page.get_by_label("Tệp danh sách").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    rows = page.get_by_test_id("rows")
    expect(page.locator("body")).to_contain_text("loại cán bộ suy ra từ chức danh: Cán bộ.")
    expect(page.locator("body")).to_contain_text("loại cán bộ suy ra từ chức danh: Công chức.")
    expect(page.locator("body")).to_contain_text("không suy ra được loại cán bộ")
    expect(rows).to_contain_text("Quàng Thị Mai")
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("job-status")).to_have_text("Đã nhập xong")

    categories = {
        p.full_name: p.assignments.get(end_date__isnull=True).category
        for p in Person.unscoped.filter(full_name__in=["Lò Văn Hải", "Quàng Thị Mai", "Cà Văn Sơn"])
    }
    assert categories == {"Lò Văn Hải": "can_bo", "Quàng Thị Mai": "cong_chuc", "Cà Văn Sơn": ""}

    page.get_by_role("link", name="Lớp đào tạo, bồi dưỡng").first.click()
    page.get_by_role("link", name=cls.name).click()
    for id_number in ("011085001111", "011190002222"):
        page.get_by_label("Học viên").fill(id_number)
        page.get_by_role("button", name="Cử đi học").click()
        person = Person.unscoped.get(id_number=id_number)
        expect(page.get_by_test_id(f"enrolment-{person.pk}")).to_contain_text("Được cử, chờ duyệt")

    page.get_by_label("Học viên").fill("011092003333")
    page.get_by_role("button", name="Cử đi học").click()
    expect(page.locator("body")).to_contain_text("chưa rõ")
    son = Person.unscoped.get(id_number="011092003333")
    expect(page.get_by_test_id(f"enrolment-{son.pk}")).to_have_count(0)
