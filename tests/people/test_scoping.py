from canbo.core.context import acting_as
from canbo.people.models import Assignment, Person, Qualification


def test_an_officer_sees_the_people_of_their_subtree_only(people, personas):
    with acting_as(personas["officer_a"], origin="test"):
        assert set(Person.objects.values_list("full_name", flat=True)) == {"Lò Thị Vân", "Lò Văn Minh"}


def test_a_cadre_sees_only_their_own_record(people, personas):
    cadre = personas["cadre_a"]
    cadre.person = people["van"]
    cadre.save()
    assert list(Person.objects.for_user(cadre).values_list("full_name", flat=True)) == ["Lò Thị Vân"]
    assert Qualification.objects.for_user(cadre).count() == 2
    assert Assignment.objects.for_user(cadre).count() == 1


def test_a_cadre_without_a_linked_record_sees_nobody(people, personas):
    assert Person.objects.for_user(personas["cadre_a"]).count() == 0
