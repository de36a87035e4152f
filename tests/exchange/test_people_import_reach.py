"""The people import never writes outside the importer's reach: an ID number held by someone the
importer does not reach is a row error (never a silent transfer), and the rows written are checked
again after the write. Files are real .xlsx written by openpyxl; runs go through the upload pages and
`canbo import people --as USER`."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from canbo.core.errors import ReachViolation
from canbo.core.models import ChangeLogEntry
from canbo.exchange.models import ImportJob
from canbo.people import imports as people_import
from canbo.people.models import Assignment, Person
from tests.exchange.files import write_xlsx
from tests.exchange.test_import_pages import _upload

D = datetime.date
OUTSIDE = "Số định danh này thuộc một người ngoài phạm vi quản lý của bạn; đề nghị đơn vị quản lý chuyển hồ sơ"
HEADER = ["Họ và tên", "Năm sinh", "Số CCCD", "Chức vụ", "Đơn vị"]
VAN_ID = "011188001234"  # Lò Thị Vân, commune A (tests/conftest.py)


def run(path, unit, as_user, *flags):
    out = io.StringIO()
    options = {f: True for f in flags}
    try:
        call_command("import", "people", str(path), unit=unit, as_user=as_user, json=True, stdout=out, **options)
        code = 0
    except CommandError as error:
        code = error.returncode
    return code, json.loads(out.getvalue()) if out.getvalue() else None


def _state(person):
    """What an import could have changed about a person: where they are and their open posts."""
    person = Person.unscoped.get(pk=person.pk)
    posts = list(Assignment.unscoped.filter(person=person, end_date__isnull=True).values_list("unit__code", "title"))
    return person.full_name, person.unit_id, person.unit_path, person.version, sorted(posts)


def test_it_refuses_a_row_whose_id_belongs_to_someone_outside_reach(people, personas, tmp_path):
    """Before: commune B took commune A's person over with a one-row file."""
    van = people["van"]
    before, logged = _state(van), ChangeLogEntry.objects.count()
    path = write_xlsx(tmp_path / "b.xlsx", [HEADER, ["Nguyễn Văn Giả", 1988, VAN_ID, "Văn thư", ""]])
    code, report = run(path, "P-MUONGNHE", "officer_b")
    assert code == 1
    column = "Số định danh cá nhân (cột C)"
    assert report["errors"] == [{"row": 2, "column": column, "value": VAN_ID, "message": OUTSIDE + "."}]
    assert report["invalid"] == 1 and report["updated"] == 0 and report["created"] == 0
    assert _state(van) == before
    assert ChangeLogEntry.objects.count() == logged
    assert not Person.unscoped.filter(full_name="Nguyễn Văn Giả").exists()


def test_a_refused_row_blocks_the_file_unless_invalid_rows_are_skipped(people, personas, tmp_path):
    van = people["van"]
    before = _state(van)
    rows = [HEADER, ["Nguyễn Văn Giả", 1988, VAN_ID, "", ""], ["Giàng Thị Mai", 1995, "011195003333", "", ""]]
    path = write_xlsx(tmp_path / "b.xlsx", rows)
    assert run(path, "P-MUONGNHE", "officer_b")[0] == 1
    assert not Person.unscoped.filter(id_number="011195003333").exists()
    code, report = run(path, "P-MUONGNHE", "officer_b", "skip_invalid")
    assert code == 0 and report["created"] == 1 and report["updated"] == 0
    assert Person.unscoped.get(id_number="011195003333").unit == people["pao"].unit
    assert _state(van) == before


def test_an_officer_updates_a_person_of_their_own_commune(people, personas, tree, tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", [HEADER, ["Lò Thị Vân", 1988, VAN_ID, "Phó Chủ tịch UBND", ""]])
    code, report = run(path, "P-THANHNUA", "officer_a")
    assert code == 0 and report["updated"] == 1, report
    assert Assignment.unscoped.get(person=people["van"], end_date__isnull=True).title == "Phó Chủ tịch UBND"


MOVE = (
    "Người này đang công tác tại «%s»; chuyển đơn vị bằng chức năng «Chuyển công tác» trên trang hồ sơ "
    "(bên chuyển đi đề nghị, bên nhận tiếp nhận), không qua nhập tệp."
)
NO_UNIT_HEADER = HEADER[:4]
MINH_ID = "011091005678"


def _give_minh_an_id(people):
    Person.unscoped.filter(pk=people["minh"].pk).update(id_number=MINH_ID)


def test_the_province_import_refuses_to_move_a_person_between_communes(people, personas, tree, tmp_path):
    """Before: the province's file moved Vân from Thanh Nưa to Mường Nhé; a transfer is its own workflow."""
    van = people["van"]
    before, logged = _state(van), ChangeLogEntry.objects.count()
    path = write_xlsx(tmp_path / "p.xlsx", [HEADER, ["Lò Thị Vân", 1988, VAN_ID, "Công chức Tư pháp", "P-MUONGNHE"]])
    code, report = run(path, "P", "province")
    assert code == 1, report
    error = {"row": 2, "column": "Đơn vị (cột E)", "value": tree["b"].name, "message": MOVE % tree["a"].name}
    assert report["errors"] == [error]
    assert report["updated"] == 0 and report["created"] == 0
    assert _state(van) == before
    assert ChangeLogEntry.objects.count() == logged


def test_the_province_moves_a_person_between_communes_by_a_transfer(people, personas, tree):
    from canbo.core import context
    from canbo.people import services

    with context.acting_as(personas["province_admin"]):
        services.person_transfer(person=people["van"], unit=tree["b"], start_date=D(2025, 9, 1))
    van = Person.unscoped.get(pk=people["van"].pk)
    assert van.unit == tree["b"]
    assert Assignment.unscoped.get(person=van, end_date__isnull=True).unit == tree["b"]


def test_a_commune_import_without_a_unit_column_keeps_a_person_in_their_office(people, personas, tree, tmp_path):
    """Before: a file with no unit column moved the commune office's people up into the commune."""
    _give_minh_an_id(people)
    path = write_xlsx(tmp_path / "a.xlsx", [NO_UNIT_HEADER, ["Lò Văn Minh", 1991, MINH_ID, "Chuyên viên"]])
    code, report = run(path, "P-THANHNUA", "officer_a")
    assert code == 0 and report["updated"] == 1, report
    minh = Person.unscoped.get(pk=people["minh"].pk)
    assert minh.unit == tree["a_office"]
    posts = Assignment.unscoped.filter(person=minh)
    assert [(a.unit, a.title, a.end_date) for a in posts] == [(tree["a_office"], "Chuyên viên", None)]


def test_a_row_naming_another_unit_than_the_persons_is_refused_and_nothing_is_written(people, personas, tree, tmp_path):
    _give_minh_an_id(people)
    minh = people["minh"]
    before, logged = _state(minh), ChangeLogEntry.objects.count()
    rows = [
        HEADER,
        ["Lò Văn Minh", 1991, MINH_ID, "Chuyên viên", "P-THANHNUA"],
        ["Giàng Thị Mai", 1995, "011195003333"],
    ]
    path = write_xlsx(tmp_path / "a.xlsx", rows)
    code, report = run(path, "P-THANHNUA", "officer_a")
    assert code == 1, report
    message = MOVE % tree["a_office"].name
    assert report["errors"] == [{"row": 2, "column": "Đơn vị (cột E)", "value": tree["a"].name, "message": message}]
    assert _state(minh) == before
    assert ChangeLogEntry.objects.count() == logged
    assert not Person.unscoped.filter(id_number="011195003333").exists()


def test_without_a_unit_column_the_refusal_points_at_the_id_column(people, personas, tree, tmp_path):
    """A person outside the target's subtree (here the province's file for commune B) is not moved either."""
    path = write_xlsx(tmp_path / "p.xlsx", [NO_UNIT_HEADER, ["Lò Thị Vân", 1988, VAN_ID, "Công chức Tư pháp"]])
    code, report = run(path, "P-MUONGNHE", "province")
    assert code == 1, report
    column = "Số định danh cá nhân (cột C)"
    assert report["errors"] == [{"row": 2, "column": column, "value": VAN_ID, "message": MOVE % tree["a"].name}]
    assert Person.unscoped.get(pk=people["van"].pk).unit == tree["a"]


def test_the_command_refuses_a_unit_outside_the_users_reach(people, personas, tmp_path):
    path = write_xlsx(tmp_path / "b.xlsx", [HEADER, ["Giàng Thị Mai", 1995, "011195003333", "", ""]])
    code, _report = run(path, "P-THANHNUA", "officer_b")
    assert code == 1
    assert not Person.unscoped.filter(id_number="011195003333").exists()


def test_the_upload_preview_refuses_the_row_without_saying_whose_id_it_is(login, people, tree, tmp_path):
    van = people["van"]
    before = _state(van)
    path = write_xlsx(tmp_path / "b.xlsx", [HEADER, ["Nguyễn Văn Giả", 1988, VAN_ID, "Văn thư", ""]])
    client = login("officer_b")
    _upload(client, path, tree["b"])
    job = ImportJob.unscoped.get()
    assert job.status == "validated" and job.summary["invalid"] == 1
    page = client.get(reverse("exchange:detail", args=[job.pk])).content.decode()
    assert OUTSIDE in page
    assert "Lò Thị Vân" not in page and "Thanh Nưa" not in page
    client.post(reverse("exchange:confirm", args=[job.pk]))
    assert _state(van) == before
    assert not Person.unscoped.filter(full_name="Nguyễn Văn Giả").exists()


def test_a_write_that_slips_outside_reach_is_rolled_back(people, personas, tmp_path, monkeypatch):
    """Defence in depth: were the row check ever bypassed, the check after the write undoes it."""
    van = people["van"]
    before, logged = _state(van), ChangeLogEntry.objects.count()

    def match_anyone(parsed, unit, *, user):
        return {item.row: Person.unscoped.get(id_number=item.person["id_number"]) for item in parsed}, {}

    monkeypatch.setattr(people_import, "_match_existing", match_anyone)
    monkeypatch.setattr(people_import, "_refuse_moves", lambda *a: {})
    path = write_xlsx(tmp_path / "b.xlsx", [HEADER, ["Lò Thị Vân", 1988, VAN_ID, "Văn thư", ""]])
    with pytest.raises(ReachViolation):
        run(path, "P-MUONGNHE", "officer_b")
    assert _state(van) == before
    assert ChangeLogEntry.objects.count() == logged


def test_an_import_job_for_a_unit_outside_the_reach_is_a_logged_404(personas, tree, tmp_path, caplog):
    """The import service makes the same check as every write: a unit outside the importer's
    reach answers as a missing one (404, nothing disclosed) and is kept in the security log; a
    leader who reaches the unit but may not import is refused with the reason."""
    import logging

    from django.core.files.uploadedfile import SimpleUploadedFile

    from canbo.core import context
    from canbo.core.errors import NotPermitted, OutOfReach
    from canbo.exchange import services

    path = write_xlsx(tmp_path / "a.xlsx", [HEADER, ["Lò Văn Một", 1980, "", "Chuyên viên", ""]])
    upload = SimpleUploadedFile("a.xlsx", path.read_bytes())
    with caplog.at_level(logging.WARNING), context.acting_as(personas["officer_a"]), pytest.raises(OutOfReach):
        services.import_job_create(unit=tree["b"], uploaded=upload)
    refusals = [r.getMessage() for r in caplog.records if "authorize refused (outside reach)" in r.getMessage()]
    assert len(refusals) == 1 and f"object=Unit:{tree['b'].pk}" in refusals[0]
    with context.acting_as(personas["leader"]), pytest.raises(NotPermitted, match="không có quyền nhập dữ liệu"):
        services.import_job_create(unit=tree["a"], uploaded=upload)
    assert ImportJob.unscoped.count() == 0
