"""A cadre sees their own requirements and gaps (the panel of their own record, its htmx refresh and
the API), and still nothing of anyone else's, nor a unit's rates and the people behind them."""

import pytest
from django.urls import reverse

from canbo.accounts.permissions import can_view_standards_of

GAP = "Hiện có: Trung cấp · yêu cầu: Đại học"


@pytest.fixture
def own(personas, make_person):
    """The cadre persona of commune A is the commune's chairman, who lacks the university degree."""
    person = make_person(
        "Chủ tịch Ủy ban nhân dân", unit="a", name="Lường Văn Tiến", levels=[("professional", "trung_cap")]
    )
    user = personas["cadre_a"]
    user.person = person
    user.save()
    return person


@pytest.fixture
def colleague(make_person):
    return make_person(
        "Phó Chủ tịch Ủy ban nhân dân", unit="a", name="Cà Văn Phó", levels=[("professional", "trung_cap")]
    )


def test_a_cadre_sees_their_own_requirements_and_gaps(login, own):
    client = login("cadre_a")
    page = client.get(reverse("people:detail", args=[own.pk])).content.decode()
    assert 'data-testid="standards-panel"' in page
    assert "Chủ tịch UBND xã (xã mới): đại học trở lên" in page and GAP in page
    assert "Cần học: Đào tạo chuyên môn (đại học, sau đại học)" in page
    panel = client.get(reverse("standards:person_panel", args=[own.pk]))
    assert panel.status_code == 200 and GAP in panel.content.decode()
    api = client.get(reverse("api:person_standards", args=[own.pk]))
    assert api.status_code == 200
    assert any(line["rule"] == "Chủ tịch UBND xã (xã mới): đại học trở lên" and not line["met"] for line in api.json())


def test_a_cadre_does_not_see_a_colleagues_standards(login, personas, own, colleague):
    client = login("cadre_a")
    assert client.get(reverse("people:detail", args=[colleague.pk])).status_code == 404
    assert client.get(reverse("standards:person_panel", args=[colleague.pk])).status_code == 404
    assert client.get(reverse("api:person_standards", args=[colleague.pk])).status_code == 404
    # Even a person handed to the check directly: VIEW_OWN_STANDARDS is for one's own record only.
    assert can_view_standards_of(personas["cadre_a"], own)
    assert not can_view_standards_of(personas["cadre_a"], colleague)
    assert can_view_standards_of(personas["officer_a"], colleague)


def test_a_cadre_still_does_not_open_the_units_standards(login, own, colleague):
    client = login("cadre_a")
    for url in (
        reverse("standards:home"),
        reverse("standards:unit", args=["P-THANHNUA"]),
        reverse("standards:people", args=["P-THANHNUA"]) + "?rules=1",
        reverse("standards:rules"),
        reverse("api:unit_standards", args=["P-THANHNUA"]),
    ):
        assert client.get(url).status_code in (403, 404), url
    page = client.get(reverse("people:detail", args=[own.pk])).content.decode()
    assert reverse("people:list") in page  # the menu is there, without the standards item
    assert f'href="{reverse("standards:home")}"' not in page
