"""Job (d) in a real browser: a commune submits its plan for next year; the Sở Nội vụ finds it in
the inbox of its home ("Việc cần làm", count 1), follows the count to the plan and approves it, and
the inbox no longer counts it."""

from playwright.sync_api import expect

from canbo.core.dates import today
from tests.e2e.test_plans_browser import _second
from tests.plans import conftest as _plans

kinds = _plans.kinds


def test_a_plan_submitted_for_next_year_is_approved_from_the_approvers_inbox(log_in, kinds, browser, live_server):
    next_year = today().year + 1
    page = log_in("officer_a")
    page.get_by_role("link", name="Kế hoạch đào tạo").first.click()
    page.get_by_label("Năm kế hoạch").fill(str(next_year))
    page.get_by_role("button", name="Lập dự thảo").click()
    rows = page.get_by_test_id("target-rows")
    rows.locator("select[name='t-0-kind']").select_option(label="Lý luận chính trị")
    rows.locator("select[name='t-0-group']").select_option(label="Cán bộ")
    rows.locator("input[name='t-0-turns']").fill("15")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("button", name="Trình cấp trên").click()
    expect(page.get_by_test_id("plan-status")).to_have_text("Đã trình, chờ duyệt")

    province = _second(browser, live_server, "province")  # lands on the home
    expect(province.get_by_test_id("inbox-plans-count")).to_have_text("1")
    province.get_by_test_id("inbox-plans").click()
    expect(province.get_by_role("heading", level=1)).to_have_text("Kế hoạch đang chờ bạn duyệt (mọi năm)")
    plans = province.get_by_test_id("plans")
    expect(plans.locator("tbody tr")).to_have_count(1)
    expect(plans).to_contain_text("Xã Thanh Nưa")
    plans.get_by_role("link", name=f"Kế hoạch năm {next_year} — Xã Thanh Nưa").click()
    province.get_by_role("button", name="Phê duyệt").click()
    expect(province.get_by_test_id("plan-status")).to_have_text("Đã phê duyệt")

    province.get_by_role("link", name="Tổng quan").first.click()
    expect(province.get_by_test_id("inbox-plans-count")).to_have_text("0")
    expect(province.get_by_test_id("inbox-empty")).to_have_text("Không có việc nào đang chờ bạn.")
