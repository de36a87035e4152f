"""The demo states the seed article's sentences."""

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


def test_the_demo_states_the_2021_results_against_the_plans(demo):
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

    # The units' plans add up to the province's.
    from canbo.plans.models import PlanTarget

    units_plans = PlanTarget.objects.filter(plan__year=2021, plan__unit__parent__code="DB")
    assert sum(units_plans.values_list("turns", flat=True)) == 25980
    _posts_as_a_commune_has_them()
    _training_in_every_band()

    # The 2026 plans wait for the province (Thanh Nưa) and for their own unit (Mường Nhé).
    assert Plan.unscoped.get(unit__code="DB-THANHNUA", year=2026).status == "submitted"
    assert Plan.unscoped.get(unit__code="DB-MUONGNHE", year=2026).status == "draft"


LEADERS = ("Bí thư Đảng ủy", "Chủ tịch Hội đồng nhân dân", "Chủ tịch Ủy ban nhân dân")
DEPUTIES = ("Phó Bí thư Đảng ủy", "Phó Chủ tịch Hội đồng nhân dân", "Phó Chủ tịch Ủy ban nhân dân")


def _posts_as_a_commune_has_them():
    """At three dates every commune has one Bí thư and one Chủ tịch of HĐND and UBND, one or two
    deputies, leaders who are Party members with trung cấp LLCT+ and 25 or older, and cán bộ +
    công chức within the NĐ 33 quota (old communes) or 32–50 (the 2025 communes)."""
    import datetime
    from collections import Counter, defaultdict

    from django.db.models import Q

    from canbo.orgs.choices import COMMUNE_LEVEL
    from canbo.people.models import Assignment, PersonLevel

    qualified = set(
        PersonLevel.objects.filter(
            ladder__code="politics", level__code__in=["trung_cap", "cao_cap", "cu_nhan"]
        ).values_list("person_id", flat=True)
    )
    for day, units, staff in (
        (datetime.date(2021, 12, 31), 129, (17, 23)),
        (datetime.date(2025, 6, 30), 129, (17, 23)),
        (datetime.date(2026, 6, 30), 45, (32, 50)),
    ):
        posts, heads = defaultdict(Counter), Counter()
        rows = Assignment.unscoped.filter(is_main=True, unit__kind__in=COMMUNE_LEVEL, start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )
        for code, title, category, party, born, pid in rows.values_list(
            "unit__code", "title", "category", "person__party_member", "person__birth_year", "person_id"
        ):
            posts[code][title] += 1
            heads[code] += category in ("can_bo", "cong_chuc")
            if title in LEADERS + DEPUTIES:
                assert party and pid in qualified and day.year - born >= 25, (day, code, title)
        assert len(posts) == units, day
        for code, held in posts.items():
            assert [held[t] for t in LEADERS] == [1, 1, 1], (day, code, held)
            assert all(1 <= held[t] <= 2 for t in DEPUTIES), (day, code, held)
            assert staff[0] <= heads[code] <= staff[1], (day, code, heads[code])
    # The huyện had staff until the reform.
    assert Assignment.unscoped.filter(unit__code="DB-HDB", end_date=datetime.date(2025, 6, 30)).count() > 50


def _training_in_every_band():
    """2021 has degree training (in the country, abroad, joint), cao cấp LLCT and learners in the
    huyện's own units; the classes and turns stay the article's."""
    from canbo.training.models import Enrolment

    done = Enrolment.unscoped.filter(completed_on__year=2021)
    assert done.count() == 27071
    degree = done.filter(training_class__programme__kind__code="degree")
    assert degree.filter(training_class__programme__grants_level__code="dai_hoc").exists()
    assert degree.filter(training_class__programme__grants_level__code="thac_si").exists()
    assert {"in_province", "in_country", "abroad"} <= set(degree.values_list("training_class__place", flat=True))
    assert degree.filter(training_class__is_joint=True).exists()
    assert done.filter(training_class__programme__grants_level__code="cao_cap").exists()
    assert done.filter(unit__kind="district", training_class__organiser__kind="district").count() > 100


def test_the_demo_provinces_plan_vs_actual_prints_as_a_paper(demo, client):
    """The article's 2021 figures on the paper: 27.071 turns against the plan, the province issuing."""
    import openpyxl
    from django.urls import reverse

    from canbo.accounts.models import User
    from canbo.core.papers import MOTTO, VN_INT

    client.force_login(User.objects.get(username="sonoivu"))
    response = client.get(reverse("plans:unit_xlsx", args=["DB"]), {"year": 2021})
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    texts = [str(v) for r in rows for v in r if v is not None]
    assert "ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN" in texts and MOTTO in texts
    header = next(i for i, r in enumerate(rows) if r[1] == "Đơn vị")
    total = rows[header + 1]
    assert total[1:3] == ["Tỉnh Điện Biên", "Tổng số"] and total[4] == 27071
    assert round(total[5], 3) == 1.042
    assert ws.cell(header + 2, 5).number_format == VN_INT
