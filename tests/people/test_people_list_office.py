"""The people list in the office's terms (issue 15, item 5): the exact total with the Vietnamese
thousands dot, STT numbers that run on across pages, "Trang 2/…", and a unit filter that takes a
unit by its name without diacritics and says so when it names no unit, never widening the list or
its export to the whole reach."""

import pytest
from django.urls import reverse

from canbo.people import services


@pytest.fixture
def many(people, tree):
    """Five more people in commune A's office: eight in all, five of them under commune A's office."""
    for name in ["Cà Văn Bình", "Lường Thị Hoa", "Quàng Văn Toán", "Tòng Thị Xuân", "Vì Văn Đức"]:
        services.person_create(unit=tree["a_office"], full_name=name, gender="male", birth_year=1990)
    return people


def _stt(response) -> list[int]:
    return [number for number, *_rest in response.context["table_rows"]]


def test_stt_numbers_and_page_numbers_run_on_to_page_two(login, many, settings):
    settings.CANBO_PAGE_SIZE = 3
    client = login("province_admin")
    first = client.get(reverse("people:list"))
    html = first.content.decode()
    assert _stt(first) == [1, 2, 3]
    assert '<td class="text-end" data-testid="stt">1</td>' in html
    assert "8 người" in html and "Trang 1/3" in html
    cursor = first.context["page"].next_cursor
    assert f"after={cursor}&amp;p=2" in html
    second = client.get(reverse("people:list"), {"after": cursor, "p": "2"})
    assert _stt(second) == [4, 5, 6]
    assert "Trang 2/3" in second.content.decode()
    first_names = {p.full_name for p in first.context["page"].rows}
    assert not first_names & {p.full_name for p in second.context["page"].rows}


def test_the_total_uses_the_vietnamese_thousands_dot(login, many, settings, monkeypatch):
    from canbo.people import selectors

    monkeypatch.setattr(selectors, "exact_count", lambda qs: 20016)
    settings.CANBO_PAGE_SIZE = 50
    html = login("province_admin").get(reverse("people:list")).content.decode()
    assert "20.016 người" in html and "Trang 1/401" in html


def test_a_unit_is_found_by_its_name_without_diacritics(login, many, tmp_path):
    from python_calamine import CalamineWorkbook

    client = login("province_admin")
    response = client.get(reverse("people:list"), {"unit": "thanh nua"})
    html = response.content.decode()
    names = {p.full_name for p in response.context["page"].rows}
    assert "Giàng A Páo" not in names and {"Lò Thị Vân", "Lò Văn Minh", "Vì Văn Đức"} <= names
    assert response.context["filters"].unit.code == "P-THANHNUA"
    assert "Đơn vị: Xã Thanh Nưa (cả đơn vị trực thuộc)" in html and "7 người" in html
    export = client.get(reverse("people:export"), {"unit": "thanh nua"})
    assert export.status_code == 200
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"".join(export.streaming_content))
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    exported = sorted(r[0] for r in rows[1:] if r[0])
    assert len(exported) == 7 and "Giàng A Páo" not in exported and "Lò Thị Vân" in exported


def test_an_unknown_unit_says_so_and_lists_and_exports_nobody(login, many):
    client = login("province_admin")
    response = client.get(reverse("people:list"), {"unit": "thanh nuaa"})
    html = response.content.decode()
    assert response.context["page"].rows == [] and response.context["page"].estimate == 0
    assert "Không tìm thấy đơn vị “thanh nuaa” trong phạm vi quản lý của bạn." in html
    assert 'value="thanh nuaa"' in html and "Xuất Excel theo bộ lọc" not in html
    for route in ("people:export", "people:official"):
        refused = client.get(reverse(route), {"unit": "thanh nuaa"})
        assert refused.status_code == 302 and refused["Location"].startswith(reverse("people:list"))


def test_an_ambiguous_unit_name_lists_the_candidates(login, many):
    response = login("province_admin").get(reverse("people:list"), {"unit": "xa"})
    html = response.content.decode()
    assert response.context["page"].rows == []
    assert "“xa” khớp với nhiều đơn vị:" in html and "Xã Mường Nhé" in html and "Xã Thanh Nưa" in html


def test_the_list_is_sorted_by_given_name_then_family_name_across_pages(login, tree, reference, settings):
    from canbo.people.models import Person

    for name in ["Bạc Thị Bun", "Nguyễn Văn An", "Lò Văn Ân", "Cà Thị An", "Vì Văn Bình"]:
        services.person_create(unit=tree["a"], full_name=name, gender="male", birth_year=1990)
    assert Person.unscoped.get(full_name="Nguyễn Văn An").sort_key == "an\x01an\x01nguyen van\x01nguyễn văn"
    settings.CANBO_PAGE_SIZE = 2
    client = login("province_admin")
    seen, after, number = [], "", 1
    while True:
        response = client.get(reverse("people:list"), {"after": after, "p": number} if after else {})
        seen += [p.full_name for p in response.context["page"].rows]
        after, number = response.context["page"].next_cursor, number + 1
        if not after:
            break
    # An (Cà before Nguyễn: the family name next), then Ân; Bình before Bun (b-i-n-h < b-u-n).
    assert seen == ["Cà Thị An", "Nguyễn Văn An", "Lò Văn Ân", "Vì Văn Bình", "Bạc Thị Bun"]


def _walk(client, params, settings, size):
    """Every page of the list, following "Trang sau": [(names, page, response)]."""
    settings.CANBO_PAGE_SIZE = size
    pages, query = [], dict(params)
    while True:
        response = client.get(reverse("people:list"), query)
        page = response.context["page"]
        pages.append(([p.full_name for p in page.rows], response))
        if not page.next_cursor:
            return pages
        query = {**params, "after": page.next_cursor, "p": str(len(pages) + 1)}


def _follow_prev(client, response):
    from html import unescape

    html = response.content.decode()
    marker = 'rel="prev" data-testid="prev-page"'
    assert marker in html
    href = unescape(html.split(marker)[0].rsplit('href="', 1)[1].split('"', 1)[0])
    return client.get(reverse("people:list") + href)


def test_previous_page_goes_back_page_by_page_with_its_numbers(login, many, settings):
    client = login("province_admin")
    pages = _walk(client, {}, settings, 3)
    assert [len(names) for names, _r in pages] == [3, 3, 2]
    first_html = pages[0][1].content.decode()
    assert "Trang trước" not in first_html and "Trang đầu" not in first_html
    # From the last page back to the first: the same people, the same STT and "Trang n/3".
    response = pages[-1][1]
    for number in (2, 1):
        response = _follow_prev(client, response)
        assert [p.full_name for p in response.context["page"].rows] == pages[number - 1][0]
        assert _stt(response) == [number * 3 - 2, number * 3 - 1, number * 3]
        assert f"Trang {number}/3" in response.content.decode()
    assert 'data-testid="prev-page"' not in response.content.decode()


def test_previous_page_keeps_the_filters(login, many, settings):
    client = login("province_admin")
    pages = _walk(client, {"unit": "thanh nua", "gender": "male"}, settings, 2)
    assert len(pages) >= 3
    back = _follow_prev(client, pages[2][1])
    assert back.context["filters"].unit.code == "P-THANHNUA" and back.context["filters"].gender == "male"
    assert [p.full_name for p in back.context["page"].rows] == pages[1][0]
    assert _stt(back) == [3, 4]


@pytest.mark.parametrize("q", ["van", "thi"])
def test_previous_page_of_a_name_search_crosses_back_over_the_two_blocks(login, tree, reference, settings, q):
    """A name search lists the names starting with the search, then those only containing it:
    going back from any page gives the page that was shown going forward."""
    names = ["Văn Thị An", "Văn Bình", "Vân Hoa", "Thị Mai", "Thi Văn Lan"]
    names += ["Lò Văn Ân", "Cà Văn Bun", "Lường Thị Vân", "Quàng Văn Toán", "Tòng Thị Xuân", "Vì Văn Đức"]
    for name in names:
        services.person_create(unit=tree["a"], full_name=name, gender="male", birth_year=1990)
    client = login("province_admin")
    pages = _walk(client, {"q": q}, settings, 2)
    assert len(pages) >= 3
    for number in range(len(pages), 1, -1):
        back = _follow_prev(client, pages[number - 1][1])
        assert [p.full_name for p in back.context["page"].rows] == pages[number - 2][0], number
        assert _stt(back)[0] == (number - 2) * 2 + 1


@pytest.mark.parametrize("cap", [10_000, 1])
def test_previous_cursor_of_an_id_number_search(tree, reference, monkeypatch, cap):
    """A search by ID number sorts its few matches in memory; beyond ESTIMATE_CAP it walks the
    name index: either way the previous page's cursor gives back the page shown before."""
    from canbo.people import selectors

    monkeypatch.setattr(selectors, "ESTIMATE_CAP", cap)
    for i, name in enumerate(["Lò Văn An", "Cà Thị Bun", "Vì Văn Đức", "Lường Thị Hoa", "Tòng Thị Xuân"]):
        services.person_create(
            unit=tree["a"], full_name=name, gender="male", birth_year=1990, id_number=f"01109000000{i}"
        )
    qs = selectors.Person.unscoped.filter(id_number__startswith="0110900")
    seen, after = [], ""
    while True:
        page = selectors.people_page(qs, after=after, size=2, narrow=True)
        seen.append((after, [p.pk for p in page.rows], page.prev_cursor))
        if not page.next_cursor:
            break
        after = page.next_cursor
    assert [len(rows) for _a, rows, _p in seen] == [2, 2, 1]
    assert seen[0][2] is None and seen[1][2] == ""
    assert seen[2][2] == seen[1][0]  # page 3's previous page is page 2, after page 1's last row


def _suggested(response) -> list[str]:
    import re

    return re.findall(r'<option value="([^"]+)">', response.content.decode())


def test_the_unit_box_suggests_units_in_reach_with_name_code_and_level(login, many):
    client = login("officer_a")
    html = client.get(reverse("people:list")).content.decode()
    assert 'list="unit-suggestions"' in html and f'hx-get="{reverse("people:unit_suggestions")}"' in html
    response = client.get(reverse("people:unit_suggestions"), {"unit": "thanh nua"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert _suggested(response) == ["P-THANHNUA", "P-THANHNUA-VP"]
    text = response.content.decode()
    assert "Xã Thanh Nưa · P-THANHNUA · Xã · Tỉnh Điện Biên</option>" in text
    assert "Văn phòng HĐND và UBND xã Thanh Nưa · P-THANHNUA-VP · Đơn vị sự nghiệp công lập" in text
    # Commune B is not in commune A's reach, nor is the province above it.
    assert _suggested(client.get(reverse("people:unit_suggestions"), {"unit": "muong nhe"})) == []
    assert _suggested(client.get(reverse("people:unit_suggestions"), {"unit": "dien bien"})) == []
    assert _suggested(client.get(reverse("people:unit_suggestions"), {"unit": "t"})) == []  # one letter: nothing yet


def test_commune_b_officer_is_suggested_nothing_of_commune_a(login, many):
    client = login("officer_b")
    assert _suggested(client.get(reverse("people:unit_suggestions"), {"unit": "thanh nua"})) == []
    assert _suggested(client.get(reverse("people:unit_suggestions"), {"unit": "muong nhe"})) == ["P-MUONGNHE"]


def test_the_province_sees_every_open_unit_but_not_a_closed_one(login, many):
    client = login("province_admin")
    suggested = _suggested(client.get(reverse("people:unit_suggestions"), {"unit": "xa"}))
    assert set(suggested) == {"P-THANHNUA", "P-THANHNUA-VP", "P-MUONGNHE"}
    assert _suggested(client.get(reverse("people:unit_suggestions"), {"unit": "dien bien"})) == ["P"]
    assert _suggested(client.get(reverse("people:unit_suggestions"), {"unit": "huyen dien bien"})) == []
