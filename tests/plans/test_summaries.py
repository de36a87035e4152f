"""Plan-vs-actual summaries follow every class change and always equal a scan of the enrolments."""

import datetime
import random

import pytest
from django.core.management import call_command

from canbo.plans import summaries
from canbo.plans.models import TrainingSummary
from canbo.training.models import Enrolment
from canbo.training.services import classes_changed

D = datetime.date
pytestmark = pytest.mark.django_db


def row(year, unit, kind=None):
    r = TrainingSummary.objects.filter(year=year, unit=unit, kind=kind).first()
    return (r.turns, r.people, r.classes) if r else (0, 0, 0)


def test_it_counts_turns_people_and_classes_up_the_tree(district, tree, make_person, make_class, kinds):
    a, b = make_person(district["tn"], "Lò Văn A"), make_person(district["tl"], "Quàng Thị B")
    make_class(district["district"], "politics", people=[a, b])
    make_class(district["tn"], "state_mgmt", people=[a])
    assert row(2021, district["tn"]) == (2, 1, 1)
    assert row(2021, district["tl"]) == (1, 1, 0)
    assert row(2021, district["district"]) == (3, 2, 2)
    assert row(2021, tree["province"]) == (3, 2, 2)
    assert row(2021, district["district"], kinds["politics"]) == (2, 2, 1)
    assert row(2021, district["district"], kinds["state_mgmt"]) == (1, 1, 1)
    assert summaries.check().ok


def test_a_turn_stays_with_the_unit_the_learner_was_sent_from(district, make_person, make_class):
    a = make_person(district["tn"])
    make_class(district["district"], people=[a])
    # The person later moves; the 2021 turn keeps the unit copied onto the enrolment.
    a.unit, a.unit_path = district["tl"], district["tl"].path
    a.save()
    make_class(district["district"], end=D(2021, 9, 1), people=[a])
    assert row(2021, district["tn"])[:2] == (1, 1)
    assert row(2021, district["tl"])[:2] == (1, 1)
    assert row(2021, district["district"])[:2] == (2, 1)  # two turns, one person
    assert summaries.check().ok


def test_uncompleting_deleting_and_cancelling_take_the_figures_back(district, make_person, make_class, kinds):
    a, b = make_person(district["tn"], "A"), make_person(district["tn"], "B")
    cls = make_class(district["tn"], "politics", people=[a, b])
    Enrolment.unscoped.filter(training_class=cls, person=a).update(completed_on=None, result="")
    classes_changed([cls.pk])
    assert row(2021, district["tn"]) == (1, 1, 1)
    Enrolment.unscoped.filter(training_class=cls, person=b).delete()
    classes_changed([cls.pk])
    assert row(2021, district["tn"]) == (0, 0, 1)
    cls.status = "cancelled"
    cls.save()
    classes_changed([cls.pk])
    assert row(2021, district["tn"]) == (0, 0, 0)
    assert summaries.check().ok


def test_changing_a_class_kind_or_year_moves_its_turns(district, make_person, make_class, kinds, programmes):
    a = make_person(district["tn"])
    cls = make_class(district["tn"], "politics", people=[a])
    cls.programme = programmes["state_mgmt"]
    cls.end_date = D(2022, 1, 10)
    cls.save()
    Enrolment.unscoped.filter(training_class=cls).update(completed_on=D(2022, 1, 10))
    classes_changed([cls.pk])
    assert row(2021, district["tn"]) == (0, 0, 0)
    assert row(2022, district["tn"], kinds["state_mgmt"]) == (1, 1, 1)
    assert summaries.check().ok


def test_random_changes_keep_summaries_equal_to_the_scan(district, tree, make_person, make_class, programmes):
    rnd = random.Random(6)
    units = [district["tn"], district["tl"], district["district"], tree["a"]]
    persons = [make_person(rnd.choice(units), f"Người {i}") for i in range(12)]
    classes = [
        make_class(rnd.choice(units), rnd.choice(list(programmes)), people=rnd.sample(persons, 3)) for _ in range(4)
    ]
    for _step in range(40):
        cls = rnd.choice(classes)
        action = rnd.choice(["add", "remove", "toggle", "kind", "year", "status"])
        if action == "add":
            person = rnd.choice(persons)
            unit = rnd.choice(units)
            Enrolment.unscoped.get_or_create(
                training_class=cls,
                person=person,
                defaults={"unit": unit, "unit_path": unit.path, "completed_on": cls.end_date, "result": "passed"},
            )
        elif action == "remove":
            Enrolment.unscoped.filter(pk__in=cls.enrolments.values("pk")[:1]).delete()
        elif action == "toggle":
            e = cls.enrolments.order_by("?").first()
            if e:
                e.completed_on = None if e.completed_on else cls.end_date
                e.save()
        elif action == "kind":
            cls.programme = rnd.choice(list(programmes.values()))
            cls.save()
        elif action == "year":
            cls.end_date = rnd.choice([D(2021, 5, 1), D(2022, 5, 1)])
            cls.save()
            cls.enrolments.exclude(completed_on=None).update(completed_on=cls.end_date)
        else:
            cls.status = rnd.choice(["finished", "cancelled", "planned", "running"])
            cls.save()
        classes_changed([cls.pk])
        result = summaries.check()
        assert result.ok, (action, result.differences)


def test_rebuild_equals_the_incremental_figures(district, make_person, make_class):
    a, b = make_person(district["tn"], "A"), make_person(district["tl"], "B")
    make_class(district["district"], people=[a, b])
    kept = summaries.stored()
    TrainingSummary.objects.all().delete()
    assert not summaries.check().ok
    summaries.rebuild()
    assert summaries.stored() == kept
    # The bookkeeping is rebuilt too: later changes still apply only their difference.
    make_class(district["tn"], "state_mgmt", people=[a])
    assert summaries.check().ok


def test_summaries_command_checks_and_rebuilds(district, make_person, make_class, capsys):
    make_class(district["tn"], people=[make_person(district["tn"])])
    call_command("summaries", "check")
    assert "khớp" in capsys.readouterr().out
    TrainingSummary.objects.update(turns=99)
    with pytest.raises(SystemExit) as exc:
        call_command("summaries", "check")
    assert exc.value.code == 1
    assert "lệch" in capsys.readouterr().out
    call_command("summaries", "rebuild", "--year", "2021")
    call_command("summaries", "check", "--json")
    assert '"ok": true' in capsys.readouterr().out


def test_moving_a_subtree_moves_its_figures(district, tree, make_person, make_class):
    from canbo.orgs import services as org_services

    make_class(district["tn"], people=[make_person(district["tn"])])
    other = org_services.unit_create(
        code="P-HTG",
        name="Huyện Tuần Giáo",
        kind="district",
        parent=tree["province"],
        valid_from=D(2020, 1, 1),
        valid_to=D(2025, 6, 30),
    )
    org_services.unit_update(unit=district["tn"], parent=other)
    assert row(2021, other) == (1, 1, 1)
    assert row(2021, district["district"]) == (0, 0, 0)
    assert summaries.check().ok
