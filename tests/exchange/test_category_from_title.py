"""A list without a "Loại" column (issue 15, item 6): each row takes its category from the title
catalogue, the preview says what was inferred and which titles gave nothing, and a category
already stored (an HR correction) is not overwritten by a later import."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from canbo.exchange.models import ImportJob
from canbo.people import services as people_services
from canbo.people.imports import import_people
from canbo.people.models import Assignment
from tests.exchange.files import write_xlsx

D = datetime.date
HEADER = ["STT", "Họ và tên", "Năm sinh", "Số CCCD", "Chức vụ, chức danh", "Ngày bổ nhiệm"]
ROWS = [
    [1, "Lò Văn Hải", 1985, "011085001111", "Chủ tịch UBND xã", "01/07/2025"],
    [2, "Quàng Thị Mai", 1990, "011190002222", "Công chức Văn phòng - thống kê", "01/07/2025"],
    [3, "Cà Văn Sơn", 1992, "011092003333", "Giáo viên", "01/09/2024"],
]


@pytest.fixture
def catalogue(reference):
    """The title catalogue as the migration seeds it (again after a flush)."""
    from canbo.standards.seed import seed_standards
    from canbo.training.reference_data import seed_programme_kinds

    seed_programme_kinds()
    seed_standards()


def _categories():
    return dict(Assignment.unscoped.values_list("person__full_name", "category"))


def test_rows_without_a_category_take_it_from_the_title_catalogue(tree, catalogue, tmp_path):
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER, *ROWS])
    result = import_people(path, unit=tree["a"], today=D(2026, 3, 1))
    assert result.written and result.created == 3
    assert _categories() == {"Lò Văn Hải": "can_bo", "Quàng Thị Mai": "cong_chuc", "Cà Văn Sơn": ""}
    notes = "\n".join(result.notes)
    assert "Chức vụ (cột E), dòng 2: loại cán bộ suy ra từ chức danh: Cán bộ." in notes
    assert "Chức vụ (cột E), dòng 3: loại cán bộ suy ra từ chức danh: Công chức." in notes
    assert "Chức vụ (cột E), dòng 4: chức danh không có trong danh mục, không suy ra được loại cán bộ" in notes


def test_a_category_column_wins_and_an_empty_cell_is_inferred(tree, catalogue, tmp_path):
    rows = [[*r[:4], cat, *r[4:]] for r, cat in zip(ROWS, ["Công chức", "", "Viên chức"], strict=True)]
    path = write_xlsx(tmp_path / "ds.xlsx", [[*HEADER[:4], "Loại", *HEADER[4:]], *rows])
    result = import_people(path, unit=tree["a"], today=D(2026, 3, 1))
    assert result.written
    assert _categories() == {"Lò Văn Hải": "cong_chuc", "Quàng Thị Mai": "cong_chuc", "Cà Văn Sơn": "vien_chuc"}
    assert "dòng 3: loại cán bộ suy ra từ chức danh: Công chức." in "\n".join(result.notes)
    assert "dòng 2:" not in "\n".join(n for n in result.notes if "suy ra" in n)


def test_a_provincial_unit_does_not_take_a_commune_title(tree, catalogue, tmp_path):
    """ "Chủ tịch UBND xã" is a commune title: a provincial department's row gets no category."""
    from canbo.orgs import services as org_services

    dept = org_services.unit_create(
        code="P-SNV", name="Sở Nội vụ", kind="department", parent=tree["province"], valid_from=D(2025, 7, 1)
    )
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER, ROWS[0]])
    result = import_people(path, unit=dept, today=D(2026, 3, 1))
    assert result.written and _categories() == {"Lò Văn Hải": ""}


def test_a_reimport_keeps_a_corrected_category(tree, catalogue, tmp_path):
    person = people_services.person_create(
        unit=tree["a"],
        assignment={"category": "khong_chuyen_trach", "title": "Cán bộ văn phòng", "start_date": D(2025, 7, 1)},
        full_name="Quàng Thị Mai",
        birth_year=1990,
        id_number="011190002222",
    )
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER, ROWS[1]])
    result = import_people(path, unit=tree["a"], today=D(2026, 3, 1))
    assert result.written and result.updated == 1
    current = Assignment.unscoped.get(person=person, end_date__isnull=True)
    assert current.title == "Công chức Văn phòng - thống kê" and current.category == "khong_chuyen_trach"


def test_the_preview_page_says_what_was_inferred(login, tree, catalogue, tmp_path):
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER, *ROWS])
    client = login("officer_a")
    with open(path, "rb") as fh:
        client.post(
            reverse("exchange:import"), {"file": SimpleUploadedFile("ds.xlsx", fh.read()), "unit": tree["a"].pk}
        )
    job = ImportJob.unscoped.get()
    page = client.get(reverse("exchange:detail", args=[job.pk])).content.decode()
    assert "loại cán bộ suy ra từ chức danh: Cán bộ." in page
    assert "không suy ra được loại cán bộ" in page
    assert Assignment.unscoped.count() == 0
