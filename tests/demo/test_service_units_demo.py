"""The demo's public service units: every commune's schools and health station, where its viên
chức work (never in the commune unit itself), before and after the 2025 reform."""

import datetime

from django.db.models import Count, F, Q

from canbo.orgs.choices import COMMUNE_LEVEL
from canbo.orgs.models import Unit, UnitSuccession
from canbo.people.models import Assignment

PREFIXES = ("Trường Mầm non ", "Trường Tiểu học ", "Trường THCS ", "Trạm Y tế ")


def test_communes_have_schools_and_a_health_station_staffed_by_vien_chuc(demo):
    for day, communes_then in ((datetime.date(2021, 12, 31), 129), (datetime.date(2026, 6, 30), 45)):
        units = Unit.unscoped.valid_on(day)
        communes = list(units.filter(kind__in=COMMUNE_LEVEL))
        assert len(communes) == communes_then
        services = units.filter(kind="public_service_unit", parent__kind__in=COMMUNE_LEVEL)
        by_commune: dict[int, list[str]] = {}
        for parent_id, name in services.values_list("parent_id", "name"):
            by_commune.setdefault(parent_id, []).append(name)
        staffed = dict(
            Assignment.unscoped.valid_on(day)
            .filter(category="vien_chuc", unit__in=services)
            .values_list("unit__parent_id")
            .annotate(n=Count("id"))
        )
        for commune in communes:
            names = sorted(by_commune[commune.pk])
            place = commune.name.split(" ", 1)[1] if commune.kind != "town" else commune.name.split(" ", 2)[2]
            assert [n.startswith(p) for n, p in zip(sorted(names), sorted(PREFIXES), strict=True)] == [True] * 4
            assert all(n.endswith(place) for n in names), (commune.name, names)
            assert staffed.get(commune.pk, 0) >= 5, commune.name
        titles = set(
            Assignment.unscoped.valid_on(day).filter(unit__in=services).values_list("title", flat=True).distinct()
        )
        assert {"Giáo viên", "Bác sĩ", "Y sĩ", "Điều dưỡng"} <= titles
    thanh_nua = Unit.unscoped.get(code="DB-THANHNUA-TYT")
    assert thanh_nua.name == "Trạm Y tế xã Thanh Nưa" and thanh_nua.parent.code == "DB-THANHNUA"
    assert set(UnitSuccession.unscoped.filter(successor=thanh_nua).values_list("predecessor__code", flat=True)) == {
        f"DB-HDB-{c}-TYT" for c in ("THANHNUA", "HUATHANH", "THANHLUONG", "THANHHUNG", "THANHCHAN")
    }


def test_no_vien_chuc_works_in_a_commune_unit_itself(demo):
    vien_chuc = Assignment.unscoped.filter(category="vien_chuc")
    assert not vien_chuc.filter(unit__kind__in=COMMUNE_LEVEL).exists()
    at_schools = vien_chuc.filter(unit__kind="public_service_unit", unit__parent__kind__in=COMMUNE_LEVEL)
    assert at_schools.count() > 5000
    ranks = set(at_schools.values_list("rank", flat=True).distinct())
    assert "Giáo viên tiểu học hạng III" in ranks and "Bác sĩ hạng III" in ranks and "" not in ranks


def test_every_assignment_at_a_service_unit_lies_within_its_validity(demo):
    at_services = Assignment.unscoped.filter(unit__kind="public_service_unit", unit__parent__kind__in=COMMUNE_LEVEL)
    outside = at_services.filter(
        Q(start_date__isnull=True)
        | Q(start_date__lt=F("unit__valid_from"))
        | Q(unit__valid_to__isnull=False, end_date__isnull=True)
        | Q(end_date__gt=F("unit__valid_to"))
    )
    assert at_services.exists() and not outside.exists()
    # People are filed under the unit they work in now: a teacher under the school.
    person = at_services.filter(end_date__isnull=True).select_related("person", "unit").first()
    assert person.person.unit_id == person.unit_id and person.person.unit_path == person.unit.path
