"""The parts of the column mapping that need no database: `--map` specs, how a column is named
(letter or header text), and the header signature saved mappings are remembered by."""

import pytest

from canbo.tabular.mapping import (
    MappingError,
    check_choices,
    column_index,
    header_signature,
    letter,
    parse_specs,
    resolve,
)
from canbo.tabular.reader import ColumnRead

FIELDS = {"row_no": "STT", "full_name": "Họ và tên", "birth": "Ngày sinh", "note": "Ghi chú", "professional": "TĐCM"}
READS = [
    ColumnRead(0, "TT", "row_no", "exact"),
    ColumnRead(1, "Họ và tên", "full_name", "exact"),
    ColumnRead(2, "C", None, "unused_data"),  # a column titled with a lone letter
    ColumnRead(3, "Trình độ đào tạo / Chuyên môn", "professional", "loose"),
    ColumnRead(4, "Ghi chú", "note", "exact"),
]


def test_letters_and_indexes():
    assert [letter(j) for j in (0, 2, 25, 26, 27)] == ["A", "C", "Z", "AA", "AB"]
    assert [column_index(t) for t in ("A", "c", "AA", " ab ")] == [0, 2, 26, 27]
    assert column_index("Họ") is None and column_index("ABCD") is None


def test_specs_name_a_column_and_a_field_or_nothing():
    assert parse_specs(["C=given_name", "Họ = family_name", "D=", "E=none", "F=-"]) == {
        "C": "given_name",
        "Họ": "family_name",
        "D": None,
        "E": None,
        "F": None,
    }
    for bad in ("C", "=full_name", ""):
        with pytest.raises(MappingError):
            parse_specs([bad])


def test_a_column_is_found_by_letter_by_header_or_by_its_sub_title():
    mapping = {"E": None, "họ và tên": "full_name", "Chuyên môn": "professional", "TT": "row_no"}
    assert resolve(mapping, READS, FIELDS) == {4: None, 1: "full_name", 3: "professional", 0: "row_no"}
    # "C" is both column C's letter and column C's own title: no doubt
    assert resolve({"C": "note"}, READS, FIELDS) == {2: "note"}


def test_a_text_naming_two_columns_or_none_is_refused():
    reads = [*READS, ColumnRead(5, "A", None, "exact")]  # a column titled "A", not column A
    with pytest.raises(MappingError, match="vừa là chữ cái của cột A vừa là tiêu đề của cột F"):
        resolve({"A": "note"}, reads, FIELDS)
    with pytest.raises(MappingError, match="Có 2 cột có tiêu đề “Ghi chú”"):
        resolve({"Ghi chú": "note"}, [*READS, ColumnRead(7, "Ghi chú", None, "exact")], FIELDS)
    with pytest.raises(MappingError, match=r"Không có cột “Quê quán”.*B “Họ và tên”"):
        resolve({"Quê quán": "note"}, READS, FIELDS)
    with pytest.raises(MappingError, match=r"Không có thông tin “hobby” \(cột E\).*full_name \(Họ và tên\)"):
        resolve({"E": "hobby"}, READS, FIELDS)
    with pytest.raises(MappingError, match="Cột E được chọn hai lần"):
        resolve({"E": "note", "Ghi chú": None}, READS, FIELDS)


def test_the_signature_ignores_spelling_but_not_the_columns():
    one = header_signature([(0, "STT"), (1, "Họ và tên"), (2, "Năm sinh")])
    assert header_signature([(1, "HỌ VÀ TÊN "), (0, "stt"), (2, "Năm\nsinh"), (3, "")]) == one
    assert header_signature([(0, "STT"), (1, "Họ và tên"), (3, "Năm sinh")]) != one
    assert header_signature([(0, "STT"), (1, "Họ và tên"), (2, "Năm sinh"), (3, "Ghi chú")]) != one


def test_the_preview_rules_before_reading_again():
    columns = [
        {"column": "A", "header": "Họ và tên", "field": "full_name"},
        {"column": "B", "header": "Ngày sinh / Nam", "field": "birth"},
        {"column": "C", "header": "Nữ", "field": "birth"},
        {"column": "D", "header": "Ghi chú", "field": "note"},
    ]
    check_choices(columns, {1: "birth", 2: "birth"}, FIELDS)  # a Nam | Nữ pair stays one birth date
    with pytest.raises(MappingError, match="Cột B “Ngày sinh / Nam” và cột D “Ghi chú”"):
        check_choices(columns, {3: "birth", 2: None}, FIELDS)
    with pytest.raises(MappingError, match="Không còn cột nào được chọn là “Họ và tên”"):
        check_choices(columns, {0: None}, FIELDS)
    check_choices(columns, {0: None, 3: "given_name"}, {**FIELDS, "given_name": "Tên"})  # a name part will do
