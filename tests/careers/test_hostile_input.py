"""Hostile input to the evaluation import: files made the way commune clerks make them (title rows,
merged title cells, abbreviations, text dates, decimal commas), each either read right (the stored
values asserted) or refused with row, column, value and a Vietnamese reason, nothing written."""

import datetime
from decimal import Decimal

import pytest
import xlsxwriter

from canbo.careers.imports import import_evaluations, level_of, sanction_of
from canbo.careers.models import Evaluation

D = datetime.date
H = ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Năm", "Điểm", "Xếp loại", "Ngày quyết định"]


def _book(path, rows, *, header=H, title="KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI NĂM 2025", extra=None):
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Tong hop")
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.merge_range(0, 0, 0, len(header) - 1, "UBND XÃ THANH NƯA", bold)
    sheet.merge_range(1, 0, 1, len(header) - 1, title, bold)
    for col, text in enumerate(header):
        sheet.write(3, col, text, bold)
    for r, row in enumerate(rows, start=4):
        for col, value in enumerate(row):
            if isinstance(value, datetime.date):
                sheet.write_datetime(r, col, datetime.datetime(value.year, value.month, value.day), day)
            elif value is not None:
                sheet.write(r, col, value)
    if extra:
        extra(book, sheet)
    book.close()
    return str(path)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Không HTNV", "failed"),
        ("Không hoàn thành NV", "failed"),
        ("Chưa HTNV", "failed"),
        ("K.HTNV", "failed"),
        ("HT tốt NV", "good"),
        ("Hoàn thành tốt NV", "good"),
        ("hoan thanh tot", "good"),
        ("Hoàn thành tốt nhiệm vụ.", "good"),
        ("HT xuất sắc nhiệm vụ", "excellent"),
        ("Hoàn thành xuất sắc NV", "excellent"),
        ("HTXSNV ", "excellent"),
        ("Hoàn thành NV", "done"),
        ("HTNV", "done"),
        ("Không", None),
        ("Không hoàn thành tốt", None),
        ("Tốt nghiệp", None),
    ],
)
def test_the_levels_as_clerks_mix_words_and_initials(text, level):
    assert level_of(text) == level


def test_no_sanction_written_out_in_words():
    assert sanction_of("Không bị kỷ luật") == sanction_of("không kỷ luật") == ""
    assert sanction_of("Không khiển trách") is None  # not a known phrase: refused, never guessed


@pytest.mark.django_db
def test_an_id_number_beside_another_persons_name_or_birth_is_refused(tmp_path, tree, people, as_user):
    rows = [
        [1, "Nguyễn Văn Sai", "12/03/1988", "011188001234", 2025, None, "HTNV", "05/01/2026"],
        [2, "Lò Thị Vân", "12/03/1987", "011188001234", 2024, None, "HTNV", "05/01/2025"],
    ]
    path = _book(tmp_path / "cccd.xlsx", rows)
    with as_user("officer_a"):
        result = import_evaluations(path, unit=tree["a"], today=D(2026, 2, 1))
    found = {(e.row, e.column, e.value): e.message for e in result.errors}
    assert found[(5, "Họ và tên (cột B)", "Nguyễn Văn Sai")] == (
        "Số định danh 011188001234 là của Lò Thị Vân, không phải Nguyễn Văn Sai; hãy kiểm tra họ tên hoặc số."
    )
    assert "Ngày sinh khác với hồ sơ" in found[(6, "Ngày sinh (cột C)", "12/03/1987")]
    assert not result.written and not Evaluation.unscoped.exists()
    # the same number with the right name (any case, without diacritics) and birth is read
    rows = [[1, "LO THI VAN", D(1988, 3, 12), "011188001234", 2025, None, "Hoàn thành tốt NV", "05/01/2026"]]
    with as_user("officer_a"):
        result = import_evaluations(_book(tmp_path / "ok.xlsx", rows), unit=tree["a"], today=D(2026, 2, 1))
    assert result.written and not result.errors
    stored = Evaluation.unscoped.get()
    assert (stored.person_id, stored.year, stored.level, stored.decided_on) == (
        people["van"].pk,
        2025,
        "good",
        D(2026, 1, 5),
    )


@pytest.mark.django_db
def test_scores_as_clerks_write_them_are_read_or_refused_never_misread(tmp_path, tree, people, staff, as_user):
    team = staff(14)
    written = ["85,5", "85 .5", 72.25, "75 điểm", "8,55", 100.5, -3, "NaN", "1e2", "8,5/10", "8 5"]
    written += ["89,995", 89.99666, 0.3 * 100 + 0.7 * 80]  # 86.00000000000001: a formula's float noise
    rows = [
        [i + 1, p.full_name, p.birth_year, "", 2026, s, None, None]
        for i, (p, s) in enumerate(zip(team, written, strict=True))
    ]
    path = _book(tmp_path / "diem.xlsx", rows, title="KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI NĂM 2026")
    with as_user("officer_a"):
        result = import_evaluations(path, unit=tree["a"], skip_invalid=True, today=D(2027, 2, 1))
    found = {(e.row, e.value): e.message for e in result.errors if e.column == "Điểm (cột F)"}
    assert found[(9, "8,55")].startswith("Điểm 8,55 quá thấp cho thang 100 điểm: có vẻ được chấm theo thang 10")
    assert "8,55 → 85,5" in found[(9, "8,55")]
    assert found[(10, "100.5")] == found[(11, "-3")] == "Điểm phải từ 0 đến 100."
    assert found[(12, "NaN")] == found[(13, "1e2")] == found[(14, "8,5/10")] == "Không phải là số."
    assert found[(15, "8 5")] == "Không phải là số."  # a slip, never 85
    # rounding to the stored 2 places would make them 90,00: "xuất sắc" from a "tốt" score
    assert found[(16, "89,995")].startswith("Điểm có hơn 2 chữ số thập phân")
    assert found[(17, "89.99666")].startswith("Điểm có hơn 2 chữ số thập phân")
    assert result.invalid == 9 and result.written
    stored = {e.person_id: (e.score, e.level) for e in Evaluation.unscoped.all()}
    assert stored == {
        team[0].pk: (Decimal("85.50"), "good"),
        team[1].pk: (Decimal("85.50"), "good"),
        team[2].pk: (Decimal("72.25"), "good"),
        team[3].pk: (Decimal("75.00"), "good"),
        team[13].pk: (Decimal("86.00"), "good"),
    }


@pytest.mark.django_db
def test_nd335_bands_at_their_edges(tmp_path, tree, people, staff, as_user):
    team = staff(16)  # 2 xuất sắc need 10 tốt (20 %)
    scores = [89.99, 90, 70, 69.99, 50, 49.99, 0, 100, "70,00", "89,99", 75, 80, 71, 72, 73, 74]
    rows = [
        [i + 1, p.full_name, p.birth_year, "", 2026, s, None, None]
        for i, (p, s) in enumerate(zip(team, scores, strict=True))
    ]
    with as_user("officer_a"):
        result = import_evaluations(
            _book(tmp_path / "bien.xlsx", rows, title="NĂM 2026"), unit=tree["a"], today=D(2027, 2, 1)
        )
    assert not result.errors, result.errors
    stored = {e.person_id: (e.score, e.level) for e in Evaluation.unscoped.all()}
    expect = ["good", "excellent", "good", "done", "done", "failed", "failed", "excellent", "good", "good"]
    expect += ["good"] * 6
    assert [stored[p.pk] for p in team] == [
        (Decimal(str(s).replace(",", ".")).quantize(Decimal("0.01")), level)
        for s, level in zip(scores, expect, strict=True)
    ]


@pytest.mark.django_db
def test_a_year_column_against_the_year_in_the_title_is_refused(tmp_path, tree, people, staff, as_user):
    team = staff(2)
    rows = [
        [1, team[0].full_name, team[0].birth_year, "", 2025, None, "HTTNV", None],
        [2, team[1].full_name, team[1].birth_year, "", "2024", None, "HTTNV", None],
    ]
    path = _book(tmp_path / "nam.xlsx", rows, title="KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG NĂM 2025")
    with as_user("officer_a"):
        result = import_evaluations(path, unit=tree["a"], today=D(2026, 2, 1))
    (error,) = result.errors
    assert (error.row, error.column, error.value) == (6, "Năm (cột E)", "2024")
    assert error.message == (
        "Năm 2024 khác năm 2025 ghi ở tiêu đề “KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG NĂM 2025”; "
        "hãy sửa cột năm hoặc tiêu đề."
    )
    assert not result.written and not Evaluation.unscoped.exists()


@pytest.mark.django_db
def test_without_a_year_column_the_year_of_the_title_is_used_and_said(tmp_path, tree, people, staff, as_user):
    team = staff(1)
    header = ["STT", "Họ và tên", "Năm sinh", "Xếp loại"]

    def signed(book, sheet):  # the date of the report in the title rows is no evaluation year
        sheet.write(2, 3, "Thanh Nưa, ngày 05 tháng 01 năm 2026")

    rows = [[1, team[0].full_name, team[0].birth_year, "Hoàn thành tốt NV"]]
    path = _book(tmp_path / "tieude.xlsx", rows, header=header, title="XẾP LOẠI CÔNG CHỨC NĂM 2025", extra=signed)
    with as_user("officer_a"):
        result = import_evaluations(path, unit=tree["a"], today=D(2026, 2, 1))
    assert result.written and not result.errors
    assert "Không có cột “Năm”: lấy năm 2025 ghi ở tiêu đề “XẾP LOẠI CÔNG CHỨC NĂM 2025”." in result.notes
    stored = Evaluation.unscoped.get()
    assert (stored.person_id, stored.year, stored.level) == (team[0].pk, 2025, "good")
    # a title naming a period ("giai đoạn 2021 - 2025", "năm 2021-2025") gives no year: refused whole
    path = _book(tmp_path / "giaidoan.xlsx", rows, header=header, title="XẾP LOẠI NĂM 2021 - 2025")
    with as_user("officer_a"):
        result = import_evaluations(path, unit=tree["a"], today=D(2026, 2, 1))
    assert result.refused == "Tệp không có cột “Năm”; hãy thêm cột năm đánh giá."


def _ticked(path, team, marks):
    """The commune form: "Kết quả xếp loại" merged over HTXSNV | HTTNV | HTNV | KHTNV, an "x" per person."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.merge_range(0, 0, 0, 7, "KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG NĂM 2025")
    for col, text in ((0, "STT"), (1, "Họ và tên"), (2, "Năm sinh"), (7, "Năm")):
        sheet.merge_range(2, col, 3, col, text)
    sheet.merge_range(2, 3, 2, 6, "Kết quả xếp loại")
    for col, text in enumerate(["HTXSNV", "HTTNV", "HTNV", "KHTNV"], start=3):
        sheet.write(3, col, text)
    for i, (person, ticked) in enumerate(zip(team, marks, strict=True)):
        for col, value in ((0, i + 1), (1, person.full_name), (2, person.birth_year), (7, 2025)):
            sheet.write(4 + i, col, value)
        for col in ticked:
            sheet.write(4 + i, 3 + col, "x")
    book.close()
    return str(path)


@pytest.mark.django_db
def test_levels_ticked_under_one_column_per_level_are_read(tmp_path, tree, people, staff, as_user):
    team = staff(8)
    marks = [[1], [1], [1], [1], [1], [0], [2], [3]]  # 5 tốt, 1 xuất sắc (20 %), 1 hoàn thành, 1 không
    with as_user("officer_a"):
        result = import_evaluations(_ticked(tmp_path / "x.xlsx", team, marks), unit=tree["a"], today=D(2026, 2, 1))
    assert not result.errors and result.written
    assert "Xếp loại đọc từ cột D đến cột G, đánh dấu theo mức (HTXSNV, HTTNV, HTNV, KHTNV)." in result.notes
    stored = {e.person_id: e.level for e in Evaluation.unscoped.all()}
    assert [stored[p.pk] for p in team] == ["good"] * 5 + ["excellent", "done", "failed"]


@pytest.mark.django_db
def test_two_levels_ticked_or_none_are_refused(tmp_path, tree, people, staff, as_user):
    team = staff(2)
    with as_user("officer_a"):
        result = import_evaluations(_ticked(tmp_path / "xx.xlsx", team, [[1, 2], []]), unit=tree["a"])
    found = {(e.row, e.column, e.value): e.message for e in result.errors}
    assert found[(5, "Xếp loại (cột D–G)", "HTTNV; HTNV")] == (
        "Đánh dấu nhiều mức xếp loại cho một người; chỉ đánh dấu một mức."
    )
    assert found[(6, "Xếp loại (cột D–G)", "")] == "Thiếu xếp loại."
    assert not result.written and not Evaluation.unscoped.exists()


@pytest.mark.django_db
def test_the_command_writes_nothing_when_it_refuses_a_doubtful_column(tmp_path, tree, people, staff):
    from django.core.management import CommandError, call_command

    team = staff(1)
    header = [*H, ""]  # data in a column without a title: read without certainty
    rows = [[1, team[0].full_name, team[0].birth_year, "", 2025, None, "HTTNV", None, "ghi chú lạc"]]
    path = _book(tmp_path / "lac.xlsx", rows, header=header)
    with pytest.raises(CommandError) as refused:
        call_command("import", "evaluations", path, "--unit", "P-THANHNUA")
    assert refused.value.returncode == 1 and "cột I" in str(refused.value)
    assert not Evaluation.unscoped.exists()  # refused means nothing written
    call_command("import", "evaluations", path, "--unit", "P-THANHNUA", "--accept-doubtful")
    assert Evaluation.unscoped.get().level == "good"


@pytest.mark.django_db
def test_the_command_reads_ticked_levels_without_doubt(tmp_path, tree, people, staff):
    from django.core.management import call_command

    team = staff(5)
    path = _ticked(tmp_path / "x.xlsx", team, [[1], [1], [1], [1], [1]])
    call_command("import", "evaluations", path, "--unit", "P-THANHNUA")
    assert list(Evaluation.unscoped.values_list("level", flat=True)) == ["good"] * 5


@pytest.mark.django_db
def test_the_upload_page_writes_a_doubtful_file_only_once_the_officer_accepts_it(tmp_path, tree, people, staff, login):
    from django.urls import reverse

    team = staff(1)
    rows = [[1, team[0].full_name, team[0].birth_year, "", 2025, None, "HTTNV", None, "ghi chú lạc"]]
    path = _book(tmp_path / "lac.xlsx", rows, header=[*H, ""])
    client = login("officer_a")
    url = reverse("careers:evaluation_import", args=["P-THANHNUA"])
    with open(path, "rb") as handle:
        page = client.post(url, {"file": handle}).content.decode()
    assert 'data-testid="upload-refused"' in page and "cột I" in page and "chưa chắc chắn" in page
    assert not Evaluation.unscoped.exists()  # refused: nothing written
    with open(path, "rb") as handle:
        response = client.post(url, {"file": handle, "accept_doubtful": "on"})
    assert response.status_code == 302
    assert Evaluation.unscoped.get().level == "good"
