"""Hostile review of the needs list (issue 15 item 3): its people are read within the reader's
reach as they are now, not as the stored gap rows last saw them."""

import io

import openpyxl
from django.urls import reverse

from canbo.core.dates import today
from canbo.people.models import Person
from canbo.standards import engine
from canbo.standards.models import Gap
from canbo.standards.selectors import need_people


def test_a_person_moved_away_before_the_recheck_is_not_listed(make_person, tree, personas, login):
    """Defect: a big move (an import, a reorganisation) leaves the gap re-check to the worker; until
    it ran, the stored rows still placed the person in commune A and A's list (and its Excel) gave
    A's officer the name, birth date and ID number of a person now of commune B."""
    moved = make_person("Chủ tịch Ủy ban nhân dân", unit="a", name="Quàng Văn Đi")
    make_person("Chủ tịch Ủy ban nhân dân", unit="a", name="Lò Văn Ở")
    assert engine.uses_stored(today())
    assert Gap.objects.filter(person=moved, unit_path=tree["a"].path).exists()
    # The move as the bulk writer leaves it until the worker re-checks: the person in B, the gap rows not yet.
    Person.unscoped.filter(pk=moved.pk).update(unit=tree["b"], unit_path=tree["b"].path, id_number="011190007777")
    lines = need_people(user=personas["officer_a"], unit=tree["a"], day=today(), kind_code="politics")
    assert [line.person.full_name for line in lines] == ["Lò Văn Ở"]
    client = login("officer_a")
    page = client.get(reverse("standards:needs", args=["P-THANHNUA"]), {"kind": "politics"}).content.decode()
    assert "Lò Văn Ở" in page and "Quàng Văn Đi" not in page
    book = client.get(reverse("standards:needs_xlsx", args=["P-THANHNUA"]), {"kind": "politics"}).content
    cells = [c for row in openpyxl.load_workbook(io.BytesIO(book)).active.iter_rows(values_only=True) for c in row]
    assert "Lò Văn Ở" in cells and "Quàng Văn Đi" not in cells and "011190007777" not in cells


def test_the_rate_tables_people_are_read_as_they_are_now(make_person, tree, personas):
    """Defect (the same, on the older drill-down of the rate table): a person moved away before
    the re-check was listed to the unit they left."""
    from canbo.standards.selectors import drilldown, need_rule_ids

    moved = make_person("Chủ tịch Ủy ban nhân dân", unit="a", name="Quàng Văn Đi")
    make_person("Chủ tịch Ủy ban nhân dân", unit="a", name="Lò Văn Ở")
    Person.unscoped.filter(pk=moved.pk).update(unit=tree["b"], unit_path=tree["b"].path)
    lines, _next = drilldown(
        user=personas["officer_a"], unit=tree["a"], day=today(), rule_ids=need_rule_ids("politics")
    )
    assert [line.person.full_name for line in lines] == ["Lò Văn Ở"]
