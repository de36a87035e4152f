"""The demo's evaluations on a small population (the full demo is not loaded in tests): the cap kept
in every unit and year, sanctions only with "không hoàn thành", deterministic, idempotent."""

import datetime
from collections import Counter, defaultdict

import pytest

from canbo.careers.demo import YEARS, load_evaluations
from canbo.careers.models import Evaluation
from canbo.core.models import ChangeLogEntry


@pytest.fixture
def population(tree, people, staff):
    return staff(40, unit="a") + staff(25, unit="b") + staff(10, unit="a", category="vien_chuc", prefix="Giáo viên")


@pytest.mark.django_db
def test_the_demo_evaluations_keep_the_rules(population):
    summary = load_evaluations()
    evaluated = len(population) + 2  # Vân (công chức) and Páo (cán bộ); Minh has no category
    assert summary == {"evaluations": evaluated * len(YEARS), "refused": 0}
    rows = list(Evaluation.unscoped.values_list("person_id", "year", "unit_id", "level", "sanction", "scheme__code"))
    groups = defaultdict(Counter)
    for _pid, year, unit_id, level, _sanction, _scheme in rows:
        groups[(unit_id, year)][level] += 1
    for counts in groups.values():
        assert counts["excellent"] * 100 <= 20 * counts["good"]
    assert all(level == "failed" for *_r, level, sanction, _s in rows if sanction)
    assert {scheme for *_r, scheme in rows if _r[1] == 2022} == {"ND90-2020"}
    assert {scheme for *_r, scheme in rows if _r[1] == 2024} == {"ND48-2023"}
    shares = Counter(level for *_r, level, _s, _c in rows)
    total = sum(shares.values())
    assert 0.05 <= shares["excellent"] / total <= 0.16
    assert 0.55 <= shares["good"] / total <= 0.80
    assert 0.10 <= shares["done"] / total <= 0.30
    assert ChangeLogEntry.unscoped.filter(content_type__model="evaluation").count() == len(rows)


@pytest.mark.django_db
def test_the_demo_evaluations_are_idempotent_and_deterministic(population):
    load_evaluations()
    first = dict(((p, y), level) for p, y, level in Evaluation.unscoped.values_list("person_id", "year", "level"))
    assert load_evaluations() == {"evaluations": 0, "refused": 0}
    Evaluation.unscoped.all().delete()
    load_evaluations()
    again = dict(((p, y), level) for p, y, level in Evaluation.unscoped.values_list("person_id", "year", "level"))
    assert again == first


@pytest.mark.django_db
def test_a_year_before_the_reorganisation_stays_with_the_unit_of_that_year(tree, people, population):
    from canbo.people.models import Assignment

    van = people["van"]  # in commune A from 01/07/2025; before that in the old district
    Assignment.objects.create(
        person=van,
        unit=tree["old_district"],
        category="cong_chuc",
        title="Chuyên viên",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2025, 6, 30),
        is_main=True,
    )
    load_evaluations()
    places = dict(Evaluation.unscoped.filter(person=van).values_list("year", "unit__code"))
    assert places == {2021: "P-HDB", 2022: "P-HDB", 2023: "P-HDB", 2024: "P-HDB", 2025: "P-THANHNUA"}
