"""Qualifications in their official wordings, language-test scores, old CMND numbers, and checked
e-mail addresses and phone numbers — read from lists as offices write them, through `canbo import
people` (issue 13, items 3, 5 and 7).

The files are written at test time: the commune's title rows, a header band "Trình độ" over its
sub-columns, a numbering row 1, 2, 3…, and the signature block."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from canbo.people.models import Level, Person, PersonLevel, Qualification
from tests.exchange.files import write_xlsx

D = datetime.date
TITLE = [
    ["ỦY BAN NHÂN DÂN XÃ THANH NƯA", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    [None, None, None, None, "Độc lập - Tự do - Hạnh phúc"],
    ["DANH SÁCH TRÍCH NGANG CÁN BỘ, CÔNG CHỨC XÃ NĂM 2026"],
    [],
]
# Row 5: the header and its band; row 6: the sub-columns; row 7: the numbering row.
HEADER = [
    [
        "STT",
        "Họ và tên",
        "Ngày sinh",
        None,
        "Số CMND/CCCD",
        "Trình độ",
        None,
        None,
        None,
        "Số điện thoại",
        "Email",
        "Chức vụ",
    ],
    [None, None, "Nam", "Nữ", None, "Chuyên môn", "LLCT", "Tin học", "Ngoại ngữ", None, None, None],
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
]
MERGES = ["C5:D5", "F5:I5", "A5:A6", "B5:B6", "E5:E6", "J5:J6", "K5:K6", "L5:L6"]
FOOTER = [
    [],
    [None, "Người lập biểu", None, None, None, None, None, "CHỦ TỊCH UBND XÃ"],
    [None, "(Ký, ghi rõ họ tên)", None, None, None, None, None, "(Ký tên, đóng dấu)"],
]
FIRST = 8  # the first person's row in the sheet


def commune_file(path, rows):
    return write_xlsx(path, TITLE + HEADER + rows + FOOTER, merges=MERGES)


def run(path, unit="P-THANHNUA", **options):
    out = io.StringIO()
    try:
        call_command("import", "people", str(path), unit=unit, json=True, stdout=out, **options)
        code = 0
    except CommandError as error:
        code = error.returncode
    return code, json.loads(out.getvalue())


def person(name):
    return Person.unscoped.get(full_name=name)


def levels_of(p):
    return {pl.ladder.code: (pl.level.label, pl.field) for pl in PersonLevel.objects.filter(person=p)}


ROWS = [
    # Old IT certificate B, the old English certificate B, a mobile written with dots.
    [1, "Lò Văn Hải", 1985, None, "011085001111", "ĐH Luật", "TC LLCT", "Chứng chỉ B tin học", "Tiếng Anh B",
     "0912.345.678", "hai.lv@dienbien.gov.vn", "Chủ tịch UBND"],
    # A 9-digit CMND; "cơ bàn" with a wrong tone mark; "Trình độ B1" is the framework's Bậc 3; a landline.
    [2, "Quàng Thị Lan", None, "12/03/1990", "040123456", "Đại học Kế toán", "Sơ cấp", "Ứng dụng CNTT cơ bàn",
     "Anh văn trình độ B1", "0215 3825 123", None, "Công chức Tài chính - kế toán"],
    # IELTS with its score; "nâng cáo" and "Dai hoc" without their proper marks; +84 form.
    [3, "Giàng A Sử", 1979, None, 11079002222, "Dai hoc Nông nghiệp", "Trung cấp", "nâng cáo", "IELTS 6.5",
     "+84 987 654 321", "su.ga@gmail.com", "Phó Chủ tịch UBND"],
    # TOEIC (a row of the table not confirmed for after 2021) and VSTEP written with its level.
    [4, "Lò Thị Mai", None, "05/06/1992", "011192003333", "Cao đẳng", None, "TH A", "TOEIC 550; VSTEP B2",
     None, None, "Công chức Văn hóa - xã hội"],
]  # fmt: skip


@pytest.fixture
def imported(tree, reference, tmp_path):
    code, report = run(commune_file(tmp_path / "trich-ngang.xlsx", ROWS))
    assert code == 0, report
    return report


def test_it_certificates_are_stored_in_the_official_wording_and_old_ones_read_as_co_ban(imported):
    assert levels_of(person("Lò Văn Hải"))["it"] == ("Chứng chỉ ứng dụng CNTT cơ bản", "")
    assert levels_of(person("Quàng Thị Lan"))["it"] == ("Chứng chỉ ứng dụng CNTT cơ bản", "")
    assert levels_of(person("Giàng A Sử"))["it"] == ("Chứng chỉ ứng dụng CNTT nâng cao", "")
    assert levels_of(person("Lò Thị Mai"))["it"] == ("Chứng chỉ ứng dụng CNTT cơ bản", "")
    # The reason is data, on the level, with its source.
    co_ban = Level.objects.get(ladder__code="it", code="co_ban")
    assert "TTLT 17/2016/TTLT-BGDĐT-BTTTT" in co_ban.note and "Chứng chỉ B tin học" in co_ban.old_names


def test_languages_keep_the_old_certificates_apart_from_the_framework_and_keep_the_language(imported):
    assert levels_of(person("Lò Văn Hải"))["foreign_language"] == ("Chứng chỉ B", "Tiếng Anh")
    assert levels_of(person("Quàng Thị Lan"))["foreign_language"] == ("Bậc 3", "Tiếng Anh")


def test_a_test_score_is_stored_with_the_score_and_mapped_by_the_dated_table(imported):
    ielts = Qualification.unscoped.get(person=person("Giàng A Sử"), ladder__code="foreign_language")
    assert (ielts.level.label, ielts.field, ielts.test_name, ielts.score) == (
        "Bậc 4",
        "Tiếng Anh",
        "IELTS",
        Decimal("6.5"),
    )
    assert ielts.note == "IELTS 6.5 = Bậc 4 theo TT 23/2021/TT-BGDĐT"
    mai = {
        q.test_name: (q.level.label, q.score, q.note)
        for q in Qualification.unscoped.filter(person=person("Lò Thị Mai"), ladder__code="foreign_language")
    }
    assert mai == {
        "TOEIC": ("Bậc 3", Decimal("550"), "TOEIC 550 = Bậc 3 theo TT 05/2012/TT-BGDĐT (dòng chưa xác nhận)"),
        "VSTEP": ("Bậc 4", None, "VSTEP Bậc 4"),
    }
    assert levels_of(person("Lò Thị Mai"))["foreign_language"] == ("Bậc 4", "Tiếng Anh")


def test_a_nine_digit_cmnd_is_kept_as_the_old_number_and_the_row_is_valid_with_a_note(imported):
    lan = person("Quàng Thị Lan")
    assert (lan.id_number, lan.old_id_number, lan.birth_date) == (None, "040123456", D(1990, 3, 12))
    assert imported["invalid"] == 0 and imported["created"] == 4
    assert {
        "row": FIRST + 1,
        "column": "Số định danh cá nhân (cột E)",
        "value": "040123456",
        "message": "Số CMND cũ 9 chữ số, đã lưu vào số CMND cũ; cần bổ sung số định danh cá nhân.",
    } in imported["warnings"]


def test_loose_spellings_and_old_names_are_read_and_listed_in_the_notes(imported):
    by_value = {(w["row"], w["value"]): w for w in imported["warnings"]}
    assert by_value[(FIRST + 1, "Ứng dụng CNTT cơ bàn")]["message"] == (
        "Đọc “Ứng dụng CNTT cơ bàn” là “Chứng chỉ ứng dụng CNTT cơ bản” (sai hoặc thiếu dấu); hãy kiểm tra lại."
    )
    assert by_value[(FIRST + 2, "nâng cáo")]["column"] == "Tin học (cột H)"
    assert by_value[(FIRST + 2, "Dai hoc Nông nghiệp")]["message"].startswith("Đọc “Dai hoc” là “Đại học”")
    old_b = by_value[(FIRST, "Chứng chỉ B tin học")]["message"]
    assert old_b.startswith("“Chứng chỉ B tin học” là tên gọi cũ, được ghi là “Chứng chỉ ứng dụng CNTT cơ bản”.")
    assert "khoản 2 Điều 23 TTLT 17/2016/TTLT-BGDĐT-BTTTT" in old_b
    assert "chưa xác nhận" in by_value[(FIRST + 3, "TOEIC 550; VSTEP B2")]["message"]
    # "ĐH Luật", "TC LLCT", "Đại học Kế toán" are written as accepted: no note for them.
    assert not any(w["value"] in ("ĐH Luật", "TC LLCT", "Đại học Kế toán", "Sơ cấp") for w in imported["warnings"])
    # The preview shows the notes, one line per column and reading.
    assert "Tin học (cột H), dòng 10: Đọc “nâng cáo” là “Chứng chỉ ứng dụng CNTT nâng cao”" in " ".join(
        imported["notes"]
    )
    assert levels_of(person("Giàng A Sử"))["professional"] == ("Đại học", "Nông nghiệp")


def test_phone_numbers_are_stored_as_digits(imported):
    assert person("Lò Văn Hải").phone == "0912345678"
    assert person("Quàng Thị Lan").phone == "02153825123"
    assert person("Giàng A Sử").phone == "0987654321"
    assert person("Giàng A Sử").email == "su.ga@gmail.com"


def test_bad_e_mail_addresses_and_phone_numbers_refuse_the_row_saying_why(tree, reference, tmp_path):
    rows = [
        [1, "Lò Văn Hải", 1985, None, "011085001111", "Đại học", None, None, None, "123", "vhtram", None],
        [2, "Quàng Thị Lan", None, 1990, "011190001112", "Đại học", None, None, None, "0912345678", "ads@a", None],
        [3, "Lò Thị Mai", None, 1992, "011192003333", "Đại học", None, None, None, "01682345678", None, None],
    ]
    code, report = run(commune_file(tmp_path / "sai.xlsx", rows))
    assert code == 1 and report["invalid"] == 3 and not Person.unscoped.exists()
    assert report["errors"] == [
        {
            "row": FIRST,
            "column": "Số điện thoại (cột J)",
            "value": "123",
            "message": "Số điện thoại “123” không hợp lệ: số di động có 10 chữ số bắt đầu bằng 03, 05, 07, 08, 09; "
            "số cố định có 11 chữ số bắt đầu bằng 02 (hoặc viết +84 thay cho số 0 đầu).",
        },
        {
            "row": FIRST,
            "column": "Email (cột K)",
            "value": "vhtram",
            "message": "“vhtram” không phải địa chỉ thư điện tử: thiếu dấu @ và tên miền (ví dụ ten@dienbien.gov.vn).",
        },
        {
            "row": FIRST + 1,
            "column": "Email (cột K)",
            "value": "ads@a",
            "message": "“ads@a” không phải địa chỉ thư điện tử hợp lệ: sau dấu @ phải là tên miền đầy đủ "
            "(ví dụ ten@dienbien.gov.vn).",
        },
        {
            "row": FIRST + 2,
            "column": "Số điện thoại (cột J)",
            "value": "01682345678",
            "message": "“01682345678” là số di động 11 chữ số cũ (đầu 01…); từ năm 2018 các số này đã đổi sang 10 chữ "
            "số. Hãy ghi số mới.",
        },
    ]


def test_an_impossible_date_stays_refused(tree, reference, tmp_path):
    rows = [[1, "Lò Văn Hải", None, None, "011085001111", "Đại học", None, None, None, None, None, None]]
    rows[0][2] = "31/02/1985"
    code, report = run(commune_file(tmp_path / "ngay.xlsx", rows))
    assert code == 1 and not Person.unscoped.exists()
    error = report["errors"][0]
    assert (error["row"], error["value"]) == (FIRST, "31/02/1985") and error["column"].startswith("Ngày sinh")
    assert error["message"] == "31/02/1985 không phải ngày có thật."


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (
            "IELTS 3.5",
            "Điểm IELTS 3.5 thấp hơn mức thấp nhất của bảng quy đổi (TT 23/2021/TT-BGDĐT: IELTS 4.0 = Bậc 3), "
            "nên không quy đổi được thành bậc; hãy ghi bậc đã được công nhận (ví dụ “Bậc 2 Tiếng Anh”) hoặc để trống.",
        ),
        ("IELTS 65", "Điểm IELTS “65” không có thật: thang điểm từ 0 đến 9, bước 0,5."),
        ("TOEIC 553", "Điểm TOEIC “553” không có thật: thang điểm từ 10 đến 990, bước 5."),
    ],
)
def test_a_score_the_table_cannot_map_refuses_the_row(tree, reference, tmp_path, cell, message):
    rows = [[1, "Lò Văn Hải", 1985, None, "011085001111", "Đại học", None, None, cell, None, None, None]]
    code, report = run(commune_file(tmp_path / "diem.xlsx", rows))
    assert code == 1
    assert report["errors"] == [
        {"row": FIRST, "column": "Ngoại ngữ (cột I)", "value": cell, "message": message},
    ]


def test_a_score_above_the_table_is_the_top_level_with_a_note(tree, reference, tmp_path):
    rows = [[1, "Lò Văn Hải", 1985, None, "011085001111", "Đại học", None, None, "IELTS 8.0", None, None, None]]
    code, report = run(commune_file(tmp_path / "diem.xlsx", rows))
    assert code == 0, report
    q = Qualification.unscoped.get(ladder__code="foreign_language")
    assert (q.level.label, q.score) == ("Bậc 4", Decimal("8.0"))
    assert report["warnings"][0]["message"] == (
        "Điểm IELTS 8.0 cao hơn mức cao nhất của bảng quy đổi (TT 23/2021/TT-BGDĐT: IELTS 5.5–6.5 = Bậc 4); "
        "ghi nhận Bậc 4."
    )


def test_the_table_in_force_on_the_day_decides(tree, reference, tmp_path):
    """IELTS 4.0 is Bậc 3 under TT 23/2021 (from 30/8/2021); under TT 05/2012 it took 4.5."""
    from canbo.people.imports import import_people
    from canbo.people.models import LanguageTestEquivalence

    assert LanguageTestEquivalence.objects.filter(test="IELTS", valid_to=D(2021, 8, 29)).count() == 2
    rows = [[1, "Lò Văn Hải", 1985, None, "011085001111", "Đại học", None, None, "IELTS 4.0", None, None, None]]
    path = commune_file(tmp_path / "cu.xlsx", rows)
    before = import_people(path, unit=tree["a"], dry_run=True, today=D(2020, 1, 1))
    after = import_people(path, unit=tree["a"], dry_run=True, today=D(2026, 1, 1))
    assert before.invalid == 1 and "TT 05/2012/TT-BGDĐT: IELTS 4.5 = Bậc 3" in before.errors[0].message
    assert after.invalid == 0


def test_a_person_known_only_by_a_cmnd_is_matched_on_re_import_and_completed_by_the_cccd(tree, reference, tmp_path):
    only_cmnd = [[1, "Quàng Văn Pó", None, None, "040123456", "Trung cấp", None, None, None, None, None, None]]
    code, first = run(commune_file(tmp_path / "cmnd.xlsx", only_cmnd))
    assert code == 0 and first["created"] == 1, first
    po = person("Quàng Văn Pó")
    assert (po.id_number, po.old_id_number, po.birth_year) == (None, "040123456", None)
    # The same list again: the old number finds him.
    code, again = run(commune_file(tmp_path / "cmnd.xlsx", only_cmnd))
    assert (code, again["created"], again["updated"]) == (0, 0, 1)
    # The CCCD arrives in a later list with the old number in its own column: he gets it.
    header = [row[:] for row in HEADER]
    header[0][10], header[1][10], header[0][11] = "Số CMND cũ", None, None
    rows = [[1, "Quàng Văn Pó", 1980, None, "011080004444", "Trung cấp", None, None, None, None, "040123456"]]
    path = write_xlsx(tmp_path / "cccd.xlsx", TITLE + header + rows + FOOTER, merges=MERGES[:-1])
    code, third = run(path)
    assert (code, third["created"], third["updated"]) == (0, 0, 1), third
    po.refresh_from_db()
    assert (po.id_number, po.old_id_number, po.birth_year) == ("011080004444", "040123456", 1980)
    assert Person.unscoped.count() == 1


def test_a_person_with_a_cmnd_and_birth_gets_the_cccd_from_a_list_without_the_cmnd(tree, reference, tmp_path):
    rows = [[1, "Lò Thị Hoa", None, "02/09/1991", "040765432", "Đại học", None, None, None, None, None, None]]
    assert run(commune_file(tmp_path / "a.xlsx", rows))[0] == 0
    rows[0][4] = "011191005555"
    code, report = run(commune_file(tmp_path / "b.xlsx", rows))
    assert (code, report["created"], report["updated"]) == (0, 0, 1), report
    hoa = person("Lò Thị Hoa")
    assert (hoa.id_number, hoa.old_id_number) == ("011191005555", "040765432")


def test_a_cmnd_that_contradicts_the_old_number_column_is_refused(tree, reference, tmp_path):
    header = [row[:] for row in HEADER]
    header[0][11], header[1][11] = "Số CMND cũ", None
    rows = [[1, "Lò Văn Hải", 1985, None, "040123456", "Đại học", None, None, None, None, None, "040999999"]]
    code, report = run(write_xlsx(tmp_path / "x.xlsx", TITLE + header + rows + FOOTER, merges=MERGES))
    assert code == 1
    assert report["errors"][0]["column"] == "Số CMND cũ (cột L)"
    assert report["errors"][0]["message"] == (
        "Số CMND cũ “040999999” khác số 9 chữ số “040123456” ghi ở cột số định danh; hãy giữ một số đúng."
    )


def test_the_export_carries_the_old_number_and_the_score_and_re_imports_unchanged(imported, tmp_path):
    out = tmp_path / "export.xlsx"
    call_command("export", "people", unit="P", xlsx=str(out), stdout=io.StringIO())
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    header = sheet[0]
    rows = {r[0]: dict(zip(header, r, strict=False)) for r in sheet[1:]}
    assert rows["Quàng Thị Lan"]["Số CMND cũ"] == "040123456"
    assert rows["Giàng A Sử"]["Ngoại ngữ"] == "IELTS 6.5"
    assert rows["Lò Văn Hải"]["Tin học"] == "Chứng chỉ ứng dụng CNTT cơ bản"
    before = {
        p.pk: (p.version, p.id_number, p.old_id_number, p.phone, p.email, sorted(levels_of(p).items()))
        for p in Person.unscoped.all()
    }
    quals = Qualification.unscoped.count()
    code, report = run(out, unit="P")
    assert (code, report["created"], report["updated"]) == (0, 0, 4), report
    after = {
        p.pk: (p.version, p.id_number, p.old_id_number, p.phone, p.email, sorted(levels_of(p).items()))
        for p in Person.unscoped.all()
    }
    assert after == before and Qualification.unscoped.count() == quals


def test_the_person_page_shows_the_old_cmnd_where_the_id_number_is(imported, login):
    lan = person("Quàng Thị Lan")
    html = login("officer_a").get(reverse("people:detail", args=[lan.pk])).content.decode()
    assert 'data-testid="old-id-number">(số CMND cũ: 040123456)' in html
    su = person("Giàng A Sử")
    html = login("officer_a").get(reverse("people:detail", args=[su.pk])).content.decode()
    assert "(IELTS 6,5)" in html


def test_closed_old_it_levels_of_an_older_database_are_kept_but_no_longer_read(tree, reference, tmp_path):
    """A database seeded before this release holds the IT levels "Chứng chỉ A/B/C": seeding closes
    them (people keep them, their rank is untouched) and the importer reads their names as cơ bản."""
    from canbo.people.models import Ladder
    from canbo.people.seed import seed_reference

    it = Ladder.objects.get(code="it")
    old_b = Level.objects.create(ladder=it, code="chung_chi_b", label="Chứng chỉ B", rank=2, synonyms=["Tin học B"])
    seed_reference()
    old_b.refresh_from_db()
    assert (old_b.label, old_b.rank, old_b.synonyms, old_b.valid_to) == (
        "Chứng chỉ tin học B (cũ)",
        2,
        [],
        D(2016, 8, 10),
    )
    rows = [[1, "Lò Văn Hải", 1985, None, "011085001111", "Đại học", None, "Tin học B", None, None, None, None]]
    assert run(commune_file(tmp_path / "b.xlsx", rows))[0] == 0
    assert levels_of(person("Lò Văn Hải"))["it"] == ("Chứng chỉ ứng dụng CNTT cơ bản", "")


def test_a_file_repeating_one_reading_on_every_row_gives_one_note_and_a_bounded_list(tree, reference, tmp_path):
    from canbo.tabular import results

    rows = [
        [n, f"Người Thứ {n}", 1980 + n % 20, None, f"0110{80 + n % 20:02d}00{n:04d}", "Dai hoc", *[None] * 6]
        for n in range(1, 31)
    ]
    code, report = run(commune_file(tmp_path / "nhieu.xlsx", rows), dry_run=True)
    assert code == 0 and report["valid"] == 30, report
    notes = [n for n in report["notes"] if "Dai hoc" in n]
    assert notes == [
        "Trình độ chuyên môn (cột F), dòng "
        + ", ".join(str(FIRST + i) for i in range(results.NOTE_ROWS))
        + " và 10 dòng khác: Đọc “Dai hoc” là “Đại học” (sai hoặc thiếu dấu); hãy kiểm tra lại."
    ]
    assert len(report["warnings"]) == 30 and "warnings_total" not in report


def test_the_equivalence_table_is_listed_in_the_admin(login, reference):
    page = login("system_admin").get("/admin/people/languagetestequivalence/").content.decode()
    assert "TT 23/2021/TT-BGDĐT" in page and "VSTEP" in page


def test_a_test_named_after_its_result_is_read_as_the_test(tree, reference, tmp_path):
    """ "B1 VSTEP" is a VSTEP result at B1 (Bậc 3), not a certificate in a language called "VSTEP"
    (review finding)."""
    rows = [[1, "Lò Văn Hải", 1985, None, "011085001111", "ĐH Luật", None, None, "B1 VSTEP", None, None, None]]
    code, report = run(commune_file(tmp_path / "vstep.xlsx", rows))
    assert code == 0, report
    held = Qualification.unscoped.get(person=person("Lò Văn Hải"), ladder__code="foreign_language")
    assert (held.level.label, held.test_name, held.field) == ("Bậc 3", "VSTEP", "Tiếng Anh")  # an English test
