import re

from playwright.sync_api import expect


def test_a_user_logs_in_and_browses_the_tree(log_in, tree):
    page = log_in("province")
    expect(page.get_by_test_id("current-user")).to_have_text("Nguyễn Thị Hoa")
    page.get_by_role("link", name="Tổ chức").first.click()
    expect(page.get_by_test_id("tree")).to_contain_text("Tỉnh Điện Biên")
    expect(page.get_by_test_id("tree")).not_to_contain_text("Xã Thanh Nưa")
    page.get_by_test_id("expand-P").click()
    expect(page.get_by_test_id("tree")).to_contain_text("Xã Thanh Nưa")
    expect(page.get_by_test_id("tree")).to_contain_text("Xã Mường Nhé")
    page.get_by_test_id("expand-P-THANHNUA").click()
    expect(page.get_by_test_id("tree")).to_contain_text("Văn phòng HĐND và UBND xã Thanh Nưa")
    page.get_by_role("link", name="Xã Thanh Nưa", exact=True).click()
    expect(page.get_by_test_id("unit-name")).to_have_text("Xã Thanh Nưa")
    page.get_by_role("tab", name="Lịch sử").click()
    expect(page.get_by_test_id("history")).to_contain_text("Tạo mới")


def test_search_finds_a_unit_typed_without_diacritics(log_in, tree):
    page = log_in("province")
    page.goto("/units/")
    page.get_by_label("Tìm đơn vị (gõ có dấu hoặc không dấu)").fill("thanh nua")
    results = page.get_by_test_id("search-results")
    expect(results).to_contain_text("Xã Thanh Nưa")
    expect(results).not_to_contain_text("Mường Nhé")
    expect(page).to_have_url(re.compile(r"q=thanh"))


def test_an_officer_of_another_commune_gets_404(log_in, tree):
    page = log_in("officer_b")
    response = page.goto("/units/P-THANHNUA/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Không tìm thấy trang")
    response = page.goto("/units/P-MUONGNHE/")
    assert response.status == 200


def test_a_wrong_password_is_refused_without_saying_why(page, personas):
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("officer_a")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng.")


def test_the_create_form_is_usable_from_the_keyboard_and_shows_errors(log_in, tree):
    page = log_in("officer_a")
    page.goto("/units/new/?parent=P-THANHNUA")
    page.get_by_role("textbox", name="Mã đơn vị", exact=True).fill("p-thanhnua-mc")
    page.keyboard.press("Tab")
    page.keyboard.type("Bộ phận Một cửa")
    page.get_by_label("Hiệu lực từ ngày").fill("2024-01-01")
    page.get_by_label("Loại đơn vị").select_option("public_service_unit")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#id_valid_from_error")).to_contain_text("01/07/2025")
    page.get_by_label("Hiệu lực từ ngày").fill("2025-07-01")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("unit-name")).to_have_text("Bộ phận Một cửa")
    expect(page.get_by_role("alert").first).to_contain_text("Đã tạo đơn vị")
