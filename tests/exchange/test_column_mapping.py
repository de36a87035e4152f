"""The column mapping: what each column was taken for, shown and correctable before anything is
written, through `canbo import people --map` and the upload preview (issue 13, "the rule that
prevents the next silent misread").

The files are written at test time as communes send them: the people's committee and the national
motto on top, the list's title, a header a clerk typed in their own words ("Họ và tên cán bộ, công
chức", "Nơi sinh"), the column-numbering row, and the signature block."""

import datetime
import io
import json

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl.styles import Alignment, Font

from canbo.core.models import ChangeLogEntry
from canbo.exchange.models import ImportJob, SavedMapping
from canbo.people.models import Person

D = datetime.date

HEADER = ["STT", "Họ và tên cán bộ, công chức", "Năm sinh", "Nơi sinh", "Điện thoại"]
PEOPLE = [
    ["Lò Văn Thắng", 1984, "Bản Noong Bua, Thanh Nưa", "0912 345 678"],
    ["Quàng Thị Duyên", 1991, "Xã Thanh Xương, Điện Biên", "0988 111 222"],
]
OTHERS = [
    ["Cà Văn Pọm", 1979, "Bản Hồng Lếch, Thanh Nưa", "0915 000 111"],
    ["Lường Thị Ánh", 1995, "Phường Him Lam", ""],
]


def commune_file(path, people=PEOPLE, header=HEADER):
    """A commune's list: committee and motto, title, a one-row header in the clerk's words, the
    numbering row (1) (2) …, people, and the signature block under them."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DS CBCC"
    ws["A1"] = "ỦY BAN NHÂN DÂN XÃ THANH NƯA"
    ws["D1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["D2"] = "Độc lập - Tự do - Hạnh phúc"
    ws["A4"] = "DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ NĂM 2026"
    ws.merge_cells("A1:C1")
    ws.merge_cells("D1:E1")
    ws.merge_cells("D2:E2")
    ws.merge_cells("A4:E4")
    for j, title in enumerate(header, start=1):
        cell = ws.cell(row=6, column=j, value=title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    for j in range(1, len(header) + 1):
        ws.cell(row=7, column=j, value=f"({j})")
    for i, person in enumerate(people, start=1):
        for j, value in enumerate([i, *person], start=1):
            ws.cell(row=7 + i, column=j, value=value)
    last = 8 + len(people)
    ws.cell(row=last + 1, column=4, value="Thanh Nưa, ngày 05 tháng 01 năm 2026")
    ws.cell(row=last + 2, column=2, value="NGƯỜI LẬP BIỂU")
    ws.cell(row=last + 2, column=4, value="CHỦ TỊCH")
    ws.cell(row=last + 3, column=4, value="(Ký tên, đóng dấu)")
    ws.cell(row=last + 6, column=4, value="Lò Văn Mừng")
    wb.save(path)
    return path


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


def stored(name):
    person = Person.unscoped.get(full_name=name)
    return person.birth_year, person.home_town, person.phone


# ------------------------------------------------------------------------------------ the command


def test_a_loosely_read_name_column_refuses_the_import_and_lists_how_to_settle_it(tree, reference, tmp_path):
    code, report, message = command(commune_file(tmp_path / "ds.xlsx"))
    assert code == 1 and not Person.unscoped.exists()
    columns = {c["column"]: c for c in report["columns"]}
    assert {k: (c["header"], c["field"], c["confidence"]) for k, c in columns.items()} == {
        "A": ("STT", "row_no", "exact"),
        "B": ("Họ và tên cán bộ, công chức", "full_name", "loose"),
        "C": ("Năm sinh", "birth", "exact"),
        "D": ("Nơi sinh", None, "unused_data"),
        "E": ("Điện thoại", "phone", "exact"),
    }
    # neither the numbering row "(2)" nor the signature block's "NGƯỜI LẬP BIỂU"
    assert columns["B"]["samples"] == ["Lò Văn Thắng", "Quàng Thị Duyên"]
    assert columns["D"]["samples"] == ["Bản Noong Bua, Thanh Nưa", "Xã Thanh Xương, Điện Biên"]
    assert columns["B"]["doubt"].startswith("Tiêu đề “Họ và tên cán bộ, công chức” chỉ gần giống “Họ và tên”")
    assert report["refused"] == message
    assert "Còn 2 cột chưa rõ cách đọc; chưa ghi dữ liệu nào." in message
    assert '--map "B=full_name"' in message and '--map "B="' in message
    assert "cột D “Nơi sinh”, đang hiểu là “Không dùng”" in message and '--map "D="' in message
    assert "--accept-doubtful" in message
    # a dry run gives the same answer: it would be refused
    assert command(commune_file(tmp_path / "ds.xlsx"), dry_run=True)[0] == 1


def lone_ten_file(path):
    """A rating sheet's list: "Tên" alone holds the whole name (read loosely: it could be the given
    name of a split name), then the birth year and the unit's own remarks."""
    return commune_file(
        path,
        people=[["Lò Thị Vân", 1985, ""], ["Cầm Văn Bảo", 1990, ""]],
        header=["TT", "Tên", "Năm sinh", "Ghi chú"],
    )


def test_a_loosely_read_ten_column_is_refused_until_mapped_then_stored_whole(tree, reference, tmp_path):
    path = lone_ten_file(tmp_path / "ds.xlsx")
    code, report, message = command(path)
    assert code == 1 and not Person.unscoped.exists()
    [ten] = [c for c in report["columns"] if c["header"] == "Tên"]
    assert (ten["column"], ten["field"], ten["confidence"]) == ("B", "full_name", "loose")
    assert ten["samples"] == ["Lò Thị Vân", "Cầm Văn Bảo"]
    assert '--map "B=full_name"' in message
    code, report, message = command(path, "Tên=full_name")
    assert code == 0, message
    assert set(Person.unscoped.values_list("full_name", flat=True)) == {"Lò Thị Vân", "Cầm Văn Bảo"}


def test_map_settles_the_doubts_and_a_remapped_column_changes_what_is_stored(tree, reference, tmp_path):
    path = commune_file(tmp_path / "ds.xlsx")
    code, report, message = command(path, "B=full_name", "Nơi sinh=home_town", "Điện thoại=none")
    assert code == 0, message
    assert [(c["column"], c["field"], c["confidence"]) for c in report["columns"]] == [
        ("A", "row_no", "exact"),
        ("B", "full_name", "chosen"),
        ("C", "birth", "exact"),
        ("D", "home_town", "chosen"),
        ("E", None, "chosen"),
    ]
    assert stored("Lò Văn Thắng") == (1984, "Bản Noong Bua, Thanh Nưa", "")  # phone not read
    assert stored("Quàng Thị Duyên") == (1991, "Xã Thanh Xương, Điện Biên", "")


def test_accept_doubtful_writes_the_reading_shown(tree, reference, tmp_path):
    code, _report, message = command(commune_file(tmp_path / "ds.xlsx"), accept_doubtful=True)
    assert code == 0, message
    assert stored("Lò Văn Thắng") == (1984, "", "0912345678")  # "Nơi sinh" stays unused


def test_unknown_fields_and_columns_in_map_are_usage_errors(tree, reference, tmp_path):
    path = commune_file(tmp_path / "ds.xlsx")
    code, _report, message = command(path, "B=ho_ten")
    assert code == 2
    assert "Không có thông tin “ho_ten” (cột B)" in message
    assert "full_name (Họ và tên)" in message and "home_town (Quê quán)" in message
    code, _report, message = command(path, "Nơi ở=home_town")
    assert code == 2 and "Không có cột “Nơi ở” trong dòng tiêu đề" in message and "D “Nơi sinh”" in message
    assert command(path, "home_town")[0] == 2  # no "="
    assert not Person.unscoped.exists()


def test_a_mapping_naming_one_field_for_two_columns_is_refused_naming_both(tree, reference, tmp_path):
    code, _report, message = command(commune_file(tmp_path / "ds.xlsx"), "D=phone")
    assert code == 1 and not Person.unscoped.exists()
    assert "Cột D “Nơi sinh” và cột E “Điện thoại” cùng được chọn là “Số điện thoại”" in message


def test_a_mapping_given_to_the_command_is_saved_and_applied_to_the_next_file(tree, reference, tmp_path):
    assert command(commune_file(tmp_path / "ds.xlsx"), "B=full_name", "D=home_town")[0] == 0
    saved = SavedMapping.unscoped.get()
    assert (saved.unit, saved.mapping) == (tree["a"], {"1": "full_name", "3": "home_town"})
    code, report, message = command(commune_file(tmp_path / "ds2.xlsx", people=OTHERS))
    assert code == 0, message
    assert any(n.startswith("Đã áp dụng cách đọc cột đã lưu ngày") for n in report["notes"])
    assert stored("Cà Văn Pọm") == (1979, "Bản Hồng Lếch, Thanh Nưa", "0915000111")


# ------------------------------------------------------------------------------------ the pages


def upload(client, path, unit):
    with open(path, "rb") as fh:
        data = {"file": SimpleUploadedFile(path.name, fh.read()), "unit": unit.pk}
    client.post(reverse("exchange:import"), data)
    return ImportJob.unscoped.order_by("-created_at").first()


def test_the_preview_shows_each_column_and_refuses_to_write_until_the_doubts_are_confirmed(
    login, tree, reference, tmp_path
):
    client = login("officer_a")
    job = upload(client, commune_file(tmp_path / "ds.xlsx"), tree["a"])
    assert job.status == "validated" and job.summary["valid"] == 2
    page = client.get(reverse("exchange:detail", args=[job.pk])).content.decode()
    assert 'data-testid="columns"' in page and "Họ và tên cán bộ, công chức" in page
    assert "Gần giống, cần xác nhận" in page and "Có dữ liệu nhưng không dùng, cần xác nhận" in page
    assert "Bản Noong Bua, Thanh Nưa" in page  # a sample of the unused column
    assert 'name="col-3"' in page and 'name="confirm" value="3"' in page
    assert 'name="confirm" value="2"' not in page  # an exact reading needs no confirmation
    response = client.post(reverse("exchange:confirm", args=[job.pk]), follow=True)
    assert "Còn 2 cột chưa rõ cách đọc; chưa ghi dữ liệu nào." in response.content.decode()
    job.refresh_from_db()
    assert job.status == "validated" and not Person.unscoped.exists()
    client.post(reverse("exchange:confirm", args=[job.pk]), {"confirm": ["1"]})  # one of two
    assert not Person.unscoped.exists()
    client.post(reverse("exchange:confirm", args=[job.pk]), {"confirm": ["1", "3"]})
    job.refresh_from_db()
    assert job.status == "done"
    assert stored("Lò Văn Thắng") == (1984, "", "0912345678")
    assert [(c["column"], c["read_as"], c["field"]) for c in job.confirmed] == [
        ("B", "full_name", "full_name"),
        ("D", None, None),
    ]
    logged = ChangeLogEntry.unscoped.filter(object_id=str(job.pk)).order_by("pk").last()
    assert logged.user.username == "officer_a" and logged.after["status"] == "importing"
    assert [c["column"] for c in logged.after["confirmed"]] == ["B", "D"]


def test_a_column_remapped_on_the_preview_changes_what_is_stored(login, tree, reference, tmp_path):
    client = login("officer_a")
    job = upload(client, commune_file(tmp_path / "ds.xlsx"), tree["a"])
    selects = {"col-0": "row_no", "col-1": "full_name", "col-2": "birth", "col-3": "home_town", "col-4": ""}
    response = client.post(reverse("exchange:remap", args=[job.pk]), {**selects, "confirm": ["1"]})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "validated" and job.mapping == {"1": "full_name", "3": "home_town", "4": None}
    assert [(c["column"], c["field"], c["confidence"]) for c in job.summary["columns"]][1:] == [
        ("B", "full_name", "chosen"),
        ("C", "birth", "exact"),
        ("D", "home_town", "chosen"),
        ("E", None, "chosen"),
    ]
    assert [c["column"] for c in job.confirmed] == ["B", "D"]  # changed doubtful columns count as confirmed
    page = client.get(reverse("exchange:detail", args=[job.pk])).content.decode()
    assert 'data-testid="doubts"' not in page
    client.post(reverse("exchange:confirm", args=[job.pk]), selects)
    job.refresh_from_db()
    assert job.status == "done"
    assert stored("Lò Văn Thắng") == (1984, "Bản Noong Bua, Thanh Nưa", "")
    assert stored("Quàng Thị Duyên") == (1991, "Xã Thanh Xương, Điện Biên", "")


def test_a_select_changed_but_not_rechecked_is_not_written(login, tree, reference, tmp_path):
    client = login("officer_a")
    job = upload(client, commune_file(tmp_path / "ds.xlsx"), tree["a"])
    selects = {"col-0": "row_no", "col-1": "full_name", "col-2": "birth", "col-3": "home_town", "col-4": "phone"}
    response = client.post(reverse("exchange:confirm", args=[job.pk]), {**selects, "confirm": ["1", "3"]}, follow=True)
    assert "Cột D (“Nơi sinh”) đã được đổi thành “Quê quán” nhưng chưa kiểm tra lại" in response.content.decode()
    job.refresh_from_db()
    assert job.status == "validated" and job.mapping == {} and not Person.unscoped.exists()


def test_a_mapping_the_reader_would_refuse_leaves_the_job_as_it_was(login, tree, reference, tmp_path):
    client = login("officer_a")
    job = upload(client, commune_file(tmp_path / "ds.xlsx"), tree["a"])
    response = client.post(reverse("exchange:remap", args=[job.pk]), {"col-3": "phone"}, follow=True)
    assert "Cột D “Nơi sinh” và cột E “Điện thoại” cùng được chọn là “Số điện thoại”" in response.content.decode()
    response = client.post(reverse("exchange:remap", args=[job.pk]), {"col-1": ""}, follow=True)
    assert "Không còn cột nào được chọn là “Họ và tên”" in response.content.decode()
    response = client.post(reverse("exchange:remap", args=[job.pk]), {"col-3": "hobby"}, follow=True)
    assert "Cột D: không có thông tin “hobby”." in response.content.decode()
    response = client.post(reverse("exchange:remap", args=[job.pk]), {"col-9": "note"}, follow=True)
    assert "Tệp không có cột thứ 10 trong dòng tiêu đề." in response.content.decode()
    job.refresh_from_db()
    assert job.status == "validated" and job.mapping == {} and job.confirmed == []


def test_a_saved_mapping_is_applied_to_the_units_next_file_with_the_same_headers(login, tree, reference, tmp_path):
    client = login("officer_a")
    first = upload(client, commune_file(tmp_path / "ds.xlsx"), tree["a"])
    client.post(reverse("exchange:remap", args=[first.pk]), {"col-3": "home_town", "confirm": ["1"]})
    client.post(reverse("exchange:confirm", args=[first.pk]))
    first.refresh_from_db()
    assert first.status == "done"
    saved = SavedMapping.unscoped.get()
    assert (saved.unit, saved.mapping, saved.user.username) == (
        tree["a"],
        {"1": "full_name", "3": "home_town"},
        "officer_a",
    )
    assert ChangeLogEntry.unscoped.filter(object_id=str(saved.pk), action="create").exists()

    second = upload(client, commune_file(tmp_path / "ds-thang-2.xlsx", people=OTHERS), tree["a"])
    assert second.mapping == {"1": "full_name", "3": "home_town"} and second.mapping_source["id"] == saved.pk
    today = datetime.date.today().strftime("%d/%m/%Y")
    page = client.get(reverse("exchange:detail", args=[second.pk])).content.decode()
    assert f"Đã áp dụng cách đọc cột đã lưu ngày {today}" in page and 'data-testid="doubts"' not in page
    client.post(reverse("exchange:confirm", args=[second.pk]))
    assert stored("Cà Văn Pọm") == (1979, "Bản Hồng Lếch, Thanh Nưa", "0915000111")

    # other headers (a column added): the saved mapping is not applied, the doubts are back
    wider = [*HEADER, "Ghi chú"]
    third = upload(
        client, commune_file(tmp_path / "ds3.xlsx", people=[[*p, ""] for p in OTHERS], header=wider), tree["a"]
    )
    assert third.mapping == {} and {c["column"] for c in third.summary["columns"] if c["confidence"] == "loose"} == {
        "B"
    }


def test_a_mapping_saved_for_the_province_serves_its_communes_files(login, tree, reference, tmp_path):
    assert command(commune_file(tmp_path / "ds.xlsx"), "B=full_name", "D=home_town", unit="P")[0] == 0
    assert SavedMapping.unscoped.get().unit == tree["province"]
    client = login("officer_a")
    job = upload(client, commune_file(tmp_path / "xa.xlsx", people=OTHERS), tree["a"])
    assert job.mapping == {"1": "full_name", "3": "home_town"}
    assert any("Tỉnh Điện Biên" in n for n in job.summary["notes"] if n.startswith("Đã áp dụng cách đọc cột"))
    # commune B's officer finds no mapping of commune A's
    SavedMapping.unscoped.update(unit=tree["a"])
    other = upload(login("officer_b"), commune_file(tmp_path / "xb.xlsx", people=OTHERS), tree["b"])
    assert other.mapping == {}


@pytest.mark.parametrize("persona", ["officer_b", "province_admin"])
def test_a_mapping_post_for_a_job_outside_the_officers_reach_is_404(persona, login, tree, reference, tmp_path):
    job = upload(login("officer_a"), commune_file(tmp_path / "ds.xlsx"), tree["a"])
    client = login(persona)
    forged = {"col-3": "home_town", "confirm": ["1", "3"]}
    assert client.post(reverse("exchange:remap", args=[job.pk]), forged).status_code == 404
    assert client.post(reverse("exchange:confirm", args=[job.pk]), forged).status_code == 404
    job.refresh_from_db()
    assert (job.status, job.mapping, job.confirmed) == ("validated", {}, [])
    assert not Person.unscoped.exists()


def test_a_stale_mapping_post_after_the_import_changes_nothing(login, tree, reference, tmp_path):
    client = login("officer_a")
    job = upload(client, commune_file(tmp_path / "ds.xlsx"), tree["a"])
    client.post(reverse("exchange:confirm", args=[job.pk]), {"confirm": ["1", "3"]})
    job.refresh_from_db()
    before = (job.status, job.mapping, len(job.confirmed))
    response = client.post(reverse("exchange:remap", args=[job.pk]), {"col-3": "home_town"}, follow=True)
    assert "không đổi được cách đọc cột" in response.content.decode()
    job.refresh_from_db()
    assert (job.status, job.mapping, len(job.confirmed)) == before == ("done", {"1": "full_name", "3": None}, 2)
    assert stored("Lò Văn Thắng") == (1984, "", "0912345678")


def test_a_loosely_read_ten_column_is_refused_on_the_preview_until_confirmed(login, tree, reference, tmp_path):
    client = login("officer_a")
    job = upload(client, lone_ten_file(tmp_path / "ds.xlsx"), tree["a"])
    client.post(reverse("exchange:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "validated" and not Person.unscoped.exists()
    client.post(reverse("exchange:confirm", args=[job.pk]), {"confirm": ["1"]})
    job.refresh_from_db()
    assert job.status == "done" and job.mapping == {"1": "full_name"}
    assert Person.unscoped.get(full_name="Cầm Văn Bảo").birth_year == 1990
