"""The class list upload enrols only people within the uploader's reach; people of other units
come through their unit's nomination (and then their results may be uploaded). Through the upload
page and `canbo import enrolments --as USER`, with real .xlsx files."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from canbo.core.errors import ReachViolation
from canbo.core.models import ChangeLogEntry
from canbo.training import imports, services
from canbo.training.models import Enrolment
from tests.exchange.files import write_xlsx

D = datetime.date
OUTSIDE = "Số định danh này thuộc một người ngoài phạm vi quản lý của bạn; đề nghị đơn vị quản lý chuyển hồ sơ"
HEADER = ["Họ và tên", "Số định danh", "Kết quả"]
PAO_ID = "011180005555"


@pytest.fixture
def a_class(people, personas, tree, update_course, make_class):
    """A class commune A runs, finished (results can be recorded); Páo of commune B gets an ID."""
    people["pao"].id_number = PAO_ID
    people["pao"].save(update_fields=["id_number"])
    return make_class(update_course, organiser=tree["a"], start=D(2025, 9, 8), days=3)


def run(path, code, as_user):
    out = io.StringIO()
    try:
        call_command("import", "enrolments", str(path), json=True, stdout=out, as_user=as_user, **{"class": code})
        status = 0
    except CommandError as error:
        status = error.returncode
    return status, json.loads(out.getvalue() or "{}")


def test_the_upload_page_refuses_a_learner_outside_reach_without_naming_them(login, a_class, tmp_path):
    """Before: any ID number in the province was enrolled."""
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER, ["Người Lạ", PAO_ID, "Hoàn thành"]])
    logged = ChangeLogEntry.objects.count()
    with open(path, "rb") as handle:
        response = login("officer_a").post(f"/training/classes/{a_class.code}/upload/", {"file": handle})
    page = response.content.decode()
    assert response.status_code == 200 and OUTSIDE in page
    assert "Giàng A Páo" not in page and "Mường Nhé" not in page
    assert not Enrolment.unscoped.exists() and ChangeLogEntry.objects.count() == logged


def test_the_command_acting_for_an_officer_enrols_only_their_people(people, a_class, tmp_path):
    path = write_xlsx(
        tmp_path / "ds.xlsx", [HEADER, ["Lò Thị Vân", "011188001234", "Hoàn thành"], ["Người Lạ", PAO_ID, "Đạt"]]
    )
    code, report = run(path, a_class.code, "officer_a")
    assert code == 1
    assert [(e["row"], e["value"], e["message"]) for e in report["errors"]] == [(3, PAO_ID, OUTSIDE + ".")]
    assert not Enrolment.unscoped.exists()
    good = write_xlsx(tmp_path / "ok.xlsx", [HEADER, ["Lò Thị Vân", "011188001234", "Hoàn thành"]])
    assert run(good, a_class.code, "officer_a")[0] == 0
    assert Enrolment.unscoped.get(person=people["van"]).result == "passed"


def test_results_of_a_learner_their_unit_nominated_may_be_uploaded(people, a_class, tmp_path):
    enrolment = services.enrolment_approve(
        enrolment=services.enrolment_nominate(training_class=a_class, person=people["pao"])
    )
    path = write_xlsx(tmp_path / "kq.xlsx", [HEADER, ["Giàng A Páo", PAO_ID, "Hoàn thành"]])
    code, report = run(path, a_class.code, "officer_a")
    assert code == 0 and report["updated"] == 1, report
    enrolment.refresh_from_db()
    assert enrolment.result == "passed"


def test_a_class_the_user_does_not_run_is_refused(people, a_class, tmp_path):
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER, ["Giàng A Páo", PAO_ID, "Hoàn thành"]])
    assert run(path, a_class.code, "officer_b")[0] == 1
    assert not Enrolment.unscoped.exists()


def test_an_enrolment_that_slips_outside_reach_is_rolled_back(people, a_class, tmp_path, monkeypatch):
    """Defence in depth: were the row check bypassed, the check after the write undoes it."""
    monkeypatch.setattr(imports, "_reachable", lambda *args: True)
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER, ["Người Lạ", PAO_ID, "Hoàn thành"]])
    logged = ChangeLogEntry.objects.count()
    with pytest.raises(ReachViolation):
        run(path, a_class.code, "officer_a")
    assert not Enrolment.unscoped.exists() and ChangeLogEntry.objects.count() == logged


def test_a_learner_named_without_an_id_is_looked_for_only_within_reach(people, tree, a_class, tmp_path):
    """Páo worked in commune A before moving to B: matched by name, but no longer A's to enrol."""
    from canbo.people.models import Assignment

    Assignment.unscoped.create(person=people["pao"], unit=tree["a"], start_date=D(2020, 1, 1), end_date=D(2024, 12, 31))
    path = write_xlsx(tmp_path / "ds.xlsx", [["Họ và tên", "Năm sinh", "Kết quả"], ["Giàng A Páo", 1980, "Đạt"]])
    code, report = run(path, a_class.code, "officer_a")
    assert code == 1 and "Không tìm thấy Giàng A Páo" in report["errors"][0]["message"]
    assert "Mường Nhé" not in json.dumps(report, ensure_ascii=False)
    assert not Enrolment.unscoped.exists()
    assert run(path, a_class.code, "province")[0] == 0  # the province reaches commune B
