"""Turning what people type into staff spreadsheets into clean values, with Vietnamese reasons."""

import datetime
import unicodedata

import pytest

from canbo.tabular.normalise import (
    LevelMatcher,
    Problem,
    _keyed,
    clean_text,
    fold,
    match_key,
    parse_birth,
    parse_bool_yes,
    parse_date,
    parse_gender,
    parse_id_number,
)

D = datetime.date
TODAY = D(2025, 6, 1)

PROFESSIONAL = [
    ("so_cap", "Sơ cấp", ["sơ cấp", "SC"]),
    ("trung_cap", "Trung cấp", ["trung cấp", "TC"]),
    ("cao_dang", "Cao đẳng", ["cao đẳng", "CĐ"]),
    (
        "dai_hoc",
        "Đại học",
        ["đại học", "ĐH", "cử nhân", "CN", "kỹ sư", "KS", "bác sĩ", "dược sĩ", "kiến trúc sư"],
    ),
    ("thac_si", "Thạc sĩ", ["thạc sĩ", "thạc sỹ", "ThS", "cao học"]),
    ("tien_si", "Tiến sĩ", ["tiến sĩ", "tiến sỹ", "TS"]),
    ("tskh", "Tiến sĩ khoa học", ["tiến sĩ khoa học", "TSKH"]),
]


def reason(function, value, **kwargs) -> str:
    with pytest.raises(ValueError) as caught:
        function(value, **kwargs)
    return str(caught.value)


# ---------------------------------------------------------------------------------------------- text


def test_it_cleans_cell_text():
    decomposed = unicodedata.normalize("NFD", "Lò Thị Vân")
    assert clean_text(f"  {decomposed}\n\u00a0 ") == "Lò Thị Vân"
    assert clean_text(decomposed) == unicodedata.normalize("NFC", "Lò Thị Vân")
    assert clean_text("Nguyễn\u200b  Văn\tAn") == "Nguyễn Văn An"
    assert clean_text(12.0) == "12"
    assert clean_text(12.5) == "12.5"
    assert clean_text(None) == ""
    assert clean_text(float("nan")) == ""
    assert clean_text(D(1980, 5, 2)) == "02/05/1980"
    assert clean_text(datetime.datetime(1980, 5, 2)) == "02/05/1980"


def test_it_folds_and_keys_vietnamese_text():
    assert fold("Lò  Thị Vân") == "lo thi van"
    assert fold("ĐẢNG VIÊN") == "dang vien"
    assert match_key("Ngày, tháng,\nnăm sinh:") == "ngay thang nam sinh"
    assert match_key("Thạc sỹ") == match_key("thạc sĩ") == "thac si"
    assert match_key("Kỹ sư") == match_key("kĩ sư")
    assert match_key("Lý luận") == match_key("lí luận")
    assert match_key("Quy hoạch") == "quy hoach"  # "uy" keeps its y


def test_it_has_a_problem_record():
    problem = Problem("Không đọc được ngày", suggestion="02/05/1980")
    assert problem.message == "Không đọc được ngày" and problem.suggestion == "02/05/1980"
    assert Problem("x").suggestion is None


# --------------------------------------------------------------------------------------------- birth


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.datetime(1985, 7, 14, 0, 0), (D(1985, 7, 14), 1985)),
        (D(1985, 7, 14), (D(1985, 7, 14), 1985)),
        (31242, (D(1985, 7, 14), 1985)),  # an Excel serial number
        (31242.0, (D(1985, 7, 14), 1985)),
        (1985, (None, 1985)),  # four digits alone: a year, not serial 1985 (1905)
        (1985.0, (None, 1985)),
        ("1985", (None, 1985)),
        ("14/07/1985", (D(1985, 7, 14), 1985)),
        ("4/7/1985", (D(1985, 7, 4), 1985)),
        ("14-07-1985", (D(1985, 7, 14), 1985)),
        ("14.07.1985", (D(1985, 7, 14), 1985)),
        ("14 / 07 / 1985", (D(1985, 7, 14), 1985)),
        ("1985-07-14", (D(1985, 7, 14), 1985)),
        ("14/07/1985 00:00:00", (D(1985, 7, 14), 1985)),
        ("07/1985", (None, 1985)),
        ("ngày 14 tháng 7 năm 1985", (D(1985, 7, 14), 1985)),
        ("14/07/85", (D(1985, 7, 14), 1985)),  # two-digit year: the century giving a working age
        ("14.7.02", (D(2002, 7, 14), 2002)),
        ("14-7-1985", (D(1985, 7, 14), 1985)),
        ("31242", (D(1985, 7, 14), 1985)),  # an Excel serial that became text
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_it_reads_a_birth_date_in_every_usual_form(value, expected):
    assert parse_birth(value, today=TODAY) == expected


def test_it_refuses_impossible_future_and_implausible_births():
    assert reason(parse_birth, "31/02/1980", today=TODAY) == "31/02/1980 không phải ngày có thật."
    assert "chưa đủ 15 tuổi" in reason(parse_birth, "14/07/15", today=TODAY)  # 1915 or 2015: neither works
    assert "kiểu Mỹ" in reason(parse_birth, "7/14/1985", today=TODAY)
    assert "ở tương lai" in reason(parse_birth, "01/01/2030", today=TODAY)
    assert "ở tương lai" in reason(parse_birth, 2030, today=TODAY)
    assert "quá 100 tuổi" in reason(parse_birth, "1910", today=TODAY)
    assert "chưa đủ 15 tuổi" in reason(parse_birth, "01/01/2015", today=TODAY)
    assert "Tháng 13" in reason(parse_birth, "13/1985", today=TODAY)
    assert reason(parse_birth, "không rõ", today=TODAY).startswith("Không đọc được ngày “không rõ”")
    assert reason(parse_birth, True, today=TODAY).startswith("Không đọc được ngày")


def test_it_checks_age_on_the_day_given():
    assert parse_birth("02/06/2010", today=D(2025, 6, 2)) == (D(2010, 6, 2), 2010)
    assert "chưa đủ 15 tuổi" in reason(parse_birth, "02/06/2010", today=D(2025, 6, 1))


def test_it_reads_full_dates_and_refuses_partial_ones():
    assert parse_date("19/05/2005") == D(2005, 5, 19)
    assert parse_date(datetime.datetime(2005, 5, 19)) == D(2005, 5, 19)
    assert parse_date(38491) == D(2005, 5, 19)
    assert parse_date("") is None
    assert parse_date(None) is None
    assert "cần ngày đầy đủ" in reason(parse_date, "2005")
    assert "cần ngày đầy đủ" in reason(parse_date, "05/2005")
    assert reason(parse_date, "30/02/2005") == "30/02/2005 không phải ngày có thật."


# ------------------------------------------------------------------------------------ gender, yes/no


@pytest.mark.parametrize("value", ["Nam", "nam", "NAM", "M", "male", "Ông"])
def test_it_reads_male(value):
    assert parse_gender(value) == "male"


@pytest.mark.parametrize("value", ["Nữ", "nữ", "nu", "NỮ", "F", "female", "Bà"])
def test_it_reads_female(value):
    assert parse_gender(value) == "female"


def test_it_refuses_digits_and_unknown_genders():
    assert parse_gender("") is None and parse_gender(None) is None
    assert reason(parse_gender, 1.0) == "Giới tính “1” không rõ; hãy ghi “Nam” hoặc “Nữ”."
    assert "không rõ" in reason(parse_gender, "0")
    assert "không rõ" in reason(parse_gender, "Khác")


@pytest.mark.parametrize("value", ["x", "X", "Có", "có", "1", 1.0, "Đảng viên", "ĐV", True, "✓", D(2005, 5, 19)])
def test_it_reads_a_tick_as_yes(value):
    assert parse_bool_yes(value) is True


def test_it_reads_blank_and_no():
    assert parse_bool_yes("") is None and parse_bool_yes(None) is None
    assert parse_bool_yes("Không") is False
    assert parse_bool_yes("0") is False
    assert parse_bool_yes(0.0) is False
    assert parse_bool_yes(False) is False
    assert "Không hiểu giá trị “có lẽ”" in reason(parse_bool_yes, "có lẽ")


# ------------------------------------------------------------------------------------------- ID number


def test_it_reads_id_numbers_and_repairs_what_excel_did_to_them():
    assert parse_id_number("001079001234") == "001079001234"
    assert parse_id_number("'001079001234") == "001079001234"
    assert parse_id_number("001 079 001 234") == "001079001234"
    assert parse_id_number("001.079.001.234") == "001079001234"
    assert parse_id_number(11090001234.0) == "011090001234"  # lost one leading zero
    assert parse_id_number(11090001234) == "011090001234"
    assert parse_id_number(1079001234.0) == "001079001234"  # province 001 lost two
    assert parse_id_number("11090001234.0") == "011090001234"  # a number written out by a script
    assert parse_id_number("") is None and parse_id_number(None) is None


def test_it_says_what_is_wrong_with_an_id_number():
    assert reason(parse_id_number, "123456789012") == (
        "Số định danh 123456789012: 3 chữ số đầu là mã tỉnh, phải từ 001 đến 096 (đang là 123)."
    )
    assert reason(parse_id_number, "0010790012") == "Số định danh phải có đúng 12 chữ số; giá trị có 10 chữ số."
    eleven = reason(parse_id_number, "11090001234")  # text is never padded, but the likely fix is said
    assert eleven.startswith("Số định danh phải có đúng 12 chữ số; giá trị có 11 chữ số. Có lẽ Excel đã bỏ số 0")
    assert "(số đúng là 011090001234?)" in eleven
    assert "CMND" in reason(parse_id_number, "012345678")
    assert "12 chữ số" in reason(parse_id_number, 123456789.0)
    assert "số mũ" in reason(parse_id_number, "1.1109E+11")
    assert "chỉ được gồm chữ số" in reason(parse_id_number, "00107900123A")
    assert "097" in reason(parse_id_number, "097079001234")


# --------------------------------------------------------------------------------------------- levels


@pytest.fixture
def professional():
    return LevelMatcher("Trình độ chuyên môn", PROFESSIONAL)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Cử nhân Luật", ("dai_hoc", "Luật")),
        ("ĐH Kế toán", ("dai_hoc", "Kế toán")),
        ("đh kế toán", ("dai_hoc", "kế toán")),
        ("Đại học", ("dai_hoc", "")),
        ("DAI HOC - Luat", ("dai_hoc", "Luat")),
        ("Đại học (Luật)", ("dai_hoc", "Luật")),
        ("Kỹ sư nông nghiệp", ("dai_hoc", "nông nghiệp")),
        ("Kĩ sư xây dựng", ("dai_hoc", "xây dựng")),
        ("ThS QLKT", ("thac_si", "QLKT")),
        ("Thạc sỹ Quản lý công", ("thac_si", "Quản lý công")),
        ("Thạc sĩ Quản lý công", ("thac_si", "Quản lý công")),
        ("TS Kinh tế", ("tien_si", "Kinh tế")),
        ("TSKH Vật lý", ("tskh", "Vật lý")),
        ("Tiến sĩ khoa học", ("tskh", "")),
        ("CN Kinh tế", ("dai_hoc", "Kinh tế")),
        ("CNTT", (None, "CNTT")),  # "CN" stops at a word boundary
        ("TC Kế toán", ("trung_cap", "Kế toán")),
        ("Cao đẳng sư phạm", ("cao_dang", "sư phạm")),
        ("", (None, "")),
        (None, (None, "")),
        ("Luật", (None, "Luật")),
    ],
)
def test_it_matches_a_level_at_the_start_of_a_loose_text(professional, value, expected):
    assert professional.match(value) == expected


def test_it_suggests_the_closest_level(professional):
    assert professional.suggest("Đai hoc") == "Đại học"
    assert professional.suggest("Thac xi kinh te") == "Thạc sĩ"
    assert professional.suggest("Tien sy") == "Tiến sĩ"
    assert professional.suggest("Trung cap ke toan") == "Trung cấp"
    assert professional.suggest("Bơi lội") is None
    assert professional.suggest("") is None


def test_it_reads_a_school_grade_excel_turned_into_a_date():
    general = LevelMatcher("Giáo dục phổ thông", [("9_12", "9/12", ["9/12"]), ("12_12", "12/12", ["12/12", "THPT"])])
    assert general.match(D(2025, 12, 12)) == ("12_12", "")
    assert general.match(D(2025, 12, 9)) == ("9_12", "")
    assert general.match("12/12") == ("12_12", "")
    assert general.match("THPT") == ("12_12", "")


@pytest.mark.parametrize(
    "text",
    [
        "Ngày, tháng,\nnăm sinh:",
        "Thạc sỹ QLKT",
        "ĐH-Kế toán",
        "  Lý  luận\tchính trị ",
        "Kỹ sư_nông nghiệp",
        "Số CMND/CCCD",
    ],
)
def test_it_cuts_levels_with_the_same_key_it_compares(text):
    assert _keyed(text)[1] == match_key(text)


# ------------------------------------------------------------------------------- old CMND numbers


def test_a_nine_digit_cmnd_is_an_old_number_not_an_error_to_whoever_keeps_it():
    from canbo.tabular.normalise import OldIdNumber, parse_old_id_number

    with pytest.raises(OldIdNumber) as caught:
        parse_id_number("040 123 456")
    assert caught.value.digits == "040123456"
    with pytest.raises(OldIdNumber) as caught:
        parse_id_number(40123456.0)  # typed as a number: Excel dropped the province's leading zero
    assert caught.value.digits == "040123456"
    assert parse_old_id_number("040123456") == "040123456" and parse_old_id_number(None) is None
    assert reason(parse_old_id_number, "011085001111") == (
        "Số CMND cũ phải có đúng 9 chữ số; “011085001111” không phải. Số 12 chữ số ghi vào cột số định danh cá nhân."
    )
    assert reason(parse_old_id_number, "12345").startswith("Số CMND cũ phải có đúng 9 chữ số")


# ------------------------------------------------------------------------------------ e-mail, phone


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("hai.lv@dienbien.gov.vn", "hai.lv@dienbien.gov.vn"),
        (" mailto:Lan.QT@gmail.com ", "Lan.QT@gmail.com"),
        ("", ""),
        (None, ""),
    ],
)
def test_it_accepts_e_mail_addresses(value, expected):
    from canbo.tabular.normalise import parse_email

    assert parse_email(value) == expected


def test_it_refuses_what_is_not_an_e_mail_address_saying_why():
    from canbo.tabular.normalise import parse_email

    assert reason(parse_email, "vhtram") == (
        "“vhtram” không phải địa chỉ thư điện tử: thiếu dấu @ và tên miền (ví dụ ten@dienbien.gov.vn)."
    )
    assert reason(parse_email, "ads@a") == (
        "“ads@a” không phải địa chỉ thư điện tử hợp lệ: sau dấu @ phải là tên miền đầy đủ (ví dụ ten@dienbien.gov.vn)."
    )
    assert reason(parse_email, "a@x.vn; b@y.vn") == (
        "Ô thư điện tử “a@x.vn; b@y.vn” có nhiều hơn một địa chỉ; mỗi người chỉ ghi một địa chỉ."
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("(+84) 987-654-321", "0987654321"),
        ("84912345678", "0912345678"),
        (912345678, "0912345678"),  # typed as a number: Excel dropped the 0
        (912345678.0, "0912345678"),
        ("0215 3825 123", "02153825123"),  # a landline: 02 + area code, 11 digits since 2017
        ("'0386123456", "0386123456"),
        ("0912345678 - 0215.3825.123", "0912345678, 02153825123"),
        ("", ""),
        (None, ""),
    ],
)
def test_it_reads_vietnamese_phone_numbers_as_digits(value, expected):
    from canbo.tabular.normalise import parse_phone

    assert parse_phone(value) == expected


def test_it_refuses_what_is_not_a_phone_number_saying_why():
    from canbo.tabular.normalise import parse_phone

    assert reason(parse_phone, "123").startswith("Số điện thoại “123” không hợp lệ: số di động có 10 chữ số")
    assert reason(parse_phone, "0412345678").startswith("Số điện thoại “0412345678” không hợp lệ")
    assert "chỉ được gồm chữ số" in reason(parse_phone, "09x2345678")
    assert "đã đổi sang 10 chữ số" in reason(parse_phone, "0168 234 5678")
    assert "chỉ được gồm chữ số" in reason(parse_phone, "０９１２３４５６７８")  # full-width digits


# ------------------------------------------------------------------------- loose spellings, old names


def test_a_spelling_key_keeps_the_marks_but_not_their_placement_case_or_punctuation():
    from canbo.tabular.normalise import spelling_key

    assert spelling_key("Thạc Sỹ") == spelling_key("thạc sĩ")
    assert spelling_key("TC-LLCT") == spelling_key("tc llct")
    assert spelling_key("Hoá học") == spelling_key("hóa học")
    assert spelling_key("cơ bàn") != spelling_key("cơ bản")
    assert spelling_key("Dai hoc") != spelling_key("Đại học")


def test_a_reading_says_when_diacritics_were_dropped_or_wrong(professional):
    reading = professional.read("Dai hoc - Luat")
    assert (reading.code, reading.rest, reading.written, reading.loose) == ("dai_hoc", "Luat", "Dai hoc", True)
    assert professional.read("Đại Học Luật").loose is False
    assert professional.read("ĐH Kế toán").loose is False
    assert professional.read("Thạc sỹ QLKT").loose is False
    assert professional.read("Thac si").loose is True
    assert professional.read("Tiến sỉ").loose is True  # hỏi for ngã
    assert professional.read("Luật") is None


def test_old_names_are_read_as_the_level_that_replaced_them_and_flagged():
    it = LevelMatcher(
        "Tin học",
        [
            (
                "co_ban",
                "Chứng chỉ ứng dụng CNTT cơ bản",
                ["Cơ bản", "Ứng dụng CNTT cơ bản"],
                ["Chứng chỉ B tin học", "B"],
            ),
            ("nang_cao", "Chứng chỉ ứng dụng CNTT nâng cao", ["Nâng cao"]),
        ],
    )
    old = it.read("Chứng chỉ B tin học")
    assert (old.code, old.old_name, old.loose) == ("co_ban", True, False)
    assert it.read("chứng chỉ b tin hoc").loose is True
    assert it.read("cơ bàn").code == "co_ban" and it.read("cơ bàn").loose
    assert it.read("nâng cáo").code == "nang_cao"
    assert it.read("Ứng dụng CNTT cơ bản").old_name is False
    assert it.match_all("Cơ bản; Nâng cao") == [("co_ban", ""), ("nang_cao", "")]


# ------------------------------------------------------------------------------ language test scores


@pytest.fixture
def tests_scales():
    from decimal import Decimal

    from canbo.people.reference_data import LANGUAGE_TESTS
    from canbo.tabular.normalise import TestScale

    return [
        TestScale(
            t["name"], tuple(t["spellings"]), Decimal(t["low"]), Decimal(t["high"]), Decimal(t["step"]), t["language"]
        )
        for t in LANGUAGE_TESTS
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("IELTS 6.5", ("IELTS", "6.5", None)),
        ("IELTS 6,5", ("IELTS", "6.5", None)),
        ("Chứng chỉ IELTS 7.0 (C1)", ("IELTS", "7.0", 5)),
        ("TOEIC 550", ("TOEIC", "550", None)),
        ("TOEFL iBT 80", ("TOEFL iBT", "80", None)),
        ("TOEFL ITP 500", ("TOEFL ITP", "500", None)),
        ("VSTEP B2", ("VSTEP", None, 4)),
        ("VSTEP.3-5 bậc 3", ("VSTEP", None, 3)),
        ("VSTEP 6.0", ("VSTEP", "6.0", None)),
        ("Tiếng Anh B1", None),
        ("B", None),
        ("", None),
    ],
)
def test_it_reads_a_language_test_and_its_score(tests_scales, value, expected):
    from decimal import Decimal

    from canbo.tabular.normalise import read_language_test

    found = read_language_test(value, tests_scales)
    if expected is None:
        assert found is None
    else:
        test, score, level = expected
        assert (found.test, found.score, found.level) == (test, Decimal(score) if score else None, level)
        assert found.language == "Tiếng Anh"


def test_it_refuses_a_score_the_test_cannot_give(tests_scales):
    from canbo.tabular.normalise import read_language_test

    assert reason(read_language_test, "IELTS 65", tests=tests_scales) == (
        "Điểm IELTS “65” không có thật: thang điểm từ 0 đến 9, bước 0,5."
    )
    assert reason(read_language_test, "IELTS 6.3", tests=tests_scales).startswith("Điểm IELTS “6,3” không có thật")
    assert reason(read_language_test, "TOEFL iBT 500", tests=tests_scales).startswith("Điểm TOEFL iBT “500”")
    assert reason(read_language_test, "IELTS", tests=tests_scales).startswith("“IELTS”: thiếu điểm IELTS")


def test_a_score_is_written_back_as_certificates_write_it():
    from decimal import Decimal

    from canbo.tabular.normalise import score_text

    assert [score_text(Decimal(v)) for v in ("6.5", "6.0", "550.0", "80.0")] == ["6.5", "6.0", "550", "80"]
    assert score_text(None) == ""
