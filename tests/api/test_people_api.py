from canbo.accounts.models import SensitiveAccess


def test_it_lists_people_in_reach_with_levels(login, people):
    body = login("officer_a").get("/api/v1/people", {"q": "lo thi van"}).json()
    assert [p["full_name"] for p in body["results"]] == ["Lò Thị Vân"]
    van = body["results"][0]
    assert {"ladder": "professional", "level": "Đại học", "field": "Luật"} in van["levels"]
    assert van["ethnicity"] == "Thái" and SensitiveAccess.objects.filter(where="api_people").exists()


def test_a_leader_gets_no_sensitive_fields(login, people):
    body = login("leader").get("/api/v1/people").json()
    assert body["estimate"] == 3
    assert all(p["ethnicity"] is None and p["party_member"] is None for p in body["results"])


def test_a_person_outside_reach_is_404(login, people):
    response = login("officer_b").get(f"/api/v1/people/{people['van'].pk}")
    assert response.status_code == 404 and response.json() == {"error": "Không tìm thấy."}
