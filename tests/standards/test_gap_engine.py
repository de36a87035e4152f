"""The gap engine through the services people use: met / unmet, levels short, exceptions, grace
periods, accepted fields, the annual duty, history, and incremental updates equal to a full run."""

import datetime

from canbo.core.dates import today
from canbo.people import services as people_services
from canbo.standards import engine, services
from canbo.standards.choices import GapStatus
from canbo.standards.models import Gap, GapSummary, NeedSummary
from canbo.standards.selectors import person_standards
from canbo.training.models import DutyPeriods

D = datetime.date
APPOINTED = D(2023, 9, 1)  # after NĐ 33 took effect: its transition (and the successors') does not apply
RECRUITED = D(2025, 8, 1)  # after the new communes started: CV 11's five years do not apply


def gaps(person) -> dict[str, tuple[int, int]]:
    """rule code → (status, levels short) as stored."""
    return {g.rule.code: (g.status, g.short) for g in Gap.objects.filter(person_id=person.pk).select_related("rule")}


def test_a_chairman_without_a_degree_falls_short_by_levels_and_meets_once_it_is_added(make_person, level):
    # Appointed after 01/8/2023 and over 24 months ago: no transition, no grace period.
    person = make_person("Chủ tịch Ủy ban nhân dân", start=APPOINTED, levels=[("general_education", "thpt")])
    assert person.assignments.get().catalog_title.code == "XA-CTUBND"  # linked by the hook
    result = gaps(person)
    assert "XA-CTUBND-GDPT" not in result  # NĐ 33's THPT rule ended on 30/6/2025
    assert result["XA-CTUBND-CM-2025"] == (GapStatus.UNMET, 4)  # no professional level: 4 levels short
    assert result["XA-CTUBND-LLCT-2025"] == (GapStatus.UNMET, 2)
    people_services.qualification_add(person=person, level=level("professional", "cao_dang"), year=2015)
    assert gaps(person)["XA-CTUBND-CM-2025"] == (GapStatus.UNMET, 1)
    people_services.qualification_add(person=person, level=level("professional", "dai_hoc"), year=2018)
    assert gaps(person)["XA-CTUBND-CM-2025"] == (GapStatus.MET, 0)


def test_a_unit_exception_lowers_the_floor_for_its_people_only(make_person, rule, level, tree):
    here = make_person("Chủ tịch Ủy ban nhân dân", unit="a", start=APPOINTED, levels=[("professional", "trung_cap")])
    there = make_person("Chủ tịch Ủy ban nhân dân", unit="b", start=APPOINTED, levels=[("professional", "trung_cap")])
    services.exception_add(
        rule=rule("XA-CTUBND-CM-2025"),
        unit=tree["a"],
        min_level=level("professional", "trung_cap"),
        valid_from=D(2024, 1, 1),
        source="QĐ của UBND tỉnh về vùng khó khăn",
    )
    assert gaps(here)["XA-CTUBND-CM-2025"] == (GapStatus.MET, 0)
    assert gaps(there)["XA-CTUBND-CM-2025"] == (GapStatus.UNMET, 2)


def test_an_exception_must_lower_the_floor_on_the_rules_ladder(rule, level, tree):
    import pytest

    from canbo.core.errors import DomainError

    with pytest.raises(DomainError) as e:
        services.exception_add(
            rule=rule("XA-CTUBND-CM-2025"),
            unit=tree["a"],
            min_level=level("professional", "thac_si"),
            valid_from=D(2024, 1, 1),
        )
    assert "hạ yêu cầu xuống dưới" in " ".join(e.value.message_dict["min_level"])


def test_a_recent_appointment_is_within_its_grace_period_then_falls_short(make_person):
    start = today() - datetime.timedelta(days=60)
    person = make_person("Chủ tịch Ủy ban nhân dân", start=start)
    assert gaps(person)["XA-CTUBND-LLCT-2025"][0] == GapStatus.GRACE  # 24 months to get trung cấp LLCT
    assert gaps(person)["XA-CTUBND-CM-2025"][0] == GapStatus.UNMET  # no grace on the degree
    later = start + datetime.timedelta(days=800)
    rows = {r[1]: r[5] for r in engine.gaps_at(later, engine.PersonFilter(ids=[person.pk]))}
    llct = Gap.objects.get(person_id=person.pk, rule__code="XA-CTUBND-LLCT-2025").rule_id
    assert rows[llct] == GapStatus.UNMET


def test_a_degree_counts_only_in_an_accepted_field(make_person, level):
    # Recruited after 01/7/2025: not in CV 11's transition.
    agronomist = make_person(
        "Công chức Văn phòng - thống kê",
        category="cong_chuc",
        start=RECRUITED,
        levels=[("professional", "dai_hoc", "Nông học")],
    )
    lawyer = make_person(
        "Văn phòng - thống kê", category="cong_chuc", levels=[("professional", "dai_hoc", "Cử nhân Luật kinh tế")]
    )
    assert gaps(agronomist)["XA-VPTK-CM-2025"] == (GapStatus.UNMET, 4)
    assert gaps(lawyer)["XA-VPTK-CM-2025"] == (GapStatus.MET, 0)
    # A relevant master's degree later closes the first one's gap.
    people_services.qualification_add(
        person=agronomist, level=level("professional", "thac_si"), field="Quản lý nhà nước", year=2020
    )
    assert gaps(agronomist)["XA-VPTK-CM-2025"] == (GapStatus.MET, 0)


def test_the_annual_duty_counts_periods_from_training_records(make_person):
    person = make_person("Công chức Tư pháp - hộ tịch", category="cong_chuc")
    assert gaps(person)["CC-BOIDUONG"] == (GapStatus.UNMET, 40)  # zero until training fills them
    DutyPeriods.objects.create(person=person, year=today().year, periods=32)
    people_services.people_changed([person.pk])
    assert gaps(person)["CC-BOIDUONG"] == (GapStatus.UNMET, 8)
    DutyPeriods.objects.filter(person=person).update(periods=40)
    people_services.people_changed([person.pk])
    assert gaps(person)["CC-BOIDUONG"] == (GapStatus.MET, 0)


def test_a_past_date_uses_the_rules_and_assignments_of_that_date(make_person, tree, title, level, rule):
    person = make_person(
        "Công chức Tư pháp - hộ tịch",
        category="cong_chuc",
        start=D(2020, 1, 1),
        levels=[("professional", "dai_hoc", "Luật")],
    )
    people_services.assignment_start(
        person=person, unit=tree["a"], category="can_bo", title="Chủ tịch Ủy ban nhân dân", start_date=D(2026, 1, 1)
    )
    services.rule_end(rule=rule("XA-TPHT-CM"), valid_to=D(2024, 12, 31))
    services.rule_create(
        name="Tư pháp - hộ tịch: thạc sĩ (từ 2025)",
        title=title("XA-TPHT"),
        ladder=level("professional", "thac_si").ladder,
        min_level=level("professional", "thac_si"),
        fields=["Luật"],
        valid_from=D(2025, 1, 1),
        valid_to=D(2025, 6, 30),
    )

    def codes_at(day):
        from canbo.standards.models import Requirement

        rows = engine.gaps_at(day, engine.PersonFilter(ids=[person.pk]))
        names = dict(Requirement.objects.values_list("pk", "name"))
        return {names[r[1]]: r[5] for r in rows}

    in_2024 = codes_at(D(2024, 6, 1))  # then a Tư pháp civil servant under the đại học rule
    assert in_2024["Công chức Tư pháp - hộ tịch: trung cấp luật trở lên"] == GapStatus.MET
    in_2025 = codes_at(D(2025, 6, 1))  # same post, the new rule asks for a master's degree
    assert in_2025["Tư pháp - hộ tịch: thạc sĩ (từ 2025)"] == GapStatus.UNMET
    now = codes_at(today())  # now the chairman, under the chairman's rules
    assert "Chủ tịch UBND xã (xã mới): đại học trở lên" in now and not any("Tư pháp" in k for k in now)
    # The rules themselves before NĐ 33/2023 took effect: none.
    assert codes_at(D(2022, 6, 1)) == {}


def test_the_person_panel_lists_what_is_missing_and_what_closes_it(make_person):
    person = make_person("Chủ tịch Ủy ban nhân dân", levels=[("professional", "trung_cap")])
    lines = {s.rule.code: s for s in person_standards(person=person, day=today())}
    assert lines["XA-CTUBND-CM-2025"].have == "Trung cấp" and lines["XA-CTUBND-CM-2025"].need == "Đại học"
    assert lines["XA-CTUBND-CM-2025"].closing == ["Đào tạo chuyên môn (đại học, sau đại học)"]


def snapshot():
    rows = sorted(Gap.objects.values_list(*engine.GAP_COLUMNS))
    summary = sorted(
        GapSummary.objects.filter(applicable__gt=0).values_list(
            "unit_id", "unit_path", "rule_id", "title_key", "applicable", "met", "grace", "transition"
        )
    )
    needs = sorted(NeedSummary.objects.filter(people__gt=0).values_list("unit_id", "unit_path", "kind_code", "people"))
    return rows, summary, needs


def test_incremental_updates_equal_a_full_recompute(make_person, tree, level, rule, title):
    a = make_person("Chủ tịch Ủy ban nhân dân", levels=[("professional", "dai_hoc")], name="A")
    b = make_person(
        "Công chức Văn phòng - thống kê",
        category="cong_chuc",
        name="B",
        levels=[("professional", "dai_hoc", "Luật"), ("general_education", "thpt")],
    )
    c = make_person("Phó Chủ tịch Ủy ban nhân dân", unit="b", name="C", levels=[("politics", "trung_cap")])
    people_services.assignment_start(
        person=a, unit=tree["b"], category="cong_chuc", title="Tư pháp - hộ tịch", start_date=D(2026, 1, 1)
    )
    people_services.qualification_remove(qualification=b.qualifications.get(ladder__code="general_education"))
    services.rule_update(rule=rule("XA-PCTUBND-LLCT-2025"), grace_months=0)
    services.exception_add(
        rule=rule("XA-PCTUBND-CM-2025"),
        unit=tree["b"],
        min_level=level("professional", "trung_cap"),
        valid_from=D(2024, 1, 1),
    )
    people_services.qualification_add(person=c, level=level("professional", "trung_cap"), year=2012)
    incremental = snapshot()
    assert incremental[0], "the hooks stored gaps"
    engine.recompute_all()
    assert snapshot() == incremental
    assert {r[0] for r in incremental[0]} == {a.pk, b.pk, c.pk}


def test_a_subtree_recompute_restores_what_was_lost(make_person, tree):
    a = make_person("Chủ tịch Ủy ban nhân dân", name="A")
    make_person("Chủ tịch Ủy ban nhân dân", unit="b", name="B")
    engine.recompute_all()
    full = snapshot()
    Gap.objects.filter(person_id=a.pk).delete()
    engine.recompute_subtree(unit=tree["a"])
    assert snapshot() == full
