"""The standards API: rules with the same refusals as the pages, unit figures, a person's standards."""

import datetime

from canbo.standards.models import Requirement

D = datetime.date


def test_it_lists_rules_and_refuses_an_overlap_with_the_reason(login, seeded):
    client = login("province_admin")
    rules = client.get("/api/v1/standards/rules").json()
    assert any(r["code"] == "CC-BOIDUONG" and r["periods"] == 40 for r in rules)
    response = client.post(
        "/api/v1/standards/rules",
        {
            "name": "Chủ tịch UBND xã: cao đẳng",
            "title": "XA-CTUBND",
            "ladder": "professional",
            "min_level": "cao_dang",
            "valid_from": "2025-01-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Mâu thuẫn với tiêu chuẩn" in response.json()["error"]


def test_it_creates_previews_and_updates_a_rule(login, make_person):
    make_person("Chủ tịch Ủy ban nhân dân", unit="a", name="A")
    client = login("province_admin")
    body = {
        "name": "Chủ tịch UBND xã: QLNN chuyên viên",
        "title": "XA-CTUBND",
        "ladder": "state_mgmt",
        "min_level": "chuyen_vien",
        "valid_from": "2025-01-01",
    }
    preview = client.post("/api/v1/standards/rule-preview", body, content_type="application/json").json()
    assert preview == {"people": 1, "to_unmet": 0, "to_met": 0}  # A already falls short elsewhere
    created = client.post("/api/v1/standards/rules", body, content_type="application/json")
    assert created.status_code == 201
    rule = created.json()
    assert rule["closing_kinds"] == ["state_mgmt"]
    stale = client.put(
        f"/api/v1/standards/rules/{rule['id']}",
        {**body, "grace_months": 6, "expected_version": 0},
        content_type="application/json",
    )
    assert stale.status_code == 400
    ok = client.put(
        f"/api/v1/standards/rules/{rule['id']}",
        {**body, "grace_months": 6, "expected_version": 1},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["grace_months"] == 6
    assert Requirement.objects.get(pk=rule["id"]).version == 2


def test_it_refuses_a_rule_update_without_expected_version(login, make_person):
    client = login("province_admin")
    body = {
        "name": "Chủ tịch UBND xã: QLNN chuyên viên",
        "title": "XA-CTUBND",
        "ladder": "state_mgmt",
        "min_level": "chuyen_vien",
        "valid_from": "2025-01-01",
    }
    rule = client.post("/api/v1/standards/rules", body, content_type="application/json").json()
    for missing in ({}, {"expected_version": None}):
        response = client.put(
            f"/api/v1/standards/rules/{rule['id']}",
            {**body, "grace_months": 6, **missing},
            content_type="application/json",
        )
        assert response.status_code == 400
        assert "Thiếu số phiên bản" in response.json()["fields"]["expected_version"][0]
    stored = Requirement.objects.get(pk=rule["id"])
    assert stored.grace_months == 0 and stored.version == 1


def test_an_unknown_code_is_refused_by_name(login, seeded):
    response = login("province_admin").post(
        "/api/v1/standards/rules",
        {"name": "X", "title": "KHONG-CO", "ladder": "politics", "min_level": "trung_cap", "valid_from": "2025-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "KHONG-CO" in response.json()["error"]


def test_unit_figures_and_person_standards_are_scoped(login, make_person):
    person = make_person("Chủ tịch Ủy ban nhân dân", unit="a", levels=[("professional", "dai_hoc")])
    client = login("officer_a")
    data = client.get("/api/v1/standards/units/P-THANHNUA").json()
    assert data["needs"] == {"politics": 1}
    assert any(r["ladder_code"] == "professional" and r["rate"] == 100.0 for r in data["rates"])
    lines = client.get(f"/api/v1/standards/people/{person.pk}").json()
    assert {line["rule_code"]: line["met"] for line in lines}["XA-CTUBND-CM-2025"] is True
    other = login("officer_b")
    assert other.get("/api/v1/standards/units/P-THANHNUA").status_code == 404
    assert other.get(f"/api/v1/standards/people/{person.pk}").status_code == 404
    assert login("officer_a").post("/api/v1/standards/rules", {}, content_type="application/json").status_code in (
        403,
        422,
    )
