"""The exports list people in the people list's order (issue 15, item 5): Vietnamese lists sort by
the given name (tên), then the family name, then the middle names; every "An" before every "Ân".
Read back from the written .xlsx files."""

import io

import openpyxl
import pytest
from django.urls import reverse

from canbo.people import services

# The list's order: An (Cà, then Nguyễn: the family name next), then Ân, then Bình before Bun.
IN_ORDER = ["Cà Thị An", "Nguyễn Văn An", "Lò Văn Ân", "Vì Văn Bình", "Bạc Thị Bun"]


@pytest.fixture
def five(tree, reference):
    for name in ["Bạc Thị Bun", "Nguyễn Văn An", "Lò Văn Ân", "Cà Thị An", "Vì Văn Bình"]:
        services.person_create(unit=tree["a"], full_name=name, gender="male", birth_year=1990)


def _book(response):
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_the_data_export_is_in_the_lists_order(login, five):
    client = login("province_admin")
    listed = [p.full_name for p in client.get(reverse("people:list")).context["page"].rows]
    assert listed == IN_ORDER
    ws = _book(client.get(reverse("people:export"))).worksheets[0]
    assert ws.cell(1, 1).value == "Họ và tên"
    names = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value]
    assert names == IN_ORDER


def test_the_official_list_is_in_the_lists_order(login, five):
    ws = _book(login("province_admin").get(reverse("people:official")))["Trích ngang"]
    numbered = [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(11, 11 + len(IN_ORDER) + 1)]
    assert numbered == [*enumerate(IN_ORDER, start=1), (None, None)]
