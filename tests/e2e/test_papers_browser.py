"""Job (e) of issue 15 in a real browser: each statistical form and plan vs actual is previewed as the
paper prints (heading, motto where the document has one, place and date, signature blocks), printed
with only the paper on the page, and downloaded print-ready — the downloads read back."""

import io
import shutil
import subprocess

import openpyxl
import pytest
from playwright.sync_api import expect

from canbo.core.dates import today
from canbo.core.papers import MOTTO, NATION, place_date_line
from tests.plans import conftest as _plans

district, kinds, make_class, make_person, programmes = (
    _plans.district,
    _plans.kinds,
    _plans.make_class,
    _plans.make_person,
    _plans.programmes,
)

FORMS = {
    "BTCTW-10": ("Biểu số 10-BTCTW", "TỈNH ỦY ĐIỆN BIÊN", "TRƯỞNG BAN"),
    "CLDN-01": ("Biểu số CLDN-01", "ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN", "THỦ TRƯỞNG ĐƠN VỊ"),
    "BTCTW-8B": ("Biểu số 8B-BTCTW", "TỈNH ỦY ĐIỆN BIÊN", "TRƯỞNG BAN"),
}


@pytest.fixture
def data(district, tree, make_person, make_class):
    from canbo.core.context import acting_as
    from canbo.plans import services
    from canbo.reports.form_data import seed_forms

    seed_forms()  # a transactional test starts from an emptied database
    tn = [make_person(district["tn"], f"Học viên {i}") for i in range(2)]
    make_class(tree["province"], "politics", people=tn)
    with acting_as(None, origin="test"):
        services.plan_create(unit=district["district"], year=2021, targets=[{"kind": "politics", "turns": 4}])
    return district


def _sheet(download) -> list[str]:
    with open(download.path(), "rb") as fh:
        ws = openpyxl.load_workbook(io.BytesIO(fh.read())).active
    assert int(ws.page_setup.paperSize) == 9 and ws.print_title_rows
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


def _pdf_text(download) -> str:
    with open(download.path(), "rb") as fh:
        content = fh.read()
    assert content.startswith(b"%PDF")
    tool = shutil.which("pdftotext")
    if tool is None:
        return ""
    out = subprocess.run([tool, "-raw", download.path(), "-"], capture_output=True, text=True).stdout
    return " ".join(out.split())


def test_each_form_is_previewed_and_downloaded_print_ready(log_in, data):
    page = log_in("province")
    date_line = place_date_line("Điện Biên", today())
    for code, (number, issuer, head) in FORMS.items():
        page.goto("/reports/units/P/forms/?year=2021")
        page.get_by_role("row").filter(has_text=code).get_by_role("link", name="Xem bản in").click()
        heading = page.get_by_test_id("paper-heading")
        expect(heading).to_contain_text(number)
        expect(heading).to_contain_text(issuer)
        if code == "CLDN-01":
            expect(heading).to_contain_text(NATION)
            expect(heading).to_contain_text(MOTTO)
        else:
            expect(heading).not_to_contain_text(NATION)
        footer = page.get_by_test_id("paper-footer")
        expect(footer).to_be_visible()
        expect(footer).to_contain_text(date_line)
        expect(footer).to_contain_text("NGƯỜI LẬP BIỂU")
        expect(footer).to_contain_text(head)

        # Printing keeps the paper and drops the site's navigation and the buttons.
        page.emulate_media(media="print")
        expect(page.locator("nav.navbar")).to_be_hidden()
        expect(page.get_by_role("link", name="Tải Excel")).to_be_hidden()
        expect(heading).to_be_visible()
        page.emulate_media(media="screen")

        with page.expect_download() as got:
            page.get_by_role("link", name="Tải Excel").click()
        texts = _sheet(got.value)
        for text in (number, issuer, date_line, "NGƯỜI LẬP BIỂU", head):
            assert text in texts, (code, text)
        with page.expect_download() as got:
            page.get_by_role("link", name="Tải PDF").click()
        text = _pdf_text(got.value)
        if text:
            assert number in text and date_line in text and head in text


def test_plan_vs_actual_is_previewed_and_downloaded_as_a_paper(log_in, data):
    page = log_in("province")
    page.goto("/plans/units/P-HDB/?year=2021")
    page.get_by_role("link", name="Xem bản in").click()
    heading = page.get_by_test_id("paper-heading")
    expect(heading).to_contain_text("ỦY BAN NHÂN DÂN HUYỆN ĐIỆN BIÊN")
    expect(heading).to_contain_text(NATION)
    expect(heading).to_contain_text("BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH ĐÀO TẠO, BỒI DƯỠNG NĂM 2021")
    table = page.get_by_test_id("pva-paper")
    expect(table.get_by_role("row").filter(has_text="Huyện Điện Biên")).to_contain_text("50,0%")
    footer = page.get_by_test_id("paper-footer")
    expect(footer).to_contain_text(place_date_line("Điện Biên", today()))
    expect(footer).to_contain_text("THỦ TRƯỞNG ĐƠN VỊ")
    expect(footer).to_contain_text("(Ký tên, đóng dấu)")
    with page.expect_download() as got:
        page.get_by_role("link", name="Tải Excel").click()
    with open(got.value.path(), "rb") as fh:
        ws = openpyxl.load_workbook(io.BytesIO(fh.read())).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[1] == "Đơn vị")
    assert rows[header + 1][:6] == ["1", "Huyện Điện Biên", "Tổng số", 4, 2, 0.5]
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == f"${header + 1}:${header + 1}"
    texts = [str(v) for r in rows for v in r if v is not None]
    assert MOTTO in texts and "THỦ TRƯỞNG ĐƠN VỊ" in texts


def test_the_official_list_is_previewed_and_downloaded_from_the_people_list(log_in, people):
    page = log_in("officer_a")
    page.goto("/people/")
    page.get_by_role("link", name="Xem bản in").click()
    heading = page.get_by_test_id("paper-heading")
    expect(heading).to_contain_text("ỦY BAN NHÂN DÂN XÃ THANH NƯA")
    expect(heading).to_contain_text(NATION)
    expect(heading).to_contain_text("DANH SÁCH TRÍCH NGANG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC")
    expect(page.get_by_test_id("official-table")).to_contain_text("Lò Thị Vân")
    footer = page.get_by_test_id("paper-footer")
    expect(footer).to_contain_text(place_date_line("Thanh Nưa", today()))
    expect(footer).to_contain_text("THỦ TRƯỞNG ĐƠN VỊ")
    with page.expect_download() as got:
        page.get_by_role("link", name="Tải Excel").click()
    texts = _sheet(got.value)
    assert "ỦY BAN NHÂN DÂN XÃ THANH NƯA" in texts and "Lò Thị Vân" in texts
    assert place_date_line("Thanh Nưa", today()) in texts
