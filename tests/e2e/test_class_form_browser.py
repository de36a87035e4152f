"""The new-class form in a real browser: the target-group checkboxes sit in the form, each beside
its label, and tick when the officer clicks the label (they overlapped the form and did not)."""

import datetime

from playwright.sync_api import expect

from canbo.training.models import TrainingClass
from tests.training.conftest import *  # noqa: F403  (programme fixtures)


def test_the_target_group_checkboxes_tick_and_are_saved(log_in, tree, update_course):
    page = log_in("province")
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto("/training/classes/new/")
    group = page.get_by_role("group", name="Đối tượng")
    box = group.get_by_label("Công chức")
    # Laid out inside the form column, one under another, not floating over the next fields.
    form = page.locator("form[enctype='multipart/form-data']").bounding_box()
    first = group.get_by_label("Cán bộ").bounding_box()
    second = box.bounding_box()
    assert form["x"] <= first["x"] and first["x"] + first["width"] <= form["x"] + form["width"]
    assert second["y"] >= first["y"] + first["height"]
    notes = page.get_by_label("Ghi chú").bounding_box()
    assert notes["y"] > group.bounding_box()["y"] + group.bounding_box()["height"] - 1
    group.get_by_text("Công chức", exact=True).click()  # the label ticks its box
    expect(box).to_be_checked()
    expect(group.get_by_label("Cán bộ")).not_to_be_checked()
    page.get_by_label("Mã lớp").fill("2026-DB-CNKT-09")
    page.get_by_label("Tên lớp").fill("Cập nhật kiến thức pháp luật cho công chức")
    page.get_by_label("Chương trình").select_option(label=update_course.name)
    page.get_by_label("Ngày khai giảng").fill("2026-09-08")
    page.get_by_label("Ngày bế giảng").fill("2026-09-10")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("class-name")).to_have_text("Cập nhật kiến thức pháp luật cho công chức")
    saved = TrainingClass.unscoped.get(code="2026-DB-CNKT-09")
    assert saved.target_categories == ["cong_chuc"]
    assert saved.start_date == datetime.date(2026, 9, 8)
