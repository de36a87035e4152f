"""Writing imported people set-based: the people app's bulk path beside its services.

Rows arrive already checked (people.imports); here they are written in batches — new people by
the fast path (ids reserved up front, COPY on PostgreSQL), known people through the ORM — with one
change-log entry per person, a reach re-check after the write, and one people_changed call so
standards and summaries follow, as after a service write.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from canbo.accounts.permissions import ensure_within_reach, reach_of
from canbo.core import audit
from canbo.core.audit import LOG_COLUMNS, bulk_log_rows
from canbo.core.models import ChangeAction, ChangeLogEntry
from canbo.core.text import fold
from canbo.people import rules
from canbo.people.columns import (
    ASSIGNMENT_COLUMNS,
    ASSIGNMENT_DETAILS,
    PERSON_COLUMNS,
    PERSON_LEVEL_COLUMNS,
    QUALIFICATION_COLUMNS,
)
from canbo.people.models import Assignment, Person, Qualification
from canbo.people.names import sort_key
from canbo.people.services import people_changed, refresh_levels
from canbo.tabular.normalise import score_text

if TYPE_CHECKING:
    from canbo.people.imports import Parsed

BATCH = 2000
# The person fields an import writes: the one list (people.rules), foreign keys by id, without the
# health note (no staff list carries it; it is typed on the person's page).
PERSON_ATTRS = tuple(
    f"{name}_id" if name in ("ethnicity", "religion") else name for name in rules.PERSON_FIELDS if name != "health_note"
)


def held_key(q) -> tuple:
    """What makes a qualification already held: its level and field, and for a test its score too
    ("IELTS 6.5" beside a declared "Bậc 4 Tiếng Anh" is recorded; the same IELTS 6.5 again is not)."""
    return (q.level_id, q.field, q.test_name, _score_key(q.score))


def _score_key(score) -> str:
    return "" if score is None else format(Decimal(score).normalize(), "f")


def described(levels: dict, q) -> str:
    """ "NN: Bậc 4 Tiếng Anh (IELTS 6.5)" for the change log."""
    short, label = levels[q.level_id][0], levels[q.level_id][1]
    test = f" ({q.test_name} {score_text(q.score)})" if q.test_name and q.score is not None else ""
    return f"{short}: {label}{' ' + q.field if q.field else ''}{test}"


def chunks(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def write(parsed, existing, *, unit, ctx, today, progress, total) -> None:
    """Write in bulk: new people by the fast path, known people through the ORM. The change log
    gets one entry per person, carrying the assignment and qualifications written with it."""
    from canbo.people.models import Level

    levels = {
        pk: (short, label, rank)
        for pk, short, label, rank in Level.objects.values_list("pk", "ladder__short_name", "label", "rank")
    }
    new_items = [item for item in parsed if item.row not in existing]
    old_items = [item for item in parsed if item.row in existing]
    new_ids = _insert_new(new_items, ctx=ctx, levels=levels)
    if progress:
        progress(total + len(parsed) // 2, total * 2)
    changed_ids, rewritten = _update_known(old_items, existing, ctx=ctx, levels=levels, today=today)
    _recheck_reach(ctx.user, [*new_ids, *(existing[item.row].pk for item in old_items)], rewritten)
    people_changed([*new_ids, *changed_ids])
    if progress:
        progress(total * 2, total * 2)


def _recheck_reach(user, person_ids: list[int], assignment_ids: list[int]) -> None:
    """After the write, every person written and their open main assignment (qualifications hang
    on the person), and every existing assignment the write ended or changed, must lie within the
    actor's reach; otherwise the transaction is rolled back. Defence in depth behind the row
    checks, one query per batch: an ended assignment in another unit is a takeover."""
    scope = reach_of(user)
    if scope.unrestricted:
        return
    open_outside = Assignment.unscoped.filter(person_id=OuterRef("pk"), is_main=True, end_date__isnull=True).exclude(
        scope.q("unit__path")
    )
    for ids in chunks(person_ids):
        ensure_within_reach(user, Person.unscoped.filter(pk__in=ids), also_outside=Exists(open_outside))
    for ids in chunks(assignment_ids):
        ensure_within_reach(user, Assignment.unscoped.filter(pk__in=ids), also_outside=~scope.q("unit__path"))


def _insert_new(items: list[Parsed], *, ctx, levels) -> list[int]:
    """The fast path: ids reserved up front, then COPY (PostgreSQL) of people, assignments,
    qualifications, current levels and log rows — no model instances."""
    from canbo.core.bulk import allocate_ids, insert_rows
    from canbo.people.models import PersonLevel

    if not items:
        return []
    ids = allocate_ids(Person, len(items))
    now = timezone.now()
    insert_rows(
        Person,
        PERSON_COLUMNS,
        (
            (
                pk,
                p["full_name"],
                fold(p["full_name"]),
                p["gender"],
                p["birth_date"],
                p["birth_year"],
                p["id_number"],
                p["ethnicity_id"],
                p["religion_id"],
                p["party_member"],
                p["party_joined_on"],
                p["home_town"],
                p["phone"],
                p["email"],
                "",
                item.unit.pk,
                item.unit.path,
                1,
                now,
                now,
                p["old_id_number"],
                sort_key(p["full_name"]),
            )
            for pk, item in zip(ids, items, strict=True)
            for p in (item.person,)
        ),
    )
    insert_rows(
        Assignment,
        ASSIGNMENT_COLUMNS,
        (
            (
                pk,
                item.unit.pk,
                item.assignment.get("start_date"),
                None,
                True,
                "",
                *(item.assignment.get(k, "") for k in ASSIGNMENT_DETAILS),
            )
            for pk, item in zip(ids, items, strict=True)
        ),
    )
    quals, best = [], []
    for pk, item in zip(ids, items, strict=True):
        top: dict[int, tuple[int, int, str]] = {}
        seen = set()
        for held in item.qualifications:
            ladder_id, level_id, extra = held.ladder_id, held.level_id, held.field
            if held_key(held) in seen:
                continue
            seen.add(held_key(held))
            quals.append((pk, ladder_id, level_id, extra, "", None, "import", held.note, held.test_name, held.score))
            rank = levels[level_id][2]
            if ladder_id not in top or rank > top[ladder_id][1]:
                top[ladder_id] = (level_id, rank, extra)
        best.extend((pk, ladder_id, level_id, rank, extra) for ladder_id, (level_id, rank, extra) in top.items())
    insert_rows(
        Qualification,
        QUALIFICATION_COLUMNS,
        quals,
    )
    insert_rows(PersonLevel, PERSON_LEVEL_COLUMNS, best)

    def after(pk, item):
        data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in item.person.items()}
        data.update(unit_id=item.unit.pk, version=1)
        data["assignment_started"] = [{"unit": item.unit.code, "title": item.assignment.get("title", "")}]
        added = [described(levels, held) for held in item.qualifications]
        if added:
            data["qualifications_added"] = added
        return data

    insert_rows(
        ChangeLogEntry,
        LOG_COLUMNS,
        bulk_log_rows(
            Person,
            (
                (pk, item.person["full_name"], 1, ChangeAction.CREATE, None, after(pk, item), item.unit.path)
                for pk, item in zip(ids, items, strict=True)
            ),
        ),
    )
    return ids


def _update_known(
    items: list[Parsed], existing: dict[int, Person], *, ctx, levels, today
) -> tuple[list[int], list[int]]:
    """Known people (matched by ID number or name and birth): changed fields, their current post's
    details (never a move: _refuse_moves settled the unit), qualifications not held yet. Unchanged
    rows write nothing and log nothing. Returns the ids of the people changed and of the existing
    assignments changed."""
    from canbo.core.bulk import insert_rows

    if not items:
        return [], []
    changes: dict[int, dict] = {}
    changed = []
    for item in items:
        person = existing[item.row]
        before = audit.snapshot(person)
        for k in PERSON_ATTRS:
            value = item.person.get(k)
            if value not in (None, "") and getattr(person, k) != value:
                setattr(person, k, value)
        if person.party_member is False and item.person["party_member"]:
            person.party_member = True
        person.name_key = fold(person.full_name)
        person.sort_key = sort_key(person.full_name)
        after = audit.snapshot(person)
        if {k: v for k, v in after.items() if k != "version"} != {k: v for k, v in before.items() if k != "version"}:
            person.version += 1
            after["version"] = person.version
            changed.append(person)
        changes[person.pk] = {"person": person, "before": before, "after": after}
    Person.unscoped.bulk_update(changed, [*PERSON_ATTRS, "name_key", "sort_key", "version"], batch_size=BATCH)

    def note(person, key, value):
        changes[person.pk]["after"].setdefault(key, []).append(value)

    known_ids = [existing[item.row].pk for item in items]
    open_main = {}
    for ids in chunks(known_ids):
        for a in Assignment.unscoped.filter(person_id__in=ids, is_main=True, end_date__isnull=True):
            open_main[a.person_id] = a
    new_assignments, placed, touched_current = [], [], []
    for item in items:
        person = existing[item.row]
        current = open_main.get(person.pk)
        details = {k: item.assignment.get(k, "") for k in ASSIGNMENT_DETAILS}
        start = item.assignment.get("start_date")
        if current is not None:  # an import never moves anyone: the current post is updated in place
            updates = {k: v for k, v in details.items() if v and getattr(current, k) != v}
            if item.assignment.get("category_inferred") and current.category:
                updates.pop("category", None)  # a category inferred from the title never replaces a stored one
            if updates:
                # The old values go beside the new ones, so the history reads "Loại: Cán bộ → Công chức".
                was = {k: str(getattr(current, k) or "") for k in updates}
                changes[person.pk]["before"].setdefault("assignment_changed", []).append(was)
                for k, v in updates.items():
                    setattr(current, k, v)
                touched_current.append(current)
                note(person, "assignment_changed", {k: str(v) for k, v in updates.items()})
            continue
        if person.unit_id is None:
            person.unit, person.unit_path = item.unit, item.unit.path
            placed.append(person)
        new_assignments.append(Assignment(person=person, unit=item.unit, start_date=start, is_main=True, **details))
        note(
            person,
            "assignment_started",
            {"unit": item.unit.code, "title": details["title"], "start_date": str(start or "")},
        )
    Assignment.unscoped.bulk_update(touched_current, list(ASSIGNMENT_DETAILS), batch_size=BATCH)
    Person.unscoped.bulk_update(placed, ["unit", "unit_path"], batch_size=BATCH)
    Assignment.unscoped.bulk_create(new_assignments, batch_size=BATCH)

    held = set()
    for ids in chunks(known_ids):
        for person_id, level_id, extra, test_name, score in Qualification.unscoped.filter(
            person_id__in=ids
        ).values_list("person_id", "level_id", "field", "test_name", "score"):
            held.add((person_id, level_id, extra, test_name, _score_key(score)))
    new_quals = []
    for item in items:
        person = existing[item.row]
        for q in item.qualifications:
            key = (person.pk, *held_key(q))
            if key in held:
                continue
            held.add(key)
            new_quals.append(
                Qualification(
                    person=person,
                    ladder_id=q.ladder_id,
                    level_id=q.level_id,
                    field=q.field,
                    test_name=q.test_name,
                    score=q.score,
                    note=q.note,
                    source="import",
                )
            )
            note(person, "qualifications_added", described(levels, q))
    Qualification.unscoped.bulk_create(new_quals, batch_size=BATCH)
    for ids in chunks(list({q.person_id for q in new_quals})):
        refresh_levels(ids)
    insert_rows(
        ChangeLogEntry,
        LOG_COLUMNS,
        bulk_log_rows(
            Person,
            (
                (
                    pk,
                    c["person"].full_name,
                    c["person"].version,
                    ChangeAction.UPDATE,
                    c["before"],
                    c["after"],
                    c["person"].unit_path,
                )
                for pk, c in changes.items()
                if c["after"] != c["before"]
            ),
        ),
    )
    changed_ids = [pk for pk, c in changes.items() if c["after"] != c["before"]]
    return changed_ids, [a.pk for a in touched_current]


@dataclass(frozen=True)
class Grant:
    """A qualification another app's bulk writer gives a person (a passed class granting a level)."""

    person_id: int
    ladder_id: int
    level_id: int
    institution: str = ""
    year: int | None = None
    source: str = "training"
    note: str = ""
    field: str = ""
    test_name: str = ""
    score: Decimal | None = None
    training_class: str = ""  # "K12 – Bồi dưỡng …": the class that granted it, for the change log


def _grant_snapshot(pk: int, g: Grant) -> dict:
    """What audit.snapshot gives for the qualification, and the class that granted it."""
    after = {
        "id": pk,
        "person_id": g.person_id,
        "ladder_id": g.ladder_id,
        "level_id": g.level_id,
        "field": g.field,
        "institution": g.institution,
        "year": g.year,
        "source": g.source,
        "note": g.note,
        "test_name": g.test_name,
        "score": None if g.score is None else str(g.score),
    }
    if g.training_class:
        after["granted_by_class"] = g.training_class
    return after


def qualifications_grant(grants: list[Grant], *, refresh: bool = True, log: bool = True) -> list[int]:
    """Add qualifications in bulk for other apps' set-based writers (the training import, the demo):
    the people app owns its tables, so they come here rather than writing rows themselves. Returns
    the new ids in the order given; the current levels are recomputed unless `refresh` is False
    (a caller that refreshes once for a larger batch). Each is logged as a service would log it,
    with the class that granted it, so the person's history says "Cấp trình độ … (hoàn thành lớp
    …)"; `log=False` is for the demo, which builds a world rather than recording changes."""
    from canbo.core.bulk import allocate_ids, insert_rows
    from canbo.people.models import Level

    if not grants:
        return []
    ids = allocate_ids(Qualification, len(grants))
    if log:  # looked up before the COPY below: the connection runs nothing else inside it
        paths = {}
        for batch in chunks(sorted({g.person_id for g in grants})):
            paths.update(Person.unscoped.filter(pk__in=batch).values_list("pk", "unit_path"))
        names = {
            pk: f"{short}: {label}"
            for pk, short, label in Level.objects.filter(pk__in={g.level_id for g in grants}).values_list(
                "pk", "ladder__short_name", "label"
            )
        }
        insert_rows(
            ChangeLogEntry,
            LOG_COLUMNS,
            bulk_log_rows(
                Qualification,
                (
                    (
                        pk,
                        f"{names[g.level_id]}{' ' + g.field if g.field else ''}",
                        None,
                        ChangeAction.CREATE,
                        None,
                        _grant_snapshot(pk, g),
                        paths.get(g.person_id, ""),
                    )
                    for pk, g in zip(ids, grants, strict=True)
                ),
            ),
        )
    insert_rows(
        Qualification,
        ("id", *QUALIFICATION_COLUMNS),
        (
            (
                pk,
                g.person_id,
                g.ladder_id,
                g.level_id,
                g.field,
                g.institution,
                g.year,
                g.source,
                g.note,
                g.test_name,
                g.score,
            )
            for pk, g in zip(ids, grants, strict=True)
        ),
    )
    if refresh:
        for batch in chunks(sorted({g.person_id for g in grants})):
            refresh_levels(batch)
    return ids


def assignments_link_catalog(assignments, *, title_id: int | None = None, position_id: int | None = None) -> int:
    """Point assignments (ids, or a values("pk") queryset) at a catalogue title or job position of
    the standards app. The link is derived from the assignment's own text, so it is neither logged
    nor versioned; it is written here because the people app owns its tables."""
    updates = {}
    if title_id is not None:
        updates["catalog_title_id"] = title_id
    if position_id is not None:
        updates["catalog_position_id"] = position_id
    if not updates:
        return 0
    return Assignment.unscoped.filter(pk__in=assignments).update(**updates)
