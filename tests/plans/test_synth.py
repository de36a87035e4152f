"""`canbo synth training`: classes, enrolments and plans for existing people; summaries equal the scan."""

import pytest
from django.core.management import call_command

from canbo.plans import summaries
from canbo.plans.models import Plan
from canbo.training.models import Enrolment, TrainingClass

pytestmark = pytest.mark.django_db


def test_it_generates_classes_enrolments_and_plans(district, tree, make_person, kinds, capsys):
    for i in range(40):
        make_person(district["tn"] if i % 2 else district["tl"], f"Người {i}")
    call_command("synth", "training", "--enrolments", "300", "--unit", "P", "--years", "2021-2022")
    assert "lượt học viên" in capsys.readouterr().out
    assert TrainingClass.unscoped.count() == 6
    enrolments = Enrolment.unscoped.all()
    assert enrolments.count() >= 6 * 30 // 2  # classes draw at most the 40 people there are
    assert all(e.unit_path.startswith(tree["province"].path) for e in enrolments[:50])
    assert Plan.unscoped.filter(status="approved").exists()
    assert summaries.check().ok


def test_it_wants_a_number_of_enrolments(tree):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("synth", "training", "--unit", "P")
