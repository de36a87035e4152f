"""Statistical forms from layouts stored as data: the figures, merged headers, and files that
LibreOffice opens (converted headless to CSV) — the check that no repair prompt would appear."""

import csv
import io
import json
import re
import shutil
import subprocess

import pytest
from django.core.management import call_command

from canbo.reports.models import StatForm
from canbo.reports.statforms import _grid, fill, to_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def forms(db):
    from canbo.reports.form_data import seed_forms

    seed_forms()
    return {f.code: f for f in StatForm.objects.all()}


@pytest.fixture
def results(district, tree, make_person, make_class, programmes, level):
    programmes["politics"].grants_level = level("politics", "trung_cap")
    programmes["politics"].save()
    tn = [make_person(district["tn"], f"TN {i}") for i in range(3)]
    dept = make_person(tree["province"], "Sở")
    make_class(tree["province"], "politics", people=[*tn[:2], dept])
    make_class(district["tn"], "knowledge_update", people=tn)
    return district


def values(filled, label):
    return next(r["values"] for r in filled.rows if r["label"] == label)


def test_the_training_form_counts_turns_by_level_and_classes_by_organiser(forms, results, tree):
    filled = fill(forms["BTCTW-10"], tree["province"], year=2021)
    # total, province (all, leaders), district (all, leaders), commune, classes (all, province, district)
    assert values(filled, "Trung cấp lý luận chính trị") == [3, 1, 0, 0, 0, 2, 1, 1, 0]
    assert values(filled, "Cập nhật kiến thức mới") == [3, 0, 0, 0, 0, 3, 0, 0, 0]  # a commune's class: no column
    assert values(filled, "Bồi dưỡng")[0] == 3


def test_the_header_grid_places_merged_cells_like_a_table(forms):
    cells, width = _grid(forms["BTCTW-10"].layout["header"])
    assert width == 11
    assert (0, 0, 2, 0, "TT") in cells and (0, 2, 0, 7, "Cán bộ được đào tạo, bồi dưỡng") in cells
    assert (1, 3, 1, 4, "Cấp tỉnh") in cells and (2, 3, 2, 3, "Tổng số") in cells
    assert (1, 7, 2, 7, "Cấp xã") in cells and (1, 10, 2, 10, "Cấp ủy cấp huyện mở") in cells


def test_a_province_adds_a_form_as_data(results, tree):
    StatForm.objects.create(
        code="TT-NEW",
        name="Biểu mới",
        kind="training",
        layout={
            "title": "Biểu mới {year}",
            "header": [[{"text": "Nội dung"}, {"text": "Nữ giới?"}, {"text": "Cấp xã"}]],
            "columns": [{}, {"level": "commune"}],
            "rows": [{"label": "=Tất cả", "filter": {}}],
        },
    )
    out = io.StringIO()
    call_command("report", "form", "--code", "tt-new", "--year", "2021", "--unit", "P", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["rows"][0]["values"] == [6, 5]


def test_the_files_open_in_libreoffice(forms, results, tree, tmp_path):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs libreoffice-calc-nogui)")
    training = tmp_path / "b10.xlsx"
    training.write_bytes(to_xlsx(fill(forms["BTCTW-10"], tree["province"], year=2021)))
    quality = tmp_path / "cl.xlsx"
    quality.write_bytes(to_xlsx(fill(forms["CLDN-01"], tree["province"], year=2021)))
    done = subprocess.run(
        [
            office,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(training),
            str(quality),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader((tmp_path / "b10.csv").open(encoding="utf-8")))
    assert rows[0][0] == "TỈNH ỦY ĐIỆN BIÊN" and "Biểu số 10-BTCTW" in rows[0]
    assert [v for v in rows[3] if v] == ["THỐNG KÊ KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ NĂM 2021"]
    header = next(i for i, r in enumerate(rows) if r[0] == "TT")
    assert rows[header][:3] == ["TT", "Chương trình, hình thức đào tạo, bồi dưỡng", "Cán bộ được đào tạo, bồi dưỡng"]
    assert ["-", "Trung cấp lý luận chính trị", "3", "1", "0", "0", "0", "2", "1", "1", "0"] in rows
    quality_rows = list(csv.reader((tmp_path / "cl.csv").open(encoding="utf-8")))
    assert "Biểu số CLDN-01" in quality_rows[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in quality_rows[1]
    header = next(i for i, r in enumerate(quality_rows) if r[0] == "Đơn vị")
    assert quality_rows[header][:5] == ["Đơn vị", "Tổng số", "Nữ", "Dân tộc thiểu số", "Trình độ chuyên môn"]
    assert quality_rows[header + 2][0] == "Tổng số"


def pdf_titles(pdf: bytes) -> list[str]:
    """The document's and its outline's titles, read from the PDF's (compressed) objects."""
    import zlib

    chunks = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            chunks.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    titles = []
    for chunk in chunks:
        for hexed in re.findall(rb"/Title\s*<([0-9a-fA-F]+)>", chunk):
            titles.append(bytes.fromhex(hexed.decode()).decode("utf-16"))
        for plain in re.findall(rb"/Title\s*\(([^)]*)\)", chunk):
            titles.append(plain.decode("latin-1"))
    return titles


def test_a_form_downloads_as_pdf_from_the_forms_page(forms, results, tree, login):
    from django.urls import reverse

    client = login("province_admin")
    page = client.get(reverse("reports:unit_forms", args=["P"]), {"year": 2021}).content.decode()
    pdf_url = reverse("reports:unit_form_pdf", args=["P"])
    assert f"{pdf_url}?form=BTCTW-10&amp;year=2021" in page and f"{pdf_url}?form=CLDN-01&amp;year=2021" in page
    response = client.get(pdf_url, {"form": "BTCTW-10", "year": 2021})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 5000
    assert "THỐNG KÊ KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ NĂM 2021" in pdf_titles(response.content)
    assert 'filename="BTCTW-10-P-2021.pdf"' in response["Content-Disposition"]
    assert client.get(pdf_url, {"form": "NOPE", "year": 2021}).status_code == 404
    assert login("officer_b").get(pdf_url, {"form": "BTCTW-10", "year": 2021}).status_code == 404


def test_the_printed_form_carries_the_merged_header_and_the_figures(forms, results, tree):
    from django.template.loader import render_to_string

    from canbo.reports.statforms import print_context

    html = render_to_string(
        "reports/form_print.html", print_context(fill(forms["BTCTW-10"], tree["province"], year=2021))
    )
    assert '<th rowspan="3">TT</th>' in html and '<th colspan="2">Cấp tỉnh</th>' in html
    assert "<th>3=4+6+8</th>" in html and "<th>9=10+11</th>" in html
    row = re.search(r"<td[^>]*>Trung cấp lý luận chính trị</td>(.*?)</tr>", html).group(1)
    assert re.findall(r'<td class="n">(.*?)</td>', row) == ["3", "1", "0", "0", "0", "2", "1", "1", "0"]


def test_report_form_writes_a_pdf(forms, results, tree, tmp_path):
    target = tmp_path / "cl.pdf"
    out = io.StringIO()
    call_command(
        "report", "form", "--code", "CLDN-01", "--year", "2021", "--unit", "P", "--pdf", str(target), stdout=out
    )
    assert str(target) in out.getvalue()
    content = target.read_bytes()
    assert content.startswith(b"%PDF") and len(content) > 5000
    assert any(t.startswith("THỐNG KÊ CHẤT LƯỢNG ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC") for t in pdf_titles(content))
