import datetime

from django.test import override_settings
from django.urls import reverse

from canbo.core.context import acting_as
from canbo.orgs import services


def test_the_global_log_is_for_admins_only(login):
    assert login("officer_a").get(reverse("site:changes")).status_code == 403
    assert login("province_admin").get(reverse("site:changes")).status_code == 200


def test_the_global_log_is_scoped_and_filterable(login, personas, tree):
    with acting_as(personas["province_admin"], origin="web"):
        services.unit_update(unit=tree["b"], note="ghi chú mới")
    client = login("province_admin")
    html = client.get(reverse("site:changes"), {"action": "update"}).content.decode()
    assert "Xã Mường Nhé" in html and "Nguyễn Thị Hoa" in html
    assert "Văn phòng HĐND" not in html
    html = client.get(reverse("site:changes"), {"q": "Văn phòng", "origin": "test"}).content.decode()
    assert "Văn phòng HĐND" in html


def test_the_global_log_pages_by_keyset(login, personas, tree, settings):
    settings.CANBO_PAGE_SIZE = 2
    client = login("province_admin")
    first = client.get(reverse("site:changes"))
    assert first.context["next_query"].startswith("before=") or "before=" in first.context["next_query"]
    second = client.get(reverse("site:changes") + "?" + first.context["next_query"])
    assert {e.id for e in first.context["rows"]}.isdisjoint({e.id for e in second.context["rows"]})


def test_each_request_is_logged_under_its_request_id(login, tree):
    client = login("province_admin")
    response = client.post(
        reverse("orgs:edit", args=["P-MUONGNHE"]),
        {
            "code": "P-MUONGNHE",
            "name": "Xã Mường Nhé",
            "kind": "commune",
            "parent": tree["province"].pk,
            "valid_from": "2025-07-01",
            "note": "x",
            "version": 1,
        },
    )
    from canbo.core.models import ChangeLogEntry

    entry = ChangeLogEntry.unscoped.latest("id")
    assert entry.request_id == response["X-Request-ID"] and entry.origin == "web"


def test_it_does_not_trust_a_client_supplied_request_id_for_the_log(login, tree):
    """A client choosing the request id could forge or merge audit trails: we generate our own and
    keep the client's value only as a sanitised label."""
    from canbo.core.models import ChangeLogEntry

    client = login("province_admin")
    forged = "forged-id\r\n<script>alert(1)</script>" + "x" * 100
    response = client.post(
        reverse("orgs:edit", args=["P-MUONGNHE"]),
        {
            "code": "P-MUONGNHE",
            "name": "Xã Mường Nhé",
            "kind": "commune",
            "parent": tree["province"].pk,
            "valid_from": "2025-07-01",
            "note": "y",
            "version": 1,
        },
        headers={"X-Request-ID": forged},
    )
    entry = ChangeLogEntry.unscoped.latest("id")
    assert entry.request_id == response["X-Request-ID"]
    assert "forged" not in entry.request_id and len(entry.request_id) == 32
    assert entry.label.startswith("X-Request-ID forged-idscriptalert1script")
    assert "<" not in entry.label and "\n" not in entry.label and len(entry.label) <= len("X-Request-ID ") + 64


def test_404_and_403_pages_are_in_vietnamese(login, tree):
    client = login("officer_b")
    assert "Không tìm thấy trang" in client.get("/units/P-THANHNUA/").content.decode()
    assert "Không có quyền truy cập" in client.get(reverse("site:changes")).content.decode()


@override_settings(LANGUAGE_CODE="vi")
def test_the_language_switch_turns_the_shell_to_english(login):
    client = login("officer_a")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("site:home")).content.decode()
    assert "Dashboard" in html or "Overview" in html
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert "Tổng quan" in client.get(reverse("site:home")).content.decode()


def test_dates_and_numbers_use_vietnamese_formats(login, tree):
    html = login("province_admin").get(reverse("orgs:detail", args=["P-HDB"])).content.decode()
    assert "01/01/2020 – 30/06/2025" in html
    assert datetime.date(2025, 6, 30).strftime("%d/%m/%Y") in html


def test_vietnamese_is_the_default_even_for_an_english_browser(login):
    html = login("officer_a").get(reverse("site:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Tổng quan" in html


def test_the_500_page_is_vietnamese_and_needs_no_database(rf, db, django_assert_num_queries):
    from canbo.core.views import error_500

    with django_assert_num_queries(0):
        response = error_500(rf.get("/"))
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in response.content.decode()
