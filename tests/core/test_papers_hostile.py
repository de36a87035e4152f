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
