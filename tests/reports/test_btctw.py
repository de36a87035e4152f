"""Biểu 10-BTCTW and Biểu 8B-BTCTW in their real layouts: cells recomputed from a handful of
enrolments and people, the form's own arithmetic (3=4+6+8, 9=10+11, a parent row the sum of its
children) checked on the written .xlsx, the page set up as the paper form prints, and the PDF
carrying heading and footer."""

import datetime
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from canbo.core.dates import today
from canbo.core.papers import place_date_line
from canbo.orgs import services as org_services
from canbo.people import services as people_services
from canbo.reports.models import StatForm
from canbo.reports.statforms import fill, print_context, to_pdf, to_xlsx
from canbo.training.models import Enrolment, Programme, TrainingClass

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def forms(db):
    from canbo.reports.form_data import seed_forms

    seed_forms()
    return {f.code: f for f in StatForm.objects.all()}


def _person(unit, name, **fields):
    assignment = {"category": fields.pop("category", "cong_chuc"), "start_date": D(2020, 1, 1)}
    assignment.update(fields.pop("assignment", {}))
    fields.setdefault("gender", "male")
    fields.setdefault("birth_year", 1980)
    return people_services.person_create(unit=unit, assignment=assignment, full_name=name, **fields)


@pytest.fixture
def b10(tree, district, kinds, level):
    """2021: a degree abroad, cao cấp LLCT part-time, trung cấp full-time, a kind the form lacks
    (lãnh đạo, quản lý), a sơ cấp LLCT class (no line of the form) and a commune's own class."""
    province, dist, tn = tree["province"], district["district"], district["tn"]
    dept = org_services.unit_create(
        code="P-SNV", name="Sở Nội vụ", kind="department", parent=province, valid_from=D(2004, 1, 1)
    )
    # Two steps under the district: still the district level.
    btc = org_services.unit_create(
        code="P-HDB-HU",
        name="Huyện ủy Điện Biên",
        kind="party_committee",
        parent=dist,
        valid_from=D(2020, 1, 1),
        valid_to=D(2025, 6, 30),
    )
    ban = org_services.unit_create(
        code="P-HDB-HU-BTC",
        name="Ban Tổ chức Huyện ủy",
        kind="party_committee",
        parent=btc,
        valid_from=D(2020, 1, 1),
        valid_to=D(2025, 6, 30),
    )
    people = {
        "dept": _person(dept, "Giám đốc Sở"),
        "dept2": _person(dept, "Chuyên viên Sở"),
        "dist": _person(dist, "Chủ tịch huyện"),
        "ban": _person(ban, "Trưởng ban"),
        "tn1": _person(tn, "Xã 1"),
        "tn2": _person(tn, "Xã 2"),
    }

    def programme(code, kind, grants=None):
        return Programme.objects.create(
            code=code,
            name=code,
            name_key=code.lower(),
            kind=kinds[kind],
            grants_level=level(*grants) if grants else None,
        )

    n = iter(range(1, 100))

    def klass(prog, organiser, learners, leaders=(), **attrs):
        i = next(n)
        cls = TrainingClass.unscoped.create(
            code=f"B10-{i}",
            name=f"Lớp {i}",
            name_key=f"lop {i}",
            programme=prog,
            organiser=organiser,
            start_date=D(2021, 3, 1),
            end_date=D(2021, 9, 30),
            status="finished",
            **attrs,
        )
        for key in learners:
            person = people[key]
            Enrolment.unscoped.create(
                training_class=cls,
                person=person,
                unit=person.unit,
                unit_path=person.unit_path,
                category="cong_chuc",
                status="approved",
                result="passed",
                completed_on=D(2021, 9, 30),
                is_leader=key in leaders,
            )
        return cls

    klass(programme("DH", "degree", ("professional", "dai_hoc")), province, ["dept"], ["dept"], place="abroad")
    klass(programme("THS", "degree", ("professional", "thac_si")), province, ["dept2"], is_joint=True, place="abroad")
    cao = programme("CC", "politics", ("politics", "cao_cap"))
    klass(cao, province, ["dist", "ban", "tn1"], ["dist"], study_mode="part_time")
    klass(programme("TC", "politics", ("politics", "trung_cap")), dist, ["tn1", "tn2"], study_mode="full_time")
    klass(programme("LD", "leadership", ("leadership", "cap_phong")), province, ["dept", "dept2"])
    klass(programme("SC", "politics", ("politics", "so_cap")), dist, ["tn2"])
    klass(programme("CN", "knowledge_update"), tn, ["tn1"])
    return people


def row(filled, tt_label, nth=0):
    """The values of a row, found by its label (the nth of that label: "Hệ tập trung" recurs)."""
    return [r["values"] for r in filled.rows if r["label"] == tt_label][nth]


def test_form_10_cells_are_recomputed_from_the_enrolments(forms, b10, tree):
    filled = fill(forms["BTCTW-10"], tree["province"], year=2021)
    # 3 total, 4-5 province (all, leaders), 6-7 district (all, leaders), 8 commune, 9-11 classes
    assert row(filled, "Đào tạo ngoài nước", 0) == [1, 1, 1, 0, 0, 0, 1, 1, 0]  # đại học abroad
    assert row(filled, "Đào tạo ngoài nước", 1) == [0] * 9  # thạc sĩ abroad but joint: liên kết
    assert row(filled, "Đào tạo liên kết", 1) == [1, 1, 0, 0, 0, 0, 1, 1, 0]
    assert row(filled, "Đào tạo chuyên môn, chia ra:") == [2, 2, 1, 0, 0, 0, 2, 2, 0]
    # Cao cấp LLCT không tập trung: the district's leader and the Ban Tổ chức two levels down.
    assert row(filled, "Hệ không tập trung", 1) == [3, 0, 0, 2, 1, 1, 1, 1, 0]
    assert row(filled, "Hệ tập trung", 0) == [2, 0, 0, 0, 0, 2, 1, 0, 1]  # trung cấp, district's class
    assert row(filled, "Đào tạo chính trị, chia ra:") == [5, 0, 0, 2, 1, 3, 2, 1, 1]
    assert row(filled, "Đào tạo") == [7, 2, 1, 2, 1, 3, 4, 3, 1]
    # A commune's own class: its learner counts, the class is in neither "cấp ủy … mở" column.
    assert row(filled, "Cập nhật kiến thức mới") == [1, 0, 0, 0, 0, 1, 0, 0, 0]
    assert any("1 lớp do đơn vị cấp xã" in note for note in filled.notes)
    assert filled.heading_left == ["TỈNH ỦY ĐIỆN BIÊN", "BAN TỔ CHỨC"]
    assert filled.heading_right == ["Biểu số 10-BTCTW", "Đvt: Người"]
    assert filled.footer["place_date"] == place_date_line("Điện Biên", today())


def test_a_kind_the_form_lacks_is_listed_with_its_turns_never_dropped(forms, b10, tree):
    filled = fill(forms["BTCTW-10"], tree["province"], year=2021)
    unmapped = {item["label"]: (item["turns"], item["classes"]) for item in filled.unmapped}
    assert unmapped["Bồi dưỡng lãnh đạo, quản lý theo chức vụ — Cấp phòng"] == (2, 1)
    assert unmapped["Lý luận chính trị — Sơ cấp"] == (1, 1)  # a kind with a row, a level without
    assert unmapped["Tiếng dân tộc thiểu số"] == (0, 0)  # named even with no turns
    total = Enrolment.unscoped.filter(completed_on__year=2021).count()
    form_total = row(filled, "Đào tạo")[0] + row(filled, "Bồi dưỡng")[0]
    assert form_total + sum(t for t, _c in unmapped.values()) == total == 11
    pdf_lines = print_context(filled)["below"]
    assert "– Bồi dưỡng lãnh đạo, quản lý theo chức vụ — Cấp phòng: 2 lượt người, 1 lớp" in pdf_lines


def test_a_kind_in_two_rows_is_refused(forms, b10, tree):
    form = forms["BTCTW-10"]
    form.layout["rows"][1]["children"][0]["kinds"] = ["party_work", "degree"]
    with pytest.raises(ValueError, match="degree"):
        fill(form, tree["province"], year=2021)


def _size(item):
    return 1 + sum(_size(c) for c in item.get("children", []))


def _layout_sums(rows):
    """(row index, its children's indexes) of every row the form adds up, walked from the layout
    itself (print order), and the number of rows."""
    sums = []

    def walk(items, at):
        for item in items:
            children, child_at = [], at + 1
            for child in item.get("children", []):
                children.append(child_at)
                child_at += _size(child)
            if children and not item.get("heading"):
                sums.append((at, children))
            walk(item.get("children", []), at + 1)
            at += _size(item)

    walk(rows, 0)
    return sums, sum(_size(r) for r in rows)


def _sheet_rows(content):
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    grid = [[c.value for c in r] for r in sheet.iter_rows()]
    first = next(i for i, r in enumerate(grid) if r[2] == "3=4+6+8") + 1
    return sheet, grid, first


def test_the_written_xlsx_adds_up_as_the_checker_recomputes_it(forms, b10, tree):
    form = forms["BTCTW-10"]
    content = to_xlsx(fill(form, tree["province"], year=2021))
    _sheet, grid, first = _sheet_rows(content)
    sums, count = _layout_sums(form.layout["rows"])
    data = grid[first : first + count]
    assert [r[1] for r in data][:3] == ["Đào tạo", "Đào tạo chuyên môn, chia ra:", "Đại học"]
    assert data[0][2] == 7 and sum(r[2] for r in data if r[0] == "+") > 0
    for r in data:
        c = dict(zip(range(1, 12), r, strict=False))  # the form's column numbers
        assert c[3] == c[4] + c[6] + c[8], r
        assert c[9] == c[10] + c[11], r
    for parent, children in sums:
        for col in range(2, 11):
            assert data[parent][col] == sum(data[k][col] for k in children), (data[parent][1], col)
    assert len(sums) == 14  # I, 1, 3 levels, 2, 3 levels, II, QLNN, QLKT, Ngoại ngữ, QP-AN


def test_the_xlsx_prints_on_a4_landscape_with_print_titles_fitted_to_width(forms, b10, tree):
    sheet, grid, first = _sheet_rows(to_xlsx(fill(forms["BTCTW-10"], tree["province"], year=2021)))
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    # One page wide (fitToWidth left out is 1 in OOXML), as many pages tall as it takes.
    assert int(sheet.page_setup.fitToWidth or 1) == 1 and int(sheet.page_setup.fitToHeight) == 0
    header_top = next(i for i, r in enumerate(grid) if r[0] == "TT") + 1
    assert str(sheet.print_title_rows) == f"${header_top}:${first}"  # header and numbering row
    texts = [str(v) for r in grid for v in r if v]
    assert "TỈNH ỦY ĐIỆN BIÊN" in texts and "Biểu số 10-BTCTW" in texts and "Đvt: Người" in texts
    assert "NGƯỜI LẬP BIỂU" in texts and "TRƯỞNG BAN" in texts
    assert "(Ký, đóng dấu, ghi rõ họ và tên)" in texts and place_date_line("Điện Biên", today()) in texts
    assert any("số điện thoại" in t for t in texts)
    assert any(t.startswith("Chưa xếp vào dòng nào") for t in texts)
    assert any(t.startswith("– Bồi dưỡng lãnh đạo, quản lý theo chức vụ") for t in texts)


def _pdf_text(pdf: bytes, html: str, tmp_path) -> str:
    """The PDF's text by pdftotext when installed; else the text weasyprint laid out on the pages."""
    tool = shutil.which("pdftotext")
    if tool:
        target = tmp_path / "f.pdf"
        target.write_bytes(pdf)
        # -raw keeps the order the text was drawn in (a wrapped title stays one phrase); -layout
        # interleaves the heading's three columns.
        out = subprocess.run([tool, "-raw", str(target), "-"], capture_output=True, text=True).stdout
        return " ".join(out.split())
    from weasyprint import HTML

    texts = []

    def walk(box):
        if getattr(box, "text", None):
            texts.append(box.text)
        for child in getattr(box, "children", []):
            walk(child)

    for page in HTML(string=html).render().pages:
        walk(page._page_box)
    return " ".join(texts)


def test_the_pdf_carries_the_heading_the_footer_and_vietnamese_numbers(forms, b10, tree, tmp_path):
    from django.template.loader import render_to_string

    filled = fill(forms["BTCTW-10"], tree["province"], year=2021)
    filled.rows[0]["values"][0] = 1200  # a number with a thousands group
    pdf = to_pdf(filled)
    assert pdf.startswith(b"%PDF")
    html = render_to_string("reports/form_print.html", print_context(filled))
    assert "size: A4 landscape" in html
    text = " ".join(_pdf_text(pdf, html, tmp_path).split())
    for part in (
        "TỈNH ỦY ĐIỆN BIÊN",
        "BAN TỔ CHỨC",
        "Biểu số 10-BTCTW",
        "Đvt: Người",
        "THỐNG KÊ KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ NĂM 2021",
        "3=4+6+8",
        "NGƯỜI LẬP BIỂU",
        "TRƯỞNG BAN",
        "1.200",
    ):
        assert part in text, part


@pytest.fixture
def bloc(tree, district, level):
    """The Party/MTTQ bloc of the province and of a district, a State department, people in each."""
    from canbo.people.models import Ethnicity, Qualification

    province, dist = tree["province"], district["district"]

    def unit(code, name, kind, parent, old=False):
        return org_services.unit_create(
            code=code,
            name=name,
            kind=kind,
            parent=parent,
            valid_from=D(2020, 1, 1),
            valid_to=D(2025, 6, 30) if old else None,
        )

    tu = unit("P-TU", "Tỉnh ủy Điện Biên", "party_committee", province)
    btc = unit("P-TU-BTC", "Ban Tổ chức Tỉnh ủy", "party_committee", tu)
    paper = unit("P-TU-BAO", "Báo Điện Biên Phủ", "public_service_unit", tu)
    farmers = unit("P-HND", "Hội Nông dân tỉnh", "mass_organisation", province)
    snv = unit("P-STC", "Sở Tài chính", "department", province)
    snv_psu = unit("P-STC-TT", "Trung tâm dịch vụ tài chính", "public_service_unit", snv)
    hu = unit("P-HDB-DU", "Đảng ủy cơ quan huyện", "party_committee", dist, old=True)
    thai = Ethnicity.objects.get(code="03")

    def quals(person, *levels):
        for ladder, code in levels:
            Qualification.unscoped.create(person=person, ladder=level(ladder, code).ladder, level=level(ladder, code))

    p = {
        "cvc": _person(
            btc,
            "Lò Thị Hoa",
            gender="female",
            birth_year=1975,
            ethnicity=thai,
            party_member=True,
            party_joined_on=D(2000, 1, 1),
            assignment={"rank": "Chuyên viên chính"},
        ),
        "cv": _person(btc, "Cà Văn Nam", birth_year=1995, assignment={"rank": "Chuyên viên"}),
        "vc": _person(
            paper, "Phóng viên", category="vien_chuc", birth_year=1988, assignment={"rank": "Phóng viên hạng III"}
        ),
        "hd68": _person(
            tu,
            "Lái xe",
            category="hop_dong",
            birth_year=1970,
            assignment={"title": "Lái xe (hợp đồng theo NĐ 111/2022)"},
        ),
        "hd": _person(farmers, "Tạp vụ", category="hop_dong", birth_year=1990),
        "kct": _person(
            farmers, "Không chuyên trách", category="khong_chuyen_trach", birth_year=None, id_number="011190001234"
        ),
        "dist": _person(hu, "Bí thư huyện", category="can_bo", birth_year=1968, party_member=True),
        "state": _person(snv, "Công chức Sở", birth_year=1985),
        "state_psu": _person(snv_psu, "Viên chức lưu trữ", category="vien_chuc", birth_year=1985),
    }
    quals(p["cvc"], ("professional", "thac_si"), ("politics", "cao_cap"))
    quals(p["cv"], ("professional", "dai_hoc"), ("politics", "trung_cap"))
    quals(p["dist"], ("professional", "dai_hoc"), ("politics", "cu_nhan"))
    return p


def test_form_8b_counts_the_party_bloc_by_level_and_bloc_and_drills_down(forms, bloc, tree):
    filled = fill(forms["BTCTW-8B"], tree["province"], year=2021)
    labels = [r["label"] for r in filled.rows]
    # 3 total, 4 province (5 Party, 6 ĐVSN, 7 MTTQ), 8 district (9 Party, 10 ĐVSN, 11 MTTQ)
    assert row(filled, "Tổng số") == [6, 5, 3, 1, 1, 1, 1, 0, 0]
    assert row(filled, "Cán bộ, công chức") == [3, 2, 2, 0, 0, 1, 1, 0, 0]
    assert row(filled, "Viên chức") == [1, 1, 0, 1, 0, 0, 0, 0, 0]
    assert row(filled, "Hợp đồng 68") == [1, 1, 1, 0, 0, 0, 0, 0, 0]
    assert row(filled, "Hợp đồng khác") == [1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert row(filled, "Nữ") == [1, 1, 1, 0, 0, 0, 0, 0, 0]
    assert row(filled, "Dân tộc thiểu số")[0] == 1 and row(filled, "Đảng viên")[0] == 2
    assert row(filled, "Từ 30 tuổi trở xuống") == [1, 1, 1, 0, 0, 0, 0, 0, 0]  # born 1995: 26 in 2021
    assert row(filled, "Trên 60 tuổi")[0] == 0 and row(filled, "Từ 51 đến 55 tuổi")[0] == 2  # 1970, 1968
    assert row(filled, "Chuyên viên chính và tương đương")[0] == 1
    assert row(filled, "Chuyên viên và tương đương")[0] == 1
    assert row(filled, "Chức danh nghề nghiệp hạng III")[0] == 1
    assert row(filled, "Chức danh nghề nghiệp hạng II")[0] == 0
    assert row(filled, "Thạc sĩ")[0] == 1 and row(filled, "Đại học") == [2, 1, 1, 0, 0, 1, 1, 0, 0]
    assert row(filled, "Cao cấp, cử nhân") == [2, 1, 1, 0, 0, 1, 1, 0, 0]
    ages = row(filled, "Tuổi bình quân")  # 46, 26, 33, 51, 31 in the province; 53 in the district
    assert ages[0] == round((46 + 26 + 33 + 51 + 31 + 53) / 6, 1) and ages[5] == 53
    assert row(filled, "Cơ cấu") == [None] * 9  # a heading, not a sum
    # Each cell keeps the people it counts.
    women = labels.index("Nữ")
    assert filled.people[(women, 0)] == [bloc["cvc"].pk]
    assert sorted(filled.people[(labels.index("Tổng số"), 1)]) == sorted(
        bloc[k].pk for k in ("cvc", "cv", "vc", "hd68", "hd")
    )
    # Not dropped: the non-professional worker has no line, nor a birth year; the State bloc is out.
    unmapped = {item["label"]: item["ids"] for item in filled.unmapped}
    assert unmapped["Tổng số"] == [bloc["kct"].pk] and unmapped["Độ tuổi"] == [bloc["kct"].pk]
    assert any(note.startswith("2 người thuộc các đơn vị ngoài phạm vi biểu") for note in filled.notes)
    assert filled.heading_right == ["Biểu số 8B-BTCTW", "Đvt: Người"]


def test_form_8b_xlsx_adds_up(forms, bloc, tree):
    import openpyxl

    form = forms["BTCTW-8B"]
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(fill(form, tree["province"], year=2021)))).active
    grid = [[c.value for c in r] for r in sheet.iter_rows()]
    first = next(i for i, r in enumerate(grid) if r[2] == "3=4+8") + 1
    sums, count = _layout_sums(form.layout["rows"])
    data = grid[first : first + count]
    for r in data:
        if r[1] == "Tuổi bình quân" or r[2] is None:
            continue
        c = dict(zip(range(1, 12), r, strict=False))
        assert c[3] == c[4] + c[8] and c[4] == c[5] + c[6] + c[7] and c[8] == c[9] + c[10] + c[11], r
    for parent, children in sums:
        for col in range(2, 11):
            assert data[parent][col] == sum(data[k][col] for k in children), (data[parent][1], col)
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9


def test_an_edited_layout_is_kept_and_an_unedited_one_brought_to_the_real_form(db):
    from canbo.reports.form_data import BTCTW_10, seed_forms

    StatForm.objects.all().delete()
    # As 0002 seeded them: the old layout of Biểu 10 (hash known), an edited quality form.
    seeded = json.loads((Path(__file__).parent / "data" / "btctw10_seeded_0002.json").read_text(encoding="utf-8"))
    old = StatForm.objects.create(code="BTCTW-10", name="cũ", kind="training", layout=seeded)
    edited = StatForm.objects.create(code="CLDN-01", name="sửa", kind="staff_quality", layout={"title": "Của tỉnh"})
    assert seed_forms() == ["CLDN-01"]
    old.refresh_from_db()
    edited.refresh_from_db()
    assert old.layout == BTCTW_10 and edited.layout == {"title": "Của tỉnh"}
    assert StatForm.objects.filter(code="BTCTW-8B").exists()


def test_each_figure_on_screen_opens_the_records_behind_it(forms, b10, bloc, tree, login):
    from django.urls import reverse

    client = login("province_admin")
    filled = fill(forms["BTCTW-10"], tree["province"], year=2021)
    labels = [r["label"] for r in filled.rows]
    page = client.get(reverse("reports:unit_form_view", args=["P"]), {"form": "BTCTW-10", "year": 2021})
    assert page.status_code == 200
    html = page.content.decode()
    assert "TỈNH ỦY ĐIỆN BIÊN" in html and "3=4+6+8" in html and "chưa xếp vào dòng nào" in html.lower()
    cell = reverse("reports:unit_form_cell", args=["P"])
    abroad = labels.index("Đào tạo ngoài nước")  # the first: đại học
    assert f"{cell}?form=BTCTW-10&amp;year=2021&amp;row={abroad}&amp;col=0" in html
    listed = client.get(cell, {"form": "BTCTW-10", "year": 2021, "row": abroad, "col": 0}).content.decode()
    assert "Giám đốc Sở" in listed and "Chuyên viên Sở" not in listed
    politics = labels.index("Đào tạo chính trị, chia ra:")
    # Column 7 (form column 7: district leaders) and column 9 (form column 11: classes the district opened).
    leaders = client.get(cell, {"form": "BTCTW-10", "year": 2021, "row": politics, "col": 4}).content.decode()
    assert "Chủ tịch huyện" in leaders and "Trưởng ban" not in leaders
    classes = client.get(cell, {"form": "BTCTW-10", "year": 2021, "row": politics, "col": 8}).content.decode()
    assert 'data-testid="cell-classes"' in classes and classes.count("/training/classes/") == 1
    women = [r["label"] for r in fill(forms["BTCTW-8B"], tree["province"], year=2021).rows].index("Nữ")
    people = client.get(cell, {"form": "BTCTW-8B", "year": 2021, "row": women, "col": 0}).content.decode()
    assert "Lò Thị Hoa" in people and "Cà Văn Nam" not in people
    assert client.get(cell, {"form": "CLDN-01", "year": 2021, "row": 0, "col": 0}).status_code == 404
    assert login("officer_b").get(cell, {"form": "BTCTW-10", "year": 2021, "row": 0, "col": 0}).status_code == 404


def test_the_new_layout_keeps_the_name_and_source_an_administrator_wrote(db):
    """The layout as 0002 seeded it is brought to the real form, but the province's own wording of
    the form's name and legal source (edited in the admin) is kept; an unedited source is updated."""
    from canbo.reports.form_data import BTCTW_10, FORMS, seed_forms

    StatForm.objects.all().delete()
    seeded = json.loads((Path(__file__).parent / "data" / "btctw10_seeded_0002.json").read_text(encoding="utf-8"))
    StatForm.objects.create(
        code="BTCTW-10",
        name="Biểu 10 (bản của Tỉnh ủy)",
        kind="training",
        source="HD 11-HD/BTCTW, bản Tỉnh ủy sao lục ngày 05/01/2022",
        layout=seeded,
    )
    seed_forms()
    form = StatForm.objects.get(code="BTCTW-10")
    assert form.layout == BTCTW_10
    assert (form.name, form.source) == (
        "Biểu 10 (bản của Tỉnh ủy)",
        "HD 11-HD/BTCTW, bản Tỉnh ủy sao lục ngày 05/01/2022",
    )
    StatForm.objects.filter(code="BTCTW-10").update(
        layout=seeded,
        source="Hướng dẫn của Ban Tổ chức Trung ương về chế độ báo cáo thống kê "
        "(bố cục theo mẫu giấy; cần đối chiếu bản hiện hành)",
    )
    seed_forms()
    assert StatForm.objects.get(code="BTCTW-10").source == FORMS[0][3]
