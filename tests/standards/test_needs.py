"""`needs_by_kind`: the plans issue's entry point — distinct people per programme kind, scoped."""

import datetime

from canbo.core.dates import today
from canbo.standards.selectors import needs_by_kind

D = datetime.date


def test_it_counts_distinct_people_per_kind_in_a_subtree(make_person, tree, personas):
    make_person("Chủ tịch Ủy ban nhân dân", unit="a", name="A1")  # no degree, no LLCT
    make_person("Phó Chủ tịch Ủy ban nhân dân", unit="a", name="A2", levels=[("professional", "dai_hoc")])
    make_person("Chủ tịch Ủy ban nhân dân", unit="b", name="B1", levels=[("politics", "trung_cap")])
    make_person(
        "Công chức Tư pháp - hộ tịch",
        unit="b",
        category="cong_chuc",
        name="B2",
        levels=[("professional", "dai_hoc", "Luật")],
    )
    day = today()
    assert needs_by_kind(user=None, unit=tree["a"], day=day) == {"degree": 1, "politics": 2}
    province = needs_by_kind(user=None, unit=tree["province"], day=day)
    assert province == {
        "degree": 2,
        "politics": 2,
        "knowledge_update": 1,  # B2's 40 periods of the year, closed by any of three kinds
        "job_skills": 1,
        "state_mgmt": 1,
    }
    # An officer of commune B asking about the province sees only commune B's people.
    assert needs_by_kind(user=personas["officer_b"], unit=tree["province"], day=day)["degree"] == 1
    assert needs_by_kind(user=personas["officer_b"], unit=tree["a"], day=day) == {}


def test_a_past_date_is_computed_from_that_dates_rules(make_person, tree):
    make_person("Chủ tịch Ủy ban nhân dân", unit="a", start=D(2020, 1, 1))
    assert needs_by_kind(user=None, unit=tree["province"], day=D(2022, 1, 1)) == {}  # before NĐ 33/2023
    assert needs_by_kind(user=None, unit=tree["province"], day=D(2024, 1, 1)) == {"degree": 1, "politics": 1}
