"""Official codes (mã đơn vị hành chính) beside canbo's own: one unit per code at a date, since a new
commune kept one of its old communes' codes; found by the people import, the commands and the API."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from canbo.core.errors import DomainError
from canbo.orgs import selectors, services
from canbo.orgs.models import Unit
from canbo.people.models import Assignment, Person
from tests.exchange.files import write_xlsx

D = datetime.date
BEFORE, AFTER, NEITHER = D(2021, 12, 31), D(2026, 6, 30), D(2019, 6, 1)


@pytest.fixture
def coded(tree):
    """The conftest tree with Điện Biên's real codes: old Thanh Luông held 03328 until 30/6/2025,
    new Thanh Nưa holds it from 1/7/2025; old Thanh Nưa's 03322 was not kept."""
    province = services.unit_update(unit=tree["province"], official_code="11")
    district = services.unit_update(unit=tree["old_district"], official_code="100")
    old = {
        key: services.unit_create(
            code=code,
            official_code=official,
            name=name,
            kind="commune",
            parent=district,
            valid_from=D(2020, 1, 1),
            valid_to=D(2025, 6, 30),
        )
        for key, code, official, name in (
            ("luong", "P-HDB-THANHLUONG", "03328", "Xã Thanh Luông"),
            ("nua", "P-HDB-THANHNUA", "03322", "Xã Thanh Nưa"),
        )
    }
    new = services.unit_update(unit=tree["a"], official_code="03328")
    for predecessor in old.values():
        services.succession_record(predecessor=predecessor, successor=new, date=D(2025, 7, 1))
    return {"province": province, "new": new, **old}


def test_a_shared_code_names_the_unit_holding_it_on_the_date(coded):
    units = Unit.unscoped.all()
    assert selectors.find_unit(units, "03328", day=BEFORE).code == "P-HDB-THANHLUONG"
    assert selectors.find_unit(units, "03328", day=AFTER).code == "P-THANHNUA"
    assert selectors.find_unit(units, "03328").code == "P-THANHNUA"  # today
    assert selectors.find_unit(units, "3328", day=AFTER).code == "P-THANHNUA"  # a spreadsheet's lost zero
    assert selectors.find_unit(units, "03322").code == "P-HDB-THANHNUA"  # its only holder, closed
    assert selectors.find_unit(units, "11").code == "P"
    assert selectors.find_unit(units, "p-thanhnua").code == "P-THANHNUA"  # canbo's own code still works


def test_a_code_held_by_several_units_none_on_the_date_is_refused_naming_them(coded):
    with pytest.raises(DomainError) as err:
        selectors.find_unit(Unit.unscoped.all(), "03328", day=NEITHER)
    assert err.value.code == "ambiguous"
    assert err.value.messages == [
        "Mã đơn vị hành chính “03328” là mã của 2 đơn vị ở các thời kỳ khác nhau, không đơn vị nào có hiệu "
        "lực ngày 01/06/2019: Xã Thanh Luông (P-HDB-THANHLUONG, 01/01/2020 – 30/06/2025); Xã Thanh Nưa "
        "(P-THANHNUA, 01/07/2025 – nay). Hãy dùng mã đơn vị của canbo (ví dụ P-THANHNUA)."
    ]
    with pytest.raises(DomainError) as err:
        selectors.find_unit(Unit.unscoped.all(), "09999")
    assert err.value.code == "unknown"
    assert err.value.messages == ["Không có đơn vị nào có mã đơn vị hành chính “09999”."]


def test_two_units_may_not_hold_one_code_on_the_same_day(coded):
    with pytest.raises(DomainError) as err:
        services.unit_create(
            code="P-MOI",
            official_code="03328",
            name="Xã Mới",
            kind="commune",
            parent=coded["province"],
            valid_from=D(2025, 6, 1),
        )
    assert err.value.message_dict["official_code"] == [
        "Mã đơn vị hành chính 03328 đã là mã của “Xã Thanh Luông” (01/01/2020 – 30/06/2025): một mã chỉ "
        "thuộc một đơn vị tại mỗi thời điểm."
    ]
    assert not Unit.unscoped.filter(code="P-MOI").exists()
    with pytest.raises(DomainError) as err:
        services.unit_update(unit=coded["luong"], official_code="3328")
    assert "official_code" in err.value.message_dict  # four digits are not a stored code


def _units_command(*args):
    out = io.StringIO()
    call_command("units", *args, stdout=out)
    return out.getvalue()


def test_the_units_command_takes_an_official_code_at_its_date(coded):
    rows = json.loads(_units_command("--unit", "03328", "--date", "2021-12-31", "--json"))
    assert [(r["code"], r["official_code"], r["name"]) for r in rows] == [
        ("P-HDB-THANHLUONG", "03328", "Xã Thanh Luông")
    ]
    rows = json.loads(_units_command("--unit", "03328", "--date", "2026-06-30", "--json"))
    assert [r["code"] for r in rows] == ["P-THANHNUA", "P-THANHNUA-VP"]
    assert "  P-HDB-THANHNUA  Xã Thanh Nưa  [03322]\n" in _units_command("--unit", "100", "--date", "2021-12-31")


def test_the_units_command_refuses_an_unknown_or_ambiguous_code_with_exit_2(coded):
    with pytest.raises(CommandError) as err:
        _units_command("--unit", "09999")
    assert err.value.returncode == 2
    assert str(err.value) == "Không có đơn vị nào có mã đơn vị hành chính “09999”."
    with pytest.raises(CommandError) as err:
        _units_command("--unit", "03328", "--date", "2019-06-01")
    assert err.value.returncode == 2
    assert "là mã của 2 đơn vị ở các thời kỳ khác nhau" in str(err.value)


def test_the_api_finds_a_unit_by_official_code_at_a_date(login, coded):
    client = login("province_admin")
    body = client.get("/api/v1/units/03328").json()
    assert (body["code"], body["official_code"], body["name"]) == ("P-THANHNUA", "03328", "Xã Thanh Nưa")
    body = client.get("/api/v1/units/03328", {"day": "2021-12-31"}).json()
    assert (body["code"], body["parent"]) == ("P-HDB-THANHLUONG", "P-HDB")
    assert [u["code"] for u in client.get("/api/v1/units", {"q": "03322", "all": "true"}).json()] == ["P-HDB-THANHNUA"]
    response = client.get("/api/v1/units/09999")
    assert response.status_code == 404
    response = client.get("/api/v1/units/03328", {"day": "2019-06-01"})
    assert response.status_code == 400
    assert response.json()["error"].startswith("Mã đơn vị hành chính “03328” là mã của 2 đơn vị")


def test_the_api_hides_a_unit_out_of_reach_by_official_code_too(login, coded):
    assert login("officer_b").get("/api/v1/units/03328").status_code == 404


HEADER = ["Họ và tên", "Năm sinh", "Số CCCD", "Chức vụ", "Đơn vị"]


def _import(path, unit="P"):
    out = io.StringIO()
    try:
        call_command("import", "people", str(path), unit=unit, as_user="province", json=True, stdout=out)
        code = 0
    except CommandError as error:
        code = error.returncode
    return code, json.loads(out.getvalue())


def test_the_people_import_places_people_by_official_code(coded, personas, reference, tmp_path):
    path = write_xlsx(
        tmp_path / "codes.xlsx",
        [HEADER, ["Lò Văn Hùng", 1988, "", "Văn thư", "03328"], ["Quàng Thị Sinh", 1990, "", "Kế toán", 3328]],
    )
    code, report = _import(path, unit="11")  # the import's own unit by official code, too
    assert code == 0, report
    assert report["created"] == 2
    for name in ("Lò Văn Hùng", "Quàng Thị Sinh"):
        person = Person.unscoped.get(full_name=name)
        assert person.unit.code == "P-THANHNUA"
        assert Assignment.unscoped.get(person=person).unit.code == "P-THANHNUA"


def test_the_people_import_refuses_an_old_or_unknown_official_code(coded, personas, reference, tmp_path):
    path = write_xlsx(
        tmp_path / "old.xlsx",
        [HEADER, ["Lò Văn Hùng", 1988, "", "Văn thư", "03322"], ["Quàng Thị Sinh", 1990, "", "Kế toán", "09999"]],
    )
    code, report = _import(path)
    assert code == 1
    assert [e["message"] for e in report["errors"]] == [
        "Mã đơn vị hành chính “03322” là của “Xã Thanh Nưa”, đơn vị chỉ có hiệu lực đến ngày 30/06/2025 "
        "(nay thuộc “Xã Thanh Nưa”); hãy ghi đơn vị hiện nay.",
        "Không có đơn vị nào có mã đơn vị hành chính “09999” trong Tỉnh Điện Biên.",
    ]
    assert not Person.unscoped.filter(full_name__in=["Lò Văn Hùng", "Quàng Thị Sinh"]).exists()


def test_a_code_held_out_of_reach_on_the_date_is_not_answered_with_another_holder(login, coded):
    """Officer A reaches new Thanh Nưa (03328 from 1/7/2025), not old Thanh Luông (03328 until
    30/6/2025): asked for 03328 on a date of the old commune, the answer is "not found", never the
    new commune that did not exist then; the same for a date no unit held it (refused for the system)."""
    client = login("officer_a")
    assert client.get("/api/v1/units/03328").json()["code"] == "P-THANHNUA"
    assert client.get("/api/v1/units/03328", {"day": "2021-12-31"}).status_code == 404
    assert client.get("/api/v1/units/03328", {"day": "2019-06-01"}).status_code == 404


def test_a_unit_page_asked_by_an_ambiguous_official_code_is_not_a_server_error(login, coded):
    """Two closed units held 03322 at different times, none today: the unit page by that code is a
    "not found" page (canbo's code still opens each), not a 500."""
    services.unit_create(
        code="P-CU",
        official_code="03322",
        name="Xã Cũ",
        kind="commune",
        parent=coded["province"],
        valid_from=D(2005, 1, 1),
        valid_to=D(2019, 12, 31),
    )
    client = login("province_admin")
    assert client.get("/units/03322/").status_code == 404
    assert client.get("/units/P-CU/").status_code == 200


def test_only_the_province_sets_an_official_code(coded, personas):
    """A commune officer manages the commune's inner units, but may not give one the State's code of
    another commune (03329, not yet stored): imports and commands naming 03329 would land there."""
    from canbo.core.context import acting_as

    with acting_as(personas["officer_a"], origin="test", label="pytest"):
        with pytest.raises(DomainError) as err:
            services.unit_create(
                code="P-THANHNUA-TRAM",
                official_code="03329",
                name="Trạm y tế xã Thanh Nưa",
                kind="public_service_unit",
                parent=coded["new"],
                valid_from=D(2025, 7, 1),
            )
        assert err.value.message_dict["official_code"] == [
            "Chỉ quản trị cấp tỉnh mới ghi hoặc sửa mã đơn vị hành chính."
        ]
        office = Unit.unscoped.get(code="P-THANHNUA-VP")
        with pytest.raises(DomainError):
            services.unit_update(unit=office, official_code="03329")
        renamed = services.unit_update(unit=office, name="Văn phòng Đảng ủy - HĐND - UBND xã Thanh Nưa")
        assert renamed.official_code == ""
    assert not Unit.unscoped.filter(official_code="03329").exists()
    with acting_as(personas["province_admin"], origin="test", label="pytest"):
        assert services.unit_update(unit=office, official_code="03329").official_code == "03329"


def test_a_canbo_code_may_not_look_like_an_official_code(coded, personas):
    """canbo's code is looked up first everywhere a unit is named, so an inner unit coded "03329" or
    "3328" would catch every import row, command and API call naming that commune's State code."""
    from canbo.core.context import acting_as

    with acting_as(personas["officer_a"], origin="test", label="pytest"):
        for code in ("03329", "3328"):
            with pytest.raises(DomainError) as err:
                services.unit_create(
                    code=code,
                    name="Tổ công tác",
                    kind="public_service_unit",
                    parent=coded["new"],
                    valid_from=D(2025, 7, 1),
                )
            assert err.value.message_dict["code"] == [
                f"Mã đơn vị “{code}” chỉ gồm chữ số, dễ nhầm với mã đơn vị hành chính; hãy dùng mã có chữ "
                "(ví dụ DB-MUONGNHE), mã đơn vị hành chính ghi ở ô riêng."
            ]
        office = Unit.unscoped.get(code="P-THANHNUA-VP")
        with pytest.raises(DomainError):
            services.unit_update(unit=office, code="03328")
    assert selectors.find_unit(Unit.unscoped.all(), "03328").code == "P-THANHNUA"


def test_moving_a_validity_date_into_another_holders_period_is_refused(coded):
    """The same check on a changed date: reopening old Thanh Luông, or starting new Thanh Nưa early,
    would give 03328 two units on the same days."""
    with pytest.raises(DomainError) as err:
        services.unit_update(unit=coded["luong"], valid_to=None)
    assert "official_code" in err.value.message_dict
    with pytest.raises(DomainError) as err:
        services.unit_update(unit=coded["new"], valid_from=D(2025, 1, 1))
    assert "official_code" in err.value.message_dict
    assert Unit.unscoped.get(pk=coded["luong"].pk).valid_to == D(2025, 6, 30)
    assert Unit.unscoped.get(pk=coded["new"].pk).valid_from == D(2025, 7, 1)


def test_the_unit_form_shows_a_commune_officer_the_code_without_offering_to_change_it(login, coded):
    """The form no longer offers what the service refuses: the officer sees the office's code as
    read-only, and a posted change is ignored while the rest of the edit is saved."""
    from django.urls import reverse

    office = services.unit_update(unit=Unit.unscoped.get(code="P-THANHNUA-VP"), official_code="03330")
    url = reverse("orgs:edit", args=[office.code])
    officer = login("officer_a")
    page = officer.get(url).content.decode()
    assert 'name="official_code"' in page and "Do quản trị cấp tỉnh ghi." in page
    field = page[page.index('name="official_code"') - 200 : page.index('name="official_code"') + 200]
    assert "disabled" in field
    data = {
        "code": office.code,
        "official_code": "03329",
        "name": "Văn phòng HĐND và UBND xã Thanh Nưa (mới)",
        "kind": office.kind,
        "parent": office.parent_id,
        "valid_from": office.valid_from.isoformat(),
        "version": office.version,
    }
    assert officer.post(url, data).status_code == 302
    office.refresh_from_db()
    assert (office.official_code, office.name) == ("03330", "Văn phòng HĐND và UBND xã Thanh Nưa (mới)")
    admin_page = login("province_admin").get(url).content.decode()
    admin_field = admin_page[
        admin_page.index('name="official_code"') - 200 : admin_page.index('name="official_code"') + 200
    ]
    assert "disabled" not in admin_field
