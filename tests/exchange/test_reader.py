"""Reading staff spreadsheets as provinces really keep them: checks, row numbers, header, records."""

import datetime
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from canbo.people.headers import FIELD_LABELS, PEOPLE_COLUMNS, field_label
from canbo.tabular import reader
from canbo.tabular.normalise import match_key, parse_birth, parse_date, parse_id_number
from canbo.tabular.reader import (
    FileRefused,
    Limits,
    check_file,
    find_header,
    is_blank_row,
    is_footer_row,
    is_numbering_row,
    iter_records,
    read_rows,
)

from . import files

D = datetime.date
TODAY = D(2025, 6, 1)


def refusal(path, **kwargs) -> str:
    with pytest.raises(FileRefused) as caught:
        check_file(path, **kwargs)
    return caught.value.message


# -------------------------------------------------------------------------------------------- kinds


def test_it_recognises_xlsx_ods_csv_by_content_even_when_misnamed(tmp_path):
    xlsx = files.write_xlsx(tmp_path / "a.xlsx", [["Họ và tên"], ["Lò Thị Vân"]])
    misnamed = tmp_path / "a.xls"
    misnamed.write_bytes(xlsx.read_bytes())
    ods = files.write_ods(tmp_path / "b.ods", [["Họ và tên"], ["Lò Thị Vân"]])
    ods_as_xlsx = tmp_path / "b.xlsx"
    ods_as_xlsx.write_bytes(ods.read_bytes())
    csv = files.write_csv(tmp_path / "c.txt", [["Họ và tên"], ["Lò Thị Vân"]])

    assert check_file(xlsx) == "xlsx"
    assert check_file(misnamed) == "xlsx"
    assert check_file(ods) == "ods"
    assert check_file(ods_as_xlsx) == "ods"
    assert check_file(csv) == "csv"
    # and the misnamed files are still read
    assert [row for _, row in read_rows(misnamed)] == [["Họ và tên"], ["Lò Thị Vân"]]
    assert [row for _, row in read_rows(ods_as_xlsx)] == [["Họ và tên"], ["Lò Thị Vân"]]


def test_it_refuses_a_pdf_a_png_and_a_word_file_naming_what_they_are(tmp_path):
    pdf = refusal(files.write_pdf(tmp_path / "ds.xlsx"))
    png = refusal(files.write_png(tmp_path / "ds.xls"))
    docx = refusal(files.write_docx(tmp_path / "ds.docx"))
    assert pdf.startswith("Tệp này là tài liệu PDF, không phải bảng tính.")
    assert png.startswith("Tệp này là ảnh PNG, không phải bảng tính.")
    assert docx.startswith("Tệp này là văn bản Word (.docx), không phải bảng tính.")


def test_a_program_is_named_as_the_evidence_upload_names_it(tmp_path):
    """One signature table (core.signatures) for imports and evidence: the same words for an .exe."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from canbo.core.uploads import detect

    exe = tmp_path / "ds.xlsx"
    exe.write_bytes(b"MZ\x90\x00" + b"\x00" * 60)
    assert refusal(exe).startswith("Tệp này là chương trình Windows (.exe, .dll), không phải bảng tính.")
    assert detect(SimpleUploadedFile("a.pdf", exe.read_bytes())) == "chương trình Windows (.exe, .dll)"


def test_it_refuses_binary_junk_as_not_a_spreadsheet(tmp_path):
    junk = tmp_path / "ds.csv"
    junk.write_bytes(bytes(range(256)) * 40)
    assert refusal(junk).startswith("Tệp không phải bảng tính")


def test_it_refuses_an_empty_file_and_a_missing_one(tmp_path):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert "rỗng" in refusal(empty)
    assert "Không mở được" in refusal(tmp_path / "missing.xlsx")


def test_it_refuses_an_html_table_saved_with_an_xls_name_and_says_to_resave(tmp_path):
    page = tmp_path / "baocao.xls"
    page.write_text("<html><body><table><tr><td>Họ và tên</td></tr></table></body></html>", encoding="utf-8")
    message = refusal(page)
    assert "HTML" in message and "Lưu thành" in message


def test_it_refuses_a_file_above_max_bytes_before_reading_it(tmp_path):
    path = files.write_xlsx(tmp_path / "big.xlsx", [["Họ và tên"]] + [["Lò Thị Vân"]] * 50)
    message = refusal(path, limits=Limits(max_bytes=1000))
    assert message.startswith("Tệp quá lớn")
    with pytest.raises(FileRefused):
        read_rows(path, limits=Limits(max_bytes=1000))


# ---------------------------------------------------------------------------------- zip, passwords


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory):
    return files.write_zip_bomb(tmp_path_factory.mktemp("bomb") / "ds.xlsx", size=600 * files.MB)


def test_it_refuses_a_zip_bomb_from_the_central_directory_in_well_under_a_second(zip_bomb):
    assert zip_bomb.stat().st_size < 2 * files.MB
    with zipfile.ZipFile(zip_bomb) as zf:  # a real, readable archive of 600 MB of zeros
        assert zf.getinfo("xl/worksheets/sheet1.xml").file_size == 600 * files.MB
    started = time.perf_counter()
    message = refusal(zip_bomb)
    assert time.perf_counter() - started < 0.5
    assert message.startswith("Tệp nén bất thường (có thể là zip bomb)")


def test_it_refuses_a_zip_whose_total_uncompressed_size_is_above_the_limit(tmp_path):
    path = files.write_xlsx(tmp_path / "ds.xlsx", [["Họ và tên"], ["Lò Thị Vân"]])
    assert "zip bomb" in refusal(path, limits=Limits(max_uncompressed_bytes=1000))
    assert check_file(path) == "xlsx"


def test_it_refuses_a_password_protected_xlsx_from_its_ole2_container(tmp_path):
    proper = files.write_cfb(tmp_path / "ds.xlsx", {"EncryptionInfo": b"\x04\x00", "EncryptedPackage": b"\x01"})
    bare = files.write_fake_encrypted(tmp_path / "bare.xlsx")  # magic + UTF-16LE name only
    for path in (proper, bare):
        assert refusal(path).startswith("Tệp được bảo vệ bằng mật khẩu")


def test_it_refuses_a_password_protected_xls_from_its_filepass_record(tmp_path):
    path = files.write_cfb(tmp_path / "ds.xls", {"Workbook": files.biff_workbook(password=True)})
    assert refusal(path).startswith("Tệp được bảo vệ bằng mật khẩu")


def test_it_turns_calamines_password_error_into_a_refusal(tmp_path, monkeypatch):
    path = files.write_cfb(tmp_path / "ds.xls", {"Workbook": files.biff_workbook(password=True)})
    monkeypatch.setattr(reader, "_biff_has_filepass", lambda head: False)  # let the parser find it
    assert check_file(path) == "xls"
    with pytest.raises(FileRefused) as caught:
        read_rows(path)
    assert caught.value.message.startswith("Tệp được bảo vệ bằng mật khẩu")


def test_it_accepts_a_legacy_xls_container_and_refuses_it_cleanly_when_it_has_no_sheet(tmp_path):
    path = files.write_cfb(tmp_path / "ds.xls", {"Workbook": files.biff_workbook(password=False)})
    assert check_file(path) == "xls"
    with pytest.raises(FileRefused) as caught:
        read_rows(path)
    assert "không có dữ liệu" in caught.value.message


def test_it_refuses_an_old_word_document_in_an_ole2_container(tmp_path):
    path = files.write_cfb(tmp_path / "ds.xls", {"WordDocument": b"\xec\xa5"})
    assert "Word" in refusal(path)


def test_it_refuses_a_corrupt_workbook_with_a_message_not_a_traceback(tmp_path):
    good = files.write_xlsx(tmp_path / "good.xlsx", [["Họ và tên"], ["Lò Thị Vân"]])
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[: len(data) // 2] if item.filename.endswith("sheet1.xml") else data)
    assert check_file(broken) == "xlsx"
    with pytest.raises(FileRefused) as caught:
        list(read_rows(broken))
    assert caught.value.message.startswith("Không đọc được bảng tính")


# ------------------------------------------------------------------------------------- row numbers


def test_it_reports_excel_row_numbers_with_four_title_rows_above_a_header_on_row_5(tmp_path):
    rows = [
        ["ỦY BAN NHÂN DÂN XÃ THANH NƯA"],
        ["PHÒNG NỘI VỤ"],
        ["DANH SÁCH CÁN BỘ, CÔNG CHỨC"],
        ["(Kèm theo Công văn số 12/UBND)"],
        ["STT", "Họ và tên", "Năm sinh"],
        [1, "Lò Thị Vân", 1985],
        [2, "Nguyễn Văn An", 1979],
    ]
    path = files.write_xlsx(tmp_path / "ds.xlsx", rows)
    read = list(read_rows(path))
    assert [number for number, _ in read] == [1, 2, 3, 4, 5, 6, 7]
    header, records = iter_records(path, PEOPLE_COLUMNS)
    assert header.row_number == 5
    assert [(n, r["full_name"]) for n, r in records] == [(6, "Lò Thị Vân"), (7, "Nguyễn Văn An")]


def test_it_counts_empty_rows_at_the_top_and_empty_columns_on_the_left(tmp_path):
    rows = [
        ["DANH SÁCH CÁN BỘ"],
        ["Năm 2025"],
        ["STT", "Họ và tên", "Năm sinh"],
        [1, "Lò Thị Vân", 1985],
    ]
    # two empty rows at the top, and the table starts in column C
    path = files.write_xlsx(tmp_path / "ds.xlsx", rows, top=3, left=3)
    read = list(read_rows(path))
    assert read[0] == (1, ["", "", "", "", ""])  # from column A to the last used column
    assert read[4] == (5, ["", "", "STT", "Họ và tên", "Năm sinh"])
    header, records = iter_records(path, PEOPLE_COLUMNS)
    assert header.row_number == 5
    assert header.columns == {2: "row_no", 3: "full_name", 4: "birth"}
    assert list(records) == [(6, {"row_no": 1.0, "full_name": "Lò Thị Vân", "birth": 1985.0})]


def test_it_reads_the_first_non_empty_sheet(tmp_path):
    path = tmp_path / "ds.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Hướng dẫn"
    ws = wb.create_sheet("Danh sách")
    ws.append(["Họ và tên"])
    ws.append(["Lò Thị Vân"])
    wb.save(path)
    assert [row for _, row in read_rows(path)] == [["Họ và tên"], ["Lò Thị Vân"]]


def test_it_refuses_a_workbook_whose_sheets_are_all_empty(tmp_path):
    path = tmp_path / "ds.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(FileRefused) as caught:
        read_rows(path)
    assert "không có dữ liệu" in caught.value.message


def test_it_refuses_sheets_beyond_the_row_and_column_limits(tmp_path):
    path = files.write_xlsx(tmp_path / "ds.xlsx", [["Họ và tên", "A", "B", "C"]] + [["x"]] * 20)
    with pytest.raises(FileRefused) as caught:
        read_rows(path, limits=Limits(max_rows=10))
    assert "quá nhiều dòng" in caught.value.message
    with pytest.raises(FileRefused) as caught:
        read_rows(path, limits=Limits(max_columns=3))
    assert "quá nhiều cột" in caught.value.message


def test_it_reads_a_hand_made_ods_with_dates_and_numbers(tmp_path):
    path = files.write_ods(
        tmp_path / "ds.ods",
        [
            [],
            ["STT", "Họ và tên", "Ngày sinh"],
            [1, "Lò Thị Vân", D(1985, 7, 14)],
            [2, "Nguyễn Văn An", 1979],
        ],
    )
    header, records = iter_records(path, PEOPLE_COLUMNS)
    assert header.row_number == 2
    assert list(records) == [
        (3, {"row_no": 1.0, "full_name": "Lò Thị Vân", "birth": D(1985, 7, 14)}),
        (4, {"row_no": 2.0, "full_name": "Nguyễn Văn An", "birth": 1979.0}),
    ]


# ------------------------------------------------------------------------------------------------ CSV


PEOPLE_CSV = [
    ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Quê quán"],
    ["1", "Lò Thị Vân", "14/07/1985", "Nữ", "Thanh Nưa, Điện Biên"],
    ["2", "Nguyễn Văn Ấn", "1979", "Nam", "Mường Thanh"],
]


def test_it_reads_a_utf8_csv_with_bom_and_semicolons(tmp_path):
    path = files.write_csv(tmp_path / "ds.csv", PEOPLE_CSV, delimiter=";", bom=True)
    assert check_file(path) == "csv"
    assert list(read_rows(path)) == [(i, row) for i, row in enumerate(PEOPLE_CSV, start=1)]


def test_it_reads_a_windows_1258_csv_and_composes_its_tone_marks(tmp_path):
    path = files.write_csv(tmp_path / "ds.csv", PEOPLE_CSV, encoding="cp1258")
    assert "Lò Thị Vân".encode() not in path.read_bytes()
    assert b"\xd2" in path.read_bytes() or b"\xf2" in path.read_bytes()  # combining tone bytes
    rows = list(read_rows(path))
    assert rows == [(i, row) for i, row in enumerate(PEOPLE_CSV, start=1)]
    assert rows[1][1][1] == "Lò Thị Vân"  # NFC: the same string a keyboard types


def test_it_reads_excel_unicode_text_and_the_sep_hint_line(tmp_path):
    tabbed = files.write_csv(tmp_path / "ds.txt", PEOPLE_CSV, delimiter="\t", encoding="utf-16")
    assert list(read_rows(tabbed))[2] == (3, PEOPLE_CSV[2])
    hinted = files.write_csv(tmp_path / "ds.csv", PEOPLE_CSV, delimiter=";", prefix="sep=;\r\n")
    assert next(read_rows(hinted)) == (1, PEOPLE_CSV[0])


def test_it_finds_the_header_of_a_csv_below_title_lines(tmp_path):
    rows = [["DANH SÁCH CÁN BỘ XÃ"], [""], *PEOPLE_CSV]
    path = files.write_csv(tmp_path / "ds.csv", rows)
    header, records = iter_records(path, PEOPLE_COLUMNS)
    assert header.row_number == 3
    assert [(n, r["home_town"]) for n, r in records] == [(4, "Thanh Nưa, Điện Biên"), (5, "Mường Thanh")]


# ------------------------------------------------------------------------------------ header, records


def test_it_reads_a_commune_list_with_a_merged_two_row_header_and_a_signature_block(tmp_path):
    path = files.commune_list(tmp_path / "ds.xlsx")
    header, records = iter_records(path, PEOPLE_COLUMNS)

    assert header.row_number == 7  # the lower header row; the numbering row 8 is skipped
    assert header.birth_by_gender == (2, 3)
    assert header.columns == {
        0: "row_no",
        1: "full_name",
        4: "id_number",
        5: "professional",
        6: "politics",
        7: "state_mgmt",
        8: "party_member",
        9: "note",
    }
    assert header.unknown == []
    assert header.width == 10
    people = list(records)
    # blank row 11 and the total on row 13 skipped; stops at "Người lập biểu" (the signer is not a person)
    assert [(n, r["full_name"], r["gender"], r["birth"]) for n, r in people] == [
        (9, "Lò Thị Vân", "Nữ", 1985.0),
        (10, "Nguyễn Văn An", "Nam", D(1979, 3, 2)),
        (12, "Quàng Văn Bình", "Nam", "02/05/1980"),
    ]
    assert [parse_birth(r["birth"], today=TODAY) for _, r in people] == [
        (None, 1985),
        (D(1979, 3, 2), 1979),
        (D(1980, 5, 2), 1980),
    ]
    assert [parse_id_number(r["id_number"]) for _, r in people] == [
        "011090001234",  # typed as a number: Excel dropped the leading 0
        "001079001234",
        "011080005678",  # text with a leading apostrophe
    ]
    assert people[0][1]["professional"] == "Cử nhân Luật"


def test_it_reads_headers_without_diacritics_and_dates_in_every_form(tmp_path):
    path = files.dated_list(tmp_path / "ds.xlsx")
    header, records = iter_records(path, PEOPLE_COLUMNS)
    assert header.row_number == 3
    assert header.columns == {
        0: "row_no",
        1: "full_name",
        2: "birth",
        3: "gender",
        4: "id_number",
        5: "party_joined_on",
    }
    people = dict(records)
    assert sorted(people) == [5, 6, 7]  # the numbering row 4 ("1 2 3 4 5 6") is skipped
    assert people[5]["birth"] == D(1985, 7, 14)  # a real Excel date
    assert parse_birth(people[6]["birth"], today=TODAY) == (D(1980, 5, 2), 1980)  # dd/mm/yyyy text
    assert parse_birth(people[7]["birth"], today=TODAY) == (None, 1975)  # a bare year, stored as 1975.0
    assert parse_date(people[5]["party_joined_on"]) == D(2010, 5, 19)
    assert parse_date(people[6]["party_joined_on"]) == D(2005, 5, 19)
    assert parse_id_number(people[5]["id_number"]) == "011090001234"
    assert parse_id_number(people[7]["id_number"]) == "001080005678"  # Hà Nội's 001 lost two zeros


def test_it_reads_trinh_do_merged_over_chuyen_mon_llct_qlnn(tmp_path):
    rows = [
        ["DANH SÁCH CÔNG CHỨC"],
        [],
        ["TT", "Họ tên", "Chức vụ", "Trình độ", None, None, "Tin học"],
        [None, None, None, "Chuyên môn", "LLCT", "QLNN", None],
        [1, "Lò Thị Vân", "Công chức Tư pháp", "ĐH Luật", "Trung cấp", "Chuyên viên", "Cơ bản"],
    ]
    merges = ["A3:A4", "B3:B4", "C3:C4", "D3:F3", "G3:G4"]
    path = files.write_xlsx(tmp_path / "ds.xlsx", rows, merges=merges)
    header, records = iter_records(path, PEOPLE_COLUMNS)
    assert header.row_number == 4
    assert header.columns == {
        0: "row_no",
        1: "full_name",
        2: "title",
        3: "professional",
        4: "politics",
        5: "state_mgmt",
        6: "it",
    }
    assert header.birth_by_gender is None
    assert next(records)[1]["politics"] == "Trung cấp"


def test_it_reads_birth_years_written_under_standalone_nam_and_nu_columns(tmp_path):
    rows = [
        ["STT", "Họ và tên", "Nam", "Nữ", "Chức vụ", "Trình độ ngoại ngữ"],
        [1, "Lò Thị Vân", None, "14/07/1985", "Chủ tịch", "B1"],
        [2, "Nguyễn Văn An", 1979, None, "Phó Chủ tịch", ""],
        [3, "Cầm Văn Bảo", "x", None, "Công an", ""],  # a tick: gender only
        [4, "Lường Thị Cúc", 1980, 1981, "Văn phòng", ""],  # both filled: left for validation to flag
    ]
    path = files.write_xlsx(tmp_path / "ds.xlsx", rows)
    header, records = iter_records(path, PEOPLE_COLUMNS)
    assert header.birth_by_gender == (2, 3)
    assert header.columns == {0: "row_no", 1: "full_name", 4: "title", 5: "foreign_language"}
    assert header.width == 6
    got = {n: (r["gender"], r["birth"]) for n, r in records}
    assert got == {
        2: ("Nữ", "14/07/1985"),
        3: ("Nam", 1979.0),
        4: ("Nam", ""),
        5: ("", "Nam: 1980; Nữ: 1981"),
    }


def test_it_does_not_mistake_the_first_person_for_a_second_header_row(tmp_path):
    rows = [
        ["STT", "Họ và tên", "Giới tính", "Đảng viên"],
        [1, "Lò Thị Vân", "Nữ", "ĐV"],  # "Nữ" and "ĐV" name things, but this is a person
    ]
    path = files.write_xlsx(tmp_path / "ds.xlsx", rows)
    header, records = iter_records(path, PEOPLE_COLUMNS)
    assert header.row_number == 1
    assert header.birth_by_gender is None
    assert [n for n, _ in records] == [2]


def test_it_skips_section_titles_and_repeated_headers_and_lists_unknown_columns(tmp_path):
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Sở thích"],
        ["I", "CÁN BỘ", None, None],
        [1, "Lò Thị Vân", "Chủ tịch", "Bóng chuyền"],
        [None, "II. CÔNG CHỨC", None, None],
        ["STT", "Họ và tên", "Chức vụ", "Sở thích"],  # the header again, on a new printed page
        [2, "Nguyễn Văn An", "Công chức Văn phòng - Thống kê", None],
        [3, "Lò Văn Dũng", None, None],  # a person with little data is still a person
    ]
    path = files.write_xlsx(tmp_path / "ds.xlsx", rows)
    header, records = iter_records(path, PEOPLE_COLUMNS)
    assert header.unknown == ["Sở thích"]
    assert header.width == 4  # the unknown column counts: an error column goes after it
    assert [(n, r["full_name"]) for n, r in records] == [
        (3, "Lò Thị Vân"),
        (6, "Nguyễn Văn An"),
        (7, "Lò Văn Dũng"),
    ]


def test_it_joins_a_name_split_into_ho_dem_and_ten_under_a_merged_title(tmp_path):
    rows = [
        ["STT", "Họ và tên", None, "Năm sinh"],
        [None, "Họ đệm", "Tên", None],
        [1, "Lò Thị", "Vân", 1985],
        [2, None, "Páo", 1990],
    ]
    path = files.write_xlsx(tmp_path / "ds.xlsx", rows, merges=["A1:A2", "B1:C1", "D1:D2"])
    header, records = iter_records(path, PEOPLE_COLUMNS)
    assert header.row_number == 2
    assert header.columns == {0: "row_no", 1: "family_name", 2: "given_name", 3: "birth"}
    assert [(r.header, r.confidence) for r in header.reads[1:3]] == [
        ("Họ và tên / Họ đệm", "exact"),
        ("Họ và tên / Tên", "exact"),
    ]
    # A row with the given name only has no full name: the import refuses it ("Thiếu họ và tên")
    # rather than storing "Páo" as someone's whole name (review finding).
    assert [(n, r.get("full_name") or None) for n, r in records] == [(3, "Lò Thị Vân"), (4, None)]


def test_it_refuses_a_sheet_without_a_recognisable_header(tmp_path):
    rows = [["Bảng chấm công tháng 5"], ["Ngày", "Giờ vào", "Giờ ra"], ["01/05", "7:30", "17:00"]]
    path = files.write_xlsx(tmp_path / "ds.xlsx", rows)
    with pytest.raises(FileRefused) as caught:
        iter_records(path, PEOPLE_COLUMNS)
    assert "Không tìm thấy dòng tiêu đề" in caught.value.message
    assert "“Họ và tên”" in caught.value.message


def test_it_prefers_the_row_naming_most_fields(tmp_path):
    rows = [
        (1, ["Họ và tên người lập: Lò Văn Dũng"]),
        (2, ["STT", "Họ và tên", "Ngày sinh", "Dân tộc", "Tôn giáo"]),
    ]
    match = find_header(rows, PEOPLE_COLUMNS, required_any=["full_name"])
    assert match.row_number == 2
    assert match.columns == {0: "row_no", 1: "full_name", 2: "birth", 3: "ethnicity", 4: "religion"}


def test_it_matches_header_variants_with_line_breaks_punctuation_and_old_spelling():
    rows = [
        (
            1,
            [
                "Số\nTT",
                "Họ và tên:",
                "Ngày, tháng,\nnăm sinh",
                "Số CMND/CCCD",
                "Trình độ lí luận chính trị",
                "Ngày sinh (dd/mm/yyyy)",
                "QP-AN",
            ],
        )
    ]
    match = find_header(rows, PEOPLE_COLUMNS, required_any=["full_name"])
    assert match.columns == {
        0: "row_no",
        1: "full_name",
        2: "birth",
        3: "id_number",
        4: "politics",
        5: "birth",
        6: "defence",
    }


def test_it_recognises_numbering_footer_and_blank_rows():
    assert is_numbering_row(["(1)", "(2)", "(3)", "(4)"])
    assert is_numbering_row([1.0, 2.0, 3.0, "", 5.0])
    assert is_numbering_row(["A", "B", "1", "2", "3"])
    assert not is_numbering_row([1.0, "Lò Thị Vân", 1985.0])
    assert not is_numbering_row([3.0, 2.0])
    assert not is_numbering_row(["1", "", ""])

    assert is_footer_row(["", "Người lập biểu", "", "THỦ TRƯỞNG ĐƠN VỊ"])
    assert is_footer_row(["", "(Ký, ghi rõ họ tên)"])
    assert is_footer_row(["", "", "Thanh Nưa, ngày 15 tháng 3 năm 2025"])
    assert is_footer_row(["……, ngày …. tháng …. năm 20…"])
    assert is_footer_row(["", "KT. CHỦ TỊCH"])
    assert not is_footer_row([3.0, "Lò Thị Vân", "Chủ tịch", "Nghỉ hưu từ ngày 1 tháng 3 năm 2025"])

    assert is_blank_row(["", None, "   ", "\n"])
    assert not is_blank_row(["", 0.0])


# ------------------------------------------------------------------------------------------ columns


def test_it_keeps_every_header_variant_pointing_to_one_field():
    seen: dict[str, str] = {}
    for name, variants in PEOPLE_COLUMNS.items():
        for variant in variants:
            key = match_key(variant.removeprefix("!"))
            assert seen.setdefault(key, name) == name, f"{variant!r} is both {seen[key]} and {name}"


def test_it_labels_every_field_with_a_title_that_reads_back():
    assert set(FIELD_LABELS) == set(PEOPLE_COLUMNS)
    for name, label in FIELD_LABELS.items():
        assert match_key(label) in {match_key(v) for v in PEOPLE_COLUMNS[name]}, name
    assert field_label("id_number") == "Số định danh cá nhân"
    assert field_label("no_such_field") == "no_such_field"


def test_it_imports_without_django_settings_or_models():
    code = (
        "import sys; import canbo.tabular.reader, canbo.tabular.normalise, canbo.people.headers; "
        "from django.conf import settings; "
        "assert not settings.configured; "
        "assert not [m for m in sys.modules if m.endswith('.models')], 'models imported'"
    )
    root = Path(__file__).resolve().parents[2]
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root / "src")}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=root)


# ----------------------------------------------------------------------------------- column mapping


def _mapping_file(tmp_path):
    rows = [
        ["ỦY BAN NHÂN DÂN XÃ THANH NƯA"],
        ["DANH SÁCH CÁN BỘ, CÔNG CHỨC"],
        ["STT", "Họ và tên", "Ngày sinh", "Quê quán gốc", "Sở thích", "Ngày sinh (dd/mm/yyyy)", "Lương"],
        [1, 2, 3, 4, 5, 6, 7],
        [1, "Lò Thị Vân", "14/07/1985", "Thanh Nưa", "Bóng chuyền", None, None],
        [2, "Nguyễn Văn An", None, "Mường Thanh", "", "02/03/1979", None],
        [3, "Quàng Văn Bình", "1980", "Noong Hẹt", "Cờ tướng", None, None],
        [4, "Cầm Thị Dung", "1990", "Thanh Xương", "Đọc sách", None, None],
    ]
    return files.write_xlsx(tmp_path / "ds.xlsx", rows)


def test_it_says_how_it_read_every_titled_column_and_which_need_the_officers_word(tmp_path):
    table = reader.open_table(_mapping_file(tmp_path), PEOPLE_COLUMNS)
    reads = {r.index: r for r in table.match.reads}
    assert [(r.index, r.header, r.field, r.confidence) for r in table.match.reads] == [
        (0, "STT", "row_no", "exact"),
        (1, "Họ và tên", "full_name", "exact"),
        (2, "Ngày sinh", "birth", "ambiguous"),  # two columns for one birth date
        (3, "Quê quán gốc", "home_town", "loose"),  # a prefix of "Quê quán"
        (4, "Sở thích", None, "unused_data"),  # data that nothing would take
        (5, "Ngày sinh (dd/mm/yyyy)", "birth", "ambiguous"),  # the remark alone is not doubt
        (6, "Lương", None, "exact"),  # an empty column nobody needs to confirm
    ]
    assert "cột C, F" in reads[2].doubt and "“Ngày sinh”" in reads[2].doubt
    assert reads[3].doubt == "Tiêu đề “Quê quán gốc” chỉ gần giống “Quê quán”; hãy xác nhận cột này là Quê quán."
    assert reads[4].doubt.startswith("Cột “Sở thích” có dữ liệu nhưng không khớp thông tin nào")
    assert [r.index for r in reader.doubtful(table.match)] == [2, 3, 4, 5]


def test_column_samples_skip_the_header_and_numbering_rows(tmp_path):
    table = reader.open_table(_mapping_file(tmp_path), PEOPLE_COLUMNS)
    samples = reader.column_samples(table)
    assert samples[1] == ["Lò Thị Vân", "Nguyễn Văn An", "Quàng Văn Bình"]
    assert samples[2] == ["14/07/1985", "1980", "1990"]
    assert samples[5] == ["02/03/1979"]
    assert samples[6] == []  # titled, empty
    assert reader.column_samples(table, limit=1)[4] == ["Bóng chuyền"]


def test_the_officers_mapping_replaces_the_guess_and_clears_the_doubts(tmp_path):
    path = _mapping_file(tmp_path)
    table = reader.open_table(path, PEOPLE_COLUMNS, mapping={4: "note", 5: None, 3: "home_town"})
    match = table.match
    assert match.columns == {0: "row_no", 1: "full_name", 2: "birth", 3: "home_town", 4: "note"}
    assert [(r.index, r.field, r.confidence, r.doubt) for r in match.reads if r.index in (2, 3, 4, 5)] == [
        (2, "birth", "exact", ""),  # no longer one of two birth columns
        (3, "home_town", "chosen", ""),
        (4, "note", "chosen", ""),
        (5, None, "chosen", ""),
    ]
    assert reader.doubtful(match) == []
    assert match.unknown == ["Lương", "Ngày sinh (dd/mm/yyyy)"]  # the note lists the columns not used
    people = dict(reader.table_records(table))
    assert (people[5]["note"], people[6]["birth"], people[6]["note"]) == ("Bóng chuyền", "", "")


def test_a_mapping_naming_one_field_for_two_columns_is_refused_naming_both(tmp_path):
    path = _mapping_file(tmp_path)
    with pytest.raises(FileRefused) as caught:
        reader.open_table(path, PEOPLE_COLUMNS, mapping={3: "note", 4: "note"})
    assert caught.value.message == (
        "Cột D “Quê quán gốc” và cột E “Sở thích” cùng được chọn là “Ghi chú”; mỗi thông tin chỉ lấy từ một "
        "cột. Hãy đặt một trong hai cột là “không dùng”."
    )
    with pytest.raises(FileRefused) as caught:  # the detected duplicate, confirmed as it is
        reader.open_table(path, PEOPLE_COLUMNS, mapping={2: "birth"})
    assert "Cột C “Ngày sinh” và cột F “Ngày sinh (dd/mm/yyyy)”" in caught.value.message
    with pytest.raises(ValueError):
        reader.open_table(path, PEOPLE_COLUMNS, mapping={4: "hobby"})
    with pytest.raises(FileRefused) as caught:
        reader.open_table(path, PEOPLE_COLUMNS, mapping={1: None})
    assert "không còn cột “Họ và tên”" in caught.value.message
    # a name written across two columns is joined, so two full_name columns are allowed
    table = reader.open_table(path, PEOPLE_COLUMNS, mapping={4: "full_name", 5: None})
    assert dict(reader.table_records(table))[5]["full_name"] == "Lò Thị Vân Bóng chuyền"


def test_a_mapping_can_break_a_nam_nu_birth_pair(tmp_path):
    rows = [
        ["STT", "Họ và tên", "Ngày sinh", None, "Ghi chú"],
        [None, None, "Nam", "Nữ", None],
        [1, "Lò Thị Vân", None, "14/07/1985", ""],
        [2, "Nguyễn Văn An", "1979", None, ""],
    ]
    path = files.write_xlsx(tmp_path / "ds.xlsx", rows, merges=["C1:D1", "A1:A2", "B1:B2", "E1:E2"])
    table = reader.open_table(path, PEOPLE_COLUMNS)
    assert table.match.birth_by_gender == (2, 3)
    assert [(r.index, r.field) for r in table.match.reads if r.index in (2, 3)] == [(2, "birth"), (3, "birth")]
    kept = reader.open_table(path, PEOPLE_COLUMNS, mapping={2: "birth", 3: "birth"})
    assert kept.match.birth_by_gender == (2, 3)
    assert dict(reader.table_records(kept))[3] == {
        "row_no": 1.0,
        "full_name": "Lò Thị Vân",
        "note": "",
        "birth": "14/07/1985",
        "gender": "Nữ",
    }
    broken = reader.open_table(path, PEOPLE_COLUMNS, mapping={2: None})
    assert broken.match.birth_by_gender is None and broken.match.columns[3] == "birth"
    assert dict(reader.table_records(broken))[4]["birth"] == ""


def test_a_mapping_adding_a_birth_column_beside_a_nam_nu_pair_is_refused(tmp_path):
    rows = [
        ["STT", "Họ và tên", "Ngày sinh", None, "Năm sinh (ghi chú)"],
        [None, None, "Nam", "Nữ", None],
        [1, "Lò Thị Vân", None, "14/07/1985", "1985"],
    ]
    path = files.write_xlsx(tmp_path / "ds.xlsx", rows, merges=["C1:D1", "A1:A2", "B1:B2", "E1:E2"])
    with pytest.raises(FileRefused) as caught:
        reader.open_table(path, PEOPLE_COLUMNS, mapping={4: "birth"})
    assert caught.value.message.startswith("Cột C “Ngày sinh / Nam” và cột E “Năm sinh (ghi chú)” cùng được chọn")


def test_the_notes_follow_the_officers_mapping(tmp_path):
    rows = [
        ["STT", "Họ và tên", "Họ đệm", "Tên", "Năm sinh", "Đơn vị cũ"],
        [1, "Lò Thị Vân", "Lò Thị", "Vân", 1985, "Xã Mường Nhé"],
    ]
    path = files.write_xlsx(tmp_path / "ds.xlsx", rows)
    detected = reader.open_table(path, PEOPLE_COLUMNS).match
    assert [note[:40] for note in detected.notes] == [
        "Cột “Đơn vị cũ” không phải cột “Đơn vị” ",
        "Bảng có cả cột họ và tên đầy đủ (cột B) ",
    ]
    assert detected.read(5).candidates == ["unit"]
    mapped = reader.open_table(path, PEOPLE_COLUMNS, mapping={2: None, 3: None, 5: "note"}).match
    assert mapped.notes == []
    assert mapped.columns == {0: "row_no", 1: "full_name", 4: "birth", 5: "note"}


def test_a_labelled_title_above_the_header_is_not_read_as_a_band(tmp_path):
    rows = [
        ["DANH SÁCH CÁN BỘ, CÔNG CHỨC"],
        ["Đơn vị: UBND xã Thanh Nưa", None, None, None, "Biểu số: 01"],
        ["STT", "Họ và tên", "Năm sinh", "Sở thích", "Chức vụ"],
        [1, "Lò Thị Vân", 1985, "Bóng chuyền", "Chủ tịch UBND"],
    ]
    match = reader.open_table(files.write_xlsx(tmp_path / "ds.xlsx", rows), PEOPLE_COLUMNS).match
    assert (match.first_row, match.row_number) == (3, 3)
    assert [(r.header, r.field, r.confidence) for r in match.reads] == [
        ("STT", "row_no", "exact"),
        ("Họ và tên", "full_name", "exact"),
        ("Năm sinh", "birth", "exact"),
        ("Sở thích", None, "unused_data"),
        ("Chức vụ", "title", "exact"),
    ]


def test_a_column_is_named_by_its_letters_or_its_header():
    rows = [
        (1, ["STT", "Họ đệm", "Tên", "Trình độ đào tạo", None, "Ghi chú", "Ghi chú"]),
        (2, [None, None, None, "Trình độ", "Chuyên ngành", None, None]),
    ]
    match = find_header(rows, PEOPLE_COLUMNS, required_any=["full_name"])
    assert reader.column_index(match, "C") == 2
    assert reader.column_index(match, "aa") == 26
    assert reader.column_index(match, "ten") == 2  # "Tên", without its diacritics
    assert reader.column_index(match, "Trình độ đào tạo / Chuyên ngành") == 4
    assert reader.column_index(match, "Chuyên ngành") == 4
    with pytest.raises(ValueError, match="Có 2 cột tiêu đề “Ghi chú” \\(cột F, G\\)"):
        reader.column_index(match, "Ghi chú")
    with pytest.raises(ValueError, match="Không có cột “Lương”"):
        reader.column_index(match, "Lương")


def test_a_bracketed_remark_that_says_which_one_is_asked_about_a_format_hint_is_not():
    """ "Chức vụ (Đảng)" is a Party post, not necessarily the person's title: a loose reading the
    officer confirms. "Ngày sinh (dd/mm/yyyy)" and "Họ và tên (1)" only say how to write the cell."""
    rows = [
        (1, ["STT", "Họ và tên (1)", "Ngày sinh (dd/mm/yyyy)", "Chức vụ (Đảng)"]),
        (2, [1, "Lò Văn Páo", "12/03/1985", "Bí thư chi bộ"]),
    ]
    match = find_header(rows, PEOPLE_COLUMNS, required_any=["full_name"])
    reads = {r.header: (r.field, r.confidence) for r in match.reads}
    assert reads["Họ và tên (1)"] == ("full_name", "exact")
    assert reads["Ngày sinh (dd/mm/yyyy)"] == ("birth", "exact")
    assert reads["Chức vụ (Đảng)"][1] == "loose"
    assert [r.header for r in reader.doubtful(match)] == ["Chức vụ (Đảng)"]
