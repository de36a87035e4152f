import io

from django.core.management import call_command
from django.db.models import F

from canbo.people.models import Person


def test_synth_twice_with_the_same_seed_never_reuses_an_id_number(tree, reference):
    call_command("synth", "people", count=300, seed=3, unit="P", stdout=io.StringIO())
    call_command("synth", "people", count=300, seed=3, unit="P", stdout=io.StringIO())
    assert Person.unscoped.count() == 600
    ids = [i for i in Person.unscoped.values_list("id_number", flat=True) if i]
    assert len(ids) == len(set(ids)) >= 300


def test_synth_starts_careers_where_they_were_before_a_merger(tree, reference):
    """A department founded by a merger gets its staff from the merged (ended) departments; one
    that continues keeps part of its staff and takes over the rest; a department that lives on
    after handing over part of its work is no earlier place."""
    import datetime

    from canbo.orgs import services as org_services
    from canbo.people.models import Assignment

    d = datetime.date
    p = tree["province"]

    def unit(code, valid_from=None, valid_to=None):
        start = valid_from or d(2004, 1, 1)
        return org_services.unit_create(
            code=code, name=code, kind="department", parent=p, valid_from=start, valid_to=valid_to
        )

    agri, env = unit("P-SNNPTNT", valid_to=d(2025, 2, 28)), unit("P-STNMT", valid_to=d(2025, 2, 28))
    merged, finance, planning = unit("P-SNNMT", d(2025, 3, 1)), unit("P-STC"), unit("P-SKHDT", valid_to=d(2025, 2, 28))
    home, religion = unit("P-SNV"), unit("P-SDTTG", d(2025, 3, 1))
    for old, new in ((agri, merged), (env, merged), (planning, finance), (home, religion)):
        org_services.succession_record(predecessor=old, successor=new, date=d(2025, 3, 1), decision="NĐ 45/2025/NĐ-CP")
    call_command("synth", "people", count=600, seed=4, unit="P", stdout=io.StringIO())

    main = Assignment.unscoped.filter(is_main=True)
    assert not main.filter(unit__in=[merged, religion], start_date__lt=d(2025, 3, 1)).exists()
    assert main.filter(unit=agri).exists() and main.filter(unit=env).exists()
    assert main.filter(unit=finance, start_date__lt=d(2025, 3, 1)).exists() and main.filter(unit=planning).exists()
    assert set(main.filter(unit__in=[agri, env, planning]).values_list("end_date", flat=True)) == {d(2025, 2, 28)}
    for a in main.filter(unit=agri):
        after = main.get(person_id=a.person_id, unit=merged)
        assert (after.start_date, after.end_date, after.decision_number) == (d(2025, 3, 1), None, "NĐ 45/2025/NĐ-CP")
    # Sở Nội vụ lives on: its staff are not moved, and Sở DT&TG's earlier staff come from nowhere.
    assert not main.filter(unit=home, end_date__isnull=False).exists()
    assert not main.filter(start_date__lt=F("unit__valid_from")).exists()
