"""The demo's tree as it stood: loaded with the demo command's unit part only (units and successions
through the services, about two hundred units; the people and classes of the full demo are not loaded)."""

import datetime
import io

import pytest

from canbo.core.scope import Scope
from canbo.orgs import selectors
from canbo.orgs.models import Unit, UnitSuccession
from canbo.site.management.commands.demo import Command

D = datetime.date
Y2021, Y2026 = D(2021, 12, 31), D(2026, 6, 30)
DEPARTMENTS_2021 = {
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Tài nguyên và Môi trường",
    "Sở Kế hoạch và Đầu tư",
    "Ban Dân tộc",
    "Sở Giao thông vận tải",
    "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội",
}
MERGED = {"Sở Nông nghiệp và Môi trường", "Sở Dân tộc và Tôn giáo"}
CONTINUING = {"Sở Nội vụ", "Sở Tài chính", "Sở Xây dựng", "Sở Khoa học và Công nghệ"}


@pytest.fixture
def demo_tree(db):
    command = Command(stdout=io.StringIO())
    command._units()
    command._successions()
    return Unit.unscoped.get(code="DB")


def _departments(province, day):
    units = selectors.units_under(unit=province, day=day, scope=Scope.everything())
    return set(units.filter(kind="department").values_list("name", flat=True))


def test_a_2021_tree_names_the_2021_departments_and_a_2026_tree_the_merged_ones(demo_tree):
    in_2021, in_2026 = _departments(demo_tree, Y2021), _departments(demo_tree, Y2026)
    assert in_2021 >= DEPARTMENTS_2021 | CONTINUING and not MERGED & in_2021
    assert in_2026 >= MERGED | CONTINUING and not DEPARTMENTS_2021 & in_2026
    assert _departments(demo_tree, D(2025, 2, 28)) - in_2021 == set()
    assert _departments(demo_tree, D(2025, 3, 1)) == in_2026


def test_successions_link_the_2021_departments_to_todays(demo_tree):
    def predecessors(code):
        links = UnitSuccession.unscoped.filter(successor__code=code)
        assert {link.date for link in links} == {D(2025, 3, 1)}
        assert all(link.decision.startswith("NĐ 45/2025/NĐ-CP") for link in links)
        return set(links.values_list("predecessor__name", flat=True))

    assert predecessors("DB-SNNMT") == {"Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường"}
    assert predecessors("DB-STC") == {"Sở Kế hoạch và Đầu tư"}
    assert predecessors("DB-SXD") == {"Sở Giao thông vận tải"}
    assert predecessors("DB-SKHCN") == {"Sở Thông tin và Truyền thông"}
    assert predecessors("DB-SNV") == {"Sở Lao động - Thương binh và Xã hội"}
    assert predecessors("DB-SDTTG") == {"Ban Dân tộc", "Sở Nội vụ"}


def test_the_demo_units_are_found_by_official_code_at_two_dates(demo_tree):
    units = Unit.unscoped.all()
    assert selectors.find_unit(units, "03328", day=Y2021).name == "Xã Thanh Luông"
    assert selectors.find_unit(units, "03328", day=Y2026).code == "DB-THANHNUA"
    assert selectors.find_unit(units, "03127", day=Y2021).name == "Phường Him Lam"
    assert selectors.find_unit(units, "03127", day=Y2026).name == "Phường Điện Biên Phủ"
    assert selectors.find_unit(units, "100", day=Y2021).name == "Huyện Điện Biên"


def test_a_second_unit_load_changes_nothing(demo_tree):
    command = Command(stdout=io.StringIO())
    assert command._units() == (0, 0)
    assert command._successions() == 0


def test_the_units_a_yearly_report_lists_are_those_of_its_year(demo_tree):
    """Reports list a unit's children as they stood in the report's year (plans.selectors.children_in_year,
    used by the statistical forms and plan-versus-actual)."""
    from canbo.plans.selectors import children_in_year

    def departments(year):
        return {u.name for u in children_in_year(demo_tree, year) if u.kind == "department"}

    assert departments(2021) >= DEPARTMENTS_2021 | CONTINUING and not departments(2021) & MERGED
    assert departments(2026) >= MERGED | CONTINUING and not departments(2026) & DEPARTMENTS_2021
    districts_2021 = {u.code for u in children_in_year(demo_tree, 2021) if u.kind == "district"}
    assert len(districts_2021) == 10
    assert not [u for u in children_in_year(demo_tree, 2026) if u.kind == "district"]


def test_a_load_over_an_older_demo_brings_its_units_to_todays_data(demo_tree):
    """A database loaded before this change: Sở NN&MT valid since 2004, no official codes."""
    from canbo.orgs import services

    services.unit_update(unit=Unit.unscoped.get(code="DB-SNNMT"), valid_from=D(2004, 1, 1))
    services.unit_update(unit=Unit.unscoped.get(code="DB-THANHNUA"), official_code="")
    assert Command(stdout=io.StringIO())._units() == (0, 2)
    assert Unit.unscoped.get(code="DB-SNNMT").valid_from == D(2025, 3, 1)
    assert Unit.unscoped.get(code="DB-THANHNUA").official_code == "03328"
