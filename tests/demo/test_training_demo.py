"""The demo holds the seed article's figures for 2021."""

import itertools

from django.db.models import Count

from canbo.orgs.models import Unit
from canbo.people.models import Assignment, Qualification
from canbo.training.models import (
    Certificate,
    DutyPeriods,
    Enrolment,
    SurveyReceipt,
    SurveyResponse,
    TrainingClass,
)


def test_the_demo_holds_the_2021_figures_and_later_classes(demo):
    hdb = Unit.unscoped.get(code="DB-HDB")
    # A class counts in the year it ended: the degree and cao cấp courses of 2021 began years before.
    classes_2021 = TrainingClass.unscoped.filter(end_date__year=2021)
    assert classes_2021.count() == 341
    assert classes_2021.filter(start_date__year__lt=2021).count() == 8
    assert classes_2021.values("programme__kind").distinct().count() >= 8
    completed = Enrolment.unscoped.filter(result="passed", completed_on__year=2021)
    assert completed.count() == 27_071
    assert completed.filter(unit_path__startswith=hdb.path).count() == 8_672
    # Each turn is where the learner worked on the class's first day (before the 2025 reform).
    sample = completed.filter(unit_path__startswith=hdb.path).select_related("training_class")[:200]
    for enrolment in sample:
        assert (
            Assignment.unscoped.filter(person_id=enrolment.person_id, unit_id=enrolment.unit_id, is_main=True)
            .valid_on(enrolment.training_class.start_date)
            .exists()
        )
    years = dict(
        TrainingClass.unscoped.values_list("start_date__year")
        .annotate(n=Count("id"))
        .values_list("start_date__year", "n")
    )
    assert all(years.get(year, 0) >= 50 for year in range(2022, 2027))
    assert TrainingClass.unscoped.filter(status="open").exists()
    # No one is in two full-time classes at once.
    full_time = list(
        Enrolment.unscoped.filter(training_class__study_mode="full_time", training_class__start_date__year=2021)
        .values_list("person_id", "training_class__start_date", "training_class__end_date")
        .order_by("person_id", "training_class__start_date")
    )
    for (p1, _s1, e1), (p2, s2, _e2) in itertools.pairwise(full_time):
        assert p1 != p2 or s2 > e1
    # Level-granting completions became qualifications; periods count toward the duty.
    assert (
        Qualification.unscoped.filter(source="training").count()
        == Enrolment.unscoped.exclude(qualification=None).count()
        > 0
    )
    assert DutyPeriods.objects.filter(year=2021).exists()
    # Recent classes carry certificates (one series per institution) and anonymous survey sheets,
    # exactly as many as the receipts of the learners who answered.
    assert Certificate.unscoped.filter(number__startswith="DB-TCT-").exists()
    assert SurveyResponse.objects.count() == SurveyReceipt.objects.count() > 0
    assert SurveyResponse.objects.filter(is_valid=False).exists()
