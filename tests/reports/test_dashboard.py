"""The dashboard: plan progress, ranking, years and quality for the user's reach; htmx filters."""

import json
import re

import pytest
from django.urls import reverse

from canbo.core.context import acting_as
from canbo.plans import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def results(district, tree, make_person, make_class):
    tn = [make_person(district["tn"], f"TN {i}") for i in range(4)]
    make_class(district["district"], "politics", people=tn)
    with acting_as(None, origin="test"):
        services.plan_create(unit=tree["province"], year=2021, targets=[{"kind": "politics", "turns": 8}])
        services.plan_create(unit=district["district"], year=2021, targets=[{"kind": "politics", "turns": 5}])
    return district


def test_the_dashboard_shows_the_same_numbers_in_charts_and_tables(login, results):
    response = login("province_admin").get(reverse("reports:dashboard"), {"year": 2021})
    page = response.content.decode()
    assert 'data-testid="dashboard-percent">50,0%' in page
    data = json.loads(re.search(r'<script id="dashboard-data" type="application/json">(.*?)</script>', page).group(1))
    assert data["kinds"]["actual"] == [4] and data["kinds"]["planned"] == [8]
    assert data["ranked"] == {"labels": ["Huyện Điện Biên"], "percent": [80.0]}
    assert data["years"]["turns"] == [4]
    assert "vendor/echarts/echarts.custom.min.js" in page  # the trimmed build (bar, line, grid, tooltip, legend)


def test_the_unit_filter_answers_htmx_with_the_body_only(login, results):
    response = login("province_admin").get(
        reverse("reports:dashboard"), {"year": 2021, "unit": "P-HDB"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="dashboard-body"') and "<html" not in page
    assert "80,0%" in page


def test_a_commune_officer_cannot_open_another_communes_dashboard(login, results):
    assert login("officer_b").get(reverse("reports:dashboard"), {"unit": "P-THANHNUA"}).status_code == 404
    assert login("officer_b").get(reverse("reports:dashboard")).status_code == 200
    assert login("cadre_a").get(reverse("reports:dashboard")).status_code == 403


def test_the_forms_page_offers_each_form_as_excel(login, results):
    from canbo.reports.form_data import seed_forms

    seed_forms()
    client = login("province_admin")
    page = client.get(reverse("reports:unit_forms", args=["P"]), {"year": 2021}).content.decode()
    assert "BTCTW-10" in page and "CLDN-01" in page
    xlsx = client.get(reverse("reports:unit_form_xlsx", args=["P"]), {"form": "BTCTW-10", "year": 2021})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_staff_quality_loads_as_its_own_panel(login, results):
    client = login("province_admin")
    page = client.get(reverse("reports:dashboard"), {"year": 2021}).content.decode()
    assert reverse("reports:dashboard_quality") + "?unit=P" in page
    panel = client.get(reverse("reports:dashboard_quality"), {"unit": "P"}).content.decode()
    assert 'data-testid="quality"' in panel and "<html" not in panel
    assert login("officer_b").get(reverse("reports:dashboard_quality"), {"unit": "P-THANHNUA"}).status_code == 404


def offered(page: str) -> list[str]:
    select = re.search(r'<select class="form-select" id="d-unit" name="unit">(.*?)</select>', page, re.S).group(1)
    return re.findall(r'<option value="([^"]+)"', select)


def test_a_commune_officer_is_offered_and_served_only_their_commune_and_its_units(login, tree):
    client = login("officer_a")
    page = client.get(reverse("reports:dashboard"), {"year": 2026}).content.decode()
    assert offered(page) == ["P-THANHNUA", "P-THANHNUA-VP"]
    inner = client.get(reverse("reports:dashboard"), {"year": 2026, "unit": "P-THANHNUA-VP"})
    assert inner.status_code == 200
    assert offered(inner.content.decode()) == ["P-THANHNUA", "P-THANHNUA-VP"]
    for code in ("P", "P-MUONGNHE", "P-HDB", "NO-SUCH-UNIT"):
        assert client.get(reverse("reports:dashboard"), {"year": 2026, "unit": code}).status_code == 404, code
        assert client.get(reverse("reports:dashboard_quality"), {"unit": code}).status_code == 404, code
        assert client.get(reverse("reports:unit_forms", args=[code])).status_code == 404, code


def test_a_province_officer_is_offered_the_province_and_any_unit_under_it(login, tree):
    client = login("province_admin")
    page = client.get(reverse("reports:dashboard"), {"year": 2026}).content.decode()
    assert offered(page)[0] == "P"
    assert {"P-THANHNUA", "P-MUONGNHE"} <= set(offered(page))
    page = client.get(reverse("reports:dashboard"), {"year": 2026, "unit": "P-THANHNUA"}).content.decode()
    assert offered(page) == ["P", "P-THANHNUA", "P-THANHNUA-VP"]
    assert client.get(reverse("reports:dashboard"), {"year": 2021, "unit": "P-HDB"}).status_code == 200


def test_home_unit_is_the_users_unit_or_the_top_for_the_system(personas, tree):
    from canbo.accounts.models import User
    from canbo.orgs.selectors import home_unit, reachable

    assert home_unit(personas["officer_a"]) == tree["a"]
    assert home_unit(personas["province_admin"]) == tree["province"]
    assert home_unit(personas["system_admin"]) == tree["province"]
    assert home_unit(User.objects.create(username="nobody", roles=["unit_hr_officer"])) is None
    assert reachable(user=personas["officer_a"], units=[tree["province"], tree["a"], tree["b"], tree["a_office"]]) == [
        tree["a"],
        tree["a_office"],
    ]
