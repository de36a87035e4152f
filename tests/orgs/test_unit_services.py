import datetime

import pytest

from canbo.core.context import acting_as
from canbo.core.errors import DomainError, StaleEdit
from canbo.core.models import ChangeLogEntry
from canbo.orgs import selectors, services
from canbo.orgs.models import Unit

D = datetime.date


def test_it_stores_the_tree_path_and_depth(tree):
    office = tree["a_office"]
    assert office.path == f"/{tree['province'].pk}/{tree['a'].pk}/{office.pk}/"
    assert office.depth == 2
    assert office.name_key == "van phong hdnd va ubnd xa thanh nua"


def test_it_refuses_a_parent_that_would_make_a_cycle(tree):
    with pytest.raises(DomainError) as err:
        services.unit_update(unit=tree["a"], parent=tree["a_office"])
    message = " ".join(err.value.message_dict["parent"])
    assert "vòng lặp" in message and "Văn phòng HĐND và UBND xã Thanh Nưa" in message
    with pytest.raises(DomainError):
        services.unit_update(unit=tree["a"], parent=tree["a"])


def test_it_refuses_a_child_valid_before_its_parent(tree):
    with pytest.raises(DomainError) as err:
        services.unit_create(
            code="P-THANHNUA-X",
            name="Tổ công tác",
            kind="public_service_unit",
            parent=tree["a"],
            valid_from=D(2024, 1, 1),
        )
    assert "01/07/2025" in " ".join(err.value.message_dict["valid_from"])
    assert not Unit.unscoped.filter(code="P-THANHNUA-X").exists()


def test_it_refuses_a_child_outliving_a_closed_parent(tree):
    with pytest.raises(DomainError) as err:
        services.unit_create(
            code="P-HDB-THANHNUA",
            name="Xã Thanh Nưa",
            kind="commune",
            parent=tree["old_district"],
            valid_from=D(2020, 1, 1),
        )
    assert "Huyện Điện Biên" in " ".join(err.value.message_dict["valid_to"])


def test_it_refuses_to_close_a_unit_with_open_children_and_names_them(tree):
    with pytest.raises(DomainError) as err:
        services.unit_close(unit=tree["a"], valid_to=D(2026, 12, 31))
    message = " ".join(err.value.message_dict["valid_to"])
    assert "Văn phòng HĐND và UBND xã Thanh Nưa" in message
    assert "còn 1 đơn vị trực thuộc chưa đóng" in message
    assert Unit.unscoped.get(pk=tree["a"].pk).valid_to is None


def test_it_closes_a_unit_once_its_children_are_closed(tree):
    services.unit_close(unit=tree["a_office"], valid_to=D(2026, 12, 31))
    closed = services.unit_close(unit=tree["a"], valid_to=D(2026, 12, 31))
    assert closed.valid_to == D(2026, 12, 31)
    assert not closed.is_valid_on(D(2027, 1, 1))


def test_moving_a_unit_moves_its_subtree(tree):
    services.unit_update(unit=tree["a"], parent=tree["b"])
    office = Unit.unscoped.get(pk=tree["a_office"].pk)
    assert office.path.startswith(Unit.unscoped.get(pk=tree["b"].pk).path)
    assert office.depth == 3


def test_all_units_under_a_unit_at_a_date_is_one_query(tree, django_assert_num_queries):
    from canbo.core.scope import Scope

    with django_assert_num_queries(1):
        now = {
            u.code for u in selectors.units_under(unit=tree["province"], day=D(2026, 1, 1), scope=Scope.everything())
        }
    assert now == {"P", "P-THANHNUA", "P-THANHNUA-VP", "P-MUONGNHE"}
    before = {u.code for u in selectors.units_under(unit=tree["province"], day=D(2021, 1, 1), scope=Scope.everything())}
    assert before == {"P", "P-HDB"}


def test_a_stale_edit_is_refused_saying_who_changed_what(personas, tree):
    opened_version = tree["a"].version
    with acting_as(personas["province_admin"], origin="test"):
        services.unit_update(unit=tree["a"], expected_version=opened_version, name="Xã Thanh Nưa (mới)")
    with acting_as(personas["system_admin"], origin="test"), pytest.raises(StaleEdit) as err:
        services.unit_update(unit=tree["a"], expected_version=opened_version, note="ghi chú")
    message = str(err.value.messages[0])
    assert "Nguyễn Thị Hoa" in message and "tên đơn vị" in message
    assert Unit.unscoped.get(pk=tree["a"].pk).note == ""


def test_an_officer_cannot_create_outside_their_reach(personas, tree):
    with acting_as(personas["officer_a"], origin="test"), pytest.raises(DomainError):
        services.unit_create(
            code="P-MUONGNHE-VP",
            name="Văn phòng",
            kind="public_service_unit",
            parent=tree["b"],
            valid_from=D(2025, 7, 1),
        )


def test_an_officer_cannot_edit_their_own_commune_but_can_its_offices(personas, tree):
    with acting_as(personas["officer_a"], origin="test"):
        with pytest.raises(DomainError):
            services.unit_update(unit=tree["a"], name="Xã khác")
        services.unit_update(unit=tree["a_office"], note="Bộ phận một cửa")
    assert Unit.unscoped.get(pk=tree["a_office"].pk).note == "Bộ phận một cửa"


def test_every_service_write_is_logged_with_before_and_after(personas, tree):
    with acting_as(personas["province_admin"], origin="web", request_id="req-123"):
        services.unit_update(unit=tree["b"], name="Xã Mường Nhé mới")
    entry = ChangeLogEntry.unscoped.filter(action="update").latest("id")
    assert entry.user == personas["province_admin"]
    assert entry.user_name == "Nguyễn Thị Hoa"
    assert entry.request_id == "req-123"
    assert entry.origin == "web"
    assert entry.before["name"] == "Xã Mường Nhé"
    assert entry.after["name"] == "Xã Mường Nhé mới"
    assert entry.unit_path == tree["b"].path
    creates = ChangeLogEntry.unscoped.filter(action="create", origin="test")
    assert creates.count() == len(tree)


def test_a_write_without_an_actor_context_is_refused(tree):
    from canbo.core.context import reset, set_for_request
    from canbo.core.errors import ContextMissing

    token = set_for_request(None)
    try:
        with pytest.raises(ContextMissing):
            services.unit_update(unit=tree["b"], note="x")
    finally:
        reset(token)
