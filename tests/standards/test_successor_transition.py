"""Issue 14, transition after the reform: the successor rules of the new communes (from 01/7/2025)
keep who was "trong thời hạn chuẩn hoá" out of "chưa đạt". A commune chairman of 01/8/2023 keeps
NĐ 33 Điều 38's 01/08/2028 in the new commune; a civil servant in post on 01/7/2025 has CV 11's
01/07/2030; someone appointed later has none. Both unconfirmed, the reason in the note."""

import datetime

import pytest

from canbo.orgs import services as org_services
from canbo.people import services as people_services
from canbo.standards import engine, selectors
from canbo.standards.choices import GapStatus
from canbo.standards.models import Requirement
from canbo.standards.seed import seed_standards

D = datetime.date
TODAY = D(2026, 12, 1)


def status_at(person, day) -> dict[str, int]:
    codes = dict(Requirement.objects.values_list("pk", "code"))
    return {codes[r[1]]: r[5] for r in engine.gaps_at(day, engine.PersonFilter(ids=[person.pk]))}


@pytest.fixture
def old_commune(tree):
    """Xã Thanh Xương of huyện Điện Biên, 2020 – 30/6/2025, merged into the new xã Thanh Nưa."""
    return org_services.unit_create(
        code="P-HDB-THANHXUONG",
        name="Xã Thanh Xương",
        kind="commune",
        parent=tree["old_district"],
        valid_from=D(2020, 1, 1),
        valid_to=D(2025, 6, 30),
    )


@pytest.fixture
def chairman_of_2023(old_commune, tree, seeded, level):
    """Chủ tịch UBND of the old commune since 2021 with cao đẳng, chairman of the new one since 01/7/2025."""
    person = people_services.person_create(
        unit=old_commune,
        assignment={"category": "can_bo", "title": "Chủ tịch Ủy ban nhân dân", "start_date": D(2021, 6, 1)},
        full_name="Lò Văn Giữ",
        birth_year=1978,
    )
    people_services.qualification_add(person=person, level=level("professional", "cao_dang"), year=2005)
    people_services.assignment_start(
        person=person, unit=tree["a"], category="can_bo", title="Chủ tịch Ủy ban nhân dân", start_date=D(2025, 7, 1)
    )
    return person


def test_a_chairman_of_1_8_2023_is_in_the_transition_in_the_new_commune_until_1_8_2028(chairman_of_2023, rule):
    assert [a.catalog_title.code for a in chairman_of_2023.assignments.order_by("start_date")] == [
        "XA-CTUBND",
        "XA-CTUBND",
    ]
    now = status_at(chairman_of_2023, TODAY)
    assert now["XA-CTUBND-CM-2025"] == GapStatus.TRANSITION
    assert now["XA-CTUBND-LLCT-2025"] == GapStatus.TRANSITION
    assert status_at(chairman_of_2023, D(2028, 8, 1))["XA-CTUBND-CM-2025"] == GapStatus.TRANSITION
    assert status_at(chairman_of_2023, D(2028, 8, 2))["XA-CTUBND-CM-2025"] == GapStatus.UNMET
    lines = {s.rule.code: s for s in selectors.person_standards(person=chairman_of_2023, day=TODAY)}
    assert lines["XA-CTUBND-CM-2025"].status_label == "Chưa đạt, trong thời hạn chuẩn hoá đến 01/08/2028"
    successor = rule("XA-CTUBND-CM-2025")
    assert successor.confirmed is False
    assert "Điều 38 khoản 1" in successor.note and "chưa thấy văn bản bãi bỏ Điều 8" in successor.note


def test_a_chairman_first_appointed_in_2026_is_unmet(make_person):
    later = make_person("Chủ tịch Ủy ban nhân dân", start=D(2026, 3, 1), levels=[("professional", "cao_dang")])
    now = status_at(later, TODAY)
    assert now["XA-CTUBND-CM-2025"] == GapStatus.UNMET
    assert now["XA-CTUBND-LLCT-2025"] == GapStatus.GRACE  # 24 months to get trung cấp LLCT, no deadline


def test_a_civil_servant_in_post_on_1_7_2025_has_until_1_7_2030(make_person, rule):
    in_post = make_person(
        "Văn phòng - thống kê", category="cong_chuc", start=D(2025, 7, 1), levels=[("professional", "cao_dang")]
    )
    later = make_person(
        "Văn phòng - thống kê",
        unit="b",
        category="cong_chuc",
        start=D(2025, 9, 15),
        levels=[("professional", "cao_dang")],
        name="Tuyển sau",
    )
    assert status_at(in_post, TODAY)["XA-VPTK-CM-2025"] == GapStatus.TRANSITION
    assert status_at(in_post, D(2030, 7, 1))["XA-VPTK-CM-2025"] == GapStatus.TRANSITION
    assert status_at(in_post, D(2030, 7, 2))["XA-VPTK-CM-2025"] == GapStatus.UNMET
    assert status_at(later, TODAY)["XA-VPTK-CM-2025"] == GapStatus.UNMET
    lines = {s.rule.code: s for s in selectors.person_standards(person=in_post, day=TODAY)}
    assert lines["XA-VPTK-CM-2025"].status_label == "Chưa đạt, trong thời hạn chuẩn hoá đến 01/07/2030"
    note = rule("XA-VPTK-CM-2025").note
    assert "CV 11/CV-BCĐ" in note and "dân tộc thiểu số" in note and "Tỉnh cần xác nhận" in note


def test_the_needs_carry_both_deadlines(chairman_of_2023, make_person, tree):
    make_person(
        "Văn phòng - thống kê", category="cong_chuc", start=D(2025, 7, 1), levels=[("professional", "cao_dang")]
    )
    make_person("Chủ tịch Ủy ban nhân dân", unit="b", start=D(2026, 3, 1), levels=[("professional", "cao_dang")])
    assert selectors.needs_by_kind(user=None, unit=tree["province"], day=TODAY)["degree"] == 3
    needs = selectors.transition_needs(user=None, unit=tree["province"], day=TODAY)
    assert [(t.kind_code, t.deadline, t.people) for t in needs] == [
        ("degree", D(2028, 8, 1), 1),
        ("degree", D(2030, 7, 1), 1),
        ("politics", D(2028, 8, 1), 1),
    ]


def test_a_release_gives_unedited_successors_their_transition(rule):
    """What migration 0007 does in a database seeded before: version-1 rules get the transition,
    an administrator's rule keeps what they chose."""
    from canbo.standards import services

    Requirement.objects.filter(code__endswith="-2025").update(transition_held_on=None, transition_until=None)
    edited = services.rule_update(rule=rule("XA-TCKT-CM-2025"), note="Tỉnh chưa áp dụng thời hạn chuẩn hoá.")
    seed_standards()
    chairman, clerk, edited = rule("XA-CTUBND-CM-2025"), rule("XA-VPTK-CM-2025"), rule("XA-TCKT-CM-2025")
    assert (chairman.transition_held_on, chairman.transition_until) == (D(2023, 8, 1), D(2028, 8, 1))
    assert (clerk.transition_held_on, clerk.transition_until) == (D(2025, 7, 1), D(2030, 7, 1))
    assert edited.version == 2 and edited.transition_until is None
    # Luật Hộ tịch's floor has no transition: the law has asked for it since 2016.
    assert rule("XA-TPHT-CM-2025").transition_until is None
