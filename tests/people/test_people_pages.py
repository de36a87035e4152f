import datetime

import pytest
from django.urls import reverse

from canbo.accounts.models import SensitiveAccess
from canbo.people.models import Person


def test_the_list_shows_the_reach_and_searches_without_diacritics(login, people):
    client = login("officer_a")
    html = client.get(reverse("people:list")).content.decode()
    assert "Lò Thị Vân" in html and "Giàng A Páo" not in html
    html = client.get(reverse("people:list"), {"q": "lo thi van"}).content.decode()
    assert "Lò Thị Vân" in html and "Lò Văn Minh" not in html
    html = client.get(reverse("people:list"), {"q": "011188"}).content.decode()
    assert "Lò Thị Vân" in html


def test_the_list_filters_by_level_at_or_above(login, people):
    client = login("province_admin")
    html = client.get(
        reverse("people:list"), {"ladder": "professional", "level": "dai_hoc", "at_least": "1"}
    ).content.decode()
    assert "Lò Thị Vân" in html and "Lò Văn Minh" not in html
    html = client.get(
        reverse("people:list"), {"ladder": "professional", "level": "cao_dang", "at_least": "1"}
    ).content.decode()
    assert "Lò Văn Minh" in html and "Giàng A Páo" not in html


def test_the_list_filters_by_unit_category_gender_age_and_party(login, people):
    client = login("province_admin")
    get = lambda **p: client.get(reverse("people:list"), p).content.decode()  # noqa: E731
    assert "Giàng A Páo" in get(unit="P-MUONGNHE") and "Lò Thị Vân" not in get(unit="P-MUONGNHE")
    assert "Giàng A Páo" in get(category="can_bo") and "Lò Thị Vân" not in get(category="can_bo")
    assert "Lò Thị Vân" in get(gender="female") and "Lò Văn Minh" not in get(gender="female")
    assert "Lò Thị Vân" in get(party="1") and "Lò Văn Minh" not in get(party="1")
    age = datetime.date.today().year - 1980
    band = "40-49" if 40 <= age <= 49 else ("50-59" if 50 <= age <= 59 else "u30")
    assert "Giàng A Páo" in get(age=band)
    assert "Lò Thị Vân" in get(ethnicity="minority")


def test_the_list_pages_by_keyset_and_estimates(login, people, settings):
    settings.CANBO_PAGE_SIZE = 2
    client = login("province_admin")
    first = client.get(reverse("people:list"))
    names = [p.full_name for p in first.context["page"].rows]
    assert names == ["Lò Văn Minh", "Giàng A Páo"]  # by given name: Minh, Páo, Vân
    cursor = first.context["page"].next_cursor
    second = client.get(reverse("people:list"), {"after": cursor})
    assert [p.full_name for p in second.context["page"].rows] == ["Lò Thị Vân"]
    assert second.context["page"].next_cursor is None
    assert "3 người" in first.content.decode()


def test_a_unit_outside_reach_is_not_found_and_nobody_is_listed(login, people):
    client = login("officer_b")
    response = client.get(reverse("people:list"), {"unit": "P-THANHNUA"})
    html = response.content.decode()
    assert response.status_code == 200 and response.context["page"].rows == []
    assert "Không tìm thấy đơn vị “P-THANHNUA” trong phạm vi quản lý của bạn." in html
    assert f'href="/people/{people["pao"].pk}/"' not in html  # not commune B's own people instead
    assert client.get(reverse("people:export"), {"unit": "P-THANHNUA"}).status_code == 302


def test_showing_sensitive_fields_is_logged(login, people, personas):
    client = login("officer_a")
    html = client.get(reverse("people:detail", args=[people["van"].pk])).content.decode()
    assert "Thái" in html
    access = SensitiveAccess.objects.get()
    assert access.user == personas["officer_a"] and "ethnicity" in access.fields and access.where == "person_page"
    assert access.people == [people["van"].pk] and access.people_count == 1


def test_sensitive_fields_are_hidden_from_leaders_and_not_logged(login, people):
    html = login("leader").get(reverse("people:detail", args=[people["van"].pk])).content.decode()
    assert 'data-testid="ethnicity"' not in html
    assert not SensitiveAccess.objects.exists()


def test_the_person_page_is_404_outside_reach(login, people):
    assert login("officer_b").get(reverse("people:detail", args=[people["van"].pk])).status_code == 404


def test_a_cadre_opens_only_their_own_record(login, people, personas):
    cadre = personas["cadre_a"]
    cadre.person = people["van"]
    cadre.save()
    client = login("cadre_a")
    assert client.get(reverse("people:detail", args=[people["van"].pk])).status_code == 200
    assert client.get(reverse("people:detail", args=[people["minh"].pk])).status_code == 404


def test_the_edit_form_refuses_a_stale_version(login, people):
    client = login("officer_a")
    van = people["van"]
    data = {
        "full_name": "Lò Thị Vân",
        "gender": "female",
        "birth_date": "1988-03-12",
        "id_number": "011188001234",
        "party_member": "on",
        "party_joined_on": "2012-05-19",
        "phone": "0912345678",
        "version": van.version,
    }
    assert client.post(reverse("people:edit", args=[van.pk]), data).status_code == 302
    data["phone"] = "0913345678"
    response = client.post(reverse("people:edit", args=[van.pk]), data)
    assert "đã được sửa sau khi bạn mở biểu mẫu" in response.content.decode()
    assert Person.unscoped.get(pk=van.pk).phone == "0912345678"


def test_it_refuses_an_edit_without_the_version_field(login, people):
    """Without the version the stale-edit check had nothing to compare and let the edit through."""
    client = login("officer_a")
    van = people["van"]
    data = {
        "full_name": "Lò Thị Vân",
        "gender": "female",
        "birth_date": "1988-03-12",
        "id_number": "011188001234",
        "party_member": "on",
        "party_joined_on": "2012-05-19",
        "phone": "0999345678",
    }
    response = client.post(reverse("people:edit", args=[van.pk]), data)
    assert response.status_code == 200
    assert "Thiếu số phiên bản của hồ sơ đang sửa" in response.content.decode()
    fresh = Person.unscoped.get(pk=van.pk)
    assert fresh.phone != "0999" and fresh.version == van.version
    response = client.post(reverse("people:edit", args=[van.pk]), {**data, "version": ""})
    assert "Thiếu số phiên bản" in response.content.decode()
    assert Person.unscoped.get(pk=van.pk).phone != "0999"


def test_a_person_is_created_from_the_page(login, people, tree):
    response = login("officer_a").post(
        reverse("people:create"),
        {
            "full_name": "Quàng Văn Hải",
            "gender": "male",
            "birth_year": "1990",
            "unit": tree["a"].pk,
            "category": "cong_chuc",
            "title": "Công chức Tư pháp - hộ tịch",
        },
    )
    assert response.status_code == 302
    assert Person.unscoped.get(full_name="Quàng Văn Hải").unit == tree["a"]


def test_the_filtered_list_exports_to_xlsx(login, people, tmp_path):
    from python_calamine import CalamineWorkbook

    response = login("officer_a").get(reverse("people:export"), {"q": "thi van"})
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert rows[0][0] == "Họ và tên"
    assert [r[0] for r in rows[1:]] == ["Lò Thị Vân"]


def test_a_qualification_is_added_and_removed_from_the_page(login, people, level):
    client = login("officer_a")
    van = people["van"]
    response = client.post(
        reverse("people:qualification_add", args=[van.pk]),
        {"level": level("state_mgmt", "chuyen_vien").pk, "institution": "Trường Chính trị tỉnh", "year": "2020"},
    )
    assert response.status_code == 302
    q = van.qualifications.get(ladder__code="state_mgmt")
    assert q.source == "declared"
    html = client.get(reverse("people:detail", args=[van.pk])).content.decode()
    assert 'data-testid="level-state_mgmt">Chuyên viên' in html
    client.post(reverse("people:qualification_remove", args=[van.pk, q.pk]))
    assert not van.qualifications.filter(ladder__code="state_mgmt").exists()


def test_a_transfer_is_recorded_from_the_page(login, people, tree):
    client = login("province_admin")
    van = people["van"]
    response = client.post(
        reverse("people:assignment_add", args=[van.pk]),
        {"unit": tree["b"].pk, "category": "can_bo", "title": "Phó Chủ tịch UBND", "start_date": "2026-03-01"},
    )
    assert response.status_code == 302
    van.refresh_from_db()
    assert van.unit == tree["b"]
    assert login("officer_a").get(reverse("people:detail", args=[van.pk])).status_code == 404


def test_an_assignment_is_ended_from_the_page_and_the_history_keeps_it(login, people):
    van = people["van"]
    client = login("officer_a")
    current = van.assignments.get(end_date__isnull=True)
    page = client.get(reverse("people:detail", args=[van.pk])).content.decode()
    end_url = reverse("people:assignment_end", args=[van.pk, current.pk])
    assert f'href="{end_url}"' in page
    refused = client.post(end_url, {"end_date": "2020-01-01"})  # before the assignment began (2025-07-01)
    assert "Ngày kết thúc trước ngày bắt đầu" in refused.content.decode()
    response = client.post(end_url, {"end_date": "2026-06-30"}, follow=True)
    assert "thôi công tác" in response.content.decode()
    current.refresh_from_db()
    assert current.end_date == datetime.date(2026, 6, 30)
    page = client.get(reverse("people:detail", args=[van.pk])).content.decode()
    assert 'data-testid="assignment-end"' not in page and "30/06/2026" in page
    assert client.post(end_url, {"end_date": "2026-07-01"}).status_code == 404  # already ended
    assert login("officer_b").get(end_url).status_code == 404  # another commune's officer
    assert login("leader").get(end_url).status_code == 403  # a read-only role


def test_a_transfer_before_the_current_start_is_refused(login, people, tree):
    response = login("province_admin").post(
        reverse("people:assignment_add", args=[people["van"].pk]),
        {"unit": tree["b"].pk, "start_date": "2020-01-01"},
    )
    assert "Cần ngày bắt đầu sau ngày bắt đầu" in response.content.decode()


def test_read_only_roles_cannot_add_qualifications(login, people):
    assert login("leader").get(reverse("people:qualification_add", args=[people["van"].pk])).status_code == 403


def test_a_large_list_shows_its_exact_total_and_page_numbers(login, tree, reference, settings):
    from django.core.management import call_command

    call_command("synth", "people", count=1200, seed=5, unit="P", no_log=True, stdout=__import__("io").StringIO())
    settings.CANBO_PAGE_SIZE = 10
    response = login("province_admin").get(reverse("people:list"))
    page, html = response.context["page"], response.content.decode()
    assert (page.estimate, page.capped, page.approximate) == (1200, False, False)
    assert "1.200 người" in html and "Hơn" not in html and "Khoảng" not in html
    assert "Trang 1/120" in html


def test_a_search_pages_through_its_matches_with_an_exact_count(login, people, settings):
    settings.CANBO_PAGE_SIZE = 1
    client = login("province_admin")
    seen, after = [], ""
    for _ in range(5):
        response = client.get(reverse("people:list"), {"q": "lo", "after": after})
        page = response.context["page"]
        assert page.estimate == 2 and not page.capped
        seen += [p.full_name for p in page.rows]
        after = page.next_cursor
        if not after:
            break
    assert seen == ["Lò Thị Vân", "Lò Văn Minh"]


def test_a_name_search_lists_names_starting_with_it_first_then_those_containing_it(login, people, tree, settings):
    """ "van" finds "Văn Đức", "Văn Thị Hoa" and "Vàng A Sử" first (their names start with it), then
    the names that only contain it, each group in name order, across pages; the count says which
    it covers."""
    from canbo.people import services

    for name in ("Văn Thị Hoa", "Văn Đức", "Vàng A Sử", "Lò Văn Vân"):
        services.person_create(unit=tree["a"], full_name=name, gender="male", birth_year=1990)
    settings.CANBO_PAGE_SIZE = 2
    client = login("province_admin")
    pages, after = [], ""
    while True:
        response = client.get(reverse("people:list"), {"q": "Văn", "after": after})
        page = response.context["page"]
        pages.append(([p.full_name for p in page.rows], page.estimate, page.starting_with))
        after = page.next_cursor
        if not after:
            break
    assert pages[0] == (["Văn Đức", "Văn Thị Hoa"], 3, "van")
    assert "3 người có họ tên bắt đầu bằng «Văn»" in client.get(reverse("people:list"), {"q": "Văn"}).content.decode()
    later = [name for names, _n, _s in pages[1:] for name in names]
    assert later == ["Vàng A Sử", "Lò Thị Vân", "Lò Văn Minh", "Lò Văn Vân"]
    assert all((n, s) == (6, "") for _names, n, s in pages[1:])


@pytest.mark.parametrize("window", [1, 3, 60_000])
def test_a_name_search_finds_the_same_names_whatever_the_walk_window(
    login, people, tree, settings, monkeypatch, window
):
    """The names containing the search come from a walk of the name index when they are dense
    within the window, else from the trigram index and a sort: the pages are the same."""
    from canbo.people import selectors, services

    for name in ("Văn Đức", "Lò Văn Vân", "Hoàng Văn Nam", "Cà Văn Chinh"):
        services.person_create(unit=tree["a"], full_name=name, gender="male", birth_year=1990)
    monkeypatch.setattr(selectors, "WALK_WINDOW", window)
    settings.CANBO_PAGE_SIZE = 2
    client = login("province_admin")
    names, after = [], ""
    while True:
        page = client.get(reverse("people:list"), {"q": "van", "after": after}).context["page"]
        names += [p.full_name for p in page.rows]
        after = page.next_cursor
        if not after:
            break
    assert names == ["Văn Đức", "Cà Văn Chinh", "Hoàng Văn Nam", "Lò Thị Vân", "Lò Văn Minh", "Lò Văn Vân"]


def test_a_name_search_whose_first_page_ends_where_the_starting_names_end(login, people, tree, settings):
    from canbo.people import services

    services.person_create(unit=tree["a"], full_name="Văn Đức", gender="male", birth_year=1990)
    settings.CANBO_PAGE_SIZE = 1
    client = login("province_admin")
    first = client.get(reverse("people:list"), {"q": "van"}).context["page"]
    assert [p.full_name for p in first.rows] == ["Văn Đức"] and first.next_cursor
    second = client.get(reverse("people:list"), {"q": "van", "after": first.next_cursor}).context["page"]
    assert [p.full_name for p in second.rows] == ["Lò Thị Vân"] and second.estimate == 3


def test_a_name_search_through_the_api_has_the_same_order(login, people, tree):
    from canbo.people import services

    services.person_create(unit=tree["a"], full_name="Văn Đức", gender="male", birth_year=1990)
    data = login("province_admin").get("/api/v1/people", {"q": "van"}).json()
    assert [r["full_name"] for r in data["results"]] == ["Văn Đức", "Lò Thị Vân", "Lò Văn Minh"]
    assert data["estimate"] == 3 and data["estimate_starting_with"] == ""


def test_an_unknown_level_in_the_link_matches_nobody(login, people):
    client = login("province_admin")
    response = client.get(reverse("people:list"), {"ladder": "khong-co", "level": "x", "at_least": "1"})
    assert response.status_code == 200 and response.context["page"].rows == []
    response = client.get(reverse("people:list"), {"ladder": "professional", "level": "x", "at_least": "1"})
    assert response.context["page"].rows == []


def test_an_export_leaves_no_file_behind(login, people, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    response = login("officer_a").get(reverse("people:export"))
    assert b"".join(response.streaming_content)[:2] == b"PK"
    assert list(tmp_path.iterdir()) == []
