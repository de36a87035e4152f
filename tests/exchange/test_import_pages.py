"""The import in the browser's terms: upload → preview → confirm, the error copy, the template."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from python_calamine import CalamineWorkbook

from canbo.exchange.models import ImportJob
from canbo.people.models import Person
from tests.exchange.files import write_xlsx

D = datetime.date


def _upload(client, path, unit, **extra):
    with open(path, "rb") as fh:
        data = {"file": SimpleUploadedFile(path.name, fh.read()), "unit": unit.pk, **extra}
    return client.post(reverse("exchange:import"), data)


def test_upload_preview_and_confirm(login, tree, reference, tmp_path):
    path = write_xlsx(tmp_path / "ds.xlsx", [["Họ và tên", "Năm sinh"], ["Lò Văn Một", 1980], ["Lò Văn Hai", 1981]])
    client = login("officer_a")
    response = _upload(client, path, tree["a"])
    job = ImportJob.unscoped.get()
    assert response.status_code == 302 and job.status == "validated"
    page = client.get(reverse("exchange:detail", args=[job.pk])).content.decode()
    assert "Lò Văn Một" in page and "Xác nhận nhập 2 dòng hợp lệ" in page
    assert Person.unscoped.count() == 0
    client.post(reverse("exchange:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "done" and job.summary["created"] == 2
    assert set(Person.unscoped.values_list("full_name", flat=True)) == {"Lò Văn Một", "Lò Văn Hai"}


def test_a_file_with_errors_cannot_be_confirmed_and_has_an_error_copy(login, tree, reference, tmp_path):
    rows = [
        ["DANH SÁCH"],
        [],
        ["Họ và tên", "Năm sinh", "TĐCM"],
        ["Lò Văn Một", 1980, "Đại học"],
        ["Lò Văn Hai", 1981, "Bằng lái xe"],
        ["Lò Văn Ba", "", ""],
    ]
    client = login("officer_a")
    _upload(client, write_xlsx(tmp_path / "ds.xlsx", rows), tree["a"])
    job = ImportJob.unscoped.get()
    page = client.get(reverse("exchange:detail", args=[job.pk])).content.decode()
    assert "Bằng lái xe" in page and "Xác nhận nhập" not in page
    client.post(reverse("exchange:confirm", args=[job.pk]))
    assert Person.unscoped.count() == 0
    response = client.get(reverse("exchange:errors", args=[job.pk]))
    copy = tmp_path / "loi.xlsx"
    copy.write_bytes(b"".join(response.streaming_content))
    sheet = CalamineWorkbook.from_path(str(copy)).get_sheet_by_index(0).to_python()
    header = next(r for r in sheet if "Họ và tên" in r)
    error_col = header.index("Lỗi")
    by_name = {r[0]: r[error_col] for r in sheet if r and r[0] in ("Lò Văn Một", "Lò Văn Hai", "Lò Văn Ba")}
    assert by_name["Lò Văn Một"] == ""
    assert "Bằng lái xe" in by_name["Lò Văn Hai"] or "Không nhận ra" in by_name["Lò Văn Hai"]
    assert "số định danh" in by_name["Lò Văn Ba"].lower()


def test_an_officer_cannot_import_into_another_commune_nor_see_its_jobs(login, tree, reference, tmp_path):
    path = write_xlsx(tmp_path / "ds.xlsx", [["Họ và tên", "Năm sinh"], ["Lò Văn Một", 1980]])
    response = _upload(login("officer_b"), path, tree["a"])
    assert response.status_code == 200 and not ImportJob.unscoped.exists()
    _upload(login("officer_a"), path, tree["a"])
    job = ImportJob.unscoped.get()
    assert login("officer_b").get(reverse("exchange:detail", args=[job.pk])).status_code == 404


def test_a_non_spreadsheet_upload_is_refused_with_a_reason(login, tree, reference, tmp_path):
    path = tmp_path / "ds.docx"
    path.write_bytes(b"not excel")
    response = _upload(login("officer_a"), path, tree["a"])
    assert "Chỉ nhận tệp .xlsx, .xls, .ods hoặc .csv" in response.content.decode()


def test_the_template_lists_every_accepted_value(login, reference, tmp_path):
    response = login("province_admin").get(reverse("exchange:template"))
    path = tmp_path / "mau.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    wb = CalamineWorkbook.from_path(str(path))
    header = wb.get_sheet_by_index(0).to_python()[0]
    assert header[:4] == ["Họ và tên", "Giới tính", "Ngày sinh", "Số định danh cá nhân"]
    values = wb.get_sheet_by_index(1).to_python()
    assert any(r[1] == "Thạc sĩ" and "ThS" in r[2] for r in values)
    assert any(r[1] == "Mông" and "Mèo" in r[2] for r in values)


def test_an_export_reimports_unchanged(people, tmp_path):
    out = tmp_path / "export.xlsx"
    call_command("export", "people", unit="P", xlsx=str(out), stdout=io.StringIO())
    before = {
        p.pk: (
            p.full_name,
            p.birth_date,
            p.birth_year,
            p.id_number,
            p.ethnicity_id,
            p.party_member,
            p.version,
        )
        for p in Person.unscoped.all()
    }
    err = io.StringIO()
    call_command("import", "people", str(out), unit="P", json=True, stdout=err)
    assert '"created": 0' in err.getvalue() and '"updated": 3' in err.getvalue()
    after = {
        p.pk: (
            p.full_name,
            p.birth_date,
            p.birth_year,
            p.id_number,
            p.ethnicity_id,
            p.party_member,
            p.version,
        )
        for p in Person.unscoped.all()
    }
    assert after == before


def test_the_json_export_has_the_documented_fields(people):
    import json

    out = io.StringIO()
    call_command("export", "people", unit="P-THANHNUA", json=True, stdout=out)
    rows = {r["full_name"]: r for r in json.loads(out.getvalue())}
    van = rows["Lò Thị Vân"]
    assert van["id_number"] == "011188001234" and van["birth_date"] == "1988-03-12" and van["birth_year"] == 1988
    assert van["professional_level"] == "Đại học" and van["professional_field"] == "Luật"
    assert van["politics_level"] == "Trung cấp" and van["state_mgmt_level"] is None
    assert van["unit"] == "P-THANHNUA" and van["category"] == "Công chức" and van["party_member"] is True
    assert rows["Lò Văn Minh"]["birth_date"] is None and rows["Lò Văn Minh"]["gender"] == "male"


def test_the_progress_bar_follows_a_running_job_and_refreshes_when_done(login, tree, reference, personas):
    job = ImportJob.unscoped.create(
        user=personas["officer_a"],
        unit=tree["a"],
        file_name="lon.xlsx",
        file_path="/nonexistent",
        status="importing",
        total_rows=200,
        processed_rows=50,
    )
    client = login("officer_a")
    page = client.get(reverse("exchange:detail", args=[job.pk])).content.decode()
    assert 'aria-valuenow="25"' in page and "every 1s" in page
    job.status, job.processed_rows = "done", 200
    job.save()
    response = client.get(reverse("exchange:progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"


def test_a_large_upload_is_queued_for_the_worker(login, tree, reference, tmp_path, monkeypatch):
    from types import SimpleNamespace

    from canbo.exchange import services

    queued = []
    monkeypatch.setattr(services, "INLINE_BYTES", 10)
    fake_task = SimpleNamespace(enqueue=lambda job_id: queued.append(job_id) or SimpleNamespace(id="task-1"))
    monkeypatch.setattr("canbo.exchange.tasks.validate_import", fake_task)
    path = write_xlsx(tmp_path / "ds.xlsx", [["Họ và tên", "Năm sinh"], ["Lò Văn Một", 1980]])
    _upload(login("officer_a"), path, tree["a"])
    job = ImportJob.unscoped.get()
    assert queued == [str(job.pk)] and job.status == "validating"
    assert job.task_id == "task-1" and job.heartbeat_at is None  # queued: waiting, not interrupted


def test_an_export_escapes_texts_a_spreadsheet_would_run_and_reimports_them_unchanged(people, tmp_path):
    from python_calamine import CalamineWorkbook

    from canbo.people import services

    services.person_update(person=people["van"], home_town='=HYPERLINK("http://x","bấm")', phone="+84 912 345 678")
    # The phone is stored as digits (people.rules), so the "+" a spreadsheet would run is tried on
    # another person's free text.
    services.person_update(person=people["minh"], home_town="+84 Mường Phăng")
    out = tmp_path / "export.xlsx"
    call_command("export", "people", unit="P", xlsx=str(out), stdout=io.StringIO())
    cells = [c for row in CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python() for c in row]
    assert '\'=HYPERLINK("http://x","bấm")' in cells and "'+84 Mường Phăng" in cells
    assert not any(isinstance(c, str) and c.startswith(("=", "+", "-", "@")) for c in cells)
    call_command("import", "people", str(out), unit="P", json=True, stdout=io.StringIO())
    van = Person.unscoped.get(pk=people["van"].pk)
    # The phone comes back as the same number, in the digits-only form the importer stores.
    assert (van.home_town, van.phone) == ('=HYPERLINK("http://x","bấm")', "0912345678")
    assert Person.unscoped.get(pk=people["minh"].pk).home_town == "+84 Mường Phăng"


def test_the_preview_offers_the_other_sheets_with_a_list_and_confirms_the_one_chosen(login, tree, reference, tmp_path):
    """A workbook with one list per sheet ("Cán bộ", "Công chức"): the preview reads the first,
    offers the other, validates it on request, and the confirmation writes that sheet only."""
    import openpyxl

    path = tmp_path / "theo-loai.xlsx"
    wb = openpyxl.Workbook()
    cadres = wb.active
    cadres.title = "Cán bộ"
    cadres.append(["Họ và tên", "Năm sinh"])
    cadres.append(["Lò Văn Hải", 1985])
    cadres.append(["Lò Văn Hùng", 1987])  # as many rows as the next sheet: the first is read
    servants = wb.create_sheet("Công chức")
    servants.append(["Họ và tên", "Năm sinh"])
    servants.append(["Quàng Thị Lan", 1990])
    servants.append(["Lò Thị Hoa", 1992])
    wb.create_sheet("Ghi chú").append(["Danh sách gửi Sở Nội vụ"])
    wb.save(path)
    client = login("officer_a")
    _upload(client, path, tree["a"])
    job = ImportJob.unscoped.get()
    assert job.summary["sheet"] == "Cán bộ" and job.summary["tables"] == ["Cán bộ", "Công chức"]
    page = client.get(reverse("exchange:detail", args=[job.pk])).content.decode()
    assert 'data-testid="sheet-form"' in page and '<option value="Công chức">Công chức</option>' in page
    assert '<option value="Ghi chú">' not in page  # a sheet without a list is not offered

    client.post(reverse("exchange:sheet", args=[job.pk]), {"sheet": "Công chức"})
    job.refresh_from_db()
    assert (job.status, job.sheet, job.summary["sheet"], job.summary["rows"]) == (
        "validated",
        "Công chức",
        "Công chức",
        2,
    )
    page = client.get(reverse("exchange:detail", args=[job.pk])).content.decode()
    assert "Quàng Thị Lan" in page and "Lò Văn Hải" not in page

    response = client.post(reverse("exchange:sheet", args=[job.pk]), {"sheet": "Ghi chú"}, follow=True)
    assert "không có danh sách ở trang tính “Ghi chú”" in response.content.decode()
    job.refresh_from_db()
    assert job.sheet == "Công chức" and job.status == "validated"

    client.post(reverse("exchange:confirm", args=[job.pk]))
    assert set(Person.unscoped.values_list("full_name", flat=True)) == {"Quàng Thị Lan", "Lò Thị Hoa"}
    response = client.post(reverse("exchange:sheet", args=[job.pk]), {"sheet": "Cán bộ"}, follow=True)
    assert "không đổi được trang tính" in response.content.decode()
    assert Person.unscoped.count() == 2


def test_another_officer_cannot_change_the_sheet_of_a_job(login, tree, reference, tmp_path):
    path = write_xlsx(tmp_path / "ds.xlsx", [["Họ và tên", "Năm sinh"], ["Lò Văn Một", 1980]])
    _upload(login("officer_a"), path, tree["a"])
    job = ImportJob.unscoped.get()
    assert login("officer_b").post(reverse("exchange:sheet", args=[job.pk]), {"sheet": "x"}).status_code == 404


def test_a_preview_showing_sensitive_columns_is_logged_once_per_view(login, tree, reference, personas, tmp_path):
    from canbo.accounts.models import SensitiveAccess

    rows = [["Họ và tên", "Năm sinh", "Dân tộc"], ["Lò Văn Một", 1980, "Thái"], ["Lò Văn Hai", 1981, "Thái Lan"]]
    client = login("officer_a")
    _upload(client, write_xlsx(tmp_path / "ds.xlsx", rows), tree["a"])
    job = ImportJob.unscoped.get()
    assert not SensitiveAccess.objects.exists()  # the upload shows nothing yet
    page = client.get(reverse("exchange:detail", args=[job.pk])).content.decode()
    assert "Thái Lan" in page  # the refused value of the Dân tộc column is on the page
    access = SensitiveAccess.objects.get()
    assert access.user == personas["officer_a"] and access.where == "import_preview"
    assert access.fields == ["ethnicity"] and access.people_count == 2
    assert access.criteria == {"import_job": str(job.pk)}
    client.get(reverse("exchange:detail", args=[job.pk]), {"show": "all"})
    assert SensitiveAccess.objects.count() == 2  # once per view, not once per row


def test_a_preview_without_sensitive_columns_is_not_logged(login, tree, reference, tmp_path):
    from canbo.accounts.models import SensitiveAccess

    rows = [["Họ và tên", "Năm sinh"], ["Lò Văn Một", 1980], ["Lò Văn Hai", "năm ngoái"]]
    client = login("officer_a")
    _upload(client, write_xlsx(tmp_path / "ds.xlsx", rows), tree["a"])
    job = ImportJob.unscoped.get()
    assert "năm ngoái" in client.get(reverse("exchange:detail", args=[job.pk])).content.decode()
    assert not SensitiveAccess.objects.exists()
