"""`canbo report summary` and `canbo report plan-vs-actual` on a small district."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from canbo.plans import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def results(district, tree, make_person, make_class, kinds):
    people_tn = [make_person(district["tn"], f"TN {i}") for i in range(3)]
    people_tl = [make_person(district["tl"], f"TL {i}") for i in range(2)]
    make_class(district["district"], "politics", people=people_tn + people_tl)
    make_class(district["tn"], "state_mgmt", people=people_tn[:2])
    services.plan_create(unit=district["district"], year=2021, targets=[{"kind": "politics", "turns": 6}])
    services.plan_create(unit=district["tn"], year=2021, targets=[{"kind": "politics", "turns": 4}])
    return district


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_summary_states_classes_turns_and_percent(results):
    text = run("summary", "--year", "2021", "--unit", "P-HDB")
    assert "tổ chức 2 lớp" in text
    assert "7 lượt người (5 người)" in text
    assert "đạt 117% kế hoạch (7/6 lượt người)" in text
    assert "Xã Thanh Nưa 5/4 lượt người (125%)" in text


def test_summary_with_decimals_uses_the_vietnamese_comma(results):
    text = run("summary", "--year", "2021", "--unit", "P-HDB", "--decimals", "1")
    assert "đạt 116,7% kế hoạch" in text


def test_plan_vs_actual_json_has_a_row_per_child_and_kind(results, kinds):
    data = json.loads(run("plan-vs-actual", "--year", "2021", "--unit", "P-HDB", "--json"))
    assert data["total"]["turns"] == 7 and data["total"]["planned_turns"] == 6
    assert data["children_planned_turns"] == 4
    tn = next(c for c in data["children"] if c["unit"] == "P-HDB-THANHNUA")
    politics = next(k for k in tn["kinds"] if k["kind"] == "politics")
    assert (politics["turns"], politics["planned_turns"], politics["percent"]) == (3, 4, 75.0)


def test_an_unknown_unit_is_a_usage_error(results):
    with pytest.raises(CommandError) as exc:
        run("summary", "--year", "2021", "--unit", "NOPE")
    assert exc.value.returncode == 2
