from canbo.people.models import Body
from canbo.people.selectors import unit_profile


def test_a_unit_profile_counts_women_minorities_and_levels(people, tree):
    from canbo.core.scope import Scope

    profile = unit_profile(unit=tree["a"], day=__import__("datetime").date(2026, 1, 1), scope=Scope.everything())
    assert profile.total == 2 and profile.women == 1 and profile.minorities == 2
    assert profile.ratio("professional", "dai_hoc") == "1/2"
    assert profile.ratio("professional", "cao_dang") == "2/2"
    assert profile.ladders["politics"].none == 1


def test_the_body_page_shows_the_committee_profile(login, tree, reference, level, db):
    import datetime

    from django.urls import reverse

    from canbo.people import services

    body = services.body_create(unit=tree["a"], name="Ban Chấp hành", term_start=datetime.date(2025, 7, 1))
    for i, prof in enumerate(["dai_hoc", "dai_hoc", "cao_dang"]):
        person = services.person_create(unit=tree["a"], full_name=f"Ủy viên {i}", birth_year=1980)
        services.qualification_add(person=person, level=level("professional", prof), year=2010)
        services.membership_add(body=body, person=person)
    client = login("officer_a")
    html = client.get(reverse("people:body", args=[body.pk])).content.decode()
    assert "2/3" in html and "3/3" in html and "Ủy viên 2" in html
    assert login("officer_b").get(reverse("people:body", args=[body.pk])).status_code == 404


def test_the_unit_profile_page_at_a_date(login, people):
    from django.urls import reverse

    client = login("officer_a")
    html = client.get(reverse("people:profile"), {"unit": "P-THANHNUA", "day": "2026-01-01"}).content.decode()
    assert 'data-testid="profile-professional"' in html and "1/2" in html
    assert login("officer_b").get(reverse("people:profile"), {"unit": "P-THANHNUA"}).status_code == 404


def test_a_body_is_created_and_members_added_by_id_or_name(login, people, tree):
    from django.urls import reverse

    client = login("officer_a")
    response = client.post(
        reverse("people:body_create"),
        {"unit": tree["a"].pk, "name": "Ban Chấp hành Đảng bộ xã, nhiệm kỳ 2025–2030", "term_start": "2025-10-01"},
    )
    body = Body.unscoped.get()
    assert response.status_code == 302 and body.unit == tree["a"]
    add = reverse("people:member_add", args=[body.pk])
    assert client.post(add, {"person": "011188001234", "role": "secretary"}).status_code == 302
    assert client.post(add, {"person": "lò văn minh", "role": "member"}).status_code == 302
    refused = client.post(add, {"person": "Giàng A Páo", "role": "member"}).content.decode()
    assert "Không tìm thấy “Giàng A Páo”" in refused
    html = client.get(reverse("people:body", args=[body.pk])).content.decode()
    assert "Lò Thị Vân" in html and "Bí thư" in html and "1/2" in html
    membership = body.memberships.get(person=people["minh"])
    client.post(reverse("people:member_remove", args=[body.pk, membership.pk]))
    assert body.memberships.count() == 1


def test_an_ambiguous_member_name_is_refused_not_guessed(login, people, tree):
    from django.urls import reverse

    from canbo.people import services

    services.person_create(unit=tree["a"], full_name="Lò Thị Vân", birth_year=1990)
    body = services.body_create(unit=tree["a"], name="Chi bộ", term_start=__import__("datetime").date(2025, 7, 1))
    html = (
        login("officer_a")
        .post(reverse("people:member_add", args=[body.pk]), {"person": "Lò Thị Vân", "role": "member"})
        .content.decode()
    )
    assert "Có 2 người tên “Lò Thị Vân”; hãy nhập số định danh." in html


def test_subtree_profiles_count_what_unit_profile_counts_one_unit_at_a_time(people, tree, level):
    """The staff-quality form of a past year reads every row in one pass (subtree_profiles): the
    same figures as unit_profile per unit, on a day before a transfer and on a day after it, and
    a qualification earned after that year not yet counted."""
    import datetime

    from canbo.core.scope import Scope
    from canbo.people import services
    from canbo.people.selectors import subtree_profiles

    # Páo (commune B) moves to commune A on 1 March 2026 and earns a degree in 2026.
    services.assignment_start(
        person=people["pao"], unit=tree["a"], category="can_bo", start_date=datetime.date(2026, 3, 1)
    )
    services.qualification_add(person=people["pao"], level=level("professional", "dai_hoc"), year=2026)
    units = [tree["province"], tree["a"], tree["a_office"], tree["b"]]
    for day in (datetime.date(2025, 12, 31), datetime.date(2026, 6, 30)):
        together = subtree_profiles(units, day)
        for unit, profile in zip(units, together, strict=True):
            alone = unit_profile(unit=unit, day=day, scope=Scope.everything())
            assert (profile.total, profile.women, profile.minorities) == (alone.total, alone.women, alone.minorities)
            for code, ladder in alone.ladders.items():
                assert [(lv.code, n) for lv, n in profile.ladders[code].counts] == [
                    (lv.code, n) for lv, n in ladder.counts
                ]
                assert profile.ladders[code].none == ladder.none
    before, after = (
        subtree_profiles(units, datetime.date(2025, 12, 31)),
        subtree_profiles(units, datetime.date(2026, 6, 30)),
    )
    assert [p.total for p in before] == [3, 2, 1, 1]
    assert [p.total for p in after] == [3, 3, 1, 0]
    # Province on 30/06/2026: Vân and Páo hold a university degree, Minh a college one.
    assert after[0].ratio("professional", "dai_hoc") == "2/3" and before[0].ratio("professional", "dai_hoc") == "1/3"
