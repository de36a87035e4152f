import io

from django.core.management import call_command

from canbo.people.models import Body
from canbo.people.selectors import body_profile, unit_profile


def test_the_thanh_nua_committee_profile_reads_15_of_16_and_14_of_16(db):
    call_command("demo", stdout=io.StringIO())
    body = Body.unscoped.get(name__startswith="Ban Chấp hành Đảng bộ xã Thanh Nưa")
    profile = body_profile(body=body)
    assert profile.total == 16
    assert profile.ratio("professional", "dai_hoc") == "15/16"
    assert profile.ratio("politics", "trung_cap") == "14/16"
    assert profile.minorities == 15


def test_a_unit_profile_counts_women_minorities_and_levels(people, tree):
    from canbo.core.scope import Scope

    profile = unit_profile(
        unit=tree["a"], day=__import__("datetime").date(2026, 1, 1), scope=Scope.everything()
    )
    assert profile.total == 2 and profile.women == 1 and profile.minorities == 2
    assert profile.ratio("professional", "dai_hoc") == "1/2"
    assert profile.ratio("professional", "cao_dang") == "2/2"
    assert profile.ladders["politics"].none == 1
