"""What a write in one app sets off in the others, declared in one place.

A writer says what happened with a typed event, `events.emit(events.PeopleChanged(person_ids=ids))`,
and SUBSCRIBERS below lists, per event, the functions that then run: by dotted path, in the order
they run, inside the writer's transaction. There are no signals and no hook lists filled in
`AppConfig.ready()`: this table is the whole answer to "what does saving a person do elsewhere?".

Some events are questions the writer asks before it writes: `events.collect(question)` returns
every subscriber's answer, in the table's order (the reasons a unit cannot close yet; the periods
that count toward the annual training duty).

A subscriber takes its event's fields as keyword arguments (`on_people_changed(person_ids)`), so the
same function can also be called directly; tests/test_events.py checks that every path resolves
and accepts its event's fields. Writers call `events.emit`/`events.collect` through this module
(`from canbo import events`), so a test can listen in by replacing `events.emit`.

The paths are imported when an event is emitted, not when this module is: it imports no app, and
every app may import it.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from canbo.orgs.models import Unit


class Event:
    """Something that happened; its subscribers bring what depends on it up to date."""


class Question:
    """Something a writer asks the other apps before it writes; each subscriber answers."""


# --- events -------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PeopleChanged(Event):
    """The person, assignment, qualification or duty-period rows of these people changed (ids
    sorted, each once, never empty). Emitted by `people.services.people_changed`, which the
    people services, the import's bulk writer, the synthetic data and the training services call."""

    person_ids: list[int]


@dataclasses.dataclass(frozen=True)
class ClassesChanged(Event):
    """A class or any of its enrolments changed (ids sorted, each once, never empty). Emitted by
    `training.services.classes_changed`."""

    class_ids: list[int]


@dataclasses.dataclass(frozen=True)
class UnitMoved(Event):
    """A subtree moved in the org tree: every unit path that started with `old_path` now starts with
    `new_path`, and the data that copies unit paths must follow. Emitted by `orgs.services.unit_update`."""

    old_path: str
    new_path: str


# --- questions ----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class UnitClosing(Question):
    """What still keeps `unit` open on `day`? Each subscriber answers a list of translated reasons
    (empty: nothing). Asked by `orgs.services.open_things` before a unit closes."""

    unit: Unit
    day: datetime.date


@dataclasses.dataclass(frozen=True)
class DutyPeriodsCount(Question):
    """Which periods count toward these people's annual training duty? Each subscriber answers
    rows of (person_id, year, periods). `person_ids` is a list of ids or a queryset of them.
    Asked by `training.services.duty_periods_refresh`."""

    person_ids: Iterable[int]


@dataclasses.dataclass(frozen=True)
class TitleCategories(Question):
    """Which category (cán bộ, công chức, …) does each title of the catalogue carry? Each subscriber
    answers rows of (spelling, category code, unit level, valid_from, valid_to), one per name or
    synonym of a title that has a category. Asked by `people.imports` once per file, to give a row
    without a "Loại" its category from its title."""


# --- who listens --------------------------------------------------------------------------------

SUBSCRIBERS: dict[type, tuple[str, ...]] = {
    PeopleChanged: (
        "canbo.standards.engine.on_people_changed",  # re-check their standards (gaps)
        "canbo.reports.quality.on_people_changed",  # recount the staff-quality summaries of their units
    ),
    ClassesChanged: (
        "canbo.plans.summaries.classes_changed",  # the plan-vs-actual summaries
    ),
    UnitMoved: (
        "canbo.people.services.unit_moved",  # people's copied unit paths
        "canbo.training.services.unit_moved",  # enrolments', certificates', self-study's paths
        # After the training app has rewritten the enrolments' paths: the summaries recount from them.
        "canbo.plans.summaries.unit_moved",
        "canbo.careers.pool_services.unit_moved",  # succession posts', decisions', places' paths
    ),
    UnitClosing: (
        "canbo.people.services.open_staff_check",  # staff still working there
    ),
    DutyPeriodsCount: (
        "canbo.training.services.duty_contributions",  # completed classes
        "canbo.training.records.self_study_contributions",  # accepted self-study
    ),
    TitleCategories: (
        "canbo.standards.selectors.title_categories",  # the title catalogue's categories
    ),
}


def _arguments(event: Event | Question) -> dict[str, Any]:
    return {field.name: getattr(event, field.name) for field in dataclasses.fields(event)}


def subscribers(kind: type) -> list:
    """The functions listening to `kind`, in order."""
    return [import_string(path) for path in SUBSCRIBERS.get(kind, ())]


def emit(event: Event) -> None:
    """Run every subscriber of the event, in the table's order, in the caller's transaction (a
    subscriber that fails makes the write fail)."""
    if not isinstance(event, Event):
        raise TypeError(f"{type(event).__name__} is not an Event (a Question is asked with collect)")
    arguments = _arguments(event)
    for subscriber in subscribers(type(event)):
        subscriber(**arguments)


def collect(question: Question) -> list:
    """Every subscriber's answer to the question, in the table's order."""
    if not isinstance(question, Question):
        raise TypeError(f"{type(question).__name__} is not a Question (an Event is told with emit)")
    arguments = _arguments(question)
    return [subscriber(**arguments) for subscriber in subscribers(type(question))]
