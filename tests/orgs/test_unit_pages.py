import datetime

import pytest
from django.urls import reverse

from canbo.orgs.models import Unit

D = datetime.date


def test_the_tree_shows_the_reach_roots(login, tree):
    page = login("officer_a").get(reverse("orgs:tree")).content.decode()
    assert "Xã Thanh Nưa" in page
    assert "Xã Mường Nhé" not in page


def test_the_tree_at_a_past_date_shows_the_old_structure(login, tree):
    client = login("province_admin")
    html = client.get(reverse("orgs:children", args=["P"]), {"day": "2021-01-01"}).content.decode()
    assert "Huyện Điện Biên" in html and "Xã Thanh Nưa" not in html
    html = client.get(reverse("orgs:children", args=["P"]), {"day": "2026-01-01"}).content.decode()
    assert "Huyện Điện Biên" not in html and "Xã Thanh Nưa" in html


def test_search_ignores_diacritics(login, tree):
    client = login("province_admin")
    html = client.get(reverse("orgs:tree"), {"q": "thanh nua"}).content.decode()
    assert "Xã Thanh Nưa" in html
    assert "Xã Mường Nhé" not in html


def test_search_stays_within_reach(login, tree):
    html = login("officer_b").get(reverse("orgs:tree"), {"q": "thanh nua"}).content.decode()
    assert "Không tìm thấy đơn vị nào" in html


def test_htmx_search_returns_only_the_results_fragment(login, tree):
    response = login("province_admin").get(
        reverse("orgs:tree"), {"q": "muong"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="tree-body"
    )
    html = response.content.decode()
    assert "Xã Mường Nhé" in html and "<nav" not in html


def test_the_detail_page_shows_children_and_history(login, tree):
    client = login("province_admin")
    html = client.get(reverse("orgs:detail", args=["P-THANHNUA"])).content.decode()
    assert "Văn phòng HĐND và UBND xã Thanh Nưa" in html
    history = client.get(reverse("orgs:history", args=["P-THANHNUA"]), HTTP_HX_REQUEST="true")
    assert "Tạo mới" in history.content.decode()


def test_a_unit_is_created_edited_and_closed_through_the_pages(login, tree):
    client = login("officer_a")
    response = client.post(
        reverse("orgs:create") + "?parent=P-THANHNUA",
        {
            "code": "p-thanhnua-mc",
            "name": "Bộ phận Một cửa",
            "kind": "public_service_unit",
            "parent": tree["a"].pk,
            "valid_from": "2025-07-01",
        },
    )
    assert response.status_code == 302, response.content.decode()
    unit = Unit.unscoped.get(code="P-THANHNUA-MC")
    response = client.post(
        reverse("orgs:edit", args=[unit.code]),
        {
            "code": unit.code,
            "name": "Bộ phận Tiếp nhận và trả kết quả",
            "kind": unit.kind,
            "parent": tree["a"].pk,
            "valid_from": "2025-07-01",
            "version": unit.version,
        },
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "Bộ phận Tiếp nhận và trả kết quả" and unit.version == 2
    response = client.post(reverse("orgs:close", args=[unit.code]), {"valid_to": "2026-12-31", "version": 2})
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.valid_to == D(2026, 12, 31)


def test_the_edit_form_refuses_a_stale_version_with_the_reason(login, tree):
    client = login("province_admin")
    data = {
        "code": "P-MUONGNHE",
        "name": "Xã Mường Nhé A",
        "kind": "commune",
        "parent": tree["province"].pk,
        "valid_from": "2025-07-01",
        "version": 1,
    }
    assert client.post(reverse("orgs:edit", args=["P-MUONGNHE"]), data).status_code == 302
    data["name"] = "Xã Mường Nhé B"
    response = client.post(reverse("orgs:edit", args=["P-MUONGNHE"]), data)
    assert response.status_code == 200
    assert "đã được sửa sau khi bạn mở biểu mẫu" in response.content.decode()
    assert Unit.unscoped.get(code="P-MUONGNHE").name == "Xã Mường Nhé A"


def test_the_form_shows_errors_beside_the_fields(login, tree):
    response = login("province_admin").post(
        reverse("orgs:create"),
        {
            "code": "bad code!",
            "name": "",
            "kind": "commune",
            "parent": tree["province"].pk,
            "valid_from": "x",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_name_error"' in html and 'aria-invalid="true"' in html
    assert "Mã đơn vị chỉ gồm chữ in hoa" in html or "id_code_error" in html


def test_closing_with_open_children_is_refused_on_the_page(login, tree):
    response = login("province_admin").post(
        reverse("orgs:close", args=["P-THANHNUA"]), {"valid_to": "2026-01-01", "version": 1}
    )
    assert "còn 1 đơn vị trực thuộc chưa đóng" in response.content.decode()


@pytest.mark.parametrize("name", ["leader", "cadre_a"])
def test_read_only_roles_cannot_open_the_edit_form(login, tree, name):
    assert login(name).get(reverse("orgs:edit", args=["P-THANHNUA"])).status_code == 403


def test_a_communes_school_page_shows_its_commune_and_the_school_it_continues(login, tree):
    """The demo gives every commune schools and a health station (orgs.demo_data.SERVICE_UNITS)."""
    from canbo.orgs import services

    old_commune = services.unit_create(
        code="P-HDB-THANHNUA",
        name="Xã Thanh Nưa",
        kind="commune",
        parent=tree["old_district"],
        valid_from=D(2020, 1, 1),
        valid_to=D(2025, 6, 30),
    )
    old_school = services.unit_create(
        code="P-HDB-THANHNUA-TH",
        name="Trường Tiểu học Thanh Nưa",
        kind="public_service_unit",
        parent=old_commune,
        valid_from=D(2020, 1, 1),
        valid_to=D(2025, 6, 30),
    )
    school = services.unit_create(
        code="P-THANHNUA-TH",
        name="Trường Tiểu học Thanh Nưa",
        kind="public_service_unit",
        parent=tree["a"],
        valid_from=D(2025, 7, 1),
    )
    services.succession_record(predecessor=old_school, successor=school, date=D(2025, 7, 1), decision="NQ 1661")
    response = login("officer_a").get(reverse("orgs:detail", args=["P-THANHNUA-TH"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trường Tiểu học Thanh Nưa" in html and "Xã Thanh Nưa" in html and "P-HDB-THANHNUA-TH" in html
    assert "Đơn vị sự nghiệp công lập" in html


LINKS = ("link-people", "link-standards", "link-plan", "link-classes", "link-reports", "link-forms")


@pytest.mark.parametrize(
    "persona,code,shown",
    [
        ("province_admin", "P-THANHNUA", set(LINKS)),
        ("officer_a", "P-THANHNUA-VP", set(LINKS)),
        ("leader", "P", set(LINKS)),
        # A cadre sees the unit, not its staff, plans or reports.
        ("cadre_a", "P-THANHNUA", set()),
    ],
)
def test_a_units_page_links_to_its_work_pages_the_user_may_open(login, tree, persona, code, shown):
    html = login(persona).get(reverse("orgs:detail", args=[code])).content.decode()
    assert {name for name in LINKS if f'data-testid="{name}"' in html} == shown
    if "link-people" in shown:
        assert f'href="/people/?unit={code}"' in html
        assert f'href="/standards/units/{code}/"' in html
        assert f'href="/training/?unit={code}"' in html
        assert f'href="/reports/?unit={code}"' in html


def test_the_plan_link_opens_the_units_plan_of_the_year(login, tree):
    from canbo.core.dates import today
    from canbo.plans import services as plan_services

    client = login("officer_a")
    html = client.get(reverse("orgs:detail", args=["P-THANHNUA"])).content.decode()
    assert 'href="/plans/units/P-THANHNUA/"' in html  # no plan yet: plan against actual
    plan = plan_services.plan_create(unit=tree["a"], year=today().year)
    html = client.get(reverse("orgs:detail", args=["P-THANHNUA"])).content.decode()
    assert f'href="/plans/{plan.pk}/"' in html and f"Kế hoạch năm {today().year}" in html


def test_the_unit_filter_of_the_class_list_keeps_the_units_classes(login, tree, kinds_and_classes):
    html = login("province_admin").get("/training/", {"unit": "P-THANHNUA"}).content.decode()
    assert "Lớp của xã" in html and "Lớp của tỉnh" not in html


@pytest.fixture
def kinds_and_classes(tree, reference):
    from canbo.training import services as training
    from canbo.training.models import ProgrammeKind
    from canbo.training.reference_data import seed_programme_kinds

    seed_programme_kinds()
    programme = training.programme_create(
        code="CNKT", name="Cập nhật kiến thức", kind=ProgrammeKind.objects.get(code="knowledge_update"), periods=8
    )
    for code, name, unit in (("X1", "Lớp của xã", tree["a"]), ("T1", "Lớp của tỉnh", tree["province"])):
        training.class_create(
            code=code,
            name=name,
            programme=programme,
            organiser=unit,
            start_date=D(2025, 9, 8),
            end_date=D(2025, 9, 9),
            status="open",
        )


def test_the_province_has_no_close_button_and_cannot_be_closed(login, tree):
    client = login("province_admin")
    html = client.get(reverse("orgs:detail", args=["P"])).content.decode()
    assert "Sửa" in html and 'data-testid="close-unit"' not in html and "Đóng đơn vị" not in html
    assert 'data-testid="close-unit"' in client.get(reverse("orgs:detail", args=["P-THANHNUA-VP"])).content.decode()
    province = tree["province"]
    response = client.post(reverse("orgs:close", args=["P"]), {"valid_to": "2026-12-31", "version": province.version})
    assert "đơn vị cấp cao nhất" in response.content.decode()
    province.refresh_from_db()
    assert province.valid_to is None


def test_the_unit_count_is_the_same_on_the_home_and_the_units_page(login, tree):
    """Today's units in reach below the unit, every level: the province's 3 (A, its office, B; not the
    closed district), on the home page as on the province's page."""
    client = login("province_admin")
    home = client.get(reverse("site:home")).content.decode()
    assert 'data-testid="kpi-units">3<' in home
    html = client.get(reverse("orgs:detail", args=["P"])).content.decode()
    assert "3 đơn vị đang hoạt động thuộc đơn vị này" in html
    assert 'data-testid="open-direct" title="Đơn vị trực thuộc trực tiếp đang hoạt động hôm nay">2<' in html
    tree_html = client.get(reverse("orgs:tree")).content.decode()
    assert "2 đơn vị trực thuộc" in tree_html


def test_the_unit_history_reads_field_names_and_values(login, tree):
    from canbo.orgs import services

    services.unit_update(unit=tree["b"], name="Xã Mường Nhé mới", valid_to=datetime.date(2030, 12, 31))
    html = login("province_admin").get(reverse("orgs:history", args=["P-MUONGNHE"]), HTTP_HX_REQUEST="true")
    html = html.content.decode()
    renamed = '<span class="diff-before">Xã Mường Nhé</span> → <span class="diff-after">Xã Mường Nhé mới'
    assert f"Tên đơn vị: {renamed}" in html
    assert '<span class="diff-after">31/12/2030</span>' in html
    assert 'Loại đơn vị: <span class="diff-after">Xã' in html  # the creation, by the choice's label
    assert "valid_to" not in html and "parent_id" not in html
