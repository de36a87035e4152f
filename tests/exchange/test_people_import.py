"""The people import as users run it: `canbo import people` and the service behind the pages.

Every file is written at test time the way offices write them (title rows, merged headers,
Nam/Nữ birth columns, signature blocks, loose spellings)."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from canbo.core.models import ChangeLogEntry
from canbo.people.imports import import_people
from canbo.people.models import Assignment, Person, PersonLevel
from tests.exchange.files import (
    to_cp1258,
    write_csv,
    write_fake_encrypted,
    write_ods,
    write_pdf,
    write_xlsx,
    write_zip_bomb,
)

D = datetime.date
TITLE = [["ỦY BAN NHÂN DÂN XÃ THANH NƯA"], ["DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ NĂM 2026"], []]
HEADER = [
    [
        "STT",
        "Họ và tên",
        "Ngày sinh",
        None,
        "Số CCCD",
        "Dân tộc",
        "Trình độ",
        None,
        None,
        "Chức vụ",
        "Đơn vị",
    ],
    [None, None, "Nam", "Nữ", None, None, "Chuyên môn", "LLCT", "QLNN", None, None],
]
MERGES = ["C4:D4", "G4:I4", "A4:A5", "B4:B5", "E4:E5", "F4:F5", "J4:J5", "K4:K5"]
FOOTER = [
    [],
    [None, "Người lập biểu", None, None, None, None, None, "THỦ TRƯỞNG ĐƠN VỊ"],
    [None, "(Ký, ghi rõ họ tên)"],
]


def office_file(path, rows):
    return write_xlsx(path, TITLE + HEADER + rows + FOOTER, merges=MERGES)


def run(path, unit="P-THANHNUA", *flags, **options):
    out = io.StringIO()
    options.update({f: True for f in flags})
    try:
        call_command("import", "people", str(path), unit=unit, json=True, stdout=out, **options)
        code = 0
    except CommandError as error:
        code = error.returncode
    return code, json.loads(out.getvalue()) if out.getvalue() else None


GOOD = [
    [
        1,
        "Lò Văn Hải",
        1985,
        None,
        "011085001111",
        "Thái",
        "Cử nhân Luật",
        "TC LLCT",
        "CV",
        "Chủ tịch UBND",
        "",
    ],
    [
        2,
        "Quàng Thị Lan",
        None,
        "12/03/1990",
        None,
        "Thai",
        "ĐH Kế toán",
        "Trung cấp chính trị",
        None,
        "Công chức",
        "P-THANHNUA-VP",
    ],
    [],
    [
        3,
        "Giàng A Sử",
        D(1979, 5, 1),
        None,
        11079002222,
        "H'Mông",
        "Thạc sỹ",
        "CC LLCT",
        "CVC",
        None,
        "Văn phòng HĐND và UBND xã Thanh Nưa",
    ],
]


def test_it_reads_an_office_file_with_title_rows_merged_headers_and_a_signature_block(tree, reference, tmp_path):
    from canbo.standards.seed import seed_standards
    from canbo.training.reference_data import seed_programme_kinds

    seed_programme_kinds()
    seed_standards()  # the title catalogue the categories are inferred from (no "Loại" column)
    code, report = run(office_file(tmp_path / "ds.xlsx", GOOD))
    assert code == 0, report
    notes = report.pop("notes")
    columns = [(c["column"], c["header"], c["field"], c["confidence"]) for c in report.pop("columns")]
    assert columns[:2] == [("A", "STT", "row_no", "exact"), ("B", "Họ và tên", "full_name", "exact")]
    assert [(c[0], c[1].split(" / ")[-1], c[2], c[3]) for c in columns[2:4]] == [
        ("C", "Nam", "birth", "exact"),
        ("D", "Nữ", "birth", "exact"),
    ]
    assert report == {
        "rows": 3,
        "valid": 3,
        "invalid": 0,
        "created": 3,
        "updated": 0,
        "errors": [],
        "sheet": "Danh sách",
        "tables": ["Danh sách"],
        "warnings": [
            {
                "row": 6,
                "column": "Chức vụ (cột J)",
                "value": "Chủ tịch UBND",
                "message": "loại cán bộ suy ra từ chức danh: Cán bộ.",
            },
            {
                "row": 7,
                "column": "Chức vụ (cột J)",
                "value": "Công chức",
                "message": "loại cán bộ suy ra từ chức danh: Công chức.",
            },
        ],
    }
    assert notes == [
        "Chức vụ (cột J), dòng 6: loại cán bộ suy ra từ chức danh: Cán bộ.",
        "Chức vụ (cột J), dòng 7: loại cán bộ suy ra từ chức danh: Công chức.",
    ]
    categories = dict(Assignment.unscoped.values_list("person__full_name", "category"))
    assert categories == {"Lò Văn Hải": "can_bo", "Quàng Thị Lan": "cong_chuc", "Giàng A Sử": ""}
    hai = Person.unscoped.get(id_number="011085001111")
    assert (hai.gender, hai.birth_year, hai.birth_date, hai.ethnicity.name) == ("male", 1985, None, "Thái")
    levels = {pl.ladder.code: (pl.level.label, pl.field) for pl in PersonLevel.objects.filter(person=hai)}
    assert levels == {
        "professional": ("Đại học", "Luật"),
        "politics": ("Trung cấp", ""),
        "state_mgmt": ("Chuyên viên", ""),
    }
    lan = Person.unscoped.get(full_name="Quàng Thị Lan")
    assert (lan.gender, lan.birth_date, lan.unit.code) == ("female", D(1990, 3, 12), "P-THANHNUA-VP")
    su = Person.unscoped.get(full_name="Giàng A Sử")
    assert su.id_number == "011079002222" and su.ethnicity.name == "Mông" and su.unit.code == "P-THANHNUA-VP"
    assert PersonLevel.objects.get(person=su, ladder__code="politics").level.label == "Cao cấp"
    assert Assignment.unscoped.get(person=hai).title == "Chủ tịch UBND"


def test_a_second_import_updates_instead_of_duplicating(tree, reference, tmp_path):
    path = office_file(tmp_path / "ds.xlsx", GOOD)
    run(path)
    code, report = run(path)
    assert code == 0 and report["created"] == 0 and report["updated"] == 3
    assert Person.unscoped.count() == 3


def test_an_invalid_row_stops_the_whole_import_and_says_why(tree, reference, tmp_path):
    rows = [
        *GOOD,
        [4, "Sai Trình Độ", 1980, None, None, "Kinh", "Đại hok", "TC", None, None, None],
        [5, "Ngày Sai", None, "31/02/1990", None, "Kinh", None, None, None, None, None],
        [6, "Thiếu Ngày Sinh", None, None, None, "Kinh", None, None, None, None, None],
        [7, "Sai Số", 1980, None, "12345", "Kinh", None, None, None, None, None],
        [8, "Sai Đơn Vị", 1980, None, None, "Kinh", None, None, None, None, "Xã Mường Nhé"],
        [9, "Sai Dân Tộc", 1980, None, None, "Thaii", None, None, None, None, None],
    ]
    code, report = run(office_file(tmp_path / "ds.xlsx", rows))
    assert code == 1
    assert report["rows"] == 9 and report["valid"] == 3 and report["invalid"] == 6
    assert Person.unscoped.count() == 0
    by_row = {e["row"]: e for e in report["errors"]}
    level = by_row[10]
    assert level["column"].startswith("Trình độ chuyên môn") and level["value"] == "Đại hok"
    assert "Đại học" in level["message"]
    assert "31/02/1990" in by_row[11]["value"] and by_row[11]["column"].startswith("Ngày sinh")
    assert "số định danh" in by_row[12]["message"].lower()
    assert by_row[13]["column"].startswith("Số định danh") and "12 chữ số" in by_row[13]["message"]
    assert "Xã Mường Nhé" in by_row[14]["message"] and "Xã Thanh Nưa" in by_row[14]["message"]
    assert "Thái" in by_row[15]["message"]


def test_skip_invalid_writes_the_valid_rows_and_reports_the_rest(tree, reference, tmp_path):
    rows = [*GOOD, [4, "Ngày Sai", None, "31/02/1990", None, "Kinh", None, None, None, None, None]]
    code, report = run(office_file(tmp_path / "ds.xlsx", rows), "P-THANHNUA", "skip_invalid")
    assert code == 0 and report["created"] == 3 and report["invalid"] == 1
    assert Person.unscoped.count() == 3


def test_a_dry_run_writes_nothing(tree, reference, tmp_path):
    code, report = run(office_file(tmp_path / "ds.xlsx", GOOD), "P-THANHNUA", "dry_run")
    assert code == 0 and report["created"] == 3
    assert Person.unscoped.count() == 0


def test_duplicates_within_the_file_are_reported(tree, reference, tmp_path):
    rows = [
        [1, "Lò Văn Hải", 1985, None, "011085001111", "Thái", None, None, None, None, None],
        [2, "Lò Văn Hải B", 1986, None, "011085001111", "Thái", None, None, None, None, None],
        [3, "Lò Thị Mai", None, "01/01/1990", None, "Thái", None, None, None, None, None],
        [4, "Lò Thị Mai", None, "01/01/1990", None, "Thái", None, None, None, None, None],
    ]
    code, report = run(office_file(tmp_path / "ds.xlsx", rows))
    assert code == 1
    messages = {e["row"]: e["message"] for e in report["errors"]}
    assert "dòng 6" in messages[7] and "dòng 8" in messages[9]


def test_a_matching_id_number_updates_that_person(people, tmp_path):
    rows = [[1, "Lò Thị Vân", None, "12/03/1988", "011188001234", "Thái", "Thạc sĩ Luật", None, None, None, None]]
    code, report = run(office_file(tmp_path / "ds.xlsx", rows))
    assert code == 0 and report["updated"] == 1 and report["created"] == 0
    assert PersonLevel.objects.get(person=people["van"], ladder__code="professional").level.label == "Thạc sĩ"
    entry = ChangeLogEntry.unscoped.get(origin="import", action="update", object_id=str(people["van"].pk))
    assert entry.label.startswith("canbo import people")
    assert entry.after["qualifications_added"] == ["CM: Thạc sĩ Luật"]


def test_a_simple_header_without_diacritics_and_text_dates(tree, reference, tmp_path):
    rows = [
        ["HO TEN", "GIOI TINH", "NGAY SINH", "SO DINH DANH", "DAN TOC", "TDCM", "LY LUAN CHINH TRI"],
        ["Lường Văn Tiến", "Nam", "05/06/1987", "", "Thái", "Kỹ sư nông nghiệp", "Sơ cấp"],
        ["Sùng Thị Dua", "nữ", "1992", "", "Mèo", "Cao đẳng", ""],
    ]
    code, report = run(write_xlsx(tmp_path / "s.xlsx", rows, top=3))
    assert code == 0, report
    tien = Person.unscoped.get(full_name="Lường Văn Tiến")
    assert tien.birth_date == D(1987, 6, 5)
    assert PersonLevel.objects.get(person=tien, ladder__code="professional").field.lower() == "nông nghiệp"
    dua = Person.unscoped.get(full_name="Sùng Thị Dua")
    assert (dua.gender, dua.birth_year, dua.ethnicity.name) == ("female", 1992, "Mông")


def test_csv_in_windows_1258_is_read(tree, reference, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_bytes(to_cp1258("Họ và tên;Năm sinh;Dân tộc\r\nLò Thị Hoa;1990;Thái\r\n"))
    code, report = run(path)
    assert code == 0, report
    assert Person.unscoped.get(full_name="Lò Thị Hoa").ethnicity.name == "Thái"


def test_csv_in_utf8_and_ods_are_read(tree, reference, tmp_path):
    write_csv(tmp_path / "a.csv", [["Họ tên", "Năm sinh"], ["Lò Văn Một", "1980"]], bom=True)
    write_ods(tmp_path / "b.ods", [["Họ và tên", "Năm sinh"], ["Lò Văn Hai", "1981"]])
    assert run(tmp_path / "a.csv")[0] == 0
    assert run(tmp_path / "b.ods")[0] == 0
    assert Person.unscoped.filter(full_name__in=["Lò Văn Một", "Lò Văn Hai"]).count() == 2


@pytest.mark.parametrize(
    "maker, words",
    [
        (write_pdf, "không phải bảng tính"),
        (write_fake_encrypted, "mật khẩu"),
        (write_zip_bomb, "bất thường"),
    ],
)
def test_files_that_are_not_plain_spreadsheets_are_refused(tree, reference, tmp_path, maker, words):
    path = maker(tmp_path / "x.xlsx")
    code, report = run(path)
    assert code == 1
    assert words in report["refused"].lower()
    assert Person.unscoped.count() == 0


def test_the_service_reports_every_rows_status(tree, reference, tmp_path):
    result = import_people(office_file(tmp_path / "ds.xlsx", GOOD), unit=tree["a"], dry_run=True)
    assert [s[:2] for s in result.statuses] == [[6, "created"], [7, "created"], [9, "created"]]
