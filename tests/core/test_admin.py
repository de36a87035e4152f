"""The Django admin is not a back door: only system administrators reach it, every change it makes is
in the change log with the administrator as the actor, workflow data is read-only there, roles are
chosen from the list, and a level's rank cannot be changed once something refers to the level."""

import json

import pytest
from django.urls import reverse

from canbo.accounts.models import User
from canbo.core.models import ChangeLogEntry
from canbo.orgs.models import Unit, UnitSuccession
from canbo.people.models import Ethnicity, Ladder, Level, Religion
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def real_system_admin(personas):
    """As accounts.services makes them: a system admin is also staff and superuser in Django's terms
    (so these tests show what the admin itself refuses, not a missing flag)."""
    admin = personas["system_admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()


def _log(model_label: str, object_id) -> ChangeLogEntry:
    app, model = model_label.split(".")
    return ChangeLogEntry.unscoped.filter(
        content_type__app_label=app, content_type__model=model, object_id=str(object_id)
    ).latest("id")


def _ladder_post(ladder: Ladder, **rank_of) -> dict:
    """The ladder's change form as the admin page posts it, with some levels' ranks replaced."""
    levels = list(Level.objects.filter(ladder=ladder).order_by("order", "pk"))
    data = {
        "name": ladder.name,
        "short_name": ladder.short_name,
        "code": ladder.code,
        "field_label": ladder.field_label,
        "source": ladder.source,
        "order": ladder.order,
        "levels-TOTAL_FORMS": len(levels),
        "levels-INITIAL_FORMS": len(levels),
        "levels-MIN_NUM_FORMS": 0,
        "levels-MAX_NUM_FORMS": 1000,
    }
    if ladder.has_field:
        data["has_field"] = "on"
    for i, lv in enumerate(levels):
        data.update(
            {
                f"levels-{i}-id": lv.pk,
                f"levels-{i}-ladder": ladder.pk,
                f"levels-{i}-code": lv.code,
                f"levels-{i}-label": lv.label,
                f"levels-{i}-rank": rank_of.get(lv.code, lv.rank),
                f"levels-{i}-synonyms": json.dumps(lv.synonyms, ensure_ascii=False),
                f"levels-{i}-order": lv.order,
            }
        )
    return data


def test_only_system_admins_reach_the_admin(client, login, personas, tree):
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/", follow=True).request["PATH_INFO"] == "/accounts/login/"
    # A province officer given is_staff and is_superuser (by hand or by an old script) still has
    # no way in: the role decides, and the answer is the same 404 as anything outside reach.
    province = personas["province_admin"]
    province.is_staff = province.is_superuser = True
    province.save()
    admin = login("province_admin")
    assert admin.get("/admin/", follow=True).status_code == 404
    assert admin.get("/admin/orgs/unitsuccession/add/", follow=True).status_code == 404
    response = admin.post(
        "/admin/orgs/unitsuccession/add/",
        {"predecessor": tree["old_district"].pk, "successor": tree["a"].pk, "date": "2025-07-01"},
    )
    assert response.status_code == 302 and not UnitSuccession.unscoped.exists()
    assert login("system_admin").get("/admin/").status_code == 200


def test_an_admin_edit_is_logged_with_the_admin_as_the_actor(login, personas, reference):
    thai = Ethnicity.objects.get(code="03")
    response = login("system_admin").post(
        f"/admin/people/ethnicity/{thai.pk}/change/",
        {"code": "03", "name": "Thái (Tày Thanh)", "synonyms": json.dumps(thai.synonyms, ensure_ascii=False)},
    )
    assert response.status_code == 302
    entry = _log("people.ethnicity", thai.pk)
    assert entry.user == personas["system_admin"] and entry.origin == "web" and entry.label == "Django admin"
    assert entry.before["name"] == "Thái" and entry.after["name"] == "Thái (Tày Thanh)"
    assert entry.request_id == response["X-Request-ID"]


def test_an_admin_bulk_delete_is_logged_row_by_row(login, personas, reference):
    client = login("system_admin")
    client.post("/admin/people/religion/add/", {"code": "X1", "name": "Thử 1", "synonyms": "[]", "order": 90})
    client.post("/admin/people/religion/add/", {"code": "X2", "name": "Thử 2", "synonyms": "[]", "order": 91})
    made = list(Religion.objects.filter(code__in=["X1", "X2"]).values_list("pk", flat=True))
    assert len(made) == 2 and _log("people.religion", made[0]).action == "create"
    response = client.post(
        "/admin/people/religion/",
        {"action": "delete_selected", "_selected_action": made, "post": "yes"},
    )
    assert response.status_code == 302 and not Religion.objects.filter(pk__in=made).exists()
    for pk in made:
        entry = _log("people.religion", pk)
        assert (
            entry.action == "delete" and entry.user == personas["system_admin"] and entry.before["code"] in {"X1", "X2"}
        )


def test_workflow_data_is_read_only_in_the_admin(login, tree, people):
    client = login("system_admin")
    unit = tree["b"]
    assert client.get(f"/admin/orgs/unit/{unit.pk}/change/").status_code == 200  # can look
    refused = client.post(
        f"/admin/orgs/unit/{unit.pk}/change/", {"code": unit.code, "name": "Đổi tên", "kind": "commune"}
    )
    assert refused.status_code == 403 and Unit.unscoped.get(pk=unit.pk).name == "Xã Mường Nhé"
    assert client.get("/admin/orgs/unit/add/").status_code == 403
    assert client.post(f"/admin/orgs/unit/{unit.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/accounts/sensitiveaccess/add/").status_code == 403
    # The change log, people and groups (roles replace them) are not in the admin at all.
    for path in ("/admin/core/changelogentry/", "/admin/people/person/", "/admin/auth/group/"):
        assert client.get(path).status_code == 404, path


def _user_post(**fields) -> dict:
    return {
        "username": "hr_new",
        "usable_password": "true",
        "password1": "a-long-enough-passphrase-2026",
        "password2": "a-long-enough-passphrase-2026",
        **fields,
    }


def test_roles_are_chosen_from_the_role_list_and_checked(login, personas, tree):
    client = login("system_admin")
    bogus = client.post("/admin/accounts/user/add/", _user_post(unit=tree["a"].pk, roles=["superuser"]))
    assert bogus.status_code == 200 and "superuser" in bogus.content.decode()
    assert not User.objects.filter(username="hr_new").exists()
    no_unit = client.post("/admin/accounts/user/add/", _user_post(roles=["unit_hr_officer"]))
    assert "cần một đơn vị" in no_unit.content.decode()
    assert not User.objects.filter(username="hr_new").exists()

    made = client.post("/admin/accounts/user/add/", _user_post(unit=tree["a"].pk, roles=["unit_hr_officer"]))
    assert made.status_code == 302
    user = User.objects.get(username="hr_new")
    assert user.roles == ["unit_hr_officer"] and not user.is_staff and not user.is_superuser
    created = _log("accounts.user", user.pk)
    assert created.action == "create" and created.user == personas["system_admin"]
    assert "password" not in created.after

    changed = client.post(
        f"/admin/accounts/user/{user.pk}/change/",
        {
            "username": "hr_new",
            "first_name": "Lò",
            "last_name": "Văn Thắng",
            "email": "",
            "is_active": "on",
            "unit": tree["a"].pk,
            "roles": ["unit_hr_officer", "system_admin"],
        },
    )
    assert changed.status_code == 302
    user.refresh_from_db()
    assert user.roles == ["unit_hr_officer", "system_admin"] and user.is_staff and user.is_superuser
    entry = _log("accounts.user", user.pk)
    assert entry.action == "update" and entry.after["roles"] == ["unit_hr_officer", "system_admin"]
    assert entry.before["roles"] == ["unit_hr_officer"] and entry.after["version"] == entry.before["version"] + 1


def test_a_password_set_in_the_admin_is_logged_without_the_hash(login, personas):
    officer = personas["officer_a"]
    response = login("system_admin").post(
        f"/admin/accounts/user/{officer.pk}/password/",
        {
            "password1": "another-long-passphrase-2026",
            "password2": "another-long-passphrase-2026",
            "set_usable_password": "true",
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("another-long-passphrase-2026")
    entry = _log("accounts.user", officer.pk)
    assert entry.user == personas["system_admin"] and entry.label == "Django admin"
    # One entry for both halves of the change: the new password (never its hash) and the holder's
    # duty to replace it (an administrator knows it; tests/accounts/test_passwords.py).
    assert sorted(entry.changed_fields) == ["must_change_password", "password"]
    assert officer.must_change_password and entry.after["must_change_password"] is True
    assert officer.password not in json.dumps([entry.before, entry.after])


def test_the_admin_log_in_form_is_not_a_second_way_in(client, personas):
    """Log-in happens on canbo's page only (one place for throttling and two-factor checks)."""
    response = client.post("/admin/login/", {"username": "sysadmin", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_the_admins_own_password_change_is_canbos_page(login, personas):
    """Django's admin form would skip the must-change flag, the change log and the session end."""
    admin = login("system_admin")
    response = admin.get("/admin/password_change/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:password_change')}?next=%2Fadmin%2F"
    new = "mot-mat-khau-quan-tri-moi"
    data = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    assert admin.post("/admin/password_change/", data).status_code == 302
    personas["system_admin"].refresh_from_db()
    assert personas["system_admin"].check_password(PASSWORD)  # Django's form did not take it
    assert admin.get("/admin/password_change/done/")["Location"] == "/admin/"
    # On canbo's page the change is made, logged, and the admin is sent back to the admin.
    response = admin.post(f"{reverse('accounts:password_change')}?next=/admin/", data)
    assert response["Location"] == "/admin/"
    personas["system_admin"].refresh_from_db()
    assert personas["system_admin"].check_password(new)
    entry = _log("accounts.user", personas["system_admin"].pk)
    assert entry.user == personas["system_admin"] and "password_changed_at" in entry.changed_fields


def test_a_used_levels_rank_cannot_be_changed_in_the_admin(login, people):
    professional = Ladder.objects.get(code="professional")
    university = Level.objects.get(ladder=professional, code="dai_hoc")  # Lò Thị Vân holds it
    client = login("system_admin")
    response = client.post(
        f"/admin/people/ladder/{professional.pk}/change/",
        _ladder_post(professional, dai_hoc=university.rank + 5),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Không sửa được thứ bậc của bậc" in text and "Đại học" in text and "trình độ" in text
    assert Level.objects.get(pk=university.pk).rank == university.rank


def test_an_unused_levels_rank_may_be_changed_and_is_logged(login, personas, people):
    politics = Ladder.objects.get(code="politics")
    used = set(Level.objects.filter(ladder=politics, qualification__isnull=False).values_list("code", flat=True))
    unused = Level.objects.filter(ladder=politics).exclude(code__in=used).first()
    from canbo.people.admin import level_uses

    assert unused is not None and level_uses(unused) == []
    response = login("system_admin").post(
        f"/admin/people/ladder/{politics.pk}/change/", _ladder_post(politics, **{unused.code: unused.rank + 1})
    )
    assert response.status_code == 302
    assert Level.objects.get(pk=unused.pk).rank == unused.rank + 1
    entry = _log("people.level", unused.pk)
    assert entry.user == personas["system_admin"] and entry.after["rank"] == unused.rank + 1


def test_a_succession_added_in_the_admin_goes_through_the_service(login, personas, tree):
    response = login("system_admin").post(
        "/admin/orgs/unitsuccession/add/",
        {"predecessor": tree["old_district"].pk, "successor": tree["a"].pk, "date": "2025-07-01", "decision": "NQ 1"},
    )
    assert response.status_code == 302
    item = UnitSuccession.unscoped.get(predecessor=tree["old_district"], successor=tree["a"])
    entry = _log("orgs.unitsuccession", item.pk)
    assert entry.action == "create" and entry.user == personas["system_admin"] and entry.label == "Django admin"


@pytest.mark.parametrize("path", ["/admin/people/ladder/", "/admin/accounts/user/", "/admin/orgs/unit/"])
def test_the_admin_lists_open_for_a_system_admin(login, reference, path):
    assert login("system_admin").get(path).status_code == 200
