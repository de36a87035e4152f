def test_it_lists_only_units_in_reach(login, tree):
    body = login("officer_a").get("/api/v1/units").json()
    assert {u["code"] for u in body} == {"P-THANHNUA", "P-THANHNUA-VP"}


def test_it_searches_without_diacritics(login, tree):
    body = login("province_admin").get("/api/v1/units", {"q": "muong nhe"}).json()
    assert [u["code"] for u in body] == ["P-MUONGNHE"]


def test_it_lists_past_structure_with_all(login, tree):
    body = login("province_admin").get("/api/v1/units", {"all": "true"}).json()
    assert "P-HDB" in {u["code"] for u in body}


def test_out_of_reach_is_404_with_the_error_format(login, tree):
    response = login("officer_b").get("/api/v1/units/P-THANHNUA")
    assert response.status_code == 404
    assert response.json() == {"error": "Không tìm thấy."}


def test_it_requires_log_in(client, tree):
    response = client.get("/api/v1/units")
    assert response.status_code == 401 and "error" in response.json()


def test_the_openapi_schema_is_published_to_signed_in_users(login):
    schema = login("officer_a").get("/api/v1/openapi.json").json()
    assert "/api/v1/units/{code}" in schema["paths"]
