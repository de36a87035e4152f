"""The shared paper helper (core.papers): dates written as NĐ 30/2020 asks, the place a unit signs
in, and the Vietnamese number format that prints "1.200.000" whatever the reader's locale."""

import csv
import datetime
import io
import shutil
import subprocess

import openpyxl
import pytest
import xlsxwriter

from canbo.core import papers

D = datetime.date


def test_a_date_takes_a_leading_zero_for_days_under_10_and_for_january_and_february():
    assert papers.date_words(D(2026, 12, 7)) == "ngày 07 tháng 12 năm 2026"
    assert papers.date_words(D(2026, 1, 15)) == "ngày 15 tháng 01 năm 2026"
    assert papers.date_words(D(2026, 2, 3)) == "ngày 03 tháng 02 năm 2026"
    assert papers.date_words(D(2026, 3, 5)) == "ngày 05 tháng 3 năm 2026"
    assert papers.place_date_line("Điện Biên", D(2026, 12, 7)) == "Điện Biên, ngày 07 tháng 12 năm 2026"


@pytest.mark.django_db
def test_a_unit_signs_in_its_nearest_locality(tree):
    from canbo.orgs import services as org_services

    dept = org_services.unit_create(
        code="P-SNV", name="Sở Nội vụ", kind="department", parent=tree["province"], valid_from=D(2004, 1, 1)
    )
    assert papers.place_of(tree["province"]) == "Điện Biên"
    assert papers.place_of(dept) == "Điện Biên"
    assert papers.place_of(tree["a_office"]) == "Thanh Nưa"
    assert papers.issued_by(dept) == ["UBND TỈNH ĐIỆN BIÊN", "SỞ NỘI VỤ"]
    assert papers.issued_by(tree["province"]) == ["ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN"]


def _sheet_with_paper(path, paper):
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("S")
    on_paper = papers.SheetPaper(book, sheet, paper, width=6)
    row = on_paper.heading()
    fmt = book.add_format({"num_format": papers.VN_INT})
    for value in (1_200_000, 27_071, 512, 0):
        sheet.write_number(row, 1, value, fmt)
        row += 1
    last = on_paper.footer(row + 1)
    papers.xlsx_print_setup(sheet, landscape=False, title_rows=(0, 0), last_row=last, last_col=5)
    book.close()


def test_the_sheet_carries_the_heading_footer_and_print_setup(tmp_path):
    paper = papers.Paper(
        left=["UBND TỈNH ĐIỆN BIÊN", "SỞ NỘI VỤ"],
        right=[papers.NATION, papers.MOTTO],
        form_number="Biểu số 01",
        number="12/BC-SNV",
        title="BÁO CÁO",
        place_date="Điện Biên, ngày 07 tháng 12 năm 2026",
        signers=[papers.Signer(papers.PREPARER, papers.PREPARER_SIGN, "Lò Thị Vân"), papers.Signer("GIÁM ĐỐC")],
    )
    _sheet_with_paper(tmp_path / "p.xlsx", paper)
    ws = openpyxl.load_workbook(tmp_path / "p.xlsx").active
    grid = [[c.value for c in row] for row in ws.iter_rows()]
    assert grid[0][2] == "Biểu số 01"  # over the right block (columns 2-5 of 6)
    assert grid[1][:3] == ["UBND TỈNH ĐIỆN BIÊN", None, papers.NATION]
    assert grid[2][:3] == ["SỞ NỘI VỤ", None, papers.MOTTO]
    assert grid[3][0] == "Số: 12/BC-SNV"
    assert ws.cell(3, 1).font.u == "single" and ws.cell(3, 3).font.u == "single"  # issuer and motto
    texts = [v for r in grid for v in r if v is not None]
    for text in ("BÁO CÁO", "Điện Biên, ngày 07 tháng 12 năm 2026", "NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"):
        assert text in texts
    assert texts.index("GIÁM ĐỐC") < texts.index("Lò Thị Vân")
    assert ws.page_setup.orientation == "portrait" and int(ws.page_setup.paperSize) == 9
    assert int(ws.page_setup.fitToHeight) == 0 and ws.print_title_rows == "$1:$1"
    assert ws.sheet_view.showGridLines is False


def test_numbers_print_with_dots_in_libreoffice(tmp_path):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs libreoffice-calc-nogui)")
    _sheet_with_paper(tmp_path / "n.xlsx", papers.Paper(title="T"))
    subprocess.run(
        [
            office,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "n.xlsx"),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    rows = list(csv.reader(io.StringIO((tmp_path / "n.csv").read_text(encoding="utf-8"))))
    shown = [r[1] for r in rows if len(r) > 1 and r[1]]
    assert shown == ["1.200.000", "27.071", "512", "0"]
