"""core.history reads stored values as the pages show them (issue 15 item 10)."""

from canbo.core.history import EMPTY, value_text
from canbo.people.models import Assignment, Person


def test_values_read_as_the_pages_show_them(people, tree):
    f = {name: Assignment._meta.get_field(name) for name in ("category", "is_main", "start_date", "unit")}
    assert value_text(f["category"], "vien_chuc") == "Viên chức"
    assert value_text(f["is_main"], True) == "Có" and value_text(f["is_main"], False) == "Không"
    assert value_text(f["start_date"], "2025-07-01") == "01/07/2025"
    assert value_text(f["unit"], tree["a"].pk) == "Xã Thanh Nưa"
    assert value_text(f["unit"], "P-THANHNUA") == "P-THANHNUA"  # an import noted a code: shown as is
    assert value_text(f["category"], "") == EMPTY and value_text(f["start_date"], None) == EMPTY
    assert value_text(Person._meta.get_field("party_member"), False) == "Không"
