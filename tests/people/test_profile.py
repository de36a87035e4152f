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
