"""Sensitive data (ethnicity, religion, Party membership, health) only for roles that may see it:
histories, filters on the page, the API and the export, and one access-log row per display."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from canbo.accounts.choices import Role
from canbo.accounts.models import SensitiveAccess, User
from canbo.accounts.permissions import ROLE_PERMS, Perm
from canbo.people import services
from canbo.people.models import Ethnicity, Religion
from tests.conftest import PASSWORD

HEALTH = "Viêm gan B mạn tính"


@pytest.fixture
def training_officer(tree):
    """The training institution's officer (conftest has no such persona): sees people, no sensitive data."""
    user = User(username="training", unit=tree["province"], roles=[Role.TRAINING_OFFICER], first_name="Đào")
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def as_user(client, personas, training_officer):
    def _as(name):
        client.force_login(training_officer if name == "training_officer" else personas[name])
        return client

    return _as


@pytest.fixture
def sensitive_changes(people):
    """Vân's health, religion and Party membership edited after her record was created."""
    van = services.person_update(
        person=people["van"],
        health_note=HEALTH,
        religion=Religion.objects.exclude(name="Không").first(),
        party_member=False,
        party_joined_on=None,
        phone="0912345678",
    )
    return van


def _history(client, person):
    return client.get(reverse("people:history", args=[person.pk])).content.decode()


def test_it_hides_sensitive_values_and_field_names_from_the_leader_in_a_person_history(as_user, sensitive_changes):
    html = _history(as_user("leader"), sensitive_changes)
    assert HEALTH not in html
    for attname in ("health_note", "religion_id", "party_member", "party_joined_on", "ethnicity_id"):
        assert attname not in html
    assert "Đảng viên" not in html and "Tôn giáo" not in html
    assert 'data-testid="sensitive-hidden"' in html and "(ẩn — thông tin nhạy cảm)" in html
    # What is not sensitive stays readable in the same entry.
    assert "0912345678" in html


def test_it_shows_sensitive_changes_to_the_unit_hr_officer(as_user, sensitive_changes):
    html = _history(as_user("officer_a"), sensitive_changes)
    assert HEALTH in html and 'data-testid="sensitive-hidden"' not in html
    # Read as the page names it, not by its attname (issue 15 item 10).
    assert 'Đảng viên: <span class="diff-before">Có</span> → <span class="diff-after">Không</span>' in html


def test_it_marks_nothing_hidden_when_only_ordinary_fields_changed(as_user, people):
    services.person_update(person=people["van"], phone="0987654321")
    html = _history(as_user("leader"), people["van"])
    # The creation entry (which holds the ethnicity) is marked; the phone change alone is not.
    assert html.count('data-testid="sensitive-hidden"') == 1 and "0987654321" in html


@pytest.mark.parametrize("persona", ["leader", "training_officer"])
@pytest.mark.parametrize("params", [{"party": "1"}, {"party": "0"}, {"ethnicity": "minority"}, {"ethnicity": "03"}])
def test_it_refuses_sensitive_filters_on_the_list_page(as_user, people, persona, params):
    response = as_user(persona).get(reverse("people:list"), params)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Lò Thị Vân" not in html and "bộ lọc bị từ chối" in html and f"{next(iter(params))}=" in html


@pytest.mark.parametrize("persona", ["leader", "training_officer"])
def test_it_refuses_sensitive_filters_in_the_api(as_user, people, persona):
    response = as_user(persona).get("/api/v1/people", {"party": "1"})
    assert response.status_code == 403
    assert "party=1" in response.json()["error"] and "results" not in response.json()


@pytest.mark.parametrize("persona", ["leader", "training_officer"])
def test_it_refuses_sensitive_filters_in_the_excel_export(as_user, people, persona):
    response = as_user(persona).get(reverse("people:export"), {"ethnicity": "minority"})
    assert response.status_code == 403 and response.get("Content-Disposition") is None


def test_the_leader_still_filters_on_ordinary_fields_and_sees_no_sensitive_filter(as_user, people):
    response = as_user("leader").get(reverse("people:list"), {"gender": "female", "party": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "Lò Thị Vân" in html and "Lò Văn Minh" not in html
    assert 'name="party"' not in html and 'name="ethnicity"' not in html


def test_the_hr_officer_filters_party_members(as_user, people):
    html = as_user("officer_a").get(reverse("people:list"), {"party": "1"}).content.decode()
    assert "Lò Thị Vân" in html and "Lò Văn Minh" not in html
    body = as_user("officer_a").get("/api/v1/people", {"party": "1"}).json()
    assert [p["full_name"] for p in body["results"]] == ["Lò Thị Vân"]


def _sheet(response):
    data = b"".join(response.streaming_content)
    return [[c for c in row] for row in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]


def test_the_leaders_export_carries_no_sensitive_column_and_logs_nothing(as_user, people):
    rows = _sheet(as_user("leader").get(reverse("people:export")))
    assert not {"Dân tộc", "Tôn giáo", "Đảng viên", "Ngày vào Đảng"} & set(rows[0])
    assert "Thái" not in {cell for row in rows for cell in row}
    assert not SensitiveAccess.objects.exists()


def test_an_export_writes_one_access_row_with_its_filter_and_count(as_user, people, personas):
    rows = _sheet(as_user("officer_a").get(reverse("people:export"), {"party": "1", "unit": "P-THANHNUA"}))
    assert "Dân tộc" in rows[0] and len(rows) == 2
    access = SensitiveAccess.objects.get()
    assert access.user == personas["officer_a"] and access.where == "people_export"
    assert access.people_count == 1 and access.people == []
    assert access.criteria == {"party": "1", "unit": "P-THANHNUA"}
    assert set(access.fields) == {"ethnicity", "religion", "party_member", "party_joined_on"}


@pytest.fixture
def twenty(tree, reference):
    thai = Ethnicity.objects.get(code="03")
    return [
        services.person_create(
            unit=tree["a"], full_name=f"Lò Văn Số {i:02d}", birth_date=datetime.date(1990, 1, 1 + i), ethnicity=thai
        )
        for i in range(20)
    ]


def test_a_list_page_of_twenty_people_writes_one_access_row_naming_them(as_user, twenty, personas):
    response = as_user("officer_a").get(reverse("people:list"), {"cols": ["ethnicity", "unit"]})
    assert response.status_code == 200 and response.content.decode().count("Thái") >= 20
    access = SensitiveAccess.objects.get()
    assert access.where == "people_list" and access.fields == ["ethnicity"]
    assert access.people_count == 20 and sorted(access.people) == sorted(p.pk for p in twenty)
    assert access.user == personas["officer_a"] and access.request_id == response["X-Request-ID"]


def test_a_list_page_without_sensitive_columns_writes_no_access_row(as_user, twenty):
    assert as_user("officer_a").get(reverse("people:list"), {"cols": ["unit", "birth"]}).status_code == 200
    assert not SensitiveAccess.objects.exists()


def test_an_api_call_writes_one_access_row_for_its_page(as_user, twenty):
    for _ in range(3):
        body = as_user("officer_a").get("/api/v1/people").json()
    assert len(body["results"]) == 20
    accesses = list(SensitiveAccess.objects.all())
    assert len(accesses) == 3 and {a.people_count for a in accesses} == {20}
    assert accesses[0].where == "api_people" and accesses[0].fields == ["ethnicity", "party_member"]


def test_the_leaders_api_calls_carry_no_sensitive_values_and_log_nothing(as_user, twenty):
    body = as_user("leader").get("/api/v1/people").json()
    assert body["results"] and all(p["ethnicity"] is None for p in body["results"])
    assert not SensitiveAccess.objects.exists()


def test_the_training_officer_sees_no_sensitive_fields_on_a_person_page(as_user, people):
    html = as_user("training_officer").get(reverse("people:detail", args=[people["van"].pk])).content.decode()
    assert "Lò Thị Vân" in html and 'data-testid="ethnicity"' not in html and "Thái" not in html
    assert not SensitiveAccess.objects.exists()


@pytest.mark.parametrize("perm", [Perm.MANAGE_PEOPLE, Perm.IMPORT_PEOPLE, Perm.VIEW_GLOBAL_CHANGELOG])
def test_every_role_that_reaches_sensitive_values_indirectly_may_see_them(perm):
    """The edit form's stale-edit message, the import preview and its error copy (rows as
    uploaded, ethnicity and Party columns included) and the global change log are shown without a
    sensitive filter: only roles holding VIEW_SENSITIVE may hold the permission that opens them."""
    for role, perms in ROLE_PERMS.items():
        assert perm not in perms or Perm.VIEW_SENSITIVE in perms, role


@pytest.mark.parametrize("persona", ["leader", "training_officer", "cadre_a"])
def test_roles_without_import_rights_cannot_open_an_import_or_its_error_copy(as_user, persona):
    client = as_user(persona)
    assert client.get(reverse("exchange:import")).status_code == 403
    fake = "00000000-0000-0000-0000-000000000000"
    assert client.get(reverse("exchange:errors", args=[fake])).status_code == 403


def test_the_export_command_writes_one_access_row_for_the_whole_unit(people, tmp_path):
    import json

    from django.core.management import call_command

    call_command("export", "people", unit="P", xlsx=str(tmp_path / "all.xlsx"), stdout=io.StringIO())
    out = io.StringIO()
    call_command("export", "people", unit="P-THANHNUA", json=True, stdout=out)
    assert {p["ethnicity"] for p in json.loads(out.getvalue())} == {"Thái"}
    xlsx, js = SensitiveAccess.objects.order_by("id")
    assert (xlsx.where, xlsx.people_count, xlsx.criteria, xlsx.user) == ("command_export_xlsx", 3, {"unit": "P"}, None)
    assert (js.where, js.people_count, js.fields) == ("command_export_json", 2, ["ethnicity", "party_member"])


def test_a_cadre_sees_their_own_sensitive_fields_and_the_display_is_logged(as_user, people, personas):
    cadre = personas["cadre_a"]
    cadre.person = people["van"]
    cadre.save()
    html = as_user("cadre_a").get(reverse("people:detail", args=[people["van"].pk])).content.decode()
    assert 'data-testid="ethnicity"' in html and "Thái" in html
    access = SensitiveAccess.objects.get()
    assert (access.user, access.where, access.people) == (cadre, "person_page", [people["van"].pk])


def test_a_history_showing_sensitive_changes_is_logged_once_for_the_officer_and_never_for_the_leader(
    as_user, sensitive_changes, personas
):
    _history(as_user("leader"), sensitive_changes)
    assert not SensitiveAccess.objects.exists()
    _history(as_user("officer_a"), sensitive_changes)
    access = SensitiveAccess.objects.get()
    assert (access.user, access.where) == (personas["officer_a"], "person_history")
    assert access.people == [sensitive_changes.pk]
    # The creation entry shows every sensitive field; the update changed health, religion and Party.
    assert access.fields == ["ethnicity", "health_note", "party_joined_on", "party_member", "religion"]


def test_opening_the_edit_form_is_logged_as_a_display_of_sensitive_values(as_user, people, personas):
    html = as_user("officer_a").get(reverse("people:edit", args=[people["van"].pk])).content.decode()
    assert 'name="health_note"' in html
    access = SensitiveAccess.objects.get()
    assert (access.where, access.people, access.user) == ("person_edit", [people["van"].pk], personas["officer_a"])
