"""The registry in a real browser: search, filters, the edit conflict and the import preview."""

import openpyxl
from playwright.sync_api import expect


def test_search_and_filters_update_the_list_in_place(log_in, people):
    page = log_in("province")
    page.get_by_role("link", name="Hồ sơ cán bộ").first.click()
    table = page.get_by_test_id("people-table")
    expect(table).to_contain_text("Giàng A Páo")
    page.get_by_label("Họ tên hoặc số định danh").fill("lo thi van")
    expect(table).to_contain_text("Lò Thị Vân")
    expect(table).not_to_contain_text("Lò Văn Minh")
    page.get_by_label("Họ tên hoặc số định danh").fill("")
    expect(table).to_contain_text("Lò Văn Minh")
    page.get_by_label("Bậc").select_option(label="Đại học")
    page.get_by_label("trở lên").check()
    expect(table).to_contain_text("Lò Thị Vân")
    expect(table).not_to_contain_text("Lò Văn Minh")
    expect(page.get_by_test_id("people-count")).to_have_text("1 người · Trang 1/1")


def test_an_edit_on_a_stale_form_is_refused_with_what_changed(log_in, people, browser, live_server):
    page = log_in("officer_a")
    page.goto(f"/people/{people['van'].pk}/edit/")
    other = browser.new_context(base_url=live_server.url).new_page()
    other.goto("/accounts/login/")
    other.get_by_label("Tên đăng nhập").fill("province")
    other.get_by_label("Mật khẩu").fill("correct-horse-battery")
    other.get_by_role("button", name="Đăng nhập").click()
    other.goto(f"/people/{people['van'].pk}/edit/")
    other.get_by_label("Số điện thoại").fill("0912345678")
    other.get_by_role("button", name="Lưu").click()
    expect(other.get_by_test_id("person-name")).to_have_text("Lò Thị Vân")
    page.get_by_label("Quê quán").fill("Thanh Nưa, Điện Biên")
    page.get_by_role("button", name="Lưu").click()
    alert = page.locator("#form-errors")
    expect(alert).to_contain_text("Nguyễn Thị Hoa")
    expect(alert).to_contain_text("số điện thoại")


def test_the_import_preview_shows_each_row_then_imports(log_in, tree, reference, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ỦY BAN NHÂN DÂN XÃ THANH NƯA"])
    ws.append(["Họ và tên", "Năm sinh", "Dân tộc", "TĐCM"])
    ws.append(["Lò Văn Một", 1980, "Thái", "ĐH"])
    ws.append(["Lò Văn Hai", 1981, "Thái", "Bằng lái xe"])
    path = tmp_path / "ds.xlsx"
    wb.save(path)
    page = log_in("officer_a")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Nhập Excel").click()
    page.get_by_label("Tệp danh sách").set_input_files(str(path))
    page.get_by_label("Bỏ qua các dòng lỗi, chỉ nhập các dòng hợp lệ").check()
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.get_by_test_id("invalid-count")).to_have_text("1")
    expect(page.get_by_test_id("errors")).to_contain_text("Bằng lái xe")
    page.get_by_role("link", name="Tất cả các dòng").click()
    expect(page.get_by_test_id("rows")).to_contain_text("Lò Văn Một")
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("job-status")).to_have_text("Đã nhập xong")
    page.goto("/people/?q=lo van mot")
    expect(page.get_by_test_id("people-table")).to_contain_text("Lò Văn Một")
