"""The demo states the seed article's sentences (one demo load for all of them: it takes a while)."""

import io
import json

import pytest
from django.core.management import call_command

from canbo.plans import summaries
from canbo.plans.models import Plan

pytestmark = pytest.mark.django_db


def report(*args):
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_the_demo_states_the_2021_results_against_the_plans():
    call_command("demo", demo_accounts=True, stdout=io.StringIO())
    assert summaries.check().ok
    # The staff-quality summaries are built too, and equal a count of the people.
    from canbo.orgs.models import Unit
    from canbo.people.models import Assignment
    from canbo.reports import quality

    assert quality.check().ok
    db = Unit.unscoped.get(code="DB")
    staff = Assignment.unscoped.filter(is_main=True, end_date__isnull=True, unit__path__startswith=db.path)
    assert quality.subtree_quality(db).total == staff.count() > 10_000

    province = report("summary", "--year", "2021", "--unit", "DB")
    assert "tổ chức 341 lớp" in province
    assert "27.071 lượt người" in province and "đạt 104,2% kế hoạch" in province
    assert "Huyện Điện Biên 8.672/8.145 lượt người (106%)" in province

    district = report("summary", "--year", "2021", "--unit", "DB-HDB")
    assert "8.672 lượt người" in district and "đạt 106% kế hoạch (8.672/8.145 lượt người)" in district

    commune = report("summary", "--year", "2021", "--unit", "DB-HDB-THANHNUA")
    assert "15/16 đồng chí có trình độ chuyên môn từ đại học trở lên" in commune
    assert "14/16 đồng chí có trình độ từ trung cấp lý luận chính trị trở lên" in commune

    data = json.loads(report("plan-vs-actual", "--year", "2021", "--unit", "DB", "--json"))
    assert (data["total"]["turns"], data["total"]["planned_turns"], data["total"]["classes"]) == (27071, 25980, 341)
    assert sum(k["planned_turns"] for k in data["kinds"]) == 25980
    hdb = next(c for c in data["children"] if c["unit"] == "DB-HDB")
    assert (hdb["turns"], hdb["planned_turns"]) == (8672, 8145)

    # The 2026 plans wait for the province (Thanh Nưa) and for their own unit (Mường Nhé).
    assert Plan.unscoped.get(unit__code="DB-THANHNUA", year=2026).status == "submitted"
    assert Plan.unscoped.get(unit__code="DB-MUONGNHE", year=2026).status == "draft"
    plans = Plan.unscoped.count()
    call_command("demo", demo_accounts=True, stdout=io.StringIO())
    assert Plan.unscoped.count() == plans
