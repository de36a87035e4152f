import io

from django.core.management import call_command

from canbo.people.models import Assignment, Person


def test_synth_makes_a_realistic_population_with_pre_reform_careers(db):
    call_command("demo", demo_accounts=True, stdout=io.StringIO())
    before = Person.unscoped.count()
    out = io.StringIO()
    call_command("synth", "people", count=500, seed=7, stdout=out)
    assert Person.unscoped.count() == before + 500
    assert "Đã tạo 500 hồ sơ" in out.getvalue()
    newest = Person.unscoped.order_by("-id")[:500]
    thai = sum(1 for p in newest if p.ethnicity and p.ethnicity.name == "Thái")
    assert 120 < thai < 260
    old = Assignment.unscoped.filter(person__in=list(newest), unit__code__startswith="DB-H", end_date__isnull=False)
    assert old.exists()
    assert all(a.end_date.isoformat() == "2025-06-30" for a in old)


def test_synth_twice_with_the_same_seed_never_reuses_an_id_number(tree, reference):
    call_command("synth", "people", count=300, seed=3, unit="P", stdout=io.StringIO())
    call_command("synth", "people", count=300, seed=3, unit="P", stdout=io.StringIO())
    assert Person.unscoped.count() == 600
    ids = [i for i in Person.unscoped.values_list("id_number", flat=True) if i]
    assert len(ids) == len(set(ids)) >= 300
