"""The Excel import of evaluation results: a real .xlsx (xlsxwriter) with title rows above the
header, Vietnamese abbreviations, the values stored, refused rows (row, column, value, reason),
nothing written on refusal or in a dry run, the cap counted over the whole file."""

import datetime
from decimal import Decimal

import pytest
import xlsxwriter
from django.core.management import CommandError, call_command

from canbo.careers.imports import import_evaluations, level_of, sanction_of
from canbo.careers.models import Evaluation
from canbo.core.models import ChangeLogEntry

D = datetime.date
HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Số định danh cá nhân (CCCD)",
    "Đơn vị",
    "Chức vụ",
    "Năm",
    "Điểm tự chấm",
    "Điểm",
    "Xếp loại",
    "Kỷ luật",
    "Ngày quyết định",
]


def _xlsx(path, rows):
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("KQ xep loai")
    sheet.write(0, 0, "UBND XÃ THANH NƯA")
    sheet.write(1, 0, "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÁN BỘ, CÔNG CHỨC")  # rows of several years
    for col, text in enumerate(HEADER):
        sheet.write(3, col, text)
    for r, row in enumerate(rows, start=4):
        for col, value in enumerate(row):
            if value is not None:
                sheet.write(r, col, value)
    book.close()
    return str(path)


def _row(n, name, birth, id_number, year, level, *, unit="", score=None, self_score=None, sanction="", day=""):
    return [n, name, birth, id_number, unit, "Chuyên viên", year, self_score, score, level, sanction, day]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("HTXSNV", "excellent"),
        ("Hoàn thành xuất sắc nhiệm vụ", "excellent"),
        ("HTTNV", "good"),
        ("Hoàn thành tốt", "good"),
        ("HTNV", "done"),
        ("Hoàn thành nhiệm vụ", "done"),
        ("Không hoàn thành", "failed"),
        ("KHTNV", "failed"),
        ("Giỏi", None),
    ],
)
def test_the_words_for_levels(text, level):
    assert level_of(text) == level


def test_the_words_for_sanctions():
    assert sanction_of("Khiển trách") == "reprimand"
    assert sanction_of("cảnh cáo") == "warning"
    assert sanction_of("") == "" and sanction_of("Không") == ""
    assert sanction_of("Phê bình") is None


@pytest.fixture
def team(tree, people, staff, as_user):
    """Commune A: Vân (ID number), Minh (in the office, found by name and birth year), 5 more."""
    return staff(5)


@pytest.mark.django_db
def test_a_valid_file_is_stored_with_its_values(tmp_path, people, personas, team, as_user):
    rows = [
        _row(1, "Lò Thị Vân", "12/03/1988", "011188001234", 2024, "HTXSNV", day="26/12/2024"),
        _row(2, "Lò Văn Minh", 1991, "", 2024, "Hoàn thành tốt", unit="P-THANHNUA-VP"),
        *[_row(3 + i, p.full_name, p.birth_year, "", 2024, "HTTNV") for i, p in enumerate(team)],
        _row(8, "Lò Thị Vân", "12/03/1988", "011188001234", 2023, "HTNV", sanction=""),
    ]
    path = _xlsx(tmp_path / "kq.xlsx", rows)
    with as_user("officer_a"):
        result = import_evaluations(path, unit=people["van"].unit)
    assert not result.errors, result.errors
    assert result.written and (result.created, result.updated) == (8, 0)
    assert result.header_row == 4
    van = Evaluation.unscoped.get(person=people["van"], year=2024)
    assert (van.level, van.decided_on, van.category, van.title, van.unit.code) == (
        "excellent",
        D(2024, 12, 26),
        "cong_chuc",
        "Chuyên viên",
        "P-THANHNUA",
    )
    assert van.scheme.code == "ND48-2023"
    minh = Evaluation.unscoped.get(person=people["minh"], year=2024)
    assert (minh.level, minh.unit.code) == ("good", "P-THANHNUA-VP")
    assert Evaluation.unscoped.get(person=people["van"], year=2023).level == "done"
    logged = ChangeLogEntry.unscoped.filter(content_type__model="evaluation", action="create")
    assert logged.count() == 8 and {e.user_id for e in logged} == {personas["officer_a"].pk}
    # the same file again updates nothing and creates nothing (one result per person and year)
    with as_user("officer_a"):
        again = import_evaluations(path, unit=people["van"].unit)
    assert (again.created, again.updated) == (0, 0) and Evaluation.unscoped.count() == 8


@pytest.mark.django_db
def test_scores_of_2026_give_the_level_and_a_contradiction_is_a_row_error(tmp_path, people, team, as_user):
    rows = [
        _row(1, team[0].full_name, team[0].birth_year, "", 2026, "", score=85, self_score="88,5"),
        _row(2, team[1].full_name, team[1].birth_year, "", 2026, "HTXSNV", score=75),
    ]
    path = _xlsx(tmp_path / "diem.xlsx", rows)
    with as_user("officer_a"):
        result = import_evaluations(path, unit=people["van"].unit, today=D(2027, 2, 1))
    assert result.invalid == 1 and not result.written
    (error,) = result.errors
    assert (error.row, error.column, error.value) == (6, "Xếp loại (cột J)", "HTXSNV")
    assert "75 điểm thuộc khung “Hoàn thành tốt nhiệm vụ” (từ 70 đến dưới 90 điểm)" in error.message
    assert "NĐ 335/2025/NĐ-CP" in error.message
    assert not Evaluation.unscoped.exists()  # nothing written while a row is refused
    with as_user("officer_a"):
        result = import_evaluations(path, unit=people["van"].unit, skip_invalid=True, today=D(2027, 2, 1))
    stored = Evaluation.unscoped.get()
    assert (stored.person_id, stored.level, stored.score, stored.self_score) == (
        team[0].pk,
        "good",
        Decimal("85.00"),
        Decimal("88.50"),
    )


@pytest.mark.django_db
def test_refused_rows_say_row_column_value_and_reason(tmp_path, tree, people, team, as_user):
    rows = [
        _row(1, "Lò Thị Vân", "12/03/1988", "011188001234", 2024, "Giỏi"),
        _row(2, team[0].full_name, team[0].birth_year, "", 2024, "HTTNV", sanction="Khiển trách"),
        _row(3, "Giàng A Páo", 1980, "", 2024, "HTNV"),  # commune B: not found among A's people
        _row(4, team[1].full_name, team[1].birth_year, "", "năm ngoái", "HTNV"),
        _row(5, team[2].full_name, team[2].birth_year, "", 2024, "HTNV", sanction="Phê bình"),
        _row(6, team[3].full_name, team[3].birth_year, "", 2024, "HTNV"),
        _row(7, team[3].full_name, team[3].birth_year, "", 2024, "HTTNV"),
    ]
    path = _xlsx(tmp_path / "loi.xlsx", rows)
    with as_user("officer_a"):
        result = import_evaluations(path, unit=tree["a"])
    found = {(e.row, e.column, e.value): e.message for e in result.errors}
    assert "Không hiểu xếp loại" in found[(5, "Xếp loại (cột J)", "Giỏi")]
    assert "Bị kỷ luật “Khiển trách”" in found[(6, "Xếp loại (cột J)", "HTTNV")]
    assert "NĐ 48/2023/NĐ-CP" in found[(6, "Xếp loại (cột J)", "HTTNV")]
    assert found[(7, "Họ và tên (cột B)", "Giàng A Páo")].startswith("Không tìm thấy Giàng A Páo (sinh 1980)")
    assert "4 chữ số" in found[(8, "Năm (cột G)", "năm ngoái")]
    assert "Không hiểu hình thức kỷ luật" in found[(9, "Kỷ luật (cột K)", "Phê bình")]
    assert "dòng 10 của tệp" in found[(11, "Họ và tên (cột B)", team[3].full_name)]
    assert result.invalid == 6 and result.valid == 1 and not result.written
    assert not Evaluation.unscoped.exists()


@pytest.mark.django_db
def test_an_id_number_outside_reach_is_refused_without_saying_whose(tmp_path, tree, people, as_user):
    from canbo.people import services as people_services

    people_services.person_update(person=people["pao"], id_number="011080004321")
    path = _xlsx(tmp_path / "b.xlsx", [_row(1, "Giàng A Páo", 1980, "011080004321", 2024, "HTNV")])
    with as_user("officer_a"):
        result = import_evaluations(path, unit=tree["a"])
    (error,) = result.errors
    assert error.column == "Số định danh cá nhân (cột D)" and "ngoài phạm vi quản lý" in error.message
    assert "Mường Nhé" not in error.message and not Evaluation.unscoped.exists()


@pytest.mark.django_db
def test_the_cap_is_counted_over_the_whole_file(tmp_path, tree, people, team, as_user):
    rows = [
        _row(1, "Lò Thị Vân", "12/03/1988", "011188001234", 2024, "HTXSNV"),
        *[_row(2 + i, p.full_name, p.birth_year, "", 2024, "HTTNV") for i, p in enumerate(team[:4])],
    ]
    path = _xlsx(tmp_path / "cap.xlsx", rows)
    with as_user("officer_a"):
        result = import_evaluations(path, unit=tree["a"])
    (error,) = result.errors
    assert error.row == 5 and error.value == "HTXSNV"
    assert error.message.startswith(
        "Đơn vị Xã Thanh Nưa năm 2024: 1 người xuất sắc vượt 20% của 4 người hoàn thành tốt"
    )
    assert not Evaluation.unscoped.exists()
    rows.append(_row(6, team[4].full_name, team[4].birth_year, "", 2024, "Hoàn thành tốt nhiệm vụ"))
    path = _xlsx(tmp_path / "cap2.xlsx", rows)
    with as_user("officer_a"):
        result = import_evaluations(path, unit=tree["a"])
    assert result.written and result.created == 6


@pytest.mark.django_db
def test_dry_run_writes_nothing_and_the_command(tmp_path, tree, people, team, capsys):
    path = _xlsx(tmp_path / "thu.xlsx", [_row(1, "Lò Thị Vân", "12/03/1988", "011188001234", 2024, "HTNV")])
    call_command("import", "evaluations", path, "--unit", "P-THANHNUA", "--dry-run", "--json")
    out = capsys.readouterr().out
    assert '"valid": 1' in out and '"created": 1' in out
    assert not Evaluation.unscoped.exists()
    call_command("import", "evaluations", path, "--unit", "P-THANHNUA")
    assert Evaluation.unscoped.get().level == "done"
    bad = _xlsx(tmp_path / "sai.xlsx", [_row(1, "Lò Thị Vân", "12/03/1988", "011188001234", 2024, "Giỏi")])
    with pytest.raises(CommandError) as refused:
        call_command("import", "evaluations", bad, "--unit", "P-THANHNUA")
    assert refused.value.returncode == 1
    assert Evaluation.unscoped.get().level == "done"


@pytest.mark.django_db
def test_a_file_without_year_or_result_is_refused_whole(tmp_path, tree, people, as_user):
    book = xlsxwriter.Workbook(str(tmp_path / "thieu.xlsx"))
    sheet = book.add_worksheet()
    for col, text in enumerate(["STT", "Họ và tên", "Số định danh cá nhân", "Xếp loại"]):
        sheet.write(0, col, text)
    for col, value in enumerate([1, "Lò Thị Vân", "011188001234", "HTNV"]):
        sheet.write(1, col, value)
    book.close()
    with as_user("officer_a"):
        result = import_evaluations(str(tmp_path / "thieu.xlsx"), unit=tree["a"])
    assert result.refused == "Tệp không có cột “Năm”; hãy thêm cột năm đánh giá."
    assert not result.written and not Evaluation.unscoped.exists()
