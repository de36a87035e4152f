"""Chuyển công tác in a real browser: commune A releases a person from their page, commune B finds
the record under "Hồ sơ chuyển đến" and accepts it; the person's page is then B's."""

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def test_a_release_from_the_person_page_is_accepted_by_the_receiving_unit(log_in, people, browser, live_server):
    page = log_in("officer_a")
    page.goto(f"/people/{people['van'].pk}/")
    page.get_by_test_id("transfer").click()
    page.get_by_label("Đơn vị chuyển đến").select_option(label="Xã Mường Nhé (P-MUONGNHE)")
    page.get_by_label("Ngày bắt đầu công tác tại đơn vị mới").fill("2026-03-01")
    page.get_by_label("Lý do, ghi chú gửi đơn vị nhận").fill("Theo nguyện vọng cá nhân")
    page.get_by_test_id("transfer-submit").click()
    expect(page.get_by_test_id("open-release")).to_contain_text("Xã Mường Nhé")

    other = browser.new_context(base_url=live_server.url, locale="vi-VN").new_page()
    other.goto("/accounts/login/")
    other.get_by_label("Tên đăng nhập").fill("officer_b")
    other.get_by_label("Mật khẩu").fill(PASSWORD)
    other.get_by_role("button", name="Đăng nhập").click()
    other.wait_for_url("**/")
    other.goto("/people/")
    other.get_by_test_id("transfers-link").click()
    pending = other.get_by_test_id("transfers-pending")
    expect(pending).to_contain_text("Lò Thị Vân")
    expect(pending).to_contain_text("Theo nguyện vọng cá nhân")
    expect(pending).not_to_contain_text("011188001234")
    pending.get_by_role("link", name="Tiếp nhận").click()
    expect(other.get_by_test_id("transfer-card")).to_contain_text("Xã Thanh Nưa")
    other.get_by_label("Chức vụ, chức danh").fill("Công chức Tư pháp - hộ tịch")
    other.get_by_test_id("transfer-confirm").click()
    expect(other.get_by_test_id("person-name")).to_have_text("Lò Thị Vân")
    expect(other.get_by_test_id("cv")).to_contain_text("Xã Mường Nhé")

    page.goto("/people/transfers/")
    expect(page.get_by_test_id("transfers-outgoing")).to_contain_text("Đã tiếp nhận")
    other.context.close()
