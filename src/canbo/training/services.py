"""Writes to training operations; the pages, the API, the importer and the commands call these."""

from __future__ import annotations

from collections.abc import Callable, Iterable

# Other apps register what must follow a change to a class or any of its enrolments (plan-vs-actual
# summaries): each hook takes the ids of the classes concerned and runs inside the writer's
# transaction. Writers call `classes_changed` explicitly; there are no signals.
CLASS_CHANGED_HOOKS: list[Callable[[list[int]], None]] = []


def classes_changed(class_ids: Iterable[int]) -> None:
    ids = sorted(set(class_ids))
    if ids:
        for hook in CLASS_CHANGED_HOOKS:
            hook(ids)
