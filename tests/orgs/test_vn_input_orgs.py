"""The unit form takes its dates day-first (07/12/2026) and shows them back the same way."""

import datetime

import pytest
from django.urls import reverse

from canbo.orgs.models import Unit

pytestmark = pytest.mark.django_db


def test_a_unit_is_created_and_closed_with_day_first_dates(login, tree):
    client = login("officer_a")
    response = client.post(
        reverse("orgs:create"),
        {
            "code": "P-THANHNUA-MC",
            "name": "Bộ phận Một cửa",
            "kind": "public_service_unit",
            "parent": tree["a"].pk,
            "valid_from": "07/12/2026",
        },
    )
    assert response.status_code == 302, response.content.decode()
    unit = Unit.unscoped.get(code="P-THANHNUA-MC")
    assert unit.valid_from == datetime.date(2026, 12, 7)
    edit = client.get(reverse("orgs:edit", args=[unit.code])).content.decode()
    assert 'name="valid_from" value="07/12/2026"' in edit and 'type="date"' not in edit
    response = client.post(reverse("orgs:close", args=[unit.code]), {"valid_to": "31.12.2026", "version": 1})
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.valid_to == datetime.date(2026, 12, 31)


def test_the_tree_reads_its_day_as_people_type_it(login, tree):
    page = login("province_admin").get(reverse("orgs:tree"), {"day": "07/12/2026"}).content.decode()
    assert 'id="tree-day"' in page and 'value="07/12/2026"' in page and 'type="date"' not in page
