"""Every form, plan vs actual and the people export as the paper is issued (core.papers): read back
from the downloaded .xlsx (heading, motto where the document has one, form number, place and date
line, signature blocks, print setup, Vietnamese number format), from the PDF's text, and from the
on-screen preview."""

import io
import shutil
import subprocess

import openpyxl
import pytest
from django.urls import reverse

from canbo.core.dates import today
from canbo.core.papers import MOTTO, NATION, VN_INT, place_date_line
from canbo.reports.models import StatForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def forms(db):
    from canbo.reports.form_data import seed_forms

    seed_forms()
    return {f.code: f for f in StatForm.objects.all()}


@pytest.fixture
def results(district, tree, make_person, make_class):
    """2021: a class of the province with two commune people and one of the province."""
    from canbo.core.context import acting_as
    from canbo.plans import services

    tn = [make_person(district["tn"], f"TN {i}") for i in range(2)]
    make_class(tree["province"], "politics", people=[*tn, make_person(tree["province"], "Sở")])
    with acting_as(None, origin="test"):
        services.plan_create(unit=district["district"], year=2021, targets=[{"kind": "politics", "turns": 5}])
    return district


def texts(ws) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


def pdf_text(pdf: bytes, tmp_path) -> str:
    assert pdf.startswith(b"%PDF")
    target = tmp_path / "paper.pdf"
    target.write_bytes(pdf)
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run([tool, "-raw", str(target), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def assert_prints_as_paper(ws, *, landscape=True):
    setup = ws.page_setup
    assert int(setup.paperSize) == 9
    assert setup.orientation == ("landscape" if landscape else "portrait")
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert int(setup.fitToWidth or 1) == 1 and int(setup.fitToHeight) == 0  # one page wide
    assert ws.print_title_rows  # the header rows repeat on every page
    assert ws.page_margins.left == pytest.approx(0.4)


# (form, left block, right block shown, head signer) — the Party's forms have their own heading
# (form number and unit right, no state motto); the staff-quality form is a state paper.
FORMS = [
    ("BTCTW-10", ["TỈNH ỦY ĐIỆN BIÊN", "BAN TỔ CHỨC"], ["Biểu số 10-BTCTW", "Đvt: Người"], "TRƯỞNG BAN"),
    ("BTCTW-8B", ["TỈNH ỦY ĐIỆN BIÊN", "BAN TỔ CHỨC"], ["Biểu số 8B-BTCTW", "Đvt: Người"], "TRƯỞNG BAN"),
    ("CLDN-01", ["ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN"], ["Biểu số CLDN-01", NATION, MOTTO], "THỦ TRƯỞNG ĐƠN VỊ"),
]


@pytest.mark.parametrize(("code", "left", "right", "head"), FORMS)
def test_each_form_downloads_as_the_paper_prints(login, forms, results, code, left, right, head, tmp_path):
    client = login("province_admin")
    query = {"form": code, "year": 2021}
    response = client.get(reverse("reports:unit_form_xlsx", args=["P"]), query)
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    found = texts(ws)
    date_line = place_date_line("Điện Biên", today())
    assert date_line.startswith("Điện Biên, ngày ") and date_line.endswith(f" năm {today().year}")
    for text in [*left, *right, date_line, "NGƯỜI LẬP BIỂU", head]:
        assert text in found, text
    assert any(t.startswith("(Ký") for t in found)
    if code != "CLDN-01":
        assert NATION not in found  # a Party form carries no state motto
    # The left block's first line sits beside the nation line (a state paper) or the form number.
    heading = next([c.value for c in row] for row in ws.iter_rows() if row[0].value == left[0])
    assert (NATION if code == "CLDN-01" else right[0]) in heading
    assert_prints_as_paper(ws)
    numbers = [c for row in ws.iter_rows() for c in row if isinstance(c.value, int | float)]
    assert numbers and {c.number_format for c in numbers if float(c.value).is_integer()} == {VN_INT}

    pdf = pdf_text(client.get(reverse("reports:unit_form_pdf", args=["P"]), query).content, tmp_path)
    for text in [*left, *right, date_line, "NGƯỜI LẬP BIỂU", head]:
        assert text in pdf, text

    page = client.get(reverse("reports:unit_form_view", args=["P"]), query).content.decode()
    for text in [*left, *right, date_line, "NGƯỜI LẬP BIỂU", head]:
        assert text in page, text
    assert reverse("reports:unit_form_xlsx", args=["P"]) in page and "data-print" in page


def test_a_department_signs_in_its_province(login, forms, tree):
    from canbo.orgs import services as org_services

    org_services.unit_create(
        code="P-SNV", name="Sở Nội vụ", kind="department", parent=tree["province"], valid_from=today()
    )
    response = login("province_admin").get(
        reverse("reports:unit_form_xlsx", args=["P-SNV"]), {"form": "CLDN-01", "year": today().year}
    )
    found = texts(openpyxl.load_workbook(io.BytesIO(response.content)).active)
    assert "UBND TỈNH ĐIỆN BIÊN" in found and "SỞ NỘI VỤ" in found
    assert place_date_line("Điện Biên", today()) in found


def test_plan_vs_actual_prints_with_motto_signatures_and_setup(login, results, tmp_path):
    client = login("province_admin")
    response = client.get(reverse("plans:unit_xlsx", args=["P-HDB"]), {"year": 2021})
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    found = texts(ws)
    expected = [
        "UBND TỈNH ĐIỆN BIÊN",
        "ỦY BAN NHÂN DÂN HUYỆN ĐIỆN BIÊN",
        NATION,
        MOTTO,
        "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH ĐÀO TẠO, BỒI DƯỠNG NĂM 2021",
        place_date_line("Điện Biên", today()),
        "NGƯỜI LẬP BIỂU",
        "(Ký, ghi rõ họ tên)",
        "THỦ TRƯỞNG ĐƠN VỊ",
        "(Ký tên, đóng dấu)",
    ]
    for text in expected:
        assert text in found, text
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[1] == "Đơn vị")
    assert rows[header + 1][:6] == ["1", "Huyện Điện Biên", "Tổng số", 5, 2, 0.4]
    assert ws.cell(header + 2, 4).number_format == VN_INT
    assert_prints_as_paper(ws)
    assert ws.print_title_rows == f"${header + 1}:${header + 1}"

    pdf = pdf_text(client.get(reverse("plans:unit_pdf", args=["P-HDB"]), {"year": 2021}).content, tmp_path)
    for text in expected:
        assert text in pdf, text
    assert "40,0%" in pdf

    page = client.get(reverse("plans:unit_paper", args=["P-HDB"]), {"year": 2021}).content.decode()
    for text in expected:
        assert text in page, text
    assert "40,0%" in page and reverse("plans:unit_pdf", args=["P-HDB"]) in page
    pva = client.get(reverse("plans:unit_pva", args=["P-HDB"]), {"year": 2021}).content.decode()
    assert reverse("plans:unit_paper", args=["P-HDB"]) in pva


def test_the_people_data_export_prints_a4_with_its_titles_on_every_page(login, people):
    response = login("officer_a").get(reverse("people:export"))
    ws = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert ws["A1"].value == "Họ và tên"
    assert_prints_as_paper(ws)
    assert ws.print_title_rows == "$1:$1"
    assert ws.sheet_view.showGridLines is not False  # a data file keeps its grid on screen


def test_the_import_template_and_the_standards_report_print_a4(login, tmp_path):
    from canbo.standards.report import write_xlsx

    response = login("officer_a").get(reverse("exchange:template"))
    ws = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert ws["A1"].value == "Họ và tên"
    assert_prints_as_paper(ws)

    data = {
        "unit": {"code": "P", "name": "Tỉnh Điện Biên"},
        "date": "2026-12-07",
        "rates": [
            {"title": "Chủ tịch", "ladder": "LLCT", "applicable": 3, "met": 2, "grace": 0, "transition": 0}
            | {"unmet": 1, "rate": 66.7}
        ],
        "weak_sectors": [],
        "needs": [{"name": "Lý luận chính trị", "people": 1200}],
    }
    write_xlsx(data, str(tmp_path / "s.xlsx"))
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    for ws in book.worksheets:
        assert int(ws.page_setup.paperSize) == 9 and ws.print_title_rows == "$3:$3"
    assert book.worksheets[0].page_setup.orientation == "landscape"
    assert book.worksheets[2].page_setup.orientation == "portrait"
