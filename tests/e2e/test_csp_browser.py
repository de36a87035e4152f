"""The Content-Security-Policy in a real browser: the main pages, their charts, htmx swaps and the
API docs work with inline scripts and styles refused, and Chromium reports no violation."""

from playwright.sync_api import expect

from tests.training import conftest as _training

kinds = _training.kinds  # the programme kinds the programme list filters by


def _watch(page):
    """Collect what Chromium says about the policy (console) and any uncaught script error."""
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    return problems


def test_the_main_pages_run_under_the_policy_without_a_violation(log_in, people, kinds):
    page = log_in("province")
    problems = _watch(page)

    page.goto("/units/")
    page.get_by_test_id("expand-P").click()
    expect(page.get_by_test_id("tree")).to_contain_text("Xã Thanh Nưa")
    page.get_by_test_id("expand-P").click()  # closing empties the branch without a request
    expect(page.get_by_test_id("tree")).not_to_contain_text("Xã Thanh Nưa")
    page.get_by_label("Gồm cả đơn vị đã giải thể, sáp nhập").check()
    expect(page.get_by_label("Cơ cấu tại ngày")).to_be_disabled()

    page.goto("/people/")
    expect(page.get_by_test_id("people-count")).to_be_visible()
    level = page.locator("#f-level")
    value = level.locator("option[data-ladder]").first.get_attribute("value")
    level.select_option(value)
    expect(page.locator("#f-ladder")).not_to_have_value("")

    page.goto("/reports/")
    expect(page.locator("[data-chart] canvas").first).to_be_visible()
    page.locator("[data-chart] canvas").first.hover()

    page.goto("/plans/units/P/summary/?year=2026")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Báo cáo tóm tắt")

    page.goto("/training/")
    page.goto("/training/calendar/")
    page.goto("/training/programmes/")
    page.locator("#f-kind").select_option(index=1)
    page.wait_for_url("**kind=*")

    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("canbo API")
    expect(page.locator(".opblock").first).to_be_visible()

    page.goto("/")
    page.locator("#language-select").select_option("en")
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    assert problems == []
