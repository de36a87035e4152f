"""Big writes leave the re-check to the worker after the commit; a task queued before a later full
recompute finished is skipped (that run already saw the change)."""

from canbo.people import services as people_services
from canbo.standards import engine
from canbo.standards.models import Gap
from canbo.standards.tasks import recompute_gaps


def test_a_big_change_is_rechecked_by_the_worker_after_the_commit(
    make_person, monkeypatch, django_capture_on_commit_callbacks
):
    a = make_person("Chủ tịch Ủy ban nhân dân", name="A")
    b = make_person("Chủ tịch Ủy ban nhân dân", unit="b", name="B")
    Gap.objects.all().delete()
    monkeypatch.setattr(engine, "INLINE_PEOPLE", 1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        people_services.people_changed([a.pk, b.pk])
    assert Gap.objects.count() == 0 and len(callbacks) == 1  # nothing inline, one task after commit
    callbacks[0]()  # the commit: the test settings run the task at once
    assert set(Gap.objects.values_list("person_id", flat=True)) == {a.pk, b.pk}


def test_a_task_queued_before_a_full_recompute_is_skipped(make_person):
    from django.utils import timezone

    a = make_person("Chủ tịch Ủy ban nhân dân", name="A")
    queued = timezone.now().isoformat()
    engine.recompute_all()
    Gap.objects.all().delete()
    recompute_gaps.enqueue(person_ids=[a.pk], queued_at=queued)
    assert Gap.objects.count() == 0
    recompute_gaps.enqueue(person_ids=[a.pk])
    assert Gap.objects.filter(person_id=a.pk).count() == 2  # đại học, LLCT of the new communes
