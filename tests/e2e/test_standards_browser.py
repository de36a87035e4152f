"""Standards in a real browser: from a unit's rate to the people behind a number and on to one
person's "meets the standards?" panel; the rule editor's preview before saving."""

import datetime

from playwright.sync_api import expect

from tests.standards import conftest as standards

# The standards tests' fixtures, shared here (pytest finds fixtures by module-level name).
seeded, title, rule, make_person = standards.seeded, standards.title, standards.rule, standards.make_person


def test_from_the_rate_to_the_people_and_their_panel(log_in, make_person):
    # Appointed after 01/8/2023: "chưa đạt", not in the transition to 01/8/2028.
    make_person(
        "Chủ tịch Ủy ban nhân dân",
        unit="a",
        start=datetime.date(2023, 9, 1),
        name="Quàng Văn Thiếu",
        levels=[("professional", "trung_cap")],
    )
    make_person("Phó Chủ tịch Ủy ban nhân dân", unit="a", name="Lò Văn Đủ", levels=[("professional", "dai_hoc")])
    page = log_in("officer_a")
    page.get_by_role("link", name="Tiêu chuẩn").first.click()
    rates = page.get_by_test_id("rates")
    expect(rates).to_contain_text("Chủ tịch Ủy ban nhân dân xã")
    expect(page.get_by_test_id("weak-sectors")).to_contain_text("Quản lý nhà nước")
    row = rates.locator("tr", has_text="Chủ tịch Ủy ban nhân dân xã").filter(has_text="Trình độ chuyên môn").first
    row.get_by_test_id("unmet-link").click()
    table = page.get_by_test_id("drilldown")
    expect(table).to_contain_text("Quàng Văn Thiếu")
    expect(table).not_to_contain_text("Lò Văn Đủ")
    table.get_by_role("link", name="Quàng Văn Thiếu").click()
    panel = page.get_by_test_id("standards-panel")
    expect(panel).to_contain_text("Chủ tịch UBND xã (xã mới): đại học trở lên")
    expect(panel).to_contain_text("Hiện có: Trung cấp · yêu cầu: Đại học")


def test_the_rule_editor_previews_then_saves(log_in, make_person, rule):
    make_person("Chủ tịch Ủy ban nhân dân", unit="a", name="A", levels=[("professional", "dai_hoc")])
    target = rule("XA-CTUBND-CM-2025")
    page = log_in("province")
    page.goto(f"/standards/rules/{target.pk}/")
    page.get_by_label("Trình độ tối thiểu").select_option(label="Thạc sĩ")
    page.get_by_role("button", name="Kiểm tra và xem ảnh hưởng").click()
    expect(page.get_by_test_id("preview")).to_contain_text("liên quan đến 1 người")
    page.get_by_role("button", name="Lưu thay đổi").click()
    expect(page.get_by_test_id("rules")).to_contain_text("Thạc sĩ")
