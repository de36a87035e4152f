"""The standards pages as users open them: rates with drill-down, weak sectors, needs, the person
panel, the rule editor's preview and its refusals; scoping answers 404 outside one's reach."""

import datetime

from django.urls import reverse

from canbo.standards.models import Requirement

D = datetime.date


def test_the_unit_page_shows_rates_weak_sectors_and_needs(login, make_person):
    make_person("Chủ tịch Ủy ban nhân dân", unit="a", name="Lò Văn Chủ", levels=[("professional", "dai_hoc")])
    make_person("Phó Chủ tịch Ủy ban nhân dân", unit="a", name="Cà Văn Phó")
    make_person("Chủ tịch Ủy ban nhân dân", unit="b", name="Giàng A Xa")
    client = login("officer_a")
    html = client.get(reverse("standards:unit", args=["P-THANHNUA"])).content.decode()
    assert "Đạt chuẩn chức danh: Xã Thanh Nưa" in html
    assert "Chủ tịch Ủy ban nhân dân xã" in html and "Phó Chủ tịch Ủy ban nhân dân xã" in html
    assert "50,0%" in html  # professional ladder: 1 of the 2 commune leaders
    assert "Quản lý nhà nước" in html  # the weak sector
    assert "Lý luận chính trị" in html and "Đào tạo chuyên môn (đại học, sau đại học)" in html  # needs


def test_the_province_page_lists_needs_per_commune(login, make_person):
    make_person("Chủ tịch Ủy ban nhân dân", unit="a", name="A")
    make_person("Chủ tịch Ủy ban nhân dân", unit="b", name="B")
    html = login("province_admin").get(reverse("standards:unit", args=["P"])).content.decode()
    assert 'data-testid="needs-by-unit"' in html and "Xã Mường Nhé" in html and "Xã Thanh Nưa" in html


def test_a_drill_down_lists_the_people_behind_a_number(login, make_person, rule, title):
    appointed = D(2023, 9, 1)  # after 01/8/2023: "chưa đạt", not in the transition
    make_person(
        "Chủ tịch Ủy ban nhân dân", unit="a", start=appointed, name="Lò Văn Chủ", levels=[("professional", "dai_hoc")]
    )
    make_person("Chủ tịch Ủy ban nhân dân", unit="a", start=appointed, name="Quàng Văn Thiếu")
    client = login("officer_a")
    url = reverse("standards:people", args=["P-THANHNUA"])
    params = {"rules": f"{rule('XA-CTUBND-CM-2025').pk},{rule('XA-CTUBND-CM').pk}", "title": title("XA-CTUBND").pk}
    html = client.get(url, {**params, "status": 0}).content.decode()
    assert "Quàng Văn Thiếu" in html and "Lò Văn Chủ" not in html and "4 bậc" in html
    html = client.get(url, {**params, "status": 1}).content.decode()
    assert "Lò Văn Chủ" in html and "Quàng Văn Thiếu" not in html
    html = client.get(url, {**params, "day": "2024-06-01"}).content.decode()  # computed for that date
    assert "Lò Văn Chủ" in html and "Quàng Văn Thiếu" in html


def test_another_communes_pages_are_not_found(login, make_person):
    client = login("officer_b")
    assert client.get(reverse("standards:unit", args=["P-THANHNUA"])).status_code == 404
    assert client.get(reverse("standards:people", args=["P-THANHNUA"]), {"rules": "1"}).status_code == 404


def test_the_person_page_shows_whether_they_meet_the_standards(login, make_person):
    person = make_person("Chủ tịch Ủy ban nhân dân", unit="a", levels=[("professional", "trung_cap")])
    html = login("officer_a").get(reverse("people:detail", args=[person.pk])).content.decode()
    assert 'data-testid="standards-panel"' in html
    assert "Chủ tịch UBND xã (xã mới): đại học trở lên" in html
    assert "Hiện có: Trung cấp · yêu cầu: Đại học" in html
    assert "Cần học: Đào tạo chuyên môn (đại học, sau đại học)" in html
    panel = login("officer_a").get(reverse("standards:person_panel", args=[person.pk])).content.decode()
    assert "Chủ tịch UBND xã (xã mới): đại học trở lên" in panel


def test_the_rule_list_marks_unconfirmed_rules(login, seeded):
    html = login("leader").get(reverse("standards:rules")).content.decode()
    assert "Chủ tịch UBND xã (xã mới): đại học trở lên" in html and "Chưa xác nhận" in html
    assert "Thêm tiêu chuẩn" not in html  # a leader reads only


def _form(rule, **changes):
    data = {
        "version": rule.version,
        "code": rule.code or "",
        "name": rule.name,
        "kind": rule.kind,
        "title": rule.title_id or "",
        "position": "",
        "category": rule.category,
        "unit_kind": "",
        "ladder": rule.ladder_id or "",
        "min_level": rule.min_level_id or "",
        "accepted_fields": "\n".join(rule.fields),
        "periods": rule.periods or "",
        "grace_months": rule.grace_months,
        "closing_kinds": list(rule.closing_kinds.values_list("pk", flat=True)),
        "source": rule.source,
        "valid_from": rule.valid_from.isoformat(),
        "valid_to": "",
        "note": "",
    }
    data.update(changes)
    return data


def test_editing_a_rule_previews_the_people_it_moves_before_saving(login, make_person, rule, level):
    make_person("Chủ tịch Ủy ban nhân dân", unit="a", name="A", levels=[("professional", "cao_dang")])
    make_person("Chủ tịch Ủy ban nhân dân", unit="b", name="B", levels=[("professional", "dai_hoc")])
    # Both also need THPT and LLCT; give B those so that only the degree rule decides.
    from canbo.people import services as people_services
    from canbo.people.models import Person

    b = Person.unscoped.get(full_name="B")
    people_services.qualification_add(person=b, level=level("general_education", "thpt"))
    people_services.qualification_add(person=b, level=level("politics", "trung_cap"))
    target = rule("XA-CTUBND-CM-2025")
    client = login("province_admin")
    url = reverse("standards:rule_edit", args=[target.pk])
    assert client.get(url).status_code == 200
    html = client.post(url, _form(target, min_level=level("professional", "thac_si").pk, preview="1")).content
    html = html.decode()
    assert "Thay đổi này liên quan đến 2 người: 1 người chuyển từ đạt chuẩn sang chưa đạt, 0 người" in html
    target.refresh_from_db()
    assert target.min_level.code == "dai_hoc"  # nothing saved yet
    response = client.post(url, _form(target, min_level=level("professional", "thac_si").pk, confirm="1"))
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.min_level.code == "thac_si"


def test_the_editor_refuses_an_overlapping_rule_with_the_reason(login, rule, level, title):
    client = login("province_admin")
    cao_dang = level("professional", "cao_dang").pk
    data = _form(rule("XA-CTUBND-CM-2025"), code="", name="Chủ tịch UBND xã: cao đẳng", min_level=cao_dang)
    data.pop("version")
    html = client.post(reverse("standards:rule_create"), {**data, "preview": "1"}).content.decode()
    assert "Mâu thuẫn với tiêu chuẩn" in html
    assert not Requirement.objects.filter(name="Chủ tịch UBND xã: cao đẳng").exists()


def test_only_standards_managers_open_the_editor(login, rule):
    assert (
        login("officer_a").get(reverse("standards:rule_edit", args=[rule("XA-CTUBND-CM-2025").pk])).status_code == 403
    )
