"""The rule form takes its dates day-first and shows them back the same way."""

import datetime

import pytest
from django.urls import reverse

from tests.standards.test_pages import _form

pytestmark = pytest.mark.django_db


def test_a_rule_is_saved_with_day_first_dates(login, rule):
    target = rule("XA-CTUBND-CM-2025")
    client = login("province_admin")
    url = reverse("standards:rule_edit", args=[target.pk])
    start = target.valid_from.strftime("%d/%m/%Y")
    assert f'name="valid_from" value="{start}"' in client.get(url).content.decode()
    data = _form(target, valid_from=start, valid_to="07/12/2030", name="Chủ tịch UBND xã: đại học", confirm="1")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    target.refresh_from_db()
    assert target.valid_to == datetime.date(2030, 12, 7) and target.name == "Chủ tịch UBND xã: đại học"
    assert 'name="valid_to" value="07/12/2030"' in client.get(url).content.decode()
