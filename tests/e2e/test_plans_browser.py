"""Plans in a real browser: a commune submits, the province returns it with a comment, the commune
resubmits and the province approves; from a percentage of plan vs actual to the enrolments."""

from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.plans import conftest as _plans

# The plan tests' fixtures, shared here without a conftest of their own.
district, kinds, make_class, make_person, programmes = (
    _plans.district,
    _plans.kinds,
    _plans.make_class,
    _plans.make_person,
    _plans.programmes,
)


def _second(browser, live_server, username):
    other = browser.new_context(base_url=live_server.url, locale="vi-VN").new_page()
    other.goto("/accounts/login/")
    other.get_by_label("Tên đăng nhập").fill(username)
    other.get_by_label("Mật khẩu").fill(PASSWORD)
    other.get_by_role("button", name="Đăng nhập").click()
    other.wait_for_url("**/")
    return other


def test_a_plan_is_submitted_returned_with_a_comment_and_approved(log_in, kinds, browser, live_server):
    page = log_in("officer_a")
    page.get_by_role("link", name="Kế hoạch đào tạo").first.click()
    page.get_by_label("Năm kế hoạch").fill("2026")
    page.get_by_role("button", name="Lập dự thảo").click()
    rows = page.get_by_test_id("target-rows")
    rows.locator("select[name='t-0-kind']").select_option(label="Lý luận chính trị")
    rows.locator("select[name='t-0-group']").select_option(label="Cán bộ")
    rows.locator("input[name='t-0-turns']").fill("12")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("targets")).to_contain_text("Lý luận chính trị")
    page.get_by_role("button", name="Trình cấp trên").click()
    expect(page.get_by_test_id("plan-status")).to_have_text("Đã trình, chờ duyệt")
    plan_url = page.url

    province = _second(browser, live_server, "province")
    province.goto(plan_url)
    province.get_by_label("Ý kiến (bắt buộc khi trả lại)").fill("Bổ sung chỉ tiêu quốc phòng - an ninh")
    province.get_by_role("button", name="Trả lại để sửa").click()
    expect(province.get_by_test_id("plan-status")).to_have_text("Bị trả lại để sửa")

    page.reload()
    expect(page.get_by_test_id("review-comment")).to_have_text("Bổ sung chỉ tiêu quốc phòng - an ninh")
    page.get_by_role("link", name="Sửa chỉ tiêu").click()
    rows = page.get_by_test_id("target-rows")
    rows.locator("select[name='t-1-kind']").select_option(label="Bồi dưỡng kiến thức quốc phòng và an ninh")
    rows.locator("input[name='t-1-turns']").fill("20")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("button", name="Trình cấp trên").click()
    expect(page.get_by_test_id("plan-status")).to_have_text("Đã trình, chờ duyệt")

    province.reload()
    province.get_by_role("button", name="Phê duyệt").click()
    expect(province.get_by_test_id("plan-status")).to_have_text("Đã phê duyệt")
    expect(province.get_by_test_id("events")).to_contain_text("Trả lại")
    expect(province.get_by_test_id("events")).to_contain_text("Bổ sung chỉ tiêu quốc phòng - an ninh")


def test_a_percentage_opens_the_enrolments_behind_it(log_in, district, make_person, make_class):
    from canbo.core.context import acting_as
    from canbo.plans import services

    people = [make_person(district["tn"], f"Học viên {i}") for i in range(3)]
    make_class(district["district"], "politics", people=people)
    with acting_as(None, origin="test"):
        services.plan_create(unit=district["district"], year=2021, targets=[{"kind": "politics", "turns": 4}])
    page = log_in("province")
    page.goto("/plans/units/P/?year=2021")
    page.get_by_test_id("pct-P-HDB").click()
    expect(page.get_by_test_id("actual-total")).to_have_text("Tổng số: 3 lượt người.")
    table = page.get_by_test_id("enrolments")
    for i in range(3):
        expect(table).to_contain_text(f"Học viên {i}")
