"""The column mapping in a real browser: a column the importer did not take is mapped on the
preview, the file is checked again, the doubtful column confirmed, and the value is on the person's
page (issue 13: no silent misread)."""

import openpyxl
from playwright.sync_api import expect

from canbo.people.models import Person


def _commune_file(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ỦY BAN NHÂN DÂN XÃ THANH NƯA"])
    ws.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ NĂM 2026"])
    ws.append([])
    ws.append(["STT", "Họ và tên cán bộ, công chức", "Năm sinh", "Nơi sinh"])
    ws.append(["(1)", "(2)", "(3)", "(4)"])
    ws.append([1, "Lò Văn Thắng", 1984, "Bản Noong Bua, Thanh Nưa"])
    ws.append([2, "Quàng Thị Duyên", 1991, "Xã Thanh Xương, Điện Biên"])
    ws.append([])
    ws.append([None, "NGƯỜI LẬP BIỂU", None, "CHỦ TỊCH"])
    wb.save(path)
    return path


def test_a_column_mapped_on_the_preview_is_what_gets_stored(log_in, tree, reference, tmp_path):
    path = _commune_file(tmp_path / "ds.xlsx")
    page = log_in("officer_a")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Nhập Excel").click()
    page.get_by_label("Tệp danh sách").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()

    columns = page.get_by_test_id("columns")
    expect(columns).to_contain_text("Họ và tên cán bộ, công chức")
    expect(page.get_by_test_id("doubt-D")).to_contain_text("có dữ liệu nhưng không khớp thông tin nào")
    expect(page.get_by_test_id("column-D")).to_contain_text("Bản Noong Bua, Thanh Nưa")
    expect(page.get_by_test_id("doubts")).to_contain_text("Có 2 cột chưa rõ cách đọc")

    # a changed select holds back the confirm button until the file is checked again
    page.get_by_label("Cột D đọc là").select_option(label="Quê quán")
    expect(page.get_by_test_id("confirm")).to_be_disabled()
    page.get_by_label("Đúng cách đọc cột B").check()
    page.get_by_test_id("recheck").click()

    expect(page.get_by_test_id("column-D")).to_contain_text("Đã chọn")
    expect(page.get_by_label("Cột D đọc là")).to_have_value("home_town")
    expect(page.get_by_test_id("doubts")).to_have_count(0)
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("job-status")).to_have_text("Đã nhập xong")

    person = Person.unscoped.get(full_name="Lò Văn Thắng")
    page.goto(f"/people/{person.pk}/")
    expect(page.get_by_test_id("person-name")).to_have_text("Lò Văn Thắng")
    expect(page.get_by_role("row", name="Quê quán")).to_contain_text("Bản Noong Bua, Thanh Nưa")
