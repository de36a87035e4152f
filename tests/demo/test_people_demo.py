"""The demo's people: the Thanh Nưa committee of the article, and `synth` on top of the demo."""

import io

from django.core.management import call_command

from canbo.orgs.models import Unit
from canbo.people.models import Assignment, Body, Person
from canbo.people.selectors import body_profile


def test_the_thanh_nua_committee_profile_reads_15_of_16_and_14_of_16(demo):
    body = Body.unscoped.get(name__startswith="Ban Chấp hành Đảng bộ xã Thanh Nưa")
    profile = body_profile(body=body)
    assert profile.total == 16
    assert profile.ratio("professional", "dai_hoc") == "15/16"
    assert profile.ratio("politics", "trung_cap") == "14/16"
    assert profile.minorities == 15


def test_synth_makes_a_realistic_population_with_pre_reform_careers(demo):
    before = Person.unscoped.count()
    out = io.StringIO()
    call_command("synth", "people", count=500, seed=7, stdout=out)
    assert Person.unscoped.count() == before + 500
    assert "Đã tạo 500 hồ sơ" in out.getvalue()
    newest = Person.unscoped.order_by("-id")[:500]
    thai = sum(1 for p in newest if p.ethnicity and p.ethnicity.name == "Thái")
    assert 120 < thai < 260
    old = Assignment.unscoped.filter(person__in=list(newest), unit__code__startswith="DB-H", end_date__isnull=False)
    assert old.exists()
    assert all(a.end_date.isoformat() == "2025-06-30" for a in old)


def test_the_2021_departments_have_their_staff_and_turns_and_careers_follow_the_tree(demo):
    """Careers that began before the merger of 01/03/2025 start in the 2021 departments (issue 14,
    "the tree as it stood"): a 2021 report finds their staff and turns, today's Sở NN&MT has no one
    before it existed, and every main assignment lies within its unit's validity."""
    import datetime
    import json

    from django.db.models import F, Q

    from canbo.orgs.demo_data import FORMER_DEPARTMENTS, MERGER_DATE, MERGER_DECISION
    from canbo.training.models import Enrolment

    day = datetime.date(2021, 12, 31)
    main = Assignment.unscoped.filter(is_main=True)
    for code, _name, _successors in FORMER_DEPARTMENTS:
        assert main.filter(unit__code=code).valid_on(day).count() > 50, code
        assert Enrolment.unscoped.filter(unit__code=code, completed_on__year=2021).count() > 20, code
        # Its staff moved to the department that took over its work, on the merger's date.
        moved = main.filter(unit__code=code, end_date=MERGER_DATE - datetime.timedelta(days=1))
        assert moved.count() == main.filter(unit__code=code).count()
    assert not main.filter(unit__code="DB-SNNMT", start_date__lt=MERGER_DATE).exists()
    assert not main.filter(unit__code="DB-SDTTG", start_date__lt=MERGER_DATE).exists()
    taken_over = main.filter(unit__code="DB-SNNMT", start_date=MERGER_DATE)
    assert taken_over.count() > 100
    assert set(taken_over.values_list("decision_number", flat=True)) == {MERGER_DECISION}

    out = io.StringIO()
    call_command("report", "plan-vs-actual", "--year", "2021", "--unit", "DB", "--json", stdout=out)
    children = {c["unit"]: c for c in json.loads(out.getvalue())["children"]}
    assert children["DB-SNNPTNT"]["turns"] > 20 and children["DB-SNNPTNT"]["planned_turns"] > 20
    assert "DB-SNNMT" not in children
    assert {"DB-HDB", "DB-HMN"} <= set(children)
    # The same report for 2026 names the units of 2026: the merged department, no huyện.
    out = io.StringIO()
    call_command("report", "plan-vs-actual", "--year", "2026", "--unit", "DB", "--json", stdout=out)
    children_2026 = set(c["unit"] for c in json.loads(out.getvalue())["children"])
    assert "DB-SNNMT" in children_2026 and "DB-THANHNUA" in children_2026
    assert not children_2026 & {"DB-SNNPTNT", "DB-STNMT", "DB-HDB", "DB-HDB-THANHNUA"}

    # No main assignment runs past its unit's end; on 31/12/2021 everyone works in a unit of 2021.
    assert not (
        main.filter(unit__valid_to__isnull=False)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=F("unit__valid_to")))
        .exists()
    )
    assert not main.valid_on(day).exclude(unit__in=Unit.unscoped.valid_on(day)).exists()
    # Nor starts before it (the huyện and old communes are dated from 2020: posts held since
    # before are written from that day).
    assert main.count() > 20_000
    assert not main.filter(start_date__lt=F("unit__valid_from")).exists()
    assert not main.filter(end_date__lt=F("start_date")).exists()
