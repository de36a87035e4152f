"""Files shaped like the staff lists offices really send, each imported through `canbo import
people` (and some through the upload page), the way a new user would try the importer.

Every file is written at test time with the tools offices' files come from: openpyxl and
xlsxwriter (.xlsx), xlwt (.xls, Excel 97–2003), a hand-made .ods, and CSV in UTF-8 with and
without BOM and in Windows-1258.
"""

from __future__ import annotations

import datetime
import unicodedata

import openpyxl
import pytest
import xlsxwriter
import xlwt
from django.urls import reverse

from canbo.exchange.models import ImportJob
from canbo.people.models import Person, PersonLevel
from tests.exchange.files import write_csv, write_ods, write_xlsx
from tests.exchange.test_people_import import run

D = datetime.date
HEAD = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Dân tộc", "Đơn vị"]


def person(id_number: str) -> Person:
    return Person.unscoped.get(id_number=id_number)


def levels(p: Person) -> dict[str, tuple[str, str]]:
    return {pl.ladder.code: (pl.level.label, pl.field) for pl in PersonLevel.objects.filter(person=p)}


# ------------------------------------------------------------------------------------------ workbooks


def test_it_reads_the_sheet_with_the_list_and_says_which(tree, reference, tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    wb = openpyxl.Workbook()
    guide = wb.active
    guide.title = "Hướng dẫn"
    guide.append(["HƯỚNG DẪN ĐIỀN BIỂU"])
    guide.append(["1. Ghi đủ họ và tên, ngày sinh."])
    guide.append(["2. Số CCCD ghi đủ 12 chữ số."])
    summary = wb.create_sheet("Tổng hợp")
    summary.append(["Đơn vị", "Tổng số", "Nữ"])
    summary.append(["Xã Thanh Nưa", 2, 1])
    data = wb.create_sheet("DS CBCC")
    data.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC"])
    data.append(HEAD)
    data.append([1, "Lò Văn Hải", "12/03/1985", "Nam", "011085001111", "Thái", ""])
    data.append([2, "Quàng Thị Lan", "1990", "Nữ", "011190002222", "Thái", ""])
    lists = wb.create_sheet("DM")  # the hidden sheet behind the drop-down lists
    lists.append(["Họ và tên", "Dân tộc"])
    lists.append(["Kinh", "Thái"])
    lists.sheet_state = "hidden"
    wb.save(path)
    code, report = run(path)
    assert code == 0, report
    assert (report["rows"], report["created"], report["sheet"]) == (2, 2, "DS CBCC")
    assert "Đọc trang tính “DS CBCC”" in report["notes"][0]
    assert "“Hướng dẫn”" in report["notes"][0] and "“Tổng hợp”" in report["notes"][0]
    assert person("011190002222").birth_year == 1990


def test_a_workbook_with_one_list_per_sheet_reads_the_first_and_says_the_others_were_not(tree, reference, tmp_path):
    path = tmp_path / "theo-loai.xlsx"
    wb = openpyxl.Workbook()
    cadres = wb.active
    cadres.title = "Cán bộ"
    cadres.append(HEAD)
    cadres.append([1, "Lò Văn Hải", "1985", "Nam", "011085001111", "Thái", ""])
    servants = wb.create_sheet("Công chức")
    servants.append(HEAD)
    servants.append([1, "Quàng Thị Lan", "1990", "Nữ", "011190002222", "Thái", ""])
    wb.save(path)
    code, report = run(path)
    assert code == 0 and report["sheet"] == "Cán bộ" and report["created"] == 1
    assert any("“Công chức” cũng có danh sách nhưng không được đọc" in note for note in report["notes"])
    code, report = run(path, "P-THANHNUA", sheet="Công chức")  # then the next sheet, by name
    assert code == 0 and report["sheet"] == "Công chức" and report["created"] == 1
    assert person("011190002222").full_name == "Quàng Thị Lan"
    code, report = run(path, "P-THANHNUA", sheet="Viên chức")
    assert code == 1 and "không có trang tính “Viên chức”" in report["refused"]
    assert "“Cán bộ”, “Công chức”" in report["refused"]


def _hidden_sheet(path):
    """The hidden-row test's sheet: column C an old hidden copy of the year, row 3 filtered out."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(["STT", "Họ và tên", "Năm sinh", "Năm sinh", "Số CCCD"])
    ws.append([1, "Lò Văn Hải", 1900, 1985, "011085001111"])
    ws.append([2, "Quàng Thị Lan", 1900, 1990, "011190002222"])
    ws.append([3, "Giàng A Sử", 1900, 1979, "011079003333"])
    ws.column_dimensions["C"].hidden = True
    ws.row_dimensions[3].hidden = True
    wb.save(path)
    return path


def test_hidden_rows_are_read_and_said_and_a_visible_column_wins_over_a_hidden_one(tree, reference, tmp_path):
    code, report = run(_hidden_sheet(tmp_path / "loc.xlsx"), "P-THANHNUA")
    # Two "Năm sinh" columns, one hidden: the visible one is read and the hidden one left unused,
    # said in the notes, not asked about (two visible ones would be).
    assert code == 0, report
    assert [(c["column"], c["field"], c["confidence"]) for c in report["columns"]][2:4] == [
        ("C", None, "exact"),
        ("D", "birth", "exact"),
    ]
    assert report["created"] == 3
    assert person("011190002222").birth_year == 1990  # the visible column D, and the hidden row too
    assert any("1 dòng đang bị ẩn" in note and "dòng 3" in note for note in report["notes"])
    assert any("Cột C đang bị ẩn" in note and "cột D" in note for note in report["notes"])


def test_hidden_rows_and_columns_of_an_ods_saved_by_libreoffice_are_said_too(tree, reference, tmp_path):
    import shutil
    import subprocess

    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs libreoffice-calc-nogui)")
    source = _hidden_sheet(tmp_path / "loc.xlsx")
    profile = f"-env:UserInstallation=file://{tmp_path}/lo"
    subprocess.run(
        [office, "--headless", profile, "--convert-to", "ods", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    code, report = run(tmp_path / "loc.ods", "P-THANHNUA")  # the hidden "Năm sinh" copy is left unused
    assert code == 0, report
    assert report["created"] == 3 and person("011190002222").birth_year == 1990
    assert any("1 dòng đang bị ẩn" in note and "dòng 3" in note for note in report["notes"])
    assert any("Cột C đang bị ẩn" in note for note in report["notes"])


def test_hidden_rows_and_columns_of_an_xls_are_said_too(tree, reference, tmp_path):
    path = tmp_path / "loc.xls"
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("Danh sách")
    rows = [
        ["STT", "Họ và tên", "Năm sinh", "Năm sinh", "Số CCCD"],
        [1, "Lò Văn Hải", 1900, 1985, "011085001111"],
        [2, "Quàng Thị Lan", 1900, 1990, "011190002222"],
        [3, "Giàng A Sử", 1900, 1979, "011079003333"],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            ws.write(r, c, value)
    ws.col(2).hidden = True
    ws.row(2).hidden = True
    book.save(str(path))
    code, report = run(path, "P-THANHNUA")  # the hidden "Năm sinh" copy is left unused
    assert code == 0, report
    assert report["created"] == 3 and person("011190002222").birth_year == 1990
    assert any("1 dòng đang bị ẩn" in note and "dòng 3" in note for note in report["notes"])
    assert any("Cột C đang bị ẩn" in note for note in report["notes"])


def test_an_xls_from_excel_2003_with_merged_two_row_header_numbering_totals_and_signatures(tree, reference, tmp_path):
    path = tmp_path / "ds-2003.xls"
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("Sheet1")
    dates = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    ws.write_merge(0, 0, 0, 5, "ỦY BAN NHÂN DÂN XÃ THANH NƯA")
    ws.write_merge(1, 1, 0, 8, "DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2026")
    for column, title in [(0, "STT"), (1, "Họ và tên"), (2, "Ngày sinh"), (3, "Giới tính"), (4, "Số CCCD")]:
        ws.write_merge(3, 4, column, column, title)
    ws.write_merge(3, 3, 5, 7, "Trình độ")
    for column, title in [(5, "Chuyên môn"), (6, "LLCT"), (7, "QLNN")]:
        ws.write(4, column, title)
    ws.write_merge(3, 4, 8, 8, "Ghi chú")
    for column in range(9):
        ws.write(5, column, column + 1)  # the column-number row: 1 2 3 …
    ws.write(6, 0, 1)
    ws.write(6, 1, "Lò Văn Hải")
    ws.write(6, 2, datetime.datetime(1985, 3, 15), dates)
    ws.write(6, 3, "Nam")
    ws.write(6, 4, 11085001111)  # typed as a number: the leading 0 is gone
    ws.write(6, 5, "Đại học (tại chức)")
    ws.write(6, 6, "Trung cấp chính trị")
    ws.write(6, 7, "CV")
    for column, value in enumerate([2, "Quàng Thị Lan", "15.03.1990", "Nữ", "011190002222", "Cử nhân Luật", "CC"]):
        ws.write(7, column, value)
    ws.write(8, 0, "Tổng cộng")
    ws.write(8, 1, "2 người")
    ws.write(10, 1, "Người lập biểu")
    ws.write(10, 6, "THỦ TRƯỞNG ĐƠN VỊ")
    ws.write(11, 1, "(Ký, ghi rõ họ tên)")
    ws.write(14, 1, "Lò Văn Dũng")
    book.save(str(path))
    code, report = run(path)
    assert code == 0, report
    assert (report["rows"], report["created"]) == (2, 2)
    hai = person("011085001111")
    assert (hai.birth_date, hai.gender) == (D(1985, 3, 15), "male")
    assert levels(hai) == {
        "professional": ("Đại học", ""),
        "politics": ("Trung cấp", ""),
        "state_mgmt": ("Chuyên viên", ""),
    }
    lan = person("011190002222")
    assert lan.birth_date == D(1990, 3, 15)
    assert levels(lan) == {"professional": ("Đại học", "Luật"), "politics": ("Cao cấp", "")}


def test_an_ods_from_libreoffice(tree, reference, tmp_path):
    path = write_ods(
        tmp_path / "ds.ods",
        [
            ["DANH SÁCH CÁN BỘ"],
            [],
            ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Trình độ chuyên môn"],
            [1, "Lò Văn Hải", D(1985, 3, 15), "Nam", "011085001111", "Kỹ sư nông nghiệp"],
            [2, "Quàng Thị Lan", "1990-03-15", "Nữ", "011190002222", "ThS Quản lý công"],
            ["Cộng", "2"],
        ],
    )
    code, report = run(path)
    assert code == 0, report
    assert report["rows"] == 2 and report["sheet"] == "Danh sách"
    assert levels(person("011085001111")) == {"professional": ("Đại học", "nông nghiệp")}
    assert person("011190002222").birth_date == D(1990, 3, 15)


ROWS_CSV = [
    ["DANH SÁCH CÁN BỘ XÃ THANH NƯA"],
    ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Dân tộc", "Trình độ chuyên môn"],
    ["1", "Lò Văn Hải", "15-3-1985", "Nam", "011085001111", "Thái", "Đại học Luật (tại chức)"],
    ["2", "Quàng Thị Lan", "03/1990", "Nữ", "'011190002222", "Thái", "Cao đẳng sư phạm"],
    ["3", "Nguyễn Văn An", "31242", "Nam", "001085003333", "Kinh", "ĐH"],
]


@pytest.mark.parametrize(
    ("encoding", "bom", "delimiter"),
    [("utf-8", False, ","), ("utf-8", True, ";"), ("cp1258", False, ",")],
    ids=["utf8", "utf8-bom-semicolons", "windows-1258"],
)
def test_csv_in_utf8_with_and_without_bom_and_in_windows_1258(tree, reference, tmp_path, encoding, bom, delimiter):
    path = write_csv(tmp_path / "ds.csv", ROWS_CSV, encoding=encoding, bom=bom, delimiter=delimiter)
    code, report = run(path)
    assert code == 0, report
    assert report["created"] == 3 and report["sheet"] is None
    hai = person("011085001111")
    assert (hai.full_name, hai.birth_date) == ("Lò Văn Hải", D(1985, 3, 15))
    assert levels(hai) == {"professional": ("Đại học", "Luật")}
    assert person("011190002222").birth_year == 1990
    assert person("001085003333").birth_date == D(1985, 7, 14)  # Excel serial 31242 written as text


# ----------------------------------------------------------------------------------------- the rows


def test_totals_footnotes_and_signature_blocks_are_not_people(tree, reference, tmp_path):
    rows = [
        HEAD,
        [1, "Lò Văn Hải", "1985", "Nam", "011085001111", "Thái", ""],
        [2, "Tống Văn Bình", "1980", "Nam", "011080004444", "Kinh", ""],  # "Tống", not "Tổng"
        ["Cộng", 2, None, None, None, None, None],
        ["Tổng số: 2 người"],
        [],
        ["Ghi chú: danh sách không gồm người hợp đồng."],
        ["(*) Số liệu đến ngày 31/12/2025."],
        [None, None, None, None, "Thanh Nưa, ngày 05 tháng 01 năm 2026"],
        [None, "Người lập biểu", None, None, "TM. ỦY BAN NHÂN DÂN"],
        [None, "Lò Văn Dũng", None, None, "Nguyễn Văn Chủ"],
    ]
    code, report = run(write_xlsx(tmp_path / "ds.xlsx", rows))
    assert code == 0, report
    assert report["rows"] == 2
    assert sorted(Person.unscoped.values_list("full_name", flat=True)) == ["Lò Văn Hải", "Tống Văn Bình"]


def test_names_with_stray_spaces_capitals_and_decomposed_unicode_are_stored_cleanly(tree, reference, tmp_path):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    rows = [
        HEAD,
        [1, "Lò\u00a0Văn  Hải ", "1985", "Nam", "011085001111", "Thái", ""],
        [2, "QUÀNG THỊ LAN", "1990", "Nữ", "011190002222", unicodedata.normalize("NFD", "Thái"), ""],
        [3, "giàng a sử", "1979", "nam", "011079003333", "Mông", ""],
        [4, decomposed, "1988", "NỮ", "001188004444", "Kinh", ""],
        [5, "H'HEN NIÊ", "1992", "Nữ", "066192005555", "Ê Đê", ""],
        [6, "Lò Thị Mai (*)", "1995", "Nữ", "011195006666", "Thái", ""],  # (*): see the footnote
    ]
    code, report = run(write_xlsx(tmp_path / "ds.xlsx", rows))
    assert code == 0, report
    names = dict(Person.unscoped.values_list("id_number", "full_name"))
    assert names == {
        "011085001111": "Lò Văn Hải",
        "011190002222": "Quàng Thị Lan",
        "011079003333": "Giàng A Sử",
        "001188004444": "Nguyễn Thị Ánh",
        "066192005555": "H'Hen Niê",
        "011195006666": "Lò Thị Mai",
    }
    assert unicodedata.is_normalized("NFC", names["001188004444"])
    assert person("011190002222").ethnicity.name == "Thái"
    assert Person.unscoped.filter(name_key="nguyen thi anh").exists()


def test_id_numbers_excel_turned_into_numbers_get_their_zeros_back_and_lost_digits_are_refused(
    tree, reference, tmp_path
):
    path = tmp_path / "so.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["Họ và tên", "Năm sinh", "Số CCCD"])
    ws.write_row(1, 0, ["Lò Văn Hải", 1985])
    ws.write_number(1, 2, 11085001111)  # 011085001111 typed into a General cell
    ws.write_row(2, 0, ["Quàng Thị Lan", 1990])
    ws.write_number(2, 2, 1190002222)  # 001190002222: two zeros lost
    ws.write_row(3, 0, ["Giàng A Sử", 1979, "'011079003333"])  # the apostrophe kept as text
    ws.write_row(4, 0, ["Lò Thị Mai", 1995, "011 195 006 666"])
    wb.close()
    code, report = run(path)
    assert code == 0, report
    assert set(Person.unscoped.values_list("id_number", flat=True)) == {
        "011085001111",
        "001190002222",
        "011079003333",
        "011195006666",
    }
    csv = write_csv(
        tmp_path / "mu.csv",
        [
            ["Họ và tên", "Năm sinh", "Số CCCD"],
            ["Lò Văn Nam", "1985", "1.10851E+11"],
            ["Lò Văn Bốn", "1986", "11086004444"],  # Excel's CSV of a number cell: the 0 is gone
        ],
    )
    code, report = run(csv)
    assert code == 1
    exponent, zero = report["errors"]
    assert (exponent["row"], exponent["value"]) == (2, "1.10851E+11")
    assert "dạng số mũ" in exponent["message"] and "Văn bản (Text)" in exponent["message"]
    assert zero["row"] == 3 and "bỏ số 0 ở đầu" in zero["message"] and "011086004444" in zero["message"]


@pytest.mark.parametrize(
    ("written", "birth_date", "birth_year"),
    [
        ("15.03.1980", D(1980, 3, 15), 1980),
        ("15-3-1980", D(1980, 3, 15), 1980),
        ("1980-03-15", D(1980, 3, 15), 1980),
        ("03/1980", None, 1980),
        ("29295", D(1980, 3, 15), 1980),  # an Excel serial as text
        ("15/03/80", D(1980, 3, 15), 1980),  # two-digit year
        ("ngày 15 tháng 3 năm 1980", D(1980, 3, 15), 1980),
    ],
)
def test_birth_dates_in_the_forms_people_type(tree, reference, tmp_path, written, birth_date, birth_year):
    rows = [["Họ và tên", "Ngày, tháng, năm sinh"], ["Lò Văn Hải", written]]
    code, report = run(write_xlsx(tmp_path / "ds.xlsx", rows))
    assert code == 0, report
    hai = Person.unscoped.get()
    assert (hai.birth_date, hai.birth_year) == (birth_date, birth_year)


def test_a_us_style_date_is_refused_with_the_fix(tree, reference, tmp_path):
    code, report = run(write_xlsx(tmp_path / "ds.xlsx", [["Họ và tên", "Ngày sinh"], ["Lò Văn Hải", "3/15/1980"]]))
    assert code == 1
    assert "kiểu Mỹ" in report["errors"][0]["message"] and "15/03/1980" in report["errors"][0]["message"]


def test_gender_ticked_under_nam_and_nu_or_in_a_lone_nu_column(tree, reference, tmp_path):
    rows = [
        ["STT", "Họ và tên", "Giới tính", None, "Năm sinh", "Số CCCD"],
        [None, None, "Nam", "Nữ", None, None],
        [1, "Lò Văn Hải", "x", None, 1985, "011085001111"],
        [2, "Quàng Thị Lan", None, "x", 1990, "011190002222"],
    ]
    code, report = run(write_xlsx(tmp_path / "gt.xlsx", rows, merges=["C1:D1"]))
    assert code == 0, report
    assert (person("011085001111").gender, person("011190002222").gender) == ("male", "female")
    assert (person("011085001111").birth_year, person("011190002222").birth_year) == (1985, 1990)

    rows = [
        ["STT", "Họ và tên", "Năm sinh", "Nữ", "Số CCCD"],
        [1, "Giàng A Sử", 1979, None, "011079003333"],
        [2, "Lò Thị Mai", 1995, "x", "011195006666"],
    ]
    code, report = run(write_xlsx(tmp_path / "nu.xlsx", rows))
    assert code == 0, report
    assert (person("011079003333").gender, person("011195006666").gender) == ("male", "female")


def test_levels_with_trailing_notes_give_the_level_and_the_field(tree, reference, tmp_path):
    rows = [
        ["Họ và tên", "Năm sinh", "Trình độ chuyên môn", "Lý luận chính trị"],
        ["Lò Văn Hải", 1985, "Đại học (tại chức)", "TC LLCT (đang học CC)"],
        ["Quàng Thị Lan", 1990, "Cử nhân Luật", "Trung cấp"],
        ["Giàng A Sử", 1979, "Kỹ sư nông nghiệp", "Sơ cấp"],
        ["Lò Thị Mai", 1995, "ĐH Kinh tế - chính quy", ""],
        ["Lò Văn Nam", 1988, "Cử nhân Luật; Thạc sĩ Quản lý công", ""],
        ["Cà Văn Tâm", 1987, "ĐH Nông học, ThS Khoa học cây trồng", ""],
        ["Tòng Thị Hoa", 1992, "Đại học, Luật", ""],
    ]
    code, report = run(write_xlsx(tmp_path / "td.xlsx", rows))
    assert code == 0, report
    got = {p.full_name: levels(p) for p in Person.unscoped.all()}
    assert got == {
        "Lò Văn Hải": {"professional": ("Đại học", ""), "politics": ("Trung cấp", "")},
        "Quàng Thị Lan": {"professional": ("Đại học", "Luật"), "politics": ("Trung cấp", "")},
        "Giàng A Sử": {"professional": ("Đại học", "nông nghiệp"), "politics": ("Sơ cấp", "")},
        "Lò Thị Mai": {"professional": ("Đại học", "Kinh tế")},
        "Lò Văn Nam": {"professional": ("Thạc sĩ", "Quản lý công")},
        "Cà Văn Tâm": {"professional": ("Thạc sĩ", "Khoa học cây trồng")},
        "Tòng Thị Hoa": {"professional": ("Đại học", "Luật")},
    }
    nam = Person.unscoped.get(full_name="Lò Văn Nam")
    assert sorted(nam.qualifications.values_list("level__label", "field")) == [
        ("Thạc sĩ", "Quản lý công"),
        ("Đại học", "Luật"),
    ]


def test_party_membership_as_a_tick_a_word_or_the_admission_date(tree, reference, tmp_path):
    rows = [
        ["Họ và tên", "Năm sinh", "Đảng viên"],
        ["Lò Văn Hải", 1985, "x"],
        ["Quàng Thị Lan", 1990, "Đảng viên"],
        ["Giàng A Sử", 1979, "19/05/2005"],
        ["Lò Thị Mai", 1995, D(2020, 3, 3)],
        ["Lò Văn Nam", 1988, "Dự bị"],
        ["Cà Văn Tâm", 1987, 2010],
        ["Tòng Thị Hoa", 1992, ""],
        ["Lường Văn Ơn", 1991, "Không"],
    ]
    code, report = run(write_xlsx(tmp_path / "dv.xlsx", rows))
    assert code == 0, report
    got = dict(
        (name, (member, joined))
        for name, member, joined in Person.unscoped.values_list("full_name", "party_member", "party_joined_on")
    )
    assert got == {
        "Lò Văn Hải": (True, None),
        "Quàng Thị Lan": (True, None),
        "Giàng A Sử": (True, D(2005, 5, 19)),
        "Lò Thị Mai": (True, D(2020, 3, 3)),
        "Lò Văn Nam": (True, None),
        "Cà Văn Tâm": (True, None),
        "Tòng Thị Hoa": (False, None),
        "Lường Văn Ơn": (False, None),
    }


def test_units_by_name_with_or_without_xa_or_ubnd_xa(tree, reference, tmp_path):
    rows = [
        ["Họ và tên", "Năm sinh", "Đơn vị"],
        ["Lò Văn Hải", 1985, "UBND xã Thanh Nưa"],
        ["Quàng Thị Lan", 1990, "Xã Thanh Nưa"],
        ["Giàng A Sử", 1979, "THANH NƯA"],
        ["Lò Thị Mai", 1995, "Ủy ban nhân dân xã Mường Nhé"],
        ["Lò Văn Nam", 1988, "xã Mường Nhé, tỉnh Điện Biên"],
        ["Cà Văn Tâm", 1987, "Văn phòng HĐND và UBND xã Thanh Nưa"],
    ]
    code, report = run(write_xlsx(tmp_path / "dv.xlsx", rows), "P")
    assert code == 0, report
    got = dict(Person.unscoped.values_list("full_name", "unit__code"))
    assert got == {
        "Lò Văn Hải": "P-THANHNUA",
        "Quàng Thị Lan": "P-THANHNUA",
        "Giàng A Sử": "P-THANHNUA",
        "Lò Thị Mai": "P-MUONGNHE",
        "Lò Văn Nam": "P-MUONGNHE",
        "Cà Văn Tâm": "P-THANHNUA-VP",
    }


def test_a_unit_merged_down_over_its_people_counts_for_each_of_them(tree, reference, tmp_path):
    rows = [
        ["Họ và tên", "Năm sinh", "Đơn vị"],
        ["Lò Văn Hải", 1985, "Xã Mường Nhé"],
        ["Quàng Thị Lan", 1990, None],
        ["Giàng A Sử", 1979, "Xã Thanh Nưa"],
    ]
    code, report = run(write_xlsx(tmp_path / "gop.xlsx", rows, merges=["C2:C3"]), "P")
    assert code == 0, report
    got = dict(Person.unscoped.values_list("full_name", "unit__code"))
    assert got == {"Lò Văn Hải": "P-MUONGNHE", "Quàng Thị Lan": "P-MUONGNHE", "Giàng A Sử": "P-THANHNUA"}


# -------------------------------------------------------------------------------- legacy encodings

TCVN3_HEADER = ["STT", "Hä vµ tªn", "N¨m sinh"]  # "Họ và tên", "Năm sinh" in the .VnTime font
VNI_NAME = "Nguyeãn Vaên An"  # "Nguyễn Văn An" in VNI-Times


def test_a_file_typed_in_tcvn3_is_refused_with_how_to_convert_it(tree, reference, tmp_path):
    path = write_xlsx(tmp_path / "cu.xlsx", [["DANH S¸CH C¸N Bé"], TCVN3_HEADER, [1, "NguyÔn V¨n An", 1980]])
    code, report = run(path)
    assert code == 1 and Person.unscoped.count() == 0
    assert "TCVN3" in report["refused"] and "Unikey" in report["refused"]


def test_a_vni_name_under_a_unicode_header_is_refused_naming_its_row(tree, reference, tmp_path):
    path = write_xlsx(tmp_path / "vni.xlsx", [["Họ và tên", "Năm sinh"], ["Lò Văn Hải", 1985], [VNI_NAME, 1980]])
    code, report = run(path)
    assert code == 1 and Person.unscoped.count() == 0
    assert "VNI" in report["refused"] and "dòng 3" in report["refused"] and VNI_NAME in report["refused"]


# ------------------------------------------------------------------------------------ the upload page


def test_the_preview_says_which_sheet_was_read_and_what_was_hidden(login, tree, reference, tmp_path):
    path = tmp_path / "ds.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Hướng dẫn"
    wb.active.append(["Điền theo mẫu"])
    ws = wb.create_sheet("Danh sách")
    ws.append(["Họ và tên", "Năm sinh"])
    ws.append(["Lò Văn Hải", 1985])
    ws.append(["Quàng Thị Lan", 1990])
    ws.row_dimensions[3].hidden = True
    wb.save(path)
    client = login("officer_a")
    with open(path, "rb") as fh:
        response = client.post(reverse("exchange:import"), {"unit": tree["a"].pk, "file": fh}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Đọc trang tính “Danh sách”" in page and "dòng 3" in page
    assert ImportJob.objects.get().summary["sheet"] == "Danh sách"


def test_the_page_refuses_a_legacy_encoded_file_with_the_same_reason(login, tree, reference, tmp_path):
    path = write_xlsx(tmp_path / "cu.xlsx", [TCVN3_HEADER, [1, "NguyÔn V¨n An", 1980]])
    client = login("officer_a")
    with open(path, "rb") as fh:
        response = client.post(reverse("exchange:import"), {"unit": tree["a"].pk, "file": fh}, follow=True)
    page = response.content.decode()
    assert 'data-testid="refused"' in page and "TCVN3" in page and "Unikey" in page
