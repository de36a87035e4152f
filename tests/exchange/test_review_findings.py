"""A hostile review of the people import (issue 13): files a tired commune clerk really sends, and
posts an officer could forge, that were read wrong while the preview said every row was valid and
no column doubtful. Each file is written at test time the way communes write them (the committee
and the motto on top, the list's title, the header, people, the signature block) and goes through
`canbo import people` or the upload pages; the tests assert what is stored, or that the column is
asked about before anything is written."""

import datetime
import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from canbo.exchange.models import ImportJob
from canbo.people.models import Person, PersonLevel
from tests.exchange.files import write_xlsx

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


def command(path, *maps, unit="P-THANHNUA", **options):
    """`canbo import people FILE --unit … --json [--map …]`: (exit code, JSON report, error text)."""
    out = io.StringIO()
    try:
        call_command("import", "people", str(path), unit=unit, json=True, map=list(maps), stdout=out, **options)
        code, message = 0, ""
    except CommandError as error:
        code, message = error.returncode, str(error)
    text = out.getvalue()
    return code, (json.loads(text) if text else None), message


def columns_of(report) -> dict[str, tuple]:
    return {c["column"]: (c["header"], c["field"], c["confidence"]) for c in report["columns"]}


def names() -> set[str]:
    return set(Person.unscoped.values_list("full_name", flat=True))


# ------------------------------------------------------------------------- two full-name columns


def test_a_birth_name_column_beside_the_full_name_is_asked_about_not_joined_into_one_name(tree, reference, tmp_path):
    """ "Họ và tên" and "Họ và tên khai sinh" (the name in use and the one on the birth certificate,
    as the 2C résumé form has them) were both read exactly as the full name and joined: "Lò Văn Páo
    Lò Văn Pảo" was stored under a green preview. Two full-name columns are a doubt to settle."""
    rows = [
        *TITLE,
        ["STT", "Họ và tên", "Họ và tên khai sinh", "Năm sinh", "Số CCCD"],
        [1, "Trần Thị Hà", "Trần Thị Hà", 1988, "011188003333"],
        [2, "Lò Văn Páo", "Lò Văn Pảo", 1990, "011090004444"],
        *SIGNATURE,
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", rows)

    code, report, message = command(path, dry_run=True)

    assert code == 1, report
    assert columns_of(report)["B"][1:] == ("full_name", "ambiguous")
    assert columns_of(report)["C"][1:] == ("full_name", "ambiguous")
    assert "cột B “Họ và tên”" in message and "cột C “Họ và tên khai sinh”" in message
    code, report, message = command(path)
    assert code == 1 and not Person.unscoped.exists(), message
    code, report, message = command(path, "C=")
    assert code == 0, message
    assert names() == {"Trần Thị Hà", "Lò Văn Páo"}


def test_a_spouses_name_column_is_not_glued_to_the_persons_name(tree, reference, tmp_path):
    """ "Họ và tên (vợ/chồng)": the remark in brackets is dropped to read the title, so it was a second
    exact full-name column, joined: "Trần Thị Hà Lò Văn Páo"."""
    rows = [
        *TITLE,
        ["STT", "Họ và tên", "Năm sinh", "Họ và tên (vợ/chồng)"],
        [1, "Trần Thị Hà", 1988, "Lò Văn Páo"],
        *SIGNATURE,
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", rows)

    code, report, message = command(path)

    assert code == 1 and not Person.unscoped.exists(), report
    assert columns_of(report)["D"][2] == "ambiguous"
    assert "cột D “Họ và tên (vợ/chồng)”" in message
    assert command(path, "D=")[0] == 0
    assert names() == {"Trần Thị Hà"}


# ------------------------------------------------------------------- a name part standing alone


def test_a_row_with_a_blank_full_name_is_not_stored_under_its_given_name_alone(tree, reference, tmp_path):
    """ "Tên" kept beside "Họ và tên" to sort by given name: a row whose "Họ và tên" was left blank
    was stored as "Páo" (the given name alone), the row valid. The parts make a name only together."""
    rows = [
        *TITLE,
        ["STT", "Tên", "Họ và tên", "Năm sinh", "Số CCCD"],
        [1, "Hà", "Trần Thị Hà", 1988, "011188003333"],
        [2, "Páo", None, 1990, "011090004444"],
        *SIGNATURE,
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", rows)

    code, report, _message = command(path)

    assert code == 1 and not Person.unscoped.exists(), report
    [error] = report["errors"]
    assert (error["row"], error["message"]) == (7, "Thiếu họ và tên.")
    assert "Páo" not in names()


# --------------------------------------------------------- a data column without a title of its own


def test_a_name_written_across_two_columns_under_one_merged_title_is_not_cut_to_its_first_part(
    tree, reference, tmp_path
):
    """The common commune layout: "Họ và tên" merged over two columns, the family and middle names in
    the first and the given name in the second (to sort by it), no sub-titles. Only the first column
    was read ("Trần Thị Song" stored for Trần Thị Song Hà) and the second was not even listed in the
    column mapping. A column holding data under no title of its own must be shown and asked about."""
    rows = [
        *TITLE,
        ["STT", "Họ và tên", None, "Năm sinh", "Số CCCD"],
        [1, 2, 3, 4, 5],
        [1, "Trần Thị Song", "Hà", 1988, "011188003333"],
        [2, "Lò Văn", "Páo", 1990, "011090004444"],
        *SIGNATURE,
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", rows, merges=["B5:C5", "B6:C6"])

    code, report, message = command(path, dry_run=True)

    assert code == 1, report
    column_c = next(c for c in report["columns"] if c["column"] == "C")
    assert (column_c["field"], column_c["confidence"], column_c["samples"]) == (None, "unused_data", ["Hà", "Páo"])
    assert "cột C" in message
    assert command(path)[0] == 1 and not Person.unscoped.exists()

    code, report, message = command(path, "B=family_name", "C=given_name")
    assert code == 0, message
    assert dict(Person.unscoped.values_list("id_number", "full_name")) == {
        "011188003333": "Trần Thị Song Hà",
        "011090004444": "Lò Văn Páo",
    }


def test_a_second_phone_column_under_one_band_is_listed_and_asked_about(tree, reference, tmp_path):
    """ "Điện thoại" over "Cơ quan | Di động": the office number was stored as the person's phone and
    the mobile column, untitled on the band's row, was not in the column list at all."""
    rows = [
        *TITLE,
        ["STT", "Họ và tên", "Năm sinh", "Điện thoại", None],
        [None, None, None, "Cơ quan", "Di động"],
        [1, "Trần Thị Hà", 1988, "02153826001", "0912345678"],
        *SIGNATURE,
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", rows, merges=["D5:E5", "A5:A6", "B5:B6", "C5:C6"])

    code, report, message = command(path)

    assert code == 1 and not Person.unscoped.exists(), report
    assert "E" in {c["column"] for c in report["columns"] if c["confidence"] in ("unused_data", "ambiguous", "loose")}
    assert "cột E" in message


# --------------------------------------------- a band carried over a sub-title written below only


def test_a_level_column_titled_on_the_lower_row_only_is_not_taken_for_the_birth_date(tree, reference, tmp_path):
    """ "Ngày sinh" over "Nam | Nữ", then "Trình độ" typed in the lower header row only (not merged up):
    the band's text carried right over it and the bare level word took the band's field, exactly. The
    column was shown as "Ngày sinh / Trình độ" = birth date, certain, and its degrees were dropped."""
    rows = [
        *TITLE,
        ["STT", "Họ và tên", "Ngày sinh", None, None, "Số CCCD"],
        [None, None, "Nam", "Nữ", "Trình độ", None],
        [1, "Trần Thị Hà", None, "12/03/1988", "Đại học", "011188003333"],
        [2, "Lò Văn Páo", "01/01/1990", None, "Cao đẳng", "011090004444"],
        *SIGNATURE,
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", rows, merges=["C5:D5", "A5:A6", "B5:B6", "F5:F6"])

    code, report, message = command(path)

    assert code == 1 and not Person.unscoped.exists(), report
    header, field, confidence = columns_of(report)["E"]
    assert field != "birth" or confidence != "exact", (header, field, confidence)
    assert "cột E" in message
    code, report, message = command(path, "E=professional")
    assert code == 0, message
    assert {p.person.full_name: p.level.label for p in PersonLevel.objects.filter(ladder__code="professional")} == {
        "Trần Thị Hà": "Đại học",
        "Lò Văn Páo": "Cao đẳng",
    }
    assert dict(Person.unscoped.values_list("full_name", "birth_date")) == {
        "Trần Thị Hà": D(1988, 3, 12),
        "Lò Văn Páo": D(1990, 1, 1),
    }


# -------------------------------------------------------- a "Nam | Nữ" pair under another band


def test_nam_nu_ticks_under_a_party_band_are_not_read_as_birth_dates_without_asking(tree, reference, tmp_path):
    """ "Đảng viên" over "Nam | Nữ" (party members ticked by gender): the pair was read exactly as birth
    dates by gender, so the ticks became genders and the party membership was dropped, no doubt shown."""
    rows = [
        *TITLE,
        ["STT", "Họ và tên", "Ngày sinh", "Đảng viên", None],
        [None, None, None, "Nam", "Nữ"],
        [1, "Trần Thị Hà", "12/03/1988", None, "x"],
        [2, "Lò Văn Páo", "01/01/1990", "x", None],
        *SIGNATURE,
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", rows, merges=["D5:E5", "A5:A6", "B5:B6", "C5:C6"])

    code, report, message = command(path)

    assert code == 1 and not Person.unscoped.exists(), report
    assert {columns_of(report)["D"][2], columns_of(report)["E"][2]} <= {"loose", "ambiguous"}
    assert "tiêu đề trên là “Đảng viên”" in message


# ----------------------------------------------------------------------------- the upload page


def upload(client, path, unit):
    with open(path, "rb") as fh:
        data = {"file": SimpleUploadedFile(path.name, fh.read()), "unit": unit.pk}
    client.post(reverse("exchange:import"), data)
    return ImportJob.unscoped.order_by("-created_at").first()


def test_the_preview_asks_about_a_second_full_name_column_before_writing(login, tree, reference, tmp_path):
    rows = [
        *TITLE,
        ["STT", "Họ và tên", "Họ và tên khai sinh", "Năm sinh"],
        [1, "Trần Thị Hà", "Trần Thị Hà", 1988],
        *SIGNATURE,
    ]
    client = login("officer_a")
    job = upload(client, write_xlsx(tmp_path / "ds.xlsx", rows), tree["a"])
    assert job.status == "validated", job.summary.get("refused")

    response = client.post(reverse("exchange:confirm", args=[job.pk]), follow=True)

    assert "chưa rõ cách đọc" in response.content.decode()
    assert not Person.unscoped.exists()
    client.post(reverse("exchange:remap", args=[job.pk]), {"col-2": ""})
    client.post(reverse("exchange:confirm", args=[job.pk]), {"col-2": ""})
    assert names() == {"Trần Thị Hà"}


# ------------------------------------------------------------------------- the old CMND as a key


def test_an_old_cmnd_shared_by_someone_else_does_not_rename_them(tree, reference, people, tmp_path):
    """Old CMND numbers were issued by each province, so two people can hold the same nine digits. A
    row naming another person with the CMND of Lò Văn Minh was matched to him alone and overwrote his
    name and birth year ("updated"), since the name is only compared when several people share it."""
    from canbo.people import services

    services.person_update(person=people["minh"], old_id_number="012345678")
    rows = [
        *TITLE,
        ["STT", "Họ và tên", "Năm sinh", "Số CMND/CCCD"],
        [1, "Quàng Thị Duyên", 1995, "012345678"],
        *SIGNATURE,
    ]

    code, report, message = command(write_xlsx(tmp_path / "ds.xlsx", rows))

    minh = Person.unscoped.get(pk=people["minh"].pk)
    assert (minh.full_name, minh.birth_year) == ("Lò Văn Minh", 1991), report
    assert code == 1 and "1 dòng lỗi" in message, message
    [error] = report["errors"]
    assert (error["row"], error["value"]) == (6, "012345678")
    assert error["message"].startswith("Số CMND cũ này đã có trong hồ sơ của một người khác họ tên.")
    assert not Person.unscoped.filter(full_name="Quàng Thị Duyên").exists()


# ------------------------------------------------------------------- dates written month first


def test_a_date_that_reads_both_ways_in_a_month_first_column_is_asked_not_guessed(tree, reference, tmp_path):
    """A list typed on a computer set to English: "12/25/1984" and "11/30/1979" are refused as written
    month first, but "03/04/1991" in the same column was stored as 3 April 1991 (the file meant
    4 March), so `--skip-invalid`, or fixing only the rows refused, kept a wrong birth date."""
    rows = [
        *TITLE,
        ["STT", "Họ và tên", "Ngày sinh", "Số CCCD"],
        [1, "Lò Văn Thắng", "12/25/1984", "011084001111"],
        [2, "Quàng Thị Duyên", "03/04/1991", "011191002222"],
        [3, "Cà Văn Pọm", "11/30/1979", "011079003333"],
        [4, "Lường Thị Ánh", "05/05/1995", "011195004444"],
        *SIGNATURE,
    ]

    code, report, _message = command(write_xlsx(tmp_path / "ds.xlsx", rows), skip_invalid=True)

    assert code == 0, report
    assert dict(Person.unscoped.values_list("full_name", "birth_date")) == {"Lường Thị Ánh": D(1995, 5, 5)}
    errors = {e["row"]: e for e in report["errors"]}
    assert sorted(errors) == [6, 7, 8]
    assert (errors[7]["column"], errors[7]["value"]) == ("Ngày sinh (cột C)", "03/04/1991")
    assert errors[7]["message"] == (
        "Cột này có ngày ghi theo kiểu Mỹ (tháng/ngày/năm), ví dụ ở dòng 6, 8, nên không rõ “03/04/1991” là "
        "ngày 3 tháng 4 hay ngày 4 tháng 3; hãy ghi lại các ngày của cột theo ngày/tháng/năm."
    )


def test_day_first_dates_with_one_typo_are_not_all_put_in_doubt(tree, reference, tmp_path):
    rows = [
        *TITLE,
        ["STT", "Họ và tên", "Ngày sinh", "Số CCCD"],
        [1, "Lò Văn Thắng", "25/12/1984", "011084001111"],
        [2, "Quàng Thị Duyên", "03/04/1991", "011191002222"],
        [3, "Cà Văn Pọm", "11/30/1979", "011079003333"],
        *SIGNATURE,
    ]

    code, report, _message = command(write_xlsx(tmp_path / "ds.xlsx", rows), skip_invalid=True)

    assert code == 0, report
    assert dict(Person.unscoped.values_list("full_name", "birth_date")) == {
        "Lò Văn Thắng": D(1984, 12, 25),
        "Quàng Thị Duyên": D(1991, 4, 3),
    }
    assert [e["row"] for e in report["errors"]] == [8]


def test_on_the_preview_naming_the_untitled_column_the_given_name_asks_about_the_full_name_beside_it(
    login, tree, reference, tmp_path
):
    """ "Họ và tên" merged over two columns: the tempting correction is to set the untitled column to
    "Tên" only; the first column, still read as the whole name, won and "Trần Thị Song" was stored.
    Once a name part is chosen, the full-name column beside it is asked about too."""
    rows = [
        *TITLE,
        ["STT", "Họ và tên", None, "Năm sinh", "Số CCCD"],
        [1, "Trần Thị Song", "Hà", 1988, "011188003333"],
        [2, "Lò Văn", "Páo", 1990, "011090004444"],
        *SIGNATURE,
    ]
    client = login("officer_a")
    job = upload(client, write_xlsx(tmp_path / "ds.xlsx", rows, merges=["B5:C5"]), tree["a"])
    assert [c["confidence"] for c in job.summary["columns"]] == ["exact", "exact", "unused_data", "exact", "exact"]

    client.post(reverse("exchange:remap", args=[job.pk]), {"col-2": "given_name"})
    job.refresh_from_db()
    column_b = job.summary["columns"][1]
    assert (column_b["field"], column_b["confidence"]) == ("full_name", "ambiguous")
    assert column_b["doubt"].startswith("Cột C được chọn là “Tên” nên cột “Họ và tên” có thể chỉ ghi một phần")
    response = client.post(reverse("exchange:confirm", args=[job.pk]), follow=True)
    assert "chưa rõ cách đọc" in response.content.decode() and not Person.unscoped.exists()

    client.post(reverse("exchange:remap", args=[job.pk]), {"col-1": "family_name", "col-2": "given_name"})
    client.post(reverse("exchange:confirm", args=[job.pk]), {"col-1": "family_name", "col-2": "given_name"})
    assert dict(Person.unscoped.values_list("id_number", "full_name")) == {
        "011188003333": "Trần Thị Song Hà",
        "011090004444": "Lò Văn Páo",
    }
