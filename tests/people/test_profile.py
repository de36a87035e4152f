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
