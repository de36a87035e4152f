"""The demo's people: the Thanh Nưa committee of the article, and `synth` on top of the demo."""

import io

from django.core.management import call_command

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
