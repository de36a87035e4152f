"""Background tasks of the gap engine, run by `canbo worker` (django-tasks' database backend)."""

from __future__ import annotations

import datetime

from django_tasks import task

from canbo.core.context import acting_as


@task()
def recompute_gaps(*, person_ids: list[int] | None = None, unit_code: str = "", queued_at: str = "") -> None:
    """A full, subtree or people recompute with its progress on the GapState row.

    A people recompute queued before a later full recompute finished is skipped: that run has
    already seen those people.
    """
    from canbo.orgs.models import Unit
    from canbo.standards import engine
    from canbo.standards.models import GapState

    state = engine._state()
    queued = datetime.datetime.fromisoformat(queued_at) if queued_at else None
    if queued and state.computed_at and state.computed_at >= queued:
        return  # a full recompute finished after this was queued: it saw these changes

    def progress(done, total):
        GapState.objects.filter(pk=1).update(done=done, total=max(total, 1))

    GapState.objects.filter(pk=1).update(running=True, done=0, total=1, label=unit_code or "")
    try:
        with acting_as(None, origin="task", label="gaps recompute"):
            if person_ids is not None:
                from canbo.standards.services import link_people

                for start in range(0, len(person_ids), engine.INLINE_PEOPLE):
                    link_people(person_ids[start : start + engine.INLINE_PEOPLE])
                    engine.recompute_people(person_ids[start : start + engine.INLINE_PEOPLE])
                    progress(min(start + engine.INLINE_PEOPLE, len(person_ids)), len(person_ids))
            elif unit_code:
                engine.recompute_subtree(unit=Unit.unscoped.get(code=unit_code), progress=progress)
            else:
                engine.recompute_all(progress=progress)
    finally:
        GapState.objects.filter(pk=1).update(running=False)
