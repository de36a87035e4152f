import io

from django.core.management import call_command

from canbo.people.models import Person


def test_synth_twice_with_the_same_seed_never_reuses_an_id_number(tree, reference):
    call_command("synth", "people", count=300, seed=3, unit="P", stdout=io.StringIO())
    call_command("synth", "people", count=300, seed=3, unit="P", stdout=io.StringIO())
    assert Person.unscoped.count() == 600
    ids = [i for i in Person.unscoped.values_list("id_number", flat=True) if i]
    assert len(ids) == len(set(ids)) >= 300
