"""Job (b) of issue 15 in a real browser: from a unit's standards page to the list of the people who
need LLCT, exported to Excel, then all of them nominated to an LLCT class in one action, and the
class page listing them."""

import datetime
import io

import openpyxl
from playwright.sync_api import expect

from canbo.core.dates import today
from tests.standards import conftest as standards
from tests.training import conftest as training

# The standards and training tests' fixtures, shared here (pytest finds fixtures by module-level name).
seeded, make_person = standards.seeded, standards.make_person
kinds, llct, make_class = training.kinds, training.llct, training.make_class

NEED_LLCT = ("Bạc Thị Bun", "Lò Văn Hải", "Quàng Văn Thiếu")


def test_from_the_llct_need_to_a_list_exported_and_nominated_in_one_action(log_in, make_person, llct, make_class):
    for name in NEED_LLCT:
        make_person("Phó Chủ tịch Ủy ban nhân dân", unit="a", name=name, levels=[("professional", "dai_hoc")])
    make_person(
        "Chủ tịch Ủy ban nhân dân",
        unit="a",
        name="Lò Văn Đủ",
        levels=[("professional", "dai_hoc"), ("politics", "trung_cap")],
    )
    make_person("Chủ tịch Ủy ban nhân dân", unit="b", name="Giàng A Xa")  # commune B: not in A's list
    cls = make_class(llct, start=today() + datetime.timedelta(days=20), days=30)

    page = log_in("officer_a")
    page.goto("/standards/units/P-THANHNUA/")
    need = page.get_by_test_id("need-link-politics")
    expect(need).to_have_text("3")
    need.click()

    people = page.get_by_test_id("needs-people")
    for name in NEED_LLCT:
        expect(people).to_contain_text(name)
    expect(people).not_to_contain_text("Lò Văn Đủ")
    expect(people).not_to_contain_text("Giàng A Xa")
    expect(page.get_by_test_id("needs-total")).to_contain_text("3 người")

    with page.expect_download() as download:
        page.get_by_test_id("needs-export").click()
    assert download.value.suggested_filename.startswith("nhu-cau-politics-P-THANHNUA-")
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert sheet["A1"].value == "Danh sách người cần bồi dưỡng: Lý luận chính trị"
    assert [(r[0].value, r[1].value) for r in sheet.iter_rows(min_row=6)] == list(enumerate(NEED_LLCT, 1))

    page.get_by_label("Chọn tất cả").check()
    expect(page.locator("[data-selected-count]")).to_have_text("3")
    page.get_by_label("Cử đi học lớp").select_option(cls.code)
    page.get_by_test_id("nominate-selected").click()

    page.wait_for_url(f"**/training/classes/{cls.code}/")
    expect(page.get_by_role("alert").filter(has_text="Đã cử 3 người vào lớp.")).to_be_visible()
    body = page.locator("main")
    for name in NEED_LLCT:
        expect(body).to_contain_text(name)
    expect(page.get_by_test_id("seats")).to_contain_text("3 chờ duyệt")
