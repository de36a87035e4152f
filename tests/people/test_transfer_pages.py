"""Chuyển công tác through the pages: commune A releases a person from their page, commune B accepts
or declines on "Hồ sơ chuyển đến", A may cancel; the province moves people at once. Every write is a
POST through people.transfers / people.services; an outsider gets 404 and nothing is written."""

import datetime

import pytest
from django.urls import reverse

from canbo.core.models import ChangeLogEntry
from canbo.people.models import Assignment, Person, Transfer

D = datetime.date


def _release(client, person, to_unit, **extra):
    data = {"to_unit": to_unit.pk, "start_date": "2026-03-01", "decision_number": "15/QĐ-UBND"} | extra
    return client.post(reverse("people:transfer", args=[person.pk]), data)


def _released(login, people, tree, **extra):
    response = _release(login("officer_a"), people["van"], tree["b"], note="Theo nguyện vọng cá nhân", **extra)
    assert response.status_code == 302, response.content.decode()[:500]
    return Transfer.unscoped.get(person=people["van"])


def test_the_person_page_offers_the_transfer_and_the_form_lists_the_provinces_units_but_no_person(login, people, tree):
    client = login("officer_a")
    page = client.get(reverse("people:detail", args=[people["van"].pk])).content.decode()
    assert reverse("people:transfer", args=[people["van"].pk]) in page
    form = client.get(reverse("people:transfer", args=[people["van"].pk])).content.decode()
    assert "Xã Mường Nhé (P-MUONGNHE)" in form  # outside A's reach, offered for a release
    assert "Trong phạm vi quản lý của bạn: chuyển ngay" in form and "Văn phòng HĐND và UBND xã Thanh Nưa" in form
    assert "Huyện Điện Biên" not in form  # closed units are not offered
    assert "Giàng A Páo" not in form


def test_officer_a_releases_and_officer_b_accepts_then_a_no_longer_reaches_the_person(login, people, tree):
    transfer = _released(login, people, tree)
    assert transfer.status == "released" and transfer.to_unit == tree["b"]
    assert transfer.note == "Theo nguyện vọng cá nhân"
    van = Person.unscoped.get(pk=people["van"].pk)
    assert van.unit == tree["a"]  # nothing moves before B accepts
    detail = login("officer_a").get(reverse("people:detail", args=[van.pk])).content.decode()
    assert 'data-testid="open-release"' in detail and "Xã Mường Nhé" in detail
    assert reverse("people:transfer_cancel", args=[transfer.pk]) in detail

    client = login("officer_b")
    assert client.get(reverse("people:detail", args=[van.pk])).status_code == 404  # not before accepting
    listing = client.get(reverse("people:transfers")).content.decode()
    assert "Lò Thị Vân" in listing and "1988" in listing and "Công chức Văn phòng - thống kê" in listing
    assert "Xã Thanh Nưa" in listing
    assert "011188001234" not in listing and "12/03/1988" not in listing  # no ID number, no birth date
    accept_url = reverse("people:transfer_accept", args=[transfer.pk])
    assert accept_url in listing
    form = client.get(accept_url).content.decode()
    assert "011188001234" not in form and "Thái" not in form
    response = client.post(
        accept_url,
        {"start_date": "2026-03-02", "title": "Công chức Tư pháp - hộ tịch", "decision_number": "20/QĐ-UBND",
         "version": transfer.version},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == reverse("people:detail", args=[van.pk])

    van.refresh_from_db()
    assert van.unit == tree["b"]
    opened = Assignment.unscoped.get(person=van, end_date__isnull=True, is_main=True)
    assert (opened.unit, opened.start_date, opened.title, opened.decision_number) == (
        tree["b"],
        D(2026, 3, 2),
        "Công chức Tư pháp - hộ tịch",
        "20/QĐ-UBND",
    )
    assert Assignment.unscoped.get(person=van, unit=tree["a"]).end_date == D(2026, 3, 1)
    assert client.get(reverse("people:detail", args=[van.pk])).status_code == 200
    officer_a = login("officer_a")
    assert officer_a.get(reverse("people:detail", args=[van.pk])).status_code == 404
    outgoing = officer_a.get(reverse("people:transfers")).content.decode()
    assert "Đã tiếp nhận" in outgoing and reverse("people:detail", args=[van.pk]) not in outgoing
    assert ChangeLogEntry.objects.filter(content_type__model="transfer", object_id=str(transfer.pk)).count() == 2


def test_officer_b_declines_with_a_reason_and_the_sender_sees_it(login, people, tree):
    transfer = _released(login, people, tree)
    client = login("officer_b")
    url = reverse("people:transfer_decline", args=[transfer.pk])
    assert "Lý do từ chối" in client.get(url).content.decode()
    refused = client.post(url, {"note": ""})  # a reason is required
    assert refused.status_code == 200 and Transfer.unscoped.get(pk=transfer.pk).status == "released"
    assert client.post(url, {"note": "Đơn vị đã đủ biên chế"}).status_code == 302
    transfer.refresh_from_db()
    assert transfer.status == "declined" and transfer.note == "Đơn vị đã đủ biên chế"
    assert Person.unscoped.get(pk=people["van"].pk).unit == tree["a"]
    outgoing = login("officer_a").get(reverse("people:transfers")).content.decode()
    assert "Đơn vị nhận từ chối" in outgoing and "Đơn vị đã đủ biên chế" in outgoing
    late = login("officer_b").post(reverse("people:transfer_accept", args=[transfer.pk]), {"start_date": "2026-03-01"})
    assert late.status_code == 302 and late["Location"] == reverse("people:transfers")  # already declined
    assert Person.unscoped.get(pk=people["van"].pk).unit == tree["a"]


def test_the_sender_cancels_from_the_person_page_and_may_release_again(login, people, tree):
    transfer = _released(login, people, tree)
    client = login("officer_a")
    response = client.post(reverse("people:transfer_cancel", args=[transfer.pk]), {"back": "person"})
    assert response.status_code == 302 and response["Location"] == reverse("people:detail", args=[people["van"].pk])
    assert Transfer.unscoped.get(pk=transfer.pk).status == "cancelled"
    detail = client.get(reverse("people:detail", args=[people["van"].pk])).content.decode()
    assert 'data-testid="open-release"' not in detail
    assert not login("officer_b").get(reverse("people:transfers")).context["pending"]
    assert _release(login("officer_a"), people["van"], tree["b"]).status_code == 302


def test_a_cancel_is_a_post(login, people, tree):
    transfer = _released(login, people, tree)
    assert login("officer_a").get(reverse("people:transfer_cancel", args=[transfer.pk])).status_code == 405
    assert Transfer.unscoped.get(pk=transfer.pk).status == "released"


def test_officer_b_cannot_accept_a_transfer_addressed_to_another_unit(login, people, tree):
    from canbo.orgs import services as org_services

    c = org_services.unit_create(
        code="P-NAPTAU", name="Xã Nà Tấu", kind="commune", parent=tree["province"], valid_from=D(2025, 7, 1)
    )
    response = _release(login("officer_a"), people["van"], c)
    assert response.status_code == 302
    transfer = Transfer.unscoped.get(person=people["van"])
    client = login("officer_b")
    for name in ("people:transfer_accept", "people:transfer_decline", "people:transfer_cancel"):
        url = reverse(name, args=[transfer.pk])
        assert client.get(url).status_code in (404, 405)
        answer = client.post(url, {"start_date": "2026-03-01", "version": transfer.version, "note": "x"})
        assert answer.status_code == 404, name
        assert "Lò Thị Vân" not in answer.content.decode()
    assert "Lò Thị Vân" not in client.get(reverse("people:transfers")).content.decode()
    assert Transfer.unscoped.get(pk=transfer.pk).status == "released"
    assert Person.unscoped.get(pk=people["van"].pk).unit == tree["a"]


def test_neither_side_can_do_the_others_part_through_the_pages(login, people, tree):
    transfer = _released(login, people, tree)
    accept = reverse("people:transfer_accept", args=[transfer.pk])
    assert login("officer_a").post(accept, {"start_date": "2026-03-01", "version": transfer.version}).status_code == 404
    assert login("officer_b").post(reverse("people:transfer_cancel", args=[transfer.pk])).status_code == 404
    assert login("officer_b").post(reverse("people:transfer", args=[people["van"].pk])).status_code == 404
    assert Transfer.unscoped.get(pk=transfer.pk).status == "released"


@pytest.mark.parametrize("persona", ["leader", "cadre_a"])
def test_a_leader_or_a_cadre_cannot_act(login, people, tree, persona):
    transfer = _released(login, people, tree)
    client = login(persona)
    before = Transfer.unscoped.count(), Assignment.unscoped.count()
    assert _release(client, people["minh"], tree["b"]).status_code in (403, 404)
    for name in ("people:transfer_accept", "people:transfer_decline", "people:transfer_cancel"):
        answer = client.post(reverse(name, args=[transfer.pk]), {"start_date": "2026-03-01", "note": "x"})
        assert answer.status_code in (403, 404), name
    assert (Transfer.unscoped.count(), Assignment.unscoped.count()) == before
    assert Transfer.unscoped.get(pk=transfer.pk).status == "released"


def test_the_province_admin_moves_a_person_at_once(login, people, tree):
    client = login("province_admin")
    form = client.get(reverse("people:transfer", args=[people["van"].pk])).content.decode()
    assert "Đơn vị khác trong tỉnh" not in form  # the province reaches every unit: no release needed
    response = _release(client, people["van"], tree["b"], title="Phó Chủ tịch UBND xã", category="can_bo")
    assert response.status_code == 302
    van = Person.unscoped.get(pk=people["van"].pk)
    assert van.unit == tree["b"]
    opened = Assignment.unscoped.get(person=van, end_date__isnull=True, is_main=True)
    assert (opened.title, opened.category, opened.decision_number) == ("Phó Chủ tịch UBND xã", "can_bo", "15/QĐ-UBND")
    assert not Transfer.unscoped.exists()


def test_a_move_within_the_officers_own_reach_is_at_once_and_keeps_the_post(login, people, tree):
    response = _release(login("officer_a"), people["van"], tree["a_office"])
    assert response.status_code == 302
    van = Person.unscoped.get(pk=people["van"].pk)
    assert van.unit == tree["a_office"]
    assert Assignment.unscoped.get(person=van, end_date__isnull=True).title == "Công chức Văn phòng - thống kê"
    assert not Transfer.unscoped.exists()


def test_a_refused_release_shows_the_reason_and_writes_nothing(login, people, tree):
    client = login("officer_a")
    response = _release(client, people["van"], tree["b"], start_date="2025-01-01")  # before the current post
    assert response.status_code == 200
    assert "Cần ngày bắt đầu sau ngày bắt đầu của vị trí công tác hiện tại." in response.content.decode()
    assert not Transfer.unscoped.exists()
    _released(login, people, tree)
    again = client.get(reverse("people:transfer", args=[people["van"].pk]))
    assert again.status_code == 302  # an open release: the page sends back to the person
    assert Transfer.unscoped.count() == 1


def test_the_people_list_links_the_incoming_transfers_with_their_count(login, people, tree):
    _released(login, people, tree)
    page = login("officer_b").get(reverse("people:list")).content.decode()
    assert reverse("people:transfers") in page and 'text-bg-warning">1<' in page


def test_a_release_without_the_csrf_token_is_refused(personas, people, tree):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(personas["officer_a"])
    form = client.get(reverse("people:transfer", args=[people["van"].pk])).content.decode()
    assert 'name="csrfmiddlewaretoken"' in form
    assert _release(client, people["van"], tree["b"]).status_code == 403
    assert not Transfer.unscoped.exists()
