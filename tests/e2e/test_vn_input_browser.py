"""Dates and money typed the Vietnamese way in a browser set to English (en-US): the date box is no
<input type=date> (which would show 12/07/2026 for 7 December), "07/12/2026" is stored as
7 December 2026 and shown back as 07/12/2026; money typed 1.200.000.000 is stored and shown back
with dots; the dashboard's chart axes and tooltips read 30.000 and 104,2%."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from canbo.training.models import TrainingClass
from tests.conftest import PASSWORD
from tests.training.conftest import *  # noqa: F403  (programme fixtures)


@pytest.fixture
def english_page(browser, live_server, transactional_db, personas):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("province")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/")
    yield page
    context.close()


def test_an_english_browser_types_and_reads_back_vietnamese_dates_and_money(english_page, update_course):
    page = english_page
    assert page.evaluate("navigator.language") == "en-US"
    page.goto("/training/classes/new/")
    start = page.get_by_label("Ngày khai giảng")
    assert start.get_attribute("type") == "text" and start.get_attribute("placeholder") == "dd/mm/yyyy"
    # The browser's own check (the pattern) lets a day-first date through and stops a word.
    start.fill("hôm nay")
    assert start.evaluate("el => el.checkValidity()") is False
    start.fill("07/12/2026")
    assert start.evaluate("el => el.checkValidity()") is True
    # The calendar button beside the box: the browser's picker (a hidden date input) writes the
    # chosen day back day-first.
    end = page.get_by_label("Ngày bế giảng")
    expect(page.get_by_role("button", name="Chọn ngày trên lịch")).to_have_count(2)
    end.locator("xpath=..").locator("input[type=date]").evaluate(
        "el => { el.value = '2026-12-24'; el.dispatchEvent(new Event('change')); }"
    )
    expect(end).to_have_value("24/12/2026")
    end.fill("9/12/2026")
    page.get_by_label("Mã lớp").fill("2026-DB-CNKT-12")
    page.get_by_label("Tên lớp").fill("Cập nhật kiến thức pháp luật tháng 12")
    page.get_by_label("Chương trình").select_option(label=update_course.name)
    page.get_by_label("Kinh phí (đồng)").fill("1.200.000.000")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("class-name")).to_have_text("Cập nhật kiến thức pháp luật tháng 12")
    saved = TrainingClass.unscoped.get(code="2026-DB-CNKT-12")
    assert (saved.start_date, saved.end_date) == (datetime.date(2026, 12, 7), datetime.date(2026, 12, 9))
    assert saved.cost == Decimal("1200000000")
    expect(page.locator("body")).to_contain_text("1.200.000.000 đ")

    page.goto(f"/training/classes/{saved.code}/edit/")
    expect(page.get_by_label("Ngày khai giảng")).to_have_value("07/12/2026")
    expect(page.get_by_label("Ngày bế giảng")).to_have_value("09/12/2026")
    expect(page.get_by_label("Kinh phí (đồng)")).to_have_value("1.200.000.000")

    # A date that does not exist passes the browser's pattern and is named by the server.
    page.get_by_label("Ngày khai giảng").fill("31/11/2026")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("body")).to_contain_text("Ngày «31/11/2026» không có thật.")
    saved.refresh_from_db()
    assert saved.start_date == datetime.date(2026, 12, 7)


def test_the_dashboard_charts_write_numbers_the_vietnamese_way(english_page):
    page = english_page
    page.goto("/reports/")
    expect(page.locator("[data-chart='kinds'] canvas")).to_be_visible()
    labels = page.evaluate(
        """() => {
          const chart = (name) => document.querySelector(`[data-chart='${name}']`);
          const option = (name) => echarts.getInstanceByDom(chart(name)).getOption();
          const kinds = option("kinds"), ranked = option("ranked"), years = option("years");
          return [
            kinds.xAxis[0].axisLabel.formatter(30000),
            kinds.tooltip[0].valueFormatter(1234567),
            ranked.xAxis[0].axisLabel.formatter(120),
            ranked.tooltip[0].valueFormatter(104.2),
            years.yAxis[0].axisLabel.formatter(2500.5),
          ];
        }"""
    )
    assert labels == ["30.000", "1.234.567", "120%", "104,2%", "2.500,5"]


def test_the_chart_number_format_rounds_as_the_pages_do_and_writes_no_minus_zero(english_page):
    """The charts' formatter (window.canboNumber) agrees with core.text.format_number: an exact half
    away from zero (104,25 -> 104,3), and no "-0,0" for a tiny negative."""
    page = english_page
    page.goto("/reports/")
    expect(page.locator("[data-chart='kinds'] canvas")).to_be_visible()
    shown = page.evaluate(
        "() => [canboNumber(104.25, 1), canboNumber(-104.25, 1), canboNumber(-0.04, 1), canboNumber(-0.4)]"
    )
    assert shown == ["104,3", "-104,3", "0,0", "-0,4"]
