"""The staff-quality summaries follow every change to people and always equal a direct count of the
people (the same figures `unit_profile` reads from assignments and qualifications today)."""

import datetime
import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from canbo.core.dates import today
from canbo.core.scope import Scope
from canbo.people import services
from canbo.people.models import Ethnicity, Person
from canbo.people.selectors import unit_profile
from canbo.reports import quality
from canbo.reports.models import QualitySummary

D = datetime.date
pytestmark = pytest.mark.django_db


def figures(profile) -> dict:
    return {
        "total": profile.total,
        "women": profile.women,
        "minorities": profile.minorities,
        **{f"{code}.{lv.code}": n for code, ladder in profile.ladders.items() for lv, n in ladder.counts if n},
        **{f"{code}.none": ladder.none for code, ladder in profile.ladders.items()},
    }


def assert_equal_to_a_scan(tree):
    """Every unit's kept figures (its subtree) equal a direct count of its people; and the rows
    themselves equal a fresh recount."""
    for unit in tree.values():
        kept = figures(quality.profile(unit))
        direct = figures(unit_profile(unit=unit, day=today(), scope=Scope.everything()))
        assert kept == direct, unit.code
    result = quality.check()
    assert result.ok, result.differences


def test_created_people_are_counted_in_their_unit_and_up_the_tree(people, tree):
    assert_equal_to_a_scan(tree)
    province = quality.subtree_quality(tree["province"])
    assert (province.total, province.women, province.minorities) == (3, 1, 3)
    assert province.levels == {
        ("professional", "dai_hoc"): 1,
        ("politics", "trung_cap"): 1,
        ("professional", "cao_dang"): 1,
    }
    a = quality.subtree_quality(tree["a"])
    assert (a.total, a.women) == (2, 1)  # Vân in the commune, Minh in its office
    assert quality.subtree_quality(tree["b"]).total == 1


def test_editing_gender_ethnicity_and_levels_moves_the_figures(people, tree, level):
    minh = people["minh"]
    services.person_update(person=minh, gender="female", ethnicity=Ethnicity.objects.get(is_majority=True))
    assert_equal_to_a_scan(tree)
    a = quality.subtree_quality(tree["a"])
    assert (a.women, a.minorities) == (2, 1)
    master = services.qualification_add(person=minh, level=level("professional", "thac_si"), year=2020)
    assert_equal_to_a_scan(tree)
    assert quality.subtree_quality(tree["a"]).levels.get(("professional", "cao_dang"), 0) == 0
    services.qualification_remove(qualification=master)
    assert_equal_to_a_scan(tree)
    assert quality.subtree_quality(tree["a"]).levels[("professional", "cao_dang")] == 1


def test_a_transfer_leaves_the_old_unit_and_joins_the_new(people, tree):
    services.assignment_start(person=people["van"], unit=tree["b"], category="cong_chuc", start_date=D(2026, 1, 1))
    assert_equal_to_a_scan(tree)
    assert quality.subtree_quality(tree["a"]).total == 1
    b = quality.subtree_quality(tree["b"])
    assert (b.total, b.women) == (2, 1)
    assert quality.subtree_quality(tree["province"]).total == 3


def test_an_ended_assignment_drops_the_person_from_the_staff(people, tree):
    current = people["pao"].assignments.get(end_date__isnull=True)
    services.assignment_end(assignment=current, end_date=D(2026, 1, 31))
    assert_equal_to_a_scan(tree)
    assert quality.subtree_quality(tree["b"]).total == 0
    assert quality.subtree_quality(tree["province"]).total == 2


def test_a_people_import_is_counted(people, tree, tmp_path):
    from tests.exchange.test_people_import import GOOD, office_file

    moved = [4, "Giàng A Páo", 1980, None, "011080009999", "H'Mông", "Đại học", None, None, "Chủ tịch", "P-THANHNUA"]
    services.person_update(person=people["pao"], id_number="011080009999")
    # An import never moves anyone: Páo is transferred first, then the file updates him in Thanh Nưa.
    services.person_transfer(person=people["pao"], unit=tree["a"], start_date=datetime.date(2025, 9, 1))
    path = office_file(tmp_path / "ds.xlsx", [*GOOD, moved])
    out = io.StringIO()
    call_command("import", "people", str(path), unit="P-THANHNUA", json=True, stdout=out)
    report = json.loads(out.getvalue())
    assert report["created"] == 3 and report["updated"] == 1, report
    assert_equal_to_a_scan(tree)
    assert quality.subtree_quality(tree["b"]).total == 0  # Páo moved to Thanh Nưa by the transfer
    assert quality.subtree_quality(tree["a"]).total == 6


def test_rebuild_and_the_command_restore_what_a_bulk_load_bypassed(people, tree, capsys):
    kept = quality.stored()
    QualitySummary.objects.all().delete()
    assert not quality.check().ok
    with pytest.raises(SystemExit) as exc:
        call_command("summaries", "check", "--of", "quality")
    assert exc.value.code == 1
    assert "lệch" in capsys.readouterr().out
    call_command("summaries", "rebuild", "--of", "quality")
    assert "quality: đã tính lại" in capsys.readouterr().out
    assert quality.stored() == kept
    call_command("summaries", "check", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] and data["quality"]["ok"] and data["training"]["ok"]


def test_a_year_for_a_summary_that_has_no_years_is_a_usage_error(people):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="không tính theo năm"):
        call_command("summaries", "check", "--of", "quality", "--year", "2021")


def panel_values(client) -> list[str]:
    panel = client.get(reverse("reports:dashboard_quality"), {"unit": "P"}).content.decode()
    return re.findall(r'<td class="text-end">(.*?)</td>', panel)


def test_the_dashboard_panel_reads_the_summaries(people, tree, login):
    client = login("province_admin")
    # total, women, minorities, university or higher, trung cấp LLCT or higher
    assert panel_values(client) == ["3", "1", "3", "1", "1"]
    Person.unscoped.filter(pk=people["pao"].pk).update(gender="female")  # a write that bypassed the hook
    assert panel_values(client)[1] == "1"
    call_command("summaries", "rebuild", "--of", "quality")
    assert panel_values(client)[1] == "2"


def test_todays_staff_quality_form_reads_the_summaries_with_the_same_numbers(people, tree, monkeypatch):
    from canbo.reports.form_data import seed_forms
    from canbo.reports.models import StatForm
    from canbo.reports.statforms import fill

    seed_forms()
    form = StatForm.objects.get(code="CLDN-01")
    kept = fill(form, tree["province"], year=today().year)
    monkeypatch.setattr(quality, "is_today", lambda day: False)
    scanned = fill(form, tree["province"], year=today().year)
    assert kept.rows == scanned.rows
    assert kept.rows[0]["values"][:3] == [3, 1, 3]
    # And it is read from the summaries: a change they do not know of shows only in the scan.
    Person.unscoped.filter(pk=people["pao"].pk).update(gender="female")
    assert fill(form, tree["province"], year=today().year).rows[0]["values"][1] == 2
    monkeypatch.undo()
    assert fill(form, tree["province"], year=today().year).rows[0]["values"][1] == 1
