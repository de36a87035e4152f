"""`canbo gaps recompute` and `canbo report standards` as an operator runs them."""

import json
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from canbo.standards.models import Gap


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_recompute_now_restores_the_stored_gaps(make_person):
    person = make_person("Chủ tịch Ủy ban nhân dân")
    Gap.objects.all().delete()
    output = run("gaps", "recompute", "--now")
    assert "Đã tính lại 2 kết quả" in output
    assert Gap.objects.filter(person_id=person.pk).count() == 2


def test_recompute_in_the_background_runs_in_the_worker(make_person):
    make_person("Chủ tịch Ủy ban nhân dân")
    Gap.objects.all().delete()
    data = json.loads(run("gaps", "recompute", "--unit", "P-THANHNUA", "--json"))
    assert data["queued"] is True
    assert Gap.objects.count() == 2  # the test settings run tasks immediately


def test_an_unknown_unit_is_a_usage_error(seeded):
    with pytest.raises(CommandError) as e:
        run("gaps", "recompute", "--unit", "KHONG-CO")
    assert e.value.returncode == 2


def test_the_report_prints_json_and_writes_an_escaped_workbook(make_person, tree, tmp_path):
    from canbo.orgs import services as org_services

    org_services.unit_update(unit=tree["a"], name="=Xã Thanh Nưa")
    make_person("Chủ tịch Ủy ban nhân dân", levels=[("professional", "dai_hoc")])
    data = json.loads(run("report", "standards", "--unit", "P-THANHNUA", "--json"))
    professional = next(r for r in data["rates"] if r["ladder_code"] == "professional")
    assert professional == {
        "title": "Chủ tịch Ủy ban nhân dân xã",
        "sector": "Quản lý nhà nước",
        "ladder": "Trình độ chuyên môn",
        "ladder_code": "professional",
        "applicable": 1,
        "met": 1,
        "grace": 0,
        "transition": 0,
        "unmet": 0,
        "rate": 100.0,
    }
    assert {n["kind"] for n in data["needs"]} == {"politics"}
    path = tmp_path / "bc.xlsx"
    run("report", "standards", "--unit", "P-THANHNUA", "--xlsx", str(path))
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert sheet["A1"].value.startswith("'=Xã Thanh Nưa")
    text = run("report", "standards", "--unit", "P-THANHNUA", "--date", "2024-01-01")
    assert "Trình độ chuyên môn" in text


def test_the_report_refuses_a_bad_date(seeded, tree):
    with pytest.raises(CommandError) as e:
        run("report", "standards", "--unit", "P-THANHNUA", "--date", "31/02/2024x")
    assert e.value.returncode == 2
