"""`canbo import classes` and `canbo import enrolments` with real .xlsx files."""

import datetime
import io
import json

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from canbo.people.models import Qualification
from canbo.training import services
from canbo.training.models import Enrolment, TrainingClass
from tests.exchange.files import write_xlsx

D = datetime.date


def run(*args, **options):
    out = io.StringIO()
    try:
        call_command("import", *[str(a) for a in args], json=True, stdout=out, **options)
        code = 0
    except CommandError as error:
        code = error.returncode
    return code, json.loads(out.getvalue() or "{}")


def test_it_imports_classes_with_header_variants(tmp_path, tree, update_course, llct):
    path = write_xlsx(
        tmp_path / "lop.xlsx",
        [
            ["DANH SÁCH LỚP BỒI DƯỠNG NĂM 2025"],
            [],
            [
                "STT",
                "Mã lớp",
                "Tên lớp học",
                "Chương trình",
                "Từ ngày",
                "Đến ngày",
                "Hình thức đào tạo",
                "Kinh phí",
                "Chỉ tiêu",
            ],
            [
                1,
                "2025-P-01",
                "Cập nhật pháp luật khóa 1",
                "CNKT-PL",
                "03/03/2025",
                "04/03/2025",
                "Tập trung",
                "15.000.000",
                60,
            ],
            [
                2,
                "2025-P-02",
                "Trung cấp LLCT khóa 12",
                "Trung cấp lý luận chính trị",
                D(2025, 3, 10),
                D(2025, 12, 20),
                "Không tập trung",
                None,
                80,
            ],
        ],
    )
    code, data = run("classes", path, unit="P")
    assert code == 0 and data["created"] == 2 and data["errors"] == []
    first = TrainingClass.unscoped.get(code="2025-P-01")
    assert (first.programme, first.cost, first.capacity, first.organiser) == (
        update_course,
        15_000_000,
        60,
        tree["province"],
    )
    assert TrainingClass.unscoped.get(code="2025-P-02").study_mode == "part_time"


def test_a_refused_class_file_writes_nothing_and_names_row_column_and_reason(tmp_path, tree, update_course):
    path = write_xlsx(
        tmp_path / "lop.xlsx",
        [
            ["Mã lớp", "Tên lớp", "Chương trình", "Ngày khai giảng", "Ngày bế giảng"],
            ["A1", "Lớp tốt", "CNKT-PL", "03/03/2025", "04/03/2025"],
            ["A2", "Lớp sai", "KHÔNG-CÓ", "03/03/2025", "01/03/2025"],
            ["A1", "Lớp trùng mã", "CNKT-PL", "03/03/2025", "04/03/2025"],
        ],
    )
    error_file = tmp_path / "loi.xlsx"
    code, data = run("classes", path, unit="P", error_file=str(error_file))
    assert code == 1 and data["valid"] == 1 and data["invalid"] == 2
    assert not TrainingClass.unscoped.exists()
    errors = {(e["row"], e["column"].split(" (")[0]) for e in data["errors"]}
    assert {(3, "Chương trình"), (3, "Ngày bế giảng"), (4, "Mã lớp")} <= errors
    sheet = openpyxl.load_workbook(error_file).active
    assert sheet.cell(row=1, column=6).value == "Lỗi"
    assert "danh mục" in sheet.cell(row=3, column=6).value


@pytest.fixture
def finished_class(update_course, make_class):
    return make_class(update_course, start=D(2025, 9, 8), days=3)


def test_it_imports_results_matching_people_by_id_or_name_and_birth(tmp_path, people, finished_class):
    path = write_xlsx(
        tmp_path / "kq.xlsx",
        [
            ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Kết quả", "Điểm", "Xếp loại"],
            [1, "Lò Thị Vân", "12/03/1988", "011188001234", "Hoàn thành", "8,5", "Giỏi"],
            [2, "Lò Văn Minh", 1991, None, "Không đạt", None, None],
        ],
    )
    code, data = run("enrolments", path, **{"class": finished_class.code})
    assert code == 0, data
    assert data["created"] == 2
    van = Enrolment.unscoped.get(person=people["van"])
    assert (van.result, str(van.score), van.grade, van.completed_on) == (
        "passed",
        "8.50",
        "Giỏi",
        finished_class.end_date,
    )
    assert van.unit == people["van"].unit
    assert Enrolment.unscoped.get(person=people["minh"]).result == "failed"
    # Re-importing updates, never duplicates.
    code, data = run("enrolments", path, **{"class": finished_class.code})
    assert (code, data["created"], data["updated"]) == (0, 0, 2)


def test_missing_and_ambiguous_people_are_reported_never_guessed(tmp_path, people, finished_class, tree):
    from canbo.people import services as people_services

    people_services.person_create(unit=tree["a"], full_name="Lò Văn Minh", birth_year=1991)  # a namesake
    path = write_xlsx(
        tmp_path / "kq.xlsx",
        [
            ["Họ và tên", "Ngày sinh", "Số định danh", "Kết quả"],
            ["Lò Văn Minh", "1991", None, "Hoàn thành"],
            ["Người Lạ", "01/01/1990", None, "Hoàn thành"],
            ["Ai Đó", None, "011199999999", "Hoàn thành"],
            ["Giàng A Páo", "1980", None, "Loại gì đây"],
        ],
    )
    code, data = run("enrolments", path, **{"class": finished_class.code})
    assert code == 1 and not Enrolment.unscoped.exists()
    messages = {e["row"]: e["message"] for e in data["errors"]}
    assert "trùng họ tên và ngày sinh" in messages[2]
    assert "Không tìm thấy" in messages[3]
    assert "Không có hồ sơ nào mang số định danh" in messages[4]
    assert "Kết quả phải là" in messages[5]
    code, data = run("enrolments", path, dry_run=True, **{"class": finished_class.code})
    assert set(data) >= {"rows", "valid", "invalid", "created", "updated", "errors", "sheet", "notes"}


def test_the_class_can_be_named_in_a_column_and_level_granting_results_add_qualifications(
    tmp_path, people, llct, make_class
):
    cls = make_class(llct, start=D(2025, 1, 6), days=200, study_mode="part_time")
    path = write_xlsx(
        tmp_path / "kq.xlsx",
        [["Mã lớp", "Họ và tên", "Số định danh cá nhân", "Kết quả"], [cls.code, "Lò Thị Vân", "011188001234", "Đạt"]],
    )
    code, data = run("enrolments", path)
    assert code == 0, data
    enrolment = Enrolment.unscoped.get(person=people["van"], training_class=cls)
    assert enrolment.qualification == Qualification.unscoped.get(person=people["van"], source="training")


def test_a_clash_with_another_full_time_class_is_refused(tmp_path, people, update_course, make_class):
    first = make_class(update_course, start=D(2025, 9, 8), days=5)
    second = make_class(update_course, start=D(2025, 9, 9), days=2)
    services.enrolment_approve(enrolment=services.enrolment_nominate(training_class=first, person=people["van"]))
    path = write_xlsx(tmp_path / "kq.xlsx", [["Họ và tên", "Số định danh"], ["Lò Thị Vân", "011188001234"]])
    code, data = run("enrolments", path, **{"class": second.code})
    assert code == 1 and "trùng thời gian" in data["errors"][0]["message"]


def test_unknown_class_or_missing_unit_is_a_usage_error(tmp_path, db):
    path = write_xlsx(tmp_path / "x.xlsx", [["Họ và tên"], ["A"]])
    assert run("enrolments", path, **{"class": "KHONG-CO"})[0] == 2
    assert run("classes", path)[0] == 2


def test_the_class_page_checks_then_imports_an_uploaded_list(tmp_path, login, people, finished_class):
    path = write_xlsx(
        tmp_path / "kq.xlsx",
        [["Họ và tên", "Số định danh", "Kết quả"], ["Lò Thị Vân", "011188001234", "Hoàn thành"], ["Ai Đó", "", "Đạt"]],
    )
    admin = login("province_admin")
    url = f"/training/classes/{finished_class.code}/upload/"
    with open(path, "rb") as handle:
        page = admin.post(url, {"file": handle, "check": "on"}).content.decode()
    assert "1 lỗi" in page and "cần ngày sinh" in page and not Enrolment.unscoped.exists()
    good = write_xlsx(
        tmp_path / "ok.xlsx", [["Họ và tên", "Số định danh", "Kết quả"], ["Lò Thị Vân", "011188001234", "Đạt"]]
    )
    with open(good, "rb") as handle:
        assert admin.post(url, {"file": handle}).status_code == 302
    assert Enrolment.unscoped.get(person=people["van"]).result == "passed"
    assert login("officer_b").get(url).status_code in (403, 404)


def test_the_organiser_may_be_named_by_its_official_code_at_the_class_date(tmp_path, tree, update_course):
    """Issue 14: units are found by their State code wherever they are named. 03328 was old Thanh
    Luông's until 30/6/2025 and is new Thanh Nưa's since, so the class's start date decides; a
    spreadsheet's 3328 is the same code."""
    from canbo.orgs import services as org_services

    org_services.unit_update(unit=tree["a"], official_code="03328")
    old = org_services.unit_create(
        code="P-HDB-THANHLUONG",
        official_code="03328",
        name="Xã Thanh Luông",
        kind="commune",
        parent=tree["old_district"],
        valid_from=D(2020, 1, 1),
        valid_to=D(2025, 6, 30),
    )
    path = write_xlsx(
        tmp_path / "lop.xlsx",
        [
            ["Mã lớp", "Tên lớp", "Chương trình", "Ngày khai giảng", "Ngày bế giảng", "Đơn vị tổ chức"],
            ["A1", "Lớp 2021", "CNKT-PL", "03/03/2021", "04/03/2021", "03328"],
            ["A2", "Lớp 2026", "CNKT-PL", "03/03/2026", "04/03/2026", 3328],
        ],
    )
    code, data = run("classes", path, unit="P")
    assert code == 0, data
    assert TrainingClass.unscoped.get(code="A1").organiser == old
    assert TrainingClass.unscoped.get(code="A2").organiser == tree["a"]
