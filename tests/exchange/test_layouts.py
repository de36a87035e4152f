"""Layouts real offices use that were misread without a word (issue 13): split name columns, headers
over three rows, other wordings of the same column, columns that must not be mistaken, and the
workbook whose first sheet is a blank template. Each file is written the way offices write them
(title rows, merged bands, a numbering row, a signature block) and imported through the command;
the tests assert the values stored and how each column was read."""

import datetime

import openpyxl
import pytest

from canbo.people.headers import PEOPLE_COLUMNS
from canbo.people.models import Assignment, Person, PersonLevel
from canbo.tabular import reader
from tests.exchange.files import write_xlsx
from tests.exchange.test_people_import import run

D = datetime.date
TITLE = [
    ["ỦY BAN NHÂN DÂN XÃ THANH NƯA", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    [None, None, None, None, "Độc lập - Tự do - Hạnh phúc"],
    ["DANH SÁCH TRÍCH NGANG CÁN BỘ, CÔNG CHỨC XÃ NĂM 2026"],
    [],
]
SIGNATURE = [
    [],
    [None, None, None, None, "Thanh Nưa, ngày 15 tháng 01 năm 2026"],
    [None, "Người lập biểu", None, None, "CHỦ TỊCH"],
    [None, "(Ký, ghi rõ họ tên)", None, None, "(Ký tên, đóng dấu)"],
]


def reads_of(path, **options) -> dict[str, tuple]:
    """{header shown: (field, confidence)} as the preview's column mapping lists them."""
    table = reader.open_table(path, PEOPLE_COLUMNS, **options)
    return {r.header: (r.field, r.confidence) for r in table.match.reads}


def levels(person) -> dict[str, tuple[str, str]]:
    return {pl.ladder.code: (pl.level.label, pl.field) for pl in PersonLevel.objects.filter(person=person)}


# ------------------------------------------------------------------------------ 1. split name columns


@pytest.mark.parametrize("family", ["Họ", "Họ và tên đệm", "Họ, chữ đệm", "Họ đệm"])
def test_a_name_split_into_family_and_given_columns_is_stored_whole(tree, reference, tmp_path, family):
    rows = [
        *TITLE,
        ["STT", family, "Tên", "Năm sinh", "Giới tính", "Số định danh cá nhân", "Chức vụ"],
        [1, 2, 3, 4, 5, 6, 7],
        [1, "Trần Thị Song", "Hà", 1988, "Nữ", "011188003333", "Phó Chủ tịch UBND"],
        [2, "Lò Văn", "Páo", 1990, "Nam", "011090004444", "Công chức Địa chính"],
        [3, "Giàng A", "Sử", 1979, "Nam", "011079002222", None],
        *SIGNATURE,
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", rows)
    assert reads_of(path)[family] == ("family_name", "exact")
    assert reads_of(path)["Tên"] == ("given_name", "exact")

    code, report = run(path)

    assert code == 0, report
    assert (report["rows"], report["created"]) == (3, 3)
    stored = dict(Person.unscoped.values_list("id_number", "full_name"))
    assert stored == {
        "011188003333": "Trần Thị Song Hà",
        "011090004444": "Lò Văn Páo",
        "011079002222": "Giàng A Sử",
    }
    assert Assignment.unscoped.get(person__id_number="011188003333").title == "Phó Chủ tịch UBND"


def test_a_full_name_column_beside_split_columns_is_not_doubled(tree, reference, tmp_path):
    """ "Họ và tên" then "Họ đệm" | "Tên" (kept for sorting by given name): the full column wins; a row
    whose full name was left blank takes the parts; the note says so."""
    rows = [
        *TITLE,
        ["STT", "Họ và tên", "Họ đệm", "Tên", "Ngày sinh", "Số CCCD"],
        [1, "Trần Thị Song Hà", "Trần Thị Song", "Hà", "12/03/1988", "011188003333"],
        [2, "Lò Văn Páo", "Lò Văn", "Páo", "01/02/1990", "011090004444"],
        [3, None, "Quàng Thị", "Lan", "05/06/1992", "011192005555"],
        *SIGNATURE,
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", rows)

    code, report = run(path)

    assert code == 0, report
    stored = dict(Person.unscoped.values_list("id_number", "full_name"))
    assert stored == {
        "011188003333": "Trần Thị Song Hà",  # not "Trần Thị Song Hà Hà"
        "011090004444": "Lò Văn Páo",
        "011192005555": "Quàng Thị Lan",
    }
    assert any(
        note.startswith("Bảng có cả cột họ và tên đầy đủ (cột B) và cột họ, tên tách riêng (cột C, D)")
        for note in report["notes"]
    ), report["notes"]


def test_a_lone_ten_column_is_the_full_name_but_asks_for_confirmation(tree, reference, tmp_path):
    rows = [*TITLE, ["TT", "Tên", "Năm sinh"], [1, "Lò Thị Vân", 1985], [2, "Cầm Văn Bảo", 1990], *SIGNATURE]
    path = write_xlsx(tmp_path / "ds.xlsx", rows)
    table = reader.open_table(path, PEOPLE_COLUMNS)
    [doubt] = reader.doubtful(table.match)
    assert (doubt.header, doubt.field, doubt.confidence, doubt.candidates) == (
        "Tên",
        "full_name",
        "loose",
        ["given_name"],
    )
    assert "được hiểu là cả họ và tên" in doubt.doubt

    code, report = run(path)
    assert code == 1 and not Person.unscoped.exists(), report  # asked, not guessed: nothing written
    code, report = run(path, map=["Tên=full_name"])
    assert code == 0, report
    assert set(Person.unscoped.values_list("full_name", flat=True)) == {"Lò Thị Vân", "Cầm Văn Bảo"}


# ---------------------------------------------------------------------------- 2. three-row headers


def test_a_three_row_header_with_bands_nam_nu_and_a_numbering_row(tree, reference, tmp_path):
    """The provincial CBCC template: "Ngày tháng năm sinh" over "Nam | Nữ"; "Trình độ đào tạo" over
    "Chuyên môn" (itself over "Trình độ | Chuyên ngành") and "Lý luận chính trị" over "Trình độ";
    a numbering row under the header."""
    header = [
        [
            "STT",
            "Họ và tên",
            "Ngày tháng năm sinh",
            None,
            "Số định danh cá nhân",
            "Chức vụ",
            "Trình độ đào tạo",
            None,
            None,
            None,
            "Ghi chú",
        ],
        [None, None, "Nam", "Nữ", None, None, "Chuyên môn", None, "Lý luận chính trị", "Quản lý nhà nước", None],
        [None, None, None, None, None, None, "Trình độ", "Chuyên ngành", "Trình độ", None, None],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)"],
    ]
    people = [
        [
            1,
            "Lò Thị Vân",
            None,
            "14/07/1985",
            "011185001234",
            "Chủ tịch UBND",
            "Đại học",
            "Luật",
            "Trung cấp",
            "Chuyên viên",
            None,
        ],
        [
            2,
            "Nguyễn Văn An",
            "02/03/1979",
            None,
            "001079001234",
            "Công chức Tư pháp",
            "Thạc sĩ",
            "Quản lý công",
            "Cao cấp",
            None,
            "Chuyển đến từ tỉnh khác",
        ],
    ]
    merges = ["A5:A7", "B5:B7", "C5:D5", "C6:C7", "D6:D7", "E5:E7", "F5:F7", "G5:J5", "G6:H6", "J6:J7", "K5:K7"]
    path = write_xlsx(tmp_path / "ds.xlsx", [*TITLE, *header, *people, *SIGNATURE], merges=merges)

    table = reader.open_table(path, PEOPLE_COLUMNS)
    assert (table.match.first_row, table.match.row_number) == (5, 7)
    assert [(r.header, r.field, r.confidence) for r in table.match.reads] == [
        ("STT", "row_no", "exact"),
        ("Họ và tên", "full_name", "exact"),
        ("Ngày tháng năm sinh / Nam", "birth", "exact"),
        ("Ngày tháng năm sinh / Nữ", "birth", "exact"),
        ("Số định danh cá nhân", "id_number", "exact"),
        ("Chức vụ", "title", "exact"),
        ("Trình độ đào tạo / Chuyên môn / Trình độ", "professional", "exact"),
        ("Trình độ đào tạo / Chuyên môn / Chuyên ngành", "professional_field", "exact"),
        ("Trình độ đào tạo / Lý luận chính trị / Trình độ", "politics", "exact"),
        ("Trình độ đào tạo / Quản lý nhà nước", "state_mgmt", "exact"),
        ("Ghi chú", "note", "exact"),
    ]
    assert reader.doubtful(table.match) == []

    code, report = run(path)

    assert code == 0, report
    van = Person.unscoped.get(id_number="011185001234")
    assert (van.full_name, van.gender, van.birth_date) == ("Lò Thị Vân", "female", D(1985, 7, 14))
    assert levels(van) == {
        "professional": ("Đại học", "Luật"),
        "politics": ("Trung cấp", ""),
        "state_mgmt": ("Chuyên viên", ""),
    }
    an = Person.unscoped.get(id_number="001079001234")
    assert (an.gender, an.birth_date) == ("male", D(1979, 3, 2))
    assert levels(an) == {"professional": ("Thạc sĩ", "Quản lý công"), "politics": ("Cao cấp", "")}


def test_a_two_row_header_whose_sub_titles_take_the_bands_meaning(tree, reference, tmp_path):
    """ "Trình độ" under "Trình độ đào tạo" is the professional level, under "Lý luận chính trị" the
    political one; "Chuyên ngành" is the field of study."""
    rows = [
        *TITLE,
        ["TT", "Họ và tên", "Năm sinh", "Trình độ đào tạo", None, "Lý luận chính trị", "Ngày vào Đảng"],
        [None, None, None, "Trình độ", "Chuyên ngành", "Trình độ", None],
        [1, 2, 3, 4, 5, 6, 7],
        [1, "Quàng Văn Bình", 1980, "Cao đẳng", "Kế toán", "Sơ cấp", "19/05/2010"],
        *SIGNATURE,
    ]
    merges = ["A5:A6", "B5:B6", "C5:C6", "D5:E5", "G5:G6"]
    path = write_xlsx(tmp_path / "ds.xlsx", rows, merges=merges)
    reads = reads_of(path)
    assert reads["Trình độ đào tạo / Trình độ"] == ("professional", "exact")
    assert reads["Trình độ đào tạo / Chuyên ngành"] == ("professional_field", "exact")
    assert reads["Lý luận chính trị / Trình độ"] == ("politics", "exact")

    code, report = run(path)

    assert code == 0, report
    binh = Person.unscoped.get(full_name="Quàng Văn Bình")
    assert levels(binh) == {"professional": ("Cao đẳng", "Kế toán"), "politics": ("Sơ cấp", "")}
    assert (binh.party_member, binh.party_joined_on) == (True, D(2010, 5, 19))


def test_a_bare_trinh_do_column_is_asked_about_not_guessed(tmp_path):
    rows = [["STT", "Họ và tên", "Năm sinh", "Trình độ"], [1, "Lò Thị Vân", 1985, "Đại học"]]
    table = reader.open_table(write_xlsx(tmp_path / "ds.xlsx", rows), PEOPLE_COLUMNS)
    [doubt] = reader.doubtful(table.match)
    assert (doubt.header, doubt.field, doubt.confidence) == ("Trình độ", None, "ambiguous")
    assert doubt.doubt.startswith("Tiêu đề “Trình độ” không nói rõ là trình độ gì")


# ------------------------------------------------------------------------------- 3. header synonyms


@pytest.mark.parametrize(
    "id_title, party_title, title_title, unit_title",
    [
        ("CMND", "Ngày vào Đảng", "Chức danh", "Cơ quan"),
        ("Số CMND", "Ngày kết nạp Đảng", "Tên chức vụ", "Đơn vị công tác"),
        ("CMND/CCCD", "Ngày kết nạp", "Chức vụ hiện tại", "Phòng (Đơn vị)"),
        ("Số CCCD", "Ngày kết nạp", "Chức vụ", "Đơn vị công tác"),
        ("Số định danh cá nhân", "Ngày vào Đảng", "Chức danh", "Cơ quan"),
    ],
)
def test_other_wordings_of_the_id_party_title_and_unit_columns(
    tree, reference, tmp_path, id_title, party_title, title_title, unit_title
):
    rows = [
        *TITLE,
        ["STT", "Họ và tên", "Ngày sinh", id_title, party_title, title_title, unit_title],
        [1, "Lò Văn Hải", "01/02/1985", "011085001111", "03/02/2012", "Văn phòng - Thống kê", "P-THANHNUA-VP"],
        [2, "Quàng Thị Lan", "12/03/1990", "011190002222", None, "Chủ tịch UBND", "Xã Thanh Nưa"],
        *SIGNATURE,
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", rows)
    reads = reads_of(path)
    assert [reads[t] for t in (id_title, party_title, title_title, unit_title)] == [
        ("id_number", "exact"),
        ("party_joined_on", "exact"),
        ("title", "exact"),
        ("unit", "exact"),
    ]

    code, report = run(path)

    assert code == 0, report
    hai = Person.unscoped.get(id_number="011085001111")
    assert (hai.party_member, hai.party_joined_on, hai.unit.code) == (True, D(2012, 2, 3), "P-THANHNUA-VP")
    assert Assignment.unscoped.get(person=hai).title == "Văn phòng - Thống kê"
    lan = Person.unscoped.get(id_number="011190002222")
    assert (lan.party_member, lan.party_joined_on, lan.unit.code) == (False, None, "P-THANHNUA")
    assert Assignment.unscoped.get(person=lan).title == "Chủ tịch UBND"


# ----------------------------------------------------------------- 4. columns that must not be mistaken


def test_a_priority_group_is_not_the_staff_category(tree, reference, tmp_path):
    rows = [
        *TITLE,
        ["STT", "Họ và tên", "Năm sinh", "Loại", "Đối tượng ưu tiên"],
        [1, "Lò Văn Hải", 1985, "Công chức", "Con thương binh"],
        [2, "Quàng Thị Lan", 1990, None, "Người dân tộc thiểu số"],
        *SIGNATURE,
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", rows)
    reads = reads_of(path)
    assert reads["Loại"] == ("category", "exact")
    assert reads["Đối tượng ưu tiên"] == (None, "exact")  # recognised, and left unused: no doubt

    code, report = run(path)

    assert code == 0, report
    categories = dict(Assignment.unscoped.values_list("person__full_name", "category"))
    assert categories == {"Lò Văn Hải": "cong_chuc", "Quàng Thị Lan": ""}
    assert "Cột “Đối tượng ưu tiên” không phải cột “Loại” nên không dùng" in " ".join(report["notes"])


def test_a_priority_column_alone_does_not_refuse_every_row(tree, reference, tmp_path):
    rows = [["Họ và tên", "Năm sinh", "Đối tượng ưu tiên"], ["Lò Văn Hải", 1985, "Con liệt sĩ"]]
    code, report = run(write_xlsx(tmp_path / "ds.xlsx", rows))
    assert code == 0, report  # once read as the category: "Không nhận ra loại “Con liệt sĩ”"
    assert Assignment.unscoped.get(person__full_name="Lò Văn Hải").category == ""


@pytest.mark.parametrize(
    "old, new",
    [("Đơn vị cũ", "Đơn vị mới"), ("Đơn vị đi", "Đơn vị đến"), ("Nơi công tác cũ", "Nơi chuyển đến")],
)
def test_in_a_transfer_list_the_persons_unit_is_the_destination(tree, reference, tmp_path, old, new):
    rows = [
        ["DANH SÁCH CÁN BỘ, CÔNG CHỨC CHUYỂN CÔNG TÁC ĐẾN XÃ THANH NƯA"],
        [],
        ["STT", "Họ và tên", "Năm sinh", old, new, "Chức vụ"],
        [1, "Lò Văn Hải", 1985, "Xã Mường Nhé", "Văn phòng HĐND và UBND xã Thanh Nưa", "Công chức Văn phòng"],
        [2, "Quàng Thị Lan", 1990, "Huyện Điện Biên", "P-THANHNUA", "Công chức Tư pháp"],
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", rows)
    reads = reads_of(path)
    assert (reads[old], reads[new]) == ((None, "exact"), ("unit", "exact"))

    code, report = run(path)

    assert code == 0, report
    units = dict(Person.unscoped.values_list("full_name", "unit__code"))
    assert units == {"Lò Văn Hải": "P-THANHNUA-VP", "Quàng Thị Lan": "P-THANHNUA"}


def test_a_transfer_list_with_bands_for_the_old_and_new_posts(tree, reference, tmp_path):
    rows = [
        ["STT", "Họ và tên", "Năm sinh", "Nơi công tác cũ", None, "Nơi công tác mới", None],
        [None, None, None, "Đơn vị", "Chức vụ", "Đơn vị", "Chức vụ"],
        [1, "Lò Văn Hải", 1985, "Xã Mường Nhé", "Chủ tịch UBND", "P-THANHNUA-VP", "Công chức Văn phòng"],
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", rows, merges=["A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:G1"])
    reads = reads_of(path)
    assert reads["Nơi công tác cũ / Đơn vị"] == (None, "exact")
    assert reads["Nơi công tác cũ / Chức vụ"] == (None, "exact")
    assert reads["Nơi công tác mới / Đơn vị"] == ("unit", "exact")
    assert reads["Nơi công tác mới / Chức vụ"] == ("title", "exact")

    code, report = run(path)

    assert code == 0, report
    assignment = Assignment.unscoped.get(person__full_name="Lò Văn Hải")
    assert (assignment.unit.code, assignment.title) == ("P-THANHNUA-VP", "Công chức Văn phòng")


def test_two_columns_for_one_field_and_unread_data_are_marked_not_guessed(tmp_path):
    rows = [
        ["STT", "Họ và tên", "Năm sinh", "Chức vụ", "Chức danh", "Hệ số lương", "Quê quán gốc"],
        [1, "Lò Văn Hải", 1985, "Chủ tịch UBND", "Chuyên viên", 3.66, "Thanh Nưa"],
    ]
    table = reader.open_table(write_xlsx(tmp_path / "ds.xlsx", rows), PEOPLE_COLUMNS)
    doubts = {r.header: (r.field, r.confidence) for r in reader.doubtful(table.match)}
    assert doubts == {
        "Chức vụ": ("title", "ambiguous"),
        "Chức danh": ("title", "ambiguous"),
        "Hệ số lương": (None, "unused_data"),
        "Quê quán gốc": ("home_town", "loose"),
    }
    # the officer keeps "Chức vụ", drops "Chức danh", confirms the rest: nothing left to confirm
    confirmed = reader.open_table(
        write_xlsx(tmp_path / "ds2.xlsx", rows), PEOPLE_COLUMNS, mapping={4: None, 5: None, 6: "home_town"}
    )
    assert reader.doubtful(confirmed.match) == []
    assert dict(reader.table_records(confirmed))[2]["title"] == "Chủ tịch UBND"


# --------------------------------------------------------------------------------------- 6. which sheet


def test_the_sheet_with_the_most_rows_is_read_not_the_blank_template_before_it(tree, reference, tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    wb = openpyxl.Workbook()
    template = wb.active
    template.title = "Mẫu"  # the template's full header, no one under it
    template.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC (MẪU)"])
    template.append(
        ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Dân tộc", "Chức vụ", "Trình độ chuyên môn"]
    )
    template.append([1, 2, 3, 4, 5, 6, 7, 8])
    template.append([None, "Người lập biểu", None, None, None, "THỦ TRƯỞNG ĐƠN VỊ"])
    data = wb.create_sheet("DS xã Thanh Nưa")
    data.append(["STT", "Họ và tên", "Ngày sinh", "Số CCCD"])
    data.append([1, "Lò Văn Hải", "01/02/1985", "011085001111"])
    data.append([2, "Quàng Thị Lan", "12/03/1990", "011190002222"])
    data.append([3, "Giàng A Sử", "05/01/1979", "011079002222"])
    wb.save(path)

    code, report = run(path)

    assert code == 0, report
    assert (report["sheet"], report["created"], report["tables"]) == ("DS xã Thanh Nưa", 3, ["DS xã Thanh Nưa"])
    assert report["notes"][0] == (
        "Đọc trang tính “DS xã Thanh Nưa” (trang có dòng tiêu đề danh sách); bỏ qua các trang “Mẫu”."
    )
    assert Person.unscoped.get(id_number="011190002222").full_name == "Quàng Thị Lan"


def test_of_two_lists_the_longer_is_read_and_the_other_offered(tree, reference, tmp_path):
    path = tmp_path / "theo-loai.xlsx"
    wb = openpyxl.Workbook()
    cadres = wb.active
    cadres.title = "Cán bộ"
    cadres.append(["STT", "Họ và tên", "Năm sinh", "Chức vụ", "Dân tộc", "Tôn giáo"])
    cadres.append([1, "Lò Văn Hải", 1985, "Chủ tịch UBND", "Thái", "Không"])
    servants = wb.create_sheet("Công chức")
    servants.append(["STT", "Họ và tên", "Năm sinh"])
    for n, name in enumerate(["Quàng Thị Lan", "Lò Thị Hoa", "Cầm Văn Bảo"], 1):
        servants.append([n, name, 1990 + n])
    wb.save(path)

    code, report = run(path)

    assert code == 0, report
    assert (report["sheet"], report["tables"], report["created"]) == ("Công chức", ["Cán bộ", "Công chức"], 3)
    assert any("“Cán bộ” cũng có danh sách nhưng không được đọc" in note for note in report["notes"])
    assert set(Person.unscoped.values_list("full_name", flat=True)) == {"Quàng Thị Lan", "Lò Thị Hoa", "Cầm Văn Bảo"}
