"""Issue 14: the rules as NĐ 33/2023 and Luật Hộ tịch write them, each against a person who just
meets and one who just misses it; the Điều 38 transition to 01/08/2028; no NĐ 33 rule in the new
communes from 01/7/2025; the rule list filtered by document and confirmation."""

import datetime

import pytest
from django.urls import reverse

from canbo.people import services as people_services
from canbo.standards import engine, selectors, services
from canbo.standards.choices import GapStatus
from canbo.standards.models import Requirement
from canbo.standards.seed import seed_standards

D = datetime.date
BEFORE_REFORM = D(2024, 6, 1)
APPOINTED = D(2024, 1, 1)  # after 01/8/2023: no transition, the rule applies in full


def status_at(person, day) -> dict[str, int]:
    """rule code → status of the person's gaps at `day`, computed by the engine's statement."""
    codes = dict(Requirement.objects.values_list("pk", "code"))
    return {codes[r[1]]: r[5] for r in engine.gaps_at(day, engine.PersonFilter(ids=[person.pk]))}


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Bí thư Đoàn xã", "XA-BTDOAN"),
        ("Chủ tịch Hội Liên hiệp Phụ nữ", "XA-CTPN"),
        ("Chủ tịch Hội Nông dân", "XA-CTND"),
        ("Chủ tịch Hội Cựu chiến binh", "XA-CTCCB"),
        ("Chủ tịch Ủy ban Mặt trận Tổ quốc", "XA-CTMTTQ"),
    ],
)
def test_the_heads_of_the_front_and_mass_organisations_have_unconfirmed_rules(make_person, rule, title, code):
    meets = make_person(
        title, start=APPOINTED, levels=[("general_education", "thpt"), ("professional", "dai_hoc")], name="Đạt"
    )
    misses = make_person(
        title, start=APPOINTED, levels=[("general_education", "thcs"), ("professional", "cao_dang")], name="Thiếu"
    )
    assert meets.assignments.get().catalog_title.code == code
    assert status_at(meets, BEFORE_REFORM) == {f"{code}-GDPT": GapStatus.MET, f"{code}-CM": GapStatus.MET}
    assert status_at(misses, BEFORE_REFORM) == {f"{code}-GDPT": GapStatus.UNMET, f"{code}-CM": GapStatus.UNMET}
    cm = rule(f"{code}-CM")
    assert cm.confirmed is False and cm.source.startswith("NĐ 33/2023/NĐ-CP, Điều 8 khoản 2 điểm c")
    assert "chưa tìm thấy" in cm.note
    assert status_at(meets, D(2026, 3, 1)) == {}  # no rule after 30/6/2025: their standards were not found


@pytest.mark.parametrize(("title", "code"), [("Bí thư Đảng ủy", "XA-BT"), ("Phó Bí thư Đảng ủy", "XA-PBT")])
def test_party_secretaries_need_a_degree_and_upper_secondary_school(make_person, rule, title, code):
    meets = make_person(
        title,
        start=APPOINTED,
        levels=[("general_education", "thpt"), ("professional", "dai_hoc"), ("politics", "trung_cap")],
        name="Đạt",
    )
    misses = make_person(title, start=APPOINTED, levels=[("general_education", "thcs"), ("professional", "cao_dang")])
    assert status_at(meets, BEFORE_REFORM) == {
        f"{code}-GDPT": GapStatus.MET,
        f"{code}-CM": GapStatus.MET,
        f"{code}-LLCT": GapStatus.MET,
    }
    missing = status_at(misses, BEFORE_REFORM)
    assert missing[f"{code}-GDPT"] == GapStatus.UNMET and missing[f"{code}-CM"] == GapStatus.UNMET
    assert rule(f"{code}-CM").source.startswith("NĐ 33/2023/NĐ-CP, Điều 8 khoản 1 điểm c")
    assert rule(f"{code}-CM").confirmed is True and rule(f"{code}-LLCT").confirmed is False


@pytest.mark.parametrize("day", [BEFORE_REFORM, D(2026, 3, 1)])
def test_a_justice_officer_with_trung_cap_luat_and_the_ho_tich_course_meets_the_law(make_person, day):
    kw = {"category": "cong_chuc", "start": APPOINTED}
    meets = make_person(
        "Tư pháp - hộ tịch",
        levels=[
            ("general_education", "thpt"),
            ("professional", "trung_cap", "Luật"),
            ("job_skills", "chung_nhan", "Hộ tịch"),
        ],
        name="Đạt",
        **kw,
    )
    wrong_field = make_person(
        "Tư pháp - hộ tịch",
        levels=[("professional", "trung_cap", "Kế toán"), ("job_skills", "chung_nhan", "Hộ tịch")],
        name="Sai ngành",
        **kw,
    )
    too_low = make_person(
        "Tư pháp - hộ tịch",
        levels=[("professional", "so_cap", "Luật"), ("job_skills", "chung_nhan", "Hộ tịch")],
        name="Sơ cấp",
        **kw,
    )
    no_course = make_person(
        "Tư pháp - hộ tịch", levels=[("professional", "dai_hoc", "Luật")], name="Chưa bồi dưỡng", **kw
    )
    suffix = "" if day < D(2025, 7, 1) else "-2025"
    cm, ht = f"XA-TPHT-CM{suffix}", f"XA-TPHT-HT{suffix}"
    assert status_at(meets, day)[cm] == GapStatus.MET and status_at(meets, day)[ht] == GapStatus.MET
    assert status_at(wrong_field, day)[cm] == GapStatus.UNMET and status_at(wrong_field, day)[ht] == GapStatus.MET
    assert status_at(too_low, day)[cm] == GapStatus.UNMET
    assert status_at(no_course, day)[cm] == GapStatus.MET and status_at(no_course, day)[ht] == GapStatus.UNMET


def test_the_land_officer_has_the_official_names(title):
    land = title("XA-DCXD")
    assert land.name == "Công chức Địa chính - nông nghiệp - xây dựng và môi trường"
    assert "Địa chính - xây dựng - đô thị và môi trường" in land.synonyms  # phường, thị trấn
    assert "Công chức Địa chính - xây dựng" in land.synonyms  # the old name
    assert land.source == "NĐ 33/2023/NĐ-CP, Điều 5 khoản 2 điểm c"


def test_who_held_the_post_on_1_8_2023_is_in_the_transition_until_1_8_2028(make_person, tree):
    held = make_person("Chủ tịch Ủy ban nhân dân", start=D(2020, 1, 1), levels=[("professional", "cao_dang")])
    later = make_person(
        "Chủ tịch Ủy ban nhân dân", unit="b", start=D(2023, 8, 2), levels=[("professional", "cao_dang")]
    )
    assert status_at(held, BEFORE_REFORM)["XA-CTUBND-CM"] == GapStatus.TRANSITION
    assert status_at(later, BEFORE_REFORM)["XA-CTUBND-CM"] == GapStatus.UNMET
    # Counted apart from "chưa đạt", still a need, with its deadline.
    line = next(
        r for r in selectors.unit_rates(user=None, unit=tree["a"], day=BEFORE_REFORM) if r.ladder_code == "professional"
    )
    assert (line.applicable, line.met, line.transition, line.unmet) == (1, 0, 1, 0)
    assert selectors.needs_by_kind(user=None, unit=tree["province"], day=BEFORE_REFORM)["degree"] == 2
    needs = selectors.transition_needs(user=None, unit=tree["province"], day=BEFORE_REFORM)
    assert [(t.kind_code, t.deadline, t.people) for t in needs] == [
        ("degree", D(2028, 8, 1), 1),  # the later appointee is a need too, but without a deadline
        ("politics", D(2028, 8, 1), 1),
    ]
    lines = {s.rule.code: s for s in selectors.person_standards(person=held, day=BEFORE_REFORM)}
    assert lines["XA-CTUBND-CM"].status_label == "Chưa đạt, trong thời hạn chuẩn hoá đến 01/08/2028"


def test_the_transition_ends_on_its_deadline(make_person, title, level, tree):
    """A rule valid past 2028 (here one a province adds for the Front's chairman) with the same
    transition: in it on 31/12/2027 and on the deadline, unmet the day after; not for who was
    appointed later; kept across a move to another commune with the same title."""
    services.rule_create(
        name="Chủ tịch UBMTTQ xã: đại học trở lên (tỉnh)",
        title=title("XA-CTMTTQ"),
        ladder=level("professional", "dai_hoc").ladder,
        min_level=level("professional", "dai_hoc"),
        valid_from=D(2025, 7, 1),
        transition_held_on=D(2023, 8, 1),
        transition_until=D(2028, 8, 1),
        source="Quyết định của UBND tỉnh (thử), Điều 3 khoản 1",
    )
    front = "Chủ tịch Ủy ban Mặt trận Tổ quốc"
    held = make_person(front, unit="b", start=D(2019, 5, 1), levels=[("professional", "cao_dang")], name="Giữ")
    people_services.assignment_start(
        person=held, unit=tree["a"], category="can_bo", title=front, start_date=D(2025, 7, 1)
    )
    later = make_person(front, start=D(2024, 3, 1), levels=[("professional", "cao_dang")], name="Sau")
    code = Requirement.objects.get(name__endswith="(tỉnh)").pk

    def status(person, day):
        return {r[1]: r[5] for r in engine.gaps_at(day, engine.PersonFilter(ids=[person.pk]))}[code]

    assert status(held, D(2027, 12, 31)) == GapStatus.TRANSITION
    assert status(held, D(2028, 8, 1)) == GapStatus.TRANSITION
    assert status(held, D(2028, 8, 2)) == GapStatus.UNMET
    assert status(later, D(2027, 12, 31)) == GapStatus.UNMET


def test_a_new_commune_in_2026_is_not_judged_by_nd33(make_person, tree):
    chairman = make_person("Chủ tịch Ủy ban nhân dân", start=D(2025, 7, 1), levels=[("professional", "cao_dang")])
    clerk = make_person("Văn phòng - thống kê", category="cong_chuc", start=D(2025, 7, 1))
    day = D(2026, 3, 1)
    assert not Requirement.objects.valid_on(day).filter(source__contains="NĐ 33/2023").exists()
    rules = Requirement.objects.in_bulk(
        [r[1] for r in engine.gaps_at(day, engine.PersonFilter(ids=[chairman.pk, clerk.pk]))]
    )
    assert {r.code for r in rules.values()} == {
        "XA-CTUBND-CM-2025",
        "XA-CTUBND-LLCT-2025",
        "XA-VPTK-CM-2025",
        "CC-BOIDUONG",
    }
    assert all(r.valid_from >= D(2025, 7, 1) or r.code == "CC-BOIDUONG" for r in rules.values())
    assert all(not r.confirmed and r.note for r in rules.values())


def test_the_rule_list_filters_by_document_and_confirmation(login, seeded):
    client = login("province_admin")
    url = reverse("standards:rules")
    html = client.get(url).content.decode()
    assert '<option value="NĐ 33/2023/NĐ-CP">' in html and '<option value="Luật Hộ tịch 2014">' in html
    html = client.get(url, {"document": "Luật Hộ tịch 2014"}).content.decode()
    assert "Công chức Tư pháp - hộ tịch: đã bồi dưỡng nghiệp vụ hộ tịch" in html
    assert "Chủ tịch UBND xã: đại học trở lên" not in html
    html = client.get(url, {"confirmed": "0"}).content.decode()
    assert "Chủ tịch UBMTTQ xã: đại học trở lên" in html and "Chưa xác nhận" in html
    assert "Chủ tịch UBND xã: đại học trở lên" not in html
    html = client.get(url, {"confirmed": "1", "document": "NĐ 33/2023/NĐ-CP"}).content.decode()
    assert "Chủ tịch UBND xã: đại học trở lên" in html and "Chủ tịch UBMTTQ xã" not in html
    assert "NĐ 33/2023/NĐ-CP, Điều 8 khoản 3 điểm c" in html
    assert "thời hạn chuẩn hoá đến 01/08/2028" in html


def test_a_release_updates_seeded_rules_but_not_an_administrators(rule):
    untouched = rule("XA-VPTK-CM")
    Requirement.objects.filter(pk=untouched.pk).update(source="NĐ 33/2023/NĐ-CP (cấp xã), Điều 8–10", valid_to=None)
    edited = services.rule_update(rule=rule("XA-CTUBND-CM"), source="Quyết định của tỉnh, Điều 2 khoản 1")
    seed_standards()
    untouched.refresh_from_db()
    edited.refresh_from_db()
    assert untouched.source.startswith("NĐ 33/2023/NĐ-CP, Điều 10 khoản 2 điểm c") and untouched.valid_to
    assert edited.source == "Quyết định của tỉnh, Điều 2 khoản 1" and edited.version == 2


def test_the_unit_page_lists_the_needs_with_their_deadline(make_person, title, level, login):
    """From the stored results (today): the deadline is whatever the rule says."""
    from canbo.core.dates import today

    until = today() + datetime.timedelta(days=400)
    services.rule_create(
        name="Chủ tịch UBMTTQ xã: đại học trở lên (tỉnh)",
        title=title("XA-CTMTTQ"),
        ladder=level("professional", "dai_hoc").ladder,
        min_level=level("professional", "dai_hoc"),
        valid_from=D(2025, 7, 1),
        transition_held_on=D(2023, 8, 1),
        transition_until=until,
        source="Quyết định của UBND tỉnh (thử), Điều 3 khoản 1",
    )
    make_person("Chủ tịch Ủy ban Mặt trận Tổ quốc", start=D(2019, 5, 1))
    engine.recompute_all()
    html = login("officer_a").get(reverse("standards:unit", args=["P-THANHNUA"])).content.decode()
    assert 'data-testid="transition-needs"' in html
    assert f"trong thời hạn chuẩn hoá đến {until:%d/%m/%Y}" in html


def test_a_release_leaves_alone_a_rule_an_administrator_created_under_a_code_it_now_seeds(rule, title, level):
    """Before this release a province made its own rule for Bí thư Đoàn under the code the release
    now seeds (XA-BTDOAN-CM): created through the rule services, it is still at version 1, and it is
    the administrator's, not an earlier seed's — the release must not rewrite it."""
    Requirement.objects.filter(code="XA-BTDOAN-CM").delete()
    own = services.rule_create(
        code="XA-BTDOAN-CM",
        name="Bí thư Đoàn xã: cao đẳng trở lên (tỉnh)",
        title=title("XA-BTDOAN"),
        ladder=level("professional", "cao_dang").ladder,
        min_level=level("professional", "cao_dang"),
        valid_from=D(2023, 8, 1),
        source="Quyết định của tỉnh, Điều 4 khoản 2",
    )
    assert own.version == 1
    seed_standards()
    own.refresh_from_db()
    assert (own.name, own.source, own.min_level.code, own.valid_to) == (
        "Bí thư Đoàn xã: cao đẳng trở lên (tỉnh)",
        "Quyết định của tỉnh, Điều 4 khoản 2",
        "cao_dang",
        None,
    )


def test_a_release_adds_no_rule_over_an_administrators_rule_for_the_same_people(rule, title, level):
    """The chairman's đại học rule was edited by the province (version 2, still open-ended), and the
    province made its own rule for Chủ tịch UBMTTQ, which had none: the release's successor rule
    (XA-CTUBND-CM-2025) and its new XA-CTMTTQ-CM would judge the same people on the same ladder a
    second time. They are not added; the administrator's rules stand alone."""
    Requirement.objects.filter(code__in=["XA-CTUBND-CM-2025", "XA-CTMTTQ-CM"]).delete()
    edited = services.rule_update(rule=rule("XA-CTUBND-CM"), valid_to=None, source="Quyết định của tỉnh, Điều 2")
    own = services.rule_create(
        name="Chủ tịch UBMTTQ xã: cao đẳng trở lên (tỉnh)",
        title=title("XA-CTMTTQ"),
        ladder=level("professional", "cao_dang").ladder,
        min_level=level("professional", "cao_dang"),
        valid_from=D(2023, 8, 1),
        source="Quyết định của tỉnh, Điều 5 khoản 1",
    )
    seed_standards()
    assert not services.overlapping(edited).exists()
    assert not services.overlapping(own).exists()
    assert not Requirement.objects.filter(code__in=["XA-CTUBND-CM-2025", "XA-CTMTTQ-CM"]).exists()
