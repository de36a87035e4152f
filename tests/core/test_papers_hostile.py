"""Papers, hostile cases: the place of a unit named by a number, and cells that would run as
formulas in Excel."""

import datetime

import pytest

from canbo.core import papers

D = datetime.date


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "kind", "place"), [("Phường 1", "ward", "Phường 1"), ("Quận 3", "district", "Quận 3")]
)
def test_a_locality_named_by_a_number_keeps_its_full_name(tree, name, kind, place):
    """NĐ 30/2020 Phụ lục I: a unit named after a number (or a person, an event) is written in full
    in the place line ("Phường 1, ngày …"), never "1, ngày …"."""
    from canbo.orgs import services as org_services

    unit = org_services.unit_create(
        code="P-NUM", name=name, kind=kind, parent=tree["province"], valid_from=D(2004, 1, 1)
    )
    assert papers.place_of(unit) == place
    assert papers.place_of(tree["a"]) == "Thanh Nưa"


def test_a_party_committee_of_a_numbered_unit_keeps_the_units_kind():
    """BTCTW forms name the committee from the unit: "Quận 3" -> "QUẬN ỦY QUẬN 3", never "QUẬN ỦY 3"
    (a ward's committee already says its kind: "ĐẢNG ỦY PHƯỜNG 1")."""
    from types import SimpleNamespace

    from canbo.reports.form_data import BTCTW_10
    from canbo.reports.statforms import _place

    assert _place(SimpleNamespace(name="Quận 3"), BTCTW_10["committee"]) == ("Quận 3", "QUẬN ỦY QUẬN 3")
    assert _place(SimpleNamespace(name="Phường 1"), BTCTW_10["committee"])[1] == "ĐẢNG ỦY PHƯỜNG 1"
    assert _place(SimpleNamespace(name="Tỉnh Điện Biên"), BTCTW_10["committee"]) == ("Điện Biên", "TỈNH ỦY ĐIỆN BIÊN")
