"""The official list ("danh sách trích ngang") an office prints and signs, beside the data export:
from the people page (scoped to the officer's reach) and from `canbo export people --format
official`, read back with openpyxl as the printed paper and through the people import."""

import datetime
import io
import re

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from canbo.accounts.models import SensitiveAccess
from canbo.core.dates import today
from canbo.core.papers import place_date_line
from canbo.people import services
from canbo.people.models import Person

D = datetime.date


@pytest.fixture
def hoa(people, tree, level):
    """A civil servant of the commune office with every column of the form filled, a Party member
    whose admission date is unknown, and a birth year only."""
    hoa = services.person_create(
        unit=tree["a_office"],
        assignment={
            "category": "cong_chuc",
            "title": "Chánh Văn phòng",
            "rank": "Chuyên viên",
            "start_date": D(2025, 7, 1),
        },
        full_name="Cà Thị Hoa",
        gender="female",
        birth_year=1990,
        party_member=True,
    )
    services.qualification_add(person=hoa, level=level("professional", "thac_si"), field="Quản lý công")
    services.qualification_add(person=hoa, level=level("politics", "cao_cap"))
    services.qualification_add(person=hoa, level=level("state_mgmt", "chuyen_vien"))
    services.qualification_add(person=hoa, level=level("it", "co_ban"))
    services.qualification_add(person=hoa, level=level("foreign_language", "bac_3"), field="Tiếng Anh")
    return hoa


def _book(response):
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _rows(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


def _people(ws, header_row=8, first_row=11) -> dict[str, dict[str, object]]:
    """{name: {column title: value}} for the rows under the numbering row, up to the first blank row;
    a column under a band is titled "band/sub-title" ("Ngày, tháng, năm sinh/Nữ")."""
    titles = []
    band = ""
    for j in range(1, ws.max_column + 1):
        top, sub = ws.cell(header_row, j).value, ws.cell(header_row + 1, j).value
        band = top or band if sub else ""
        titles.append(f"{band}/{sub}" if sub else top)
    out = {}
    for r in range(first_row, ws.max_row + 1):
        values = [ws.cell(r, j).value for j in range(1, ws.max_column + 1)]
        if not any(v is not None for v in values):
            break
        out[values[1]] = dict(zip(titles, values, strict=True))
    return out


def test_a_unit_officer_prints_the_official_list_of_their_own_people(login, people, hoa):
    response = login("officer_a").get(reverse("people:official"))
    assert response.status_code == 200
    assert f"danh-sach-trich-ngang-p-thanhnua-{today():%Y%m%d}.xlsx" in response["Content-Disposition"]
    ws = _book(response)["Trích ngang"]

    # Heading: the superior body and the unit on the left (the unit underlined), the motto right.
    assert (ws["A1"].value, ws["A2"].value) == ("UBND TỈNH ĐIỆN BIÊN", "ỦY BAN NHÂN DÂN XÃ THANH NƯA")
    assert ws["A2"].font.b and ws["A2"].font.u == "single"
    assert (ws["F1"].value, ws["F2"].value) == ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    assert ws["F2"].font.u == "single"
    assert ws["A4"].value == "DANH SÁCH TRÍCH NGANG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC"
    assert ws["A5"].value == "XÃ THANH NƯA"
    assert ws["A6"].value == f"(Tính đến ngày {today():%d/%m/%Y})"

    # Header: two rows, the birth date split Nam | Nữ under a merged band, the training band over
    # Chuyên môn | Chuyên ngành, every other title merged down both rows; then (1), (2), …
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert {"A1:E1", "A2:E2", "F1:P1", "F2:P2", "A4:P4", "C8:D8", "I8:J8", "A8:A9", "B8:B9", "O8:O9"} <= merged
    assert [ws.cell(8, j).value for j in range(1, 17)] == [
        "STT",
        "Họ và tên",
        "Ngày, tháng, năm sinh",
        None,
        "Dân tộc",
        "Chức vụ/chức danh",
        "Đơn vị",
        "Ngạch",
        "Trình độ đào tạo",
        None,
        "Lý luận chính trị",
        "Quản lý nhà nước",
        "Tin học",
        "Ngoại ngữ",
        "Đảng viên (ngày vào Đảng)",
        "Ghi chú",
    ]
    assert [ws.cell(9, j).value for j in (3, 4, 9, 10)] == ["Nam", "Nữ", "Chuyên môn", "Chuyên ngành"]
    assert [ws.cell(10, j).value for j in range(1, 17)] == [f"({n})" for n in range(1, 17)]

    # Only the officer's commune (Páo is in commune B), sorted by given name: Hoa, Minh, Vân.
    rows = _people(ws)
    assert list(rows) == ["Cà Thị Hoa", "Lò Văn Minh", "Lò Thị Vân"]
    assert [r["STT"] for r in rows.values()] == [1, 2, 3]
    van = rows["Lò Thị Vân"]
    assert van["Ngày, tháng, năm sinh/Nữ"] == datetime.datetime(1988, 3, 12)
    assert van["Ngày, tháng, năm sinh/Nam"] is None
    assert ws.cell(13, 4).number_format == "dd/mm/yyyy"
    assert (van["Dân tộc"], van["Chức vụ/chức danh"], van["Đơn vị"]) == (
        "Thái",
        "Công chức Văn phòng - thống kê",
        "Xã Thanh Nưa",
    )
    assert (van["Trình độ đào tạo/Chuyên môn"], van["Trình độ đào tạo/Chuyên ngành"]) == ("Đại học", "Luật")
    assert (van["Lý luận chính trị"], van["Đảng viên (ngày vào Đảng)"]) == ("Trung cấp", datetime.datetime(2012, 5, 19))
    minh = rows["Lò Văn Minh"]
    assert (minh["Ngày, tháng, năm sinh/Nam"], minh["Ngày, tháng, năm sinh/Nữ"]) == (1991, None)
    assert minh["Đơn vị"] == "Văn phòng HĐND và UBND xã Thanh Nưa" and minh["Đảng viên (ngày vào Đảng)"] is None
    assert rows["Cà Thị Hoa"] == {
        "STT": 1,
        "Họ và tên": "Cà Thị Hoa",
        "Ngày, tháng, năm sinh/Nam": None,
        "Ngày, tháng, năm sinh/Nữ": 1990,
        "Dân tộc": None,
        "Chức vụ/chức danh": "Chánh Văn phòng",
        "Đơn vị": "Văn phòng HĐND và UBND xã Thanh Nưa",
        "Ngạch": "Chuyên viên",
        "Trình độ đào tạo/Chuyên môn": "Thạc sĩ",
        "Trình độ đào tạo/Chuyên ngành": "Quản lý công",
        "Lý luận chính trị": "Cao cấp",
        "Quản lý nhà nước": "Chuyên viên",
        "Tin học": "Chứng chỉ ứng dụng CNTT cơ bản",
        "Ngoại ngữ": "Bậc 3 Tiếng Anh",
        "Đảng viên (ngày vào Đảng)": "Có",
        "Ghi chú": None,
    }
    assert "Giàng A Páo" not in {v for row in _rows(ws) for v in row}

    # Place and date, the two signature blocks, the preparer's name under the left one.
    texts = [v for row in _rows(ws)[13:] for v in row if v]
    assert texts == [
        place_date_line("Thanh Nưa", today()),
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG ĐƠN VỊ",
        "(Ký, ghi rõ họ tên)",
        "(Ký tên, đóng dấu)",
        "Lò Thị Vân",
    ]
    assert ws["A16"].value == "NGƯỜI LẬP BIỂU" and ws["F16"].value == "THỦ TRƯỞNG ĐƠN VỊ"

    # Print: A4 landscape, one page wide (as many down as needed), rows 8-10 on every page.
    setup = ws.page_setup
    assert setup.orientation == "landscape" and int(setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert setup.fitToWidth in (None, 1) and int(setup.fitToHeight) == 0  # absent = 1, the OOXML default
    assert ws.print_title_rows == "$8:$10"
    assert ws["B13"].border.left.style == "thin" and ws["P13"].border.bottom.style == "thin"


def test_the_official_list_follows_the_page_filter_and_names_the_unit_filtered_on(login, people, hoa):
    ws = _book(login("province_admin").get(reverse("people:official"), {"unit": "P-THANHNUA-VP"})).active
    assert (ws["A1"].value, ws["A2"].value) == ("UBND XÃ THANH NƯA", "VĂN PHÒNG HĐND VÀ UBND XÃ THANH NƯA")
    assert list(_people(ws)) == ["Cà Thị Hoa", "Lò Văn Minh"]
    assert ws["F14"].value.startswith("Thanh Nưa, ngày")


def test_the_official_list_shows_and_logs_sensitive_columns_only_for_a_role_allowed_them(login, people, hoa, personas):
    login("officer_a").get(reverse("people:official"), {"party": "1"})
    access = SensitiveAccess.objects.get()
    assert (access.user, access.where, access.people_count) == (personas["officer_a"], "people_official_xlsx", 2)
    assert access.fields == ["ethnicity", "party_member", "party_joined_on"]
    assert access.criteria["party"] == "1"

    SensitiveAccess.objects.all().delete()
    ws = _book(login("leader").get(reverse("people:official"))).active
    header = [ws.cell(8, j).value for j in range(1, ws.max_column + 1)]
    assert "Dân tộc" not in header and "Đảng viên (ngày vào Đảng)" not in header
    assert header[-1] == "Ghi chú" and ws.cell(10, ws.max_column).value == f"({len(header)})"
    cells = {v for row in _rows(ws) for v in row}
    assert "Thái" not in cells and datetime.datetime(2012, 5, 19) not in cells
    assert "Giàng A Páo" in cells  # the leader reaches the province
    assert not SensitiveAccess.objects.exists()
    # A leader's filter on a sensitive field is refused here as in the data export.
    assert login("leader").get(reverse("people:official"), {"party": "1"}).status_code == 403


def test_the_official_list_escapes_texts_a_spreadsheet_would_run(login, people, tree):
    services.person_create(
        unit=tree["a"],
        assignment={"category": "cong_chuc", "title": '=HYPERLINK("http://x","bấm")', "rank": "+84"},
        full_name="Lường Văn Tú",
        gender="male",
        birth_year=1985,
    )
    ws = _book(login("officer_a").get(reverse("people:official"))).active
    tu = _people(ws)["Lường Văn Tú"]
    assert tu["Chức vụ/chức danh"] == '\'=HYPERLINK("http://x","bấm")' and tu["Ngạch"] == "'+84"
    assert not any(isinstance(c.value, str) and c.value.startswith("=") for row in ws.iter_rows() for c in row)


def test_the_people_page_offers_the_official_list_with_its_filter(login, people):
    html = login("officer_a").get(reverse("people:list"), {"gender": "female"}).content.decode()
    assert "Danh sách trích ngang (bản in)" in html
    assert re.search(r'href="/people/official\.xlsx\?[^"]*gender=female', html)
    assert re.search(r'href="/people/official\.pdf\?[^"]*gender=female', html)


def _media_box(pdf: bytes) -> tuple[float, float]:
    """The first page's size in points, from the PDF's objects (weasyprint compresses them)."""
    import zlib

    chunks = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            chunks.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    for chunk in chunks:
        found = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", chunk)
        if found:
            return float(found.group(1)), float(found.group(2))
    raise AssertionError("no /MediaBox in the PDF")


def test_the_official_list_downloads_as_an_a4_landscape_pdf(login, people, hoa):
    response = login("officer_a").get(reverse("people:official_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    width, height = _media_box(pdf)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    assert SensitiveAccess.objects.get().where == "people_official_pdf"


def test_the_pdf_holds_the_same_paper(people, hoa, tree):
    from canbo.exchange.official import official_list, official_list_html

    qs = Person.unscoped.filter(unit_path__startswith=tree["a"].path)
    html = official_list_html(official_list(qs, unit=tree["a"], include_sensitive=True, as_of=D(2026, 3, 5)))
    for text in (
        "UBND TỈNH ĐIỆN BIÊN",
        "ỦY BAN NHÂN DÂN XÃ THANH NƯA",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "DANH SÁCH TRÍCH NGANG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC",
        "(Tính đến ngày 05/03/2026)",
        '<th rowspan="1" colspan="2">Ngày, tháng, năm sinh</th>',
        "<th>Nam</th><th>Nữ</th><th>Chuyên môn</th><th>Chuyên ngành</th>",
        '<td>Lò Thị Vân</td><td class="c"></td><td class="c">12/03/1988</td>',
        "Thanh Nưa, ngày 05 tháng 3 năm 2026",
        "THỦ TRƯỞNG ĐƠN VỊ",
        "(Ký tên, đóng dấu)",
    ):
        assert text in html, text


def test_a_pdf_too_long_to_lay_out_sends_the_officer_to_the_xlsx(login, people, monkeypatch):
    monkeypatch.setattr("canbo.exchange.official.PDF_MAX_ROWS", 1)
    client = login("officer_a")
    response = client.get(reverse("people:official_pdf"), {"gender": ""}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("people:list"))
    assert "Bản PDF in được tối đa 1 người" in response.content.decode()
    assert not SensitiveAccess.objects.exists()


def test_the_command_writes_the_official_list_of_a_unit_and_its_subtree(people, hoa, tmp_path):
    out = tmp_path / "trich-ngang.xlsx"
    stdout = io.StringIO()
    call_command("export", "people", unit="P", format="official", xlsx=str(out), stdout=stdout)
    assert str(out) in stdout.getvalue()
    ws = openpyxl.load_workbook(out).active
    # The top unit has no superior body: it heads the left block alone, beside the nation line.
    assert (ws["A1"].value, ws["A2"].value) == ("ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN", None)
    assert ws["A5"].value == "TỈNH ĐIỆN BIÊN"
    rows = _people(ws)
    assert list(rows) == ["Cà Thị Hoa", "Lò Văn Minh", "Giàng A Páo", "Lò Thị Vân"]
    assert rows["Giàng A Páo"]["Ngày, tháng, năm sinh/Nam"] == 1980
    assert rows["Giàng A Páo"]["Dân tộc"] == "Mông"
    assert ws["F16"].value == place_date_line("Điện Biên", today())
    access = SensitiveAccess.objects.get()
    assert (access.where, access.people_count, access.user, access.criteria) == (
        "command_export_official_xlsx",
        4,
        None,
        {"unit": "P"},
    )

    pdf = tmp_path / "trich-ngang.pdf"
    call_command("export", "people", unit="P-MUONGNHE", format="official", pdf=str(pdf), stdout=io.StringIO())
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_command_wants_a_file_for_the_official_list(people):
    with pytest.raises(CommandError) as refused:
        call_command("export", "people", unit="P", format="official", json=True, stdout=io.StringIO())
    assert refused.value.returncode == 2 and "--xlsx" in str(refused.value)


def test_the_people_import_reads_the_official_list_back(people, hoa, tree, tmp_path):
    """Printed, signed, scanned back into Excel or sent to another unit: the list must re-import.
    Heading, title, numbering row and signature block are passed over; the birth date under Nam or
    Nữ gives the gender; the units are found by name. Not on the list, hence not restored: the ID
    number, religion, category and the start date of the assignment."""
    out = tmp_path / "trich-ngang.xlsx"
    call_command("export", "people", unit="P-THANHNUA", format="official", xlsx=str(out), stdout=io.StringIO())
    Person.unscoped.filter(unit_path__startswith=tree["a"].path).delete()

    result = io.StringIO()
    call_command("import", "people", str(out), unit="P-THANHNUA", json=True, stdout=result)
    assert '"created": 3' in result.getvalue() and '"invalid": 0' in result.getvalue()

    def stored(name):
        p = Person.unscoped.select_related("unit", "ethnicity").get(full_name=name)
        a = p.assignments.get(end_date__isnull=True)
        levels = {q.ladder.code: (q.level.label, q.field) for q in p.qualifications.select_related("ladder", "level")}
        ethnicity = p.ethnicity.name if p.ethnicity else None
        return (p.gender, p.birth_date, p.birth_year, ethnicity, p.party_member, p.party_joined_on), (
            p.unit.code,
            a.title,
            a.rank,
            levels,
        )

    assert stored("Lò Thị Vân") == (
        ("female", D(1988, 3, 12), 1988, "Thái", True, D(2012, 5, 19)),
        (
            "P-THANHNUA",
            "Công chức Văn phòng - thống kê",
            "",
            {"professional": ("Đại học", "Luật"), "politics": ("Trung cấp", "")},
        ),
    )
    assert stored("Lò Văn Minh") == (
        ("male", None, 1991, "Thái", False, None),
        ("P-THANHNUA-VP", "", "", {"professional": ("Cao đẳng", "")}),
    )
    assert stored("Cà Thị Hoa") == (
        ("female", None, 1990, None, True, None),
        (
            "P-THANHNUA-VP",
            "Chánh Văn phòng",
            "Chuyên viên",
            {
                "professional": ("Thạc sĩ", "Quản lý công"),
                "politics": ("Cao cấp", ""),
                "state_mgmt": ("Chuyên viên", ""),
                "it": ("Chứng chỉ ứng dụng CNTT cơ bản", ""),
                "foreign_language": ("Bậc 3", "Tiếng Anh"),
            },
        ),
    )


def test_the_official_list_is_previewed_on_screen_as_it_prints(login, people, hoa, personas, monkeypatch):
    html = login("officer_a").get(reverse("people:list"), {"gender": "female"}).content.decode()
    assert re.search(r'href="/people/official/\?[^"]*gender=female', html)
    page = login("officer_a").get(reverse("people:official_view"), {"gender": "female"}).content.decode()
    for text in (
        "UBND TỈNH ĐIỆN BIÊN",
        "ỦY BAN NHÂN DÂN XÃ THANH NƯA",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "DANH SÁCH TRÍCH NGANG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC",
        place_date_line("Thanh Nưa", today()),
        "NGƯỜI LẬP BIỂU",
        "(Ký tên, đóng dấu)",
        "<td>Cà Thị Hoa</td>",
        "<td>Lò Thị Vân</td>",
        'href="/people/official.xlsx?gender=female"',
        'href="/people/official.pdf?gender=female"',
    ):
        assert text in page, text
    assert "Lò Văn Minh" not in page  # the page's filter: women only
    access = SensitiveAccess.objects.get()
    assert (access.user, access.where, access.people_count) == (personas["officer_a"], "people_official_html", 2)

    monkeypatch.setattr("canbo.people.views.OFFICIAL_PREVIEW_ROWS", 1)
    page = login("officer_a").get(reverse("people:official_view"), {"gender": "female"}).content.decode()
    assert "Bản xem trước hiện 1 người đầu tiên" in page and "<td>Cà Thị Hoa</td>" in page
    assert "<td>Lò Thị Vân</td>" not in page
