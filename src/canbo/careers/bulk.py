"""Set-based writes of evaluations (the Excel import, the demo): the same rules module as
`services.evaluation_record` (careers.rules: bands, sanction, steps, the cap), the same reach check,
every row logged — in a few queries instead of one service call per row."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from canbo.accounts.permissions import ensure_within_reach
from canbo.careers import rules
from canbo.careers.choices import EvaluationLevel
from canbo.careers.models import Evaluation
from canbo.core import audit
from canbo.core.audit import LOG_COLUMNS
from canbo.core.bulk import allocate_ids, insert_rows
from canbo.core.models import ChangeAction, ChangeLogEntry

WRITTEN_FIELDS = (
    "unit_id",
    "unit_path",
    "category",
    "title",
    "scheme_id",
    "self_score",
    "self_level",
    "self_assessed_on",
    "superior_comment",
    "superior_on",
    "collective_opinion",
    "collective_on",
    "score",
    "level",
    "decided_by",
    "decided_on",
    "decision_number",
    "sanction",
    "note",
)


@dataclass
class Row:
    """One evaluation to write; `key` is the file's row number (or any caller's tag) for errors."""

    key: int
    person_id: int
    year: int
    unit_id: int
    unit_path: str
    category: str = ""
    title: str = ""
    level: str = ""
    score: Decimal | None = None
    self_score: Decimal | None = None
    self_level: str = ""
    self_assessed_on: datetime.date | None = None
    superior_comment: str = ""
    superior_on: datetime.date | None = None
    collective_opinion: str = ""
    collective_on: datetime.date | None = None
    decided_by: str = ""
    decided_on: datetime.date | None = None
    decision_number: str = ""
    sanction: str = ""
    note: str = ""
    scheme_id: int | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)


def check_rows(rows: list[Row], *, book: rules.SchemeBook, units: dict, today=None) -> dict[int, dict[str, list[str]]]:
    """Row key → field → messages: each row by the rules of its year's scheme, then the cap per unit
    and year over the rows together with what is stored. Sets each row's scheme and level."""
    today = today or timezone.localdate()
    problems: dict[int, dict[str, list[str]]] = {}
    for row in rows:
        values = {name: getattr(row, name) for name in ("year", "category", "score", "self_score", "level", "sanction")}
        values.update({name: getattr(row, name) for name in rules.STEP_FIELDS})
        errors = rules.check(values, book=book, today=today)
        if errors:
            problems[row.key] = errors
            continue
        row.level = values["level"]
        row.scheme_id = values["scheme"].pk if values["scheme"] is not None else None
    good = [r for r in rows if r.key not in problems]
    proposed = {(r.person_id, r.year): (r.unit_id, r.level, r.scheme_id) for r in good}
    over = rules.cap_problems(
        [(r.unit_id, r.year, r.scheme_id, r.level) for r in good], proposed, book=book, units=units
    )
    # the message goes on the group's "xuất sắc" rows, or on all its rows when the file has none
    # (fewer "tốt" now leave the stored "xuất sắc" over the cap)
    blamed = {
        key for key in over if any(r.level == "excellent" for r in good if (r.unit_id, r.year, r.scheme_id) == key)
    }
    for r in good:
        key = (r.unit_id, r.year, r.scheme_id)
        if key in over and (r.level == "excellent" or key not in blamed):
            problems.setdefault(r.key, {}).setdefault("level", []).append(over[key])
    return problems


@transaction.atomic
def evaluations_write(rows: list[Row], *, user) -> tuple[int, int]:
    """Write checked rows (create, or update the person's result of that year); returns (created,
    updated). The rows written are then checked to lie within `user`'s reach (rolled back if not)."""
    existing = {}
    people = sorted({r.person_id for r in rows})
    for start in range(0, len(people), 2000):
        for e in Evaluation.unscoped.filter(person_id__in=people[start : start + 2000]):
            existing[(e.person_id, e.year)] = e
    new = [r for r in rows if (r.person_id, r.year) not in existing]
    known = [r for r in rows if (r.person_id, r.year) in existing]
    now = timezone.now()
    ids = allocate_ids(Evaluation, len(new))
    labels = {level.value: str(level.label) for level in EvaluationLevel}
    columns = ["id", "version", "person_id", "year", *WRITTEN_FIELDS, "created_at", "updated_at"]
    table_rows, log = [], []
    for pk, r in zip(ids, new, strict=True):
        values = [pk, 1, r.person_id, r.year, *(getattr(r, name) for name in WRITTEN_FIELDS), now, now]
        table_rows.append(values)
        after = {name: audit._json_value(value) for name, value in zip(columns, values, strict=True)}
        log.append(
            (
                pk,
                f"{r.person_id} {r.year}: {labels.get(r.level, r.level)}",
                1,
                ChangeAction.CREATE,
                None,
                after,
                r.unit_path,
            )
        )
    insert_rows(Evaluation, columns, table_rows)
    if log:
        insert_rows(ChangeLogEntry, LOG_COLUMNS, audit.bulk_log_rows(Evaluation, log))
    updated = 0
    for r in known:
        obj = existing[(r.person_id, r.year)]
        before = audit.snapshot(obj)
        for name in WRITTEN_FIELDS:
            setattr(obj, name, getattr(r, name))
        if audit.snapshot(obj) == before:
            continue
        obj.version += 1
        obj.save()
        audit.log_update(obj, before)
        updated += 1
    written = list(ids) + [existing[(r.person_id, r.year)].pk for r in known]
    for start in range(0, len(written), 5000):
        ensure_within_reach(user, Evaluation.unscoped.filter(pk__in=written[start : start + 5000]))
    return len(ids), updated


def fill_posts(rows: list[Row], *, place: bool = False) -> None:
    """Category and title (unless given) from each person's main post on 31/12 of the row's year;
    with `place`, also the unit of that post (where the person worked when evaluated: a result of
    2023 stays with the district of 2023 after the 2025 reorganisation)."""
    from collections import defaultdict

    from canbo.people.models import Assignment

    by_person: dict[int, list[tuple]] = defaultdict(list)
    ids = sorted({r.person_id for r in rows})
    for start in range(0, len(ids), 2000):
        for pid, category, title, s, e, unit_id, path in (
            Assignment.unscoped.filter(person_id__in=ids[start : start + 2000], is_main=True)
            .order_by("start_date", "pk")
            .values_list("person_id", "category", "title", "start_date", "end_date", "unit_id", "unit__path")
        ):
            by_person[pid].append((category, title, s, e, unit_id, path))
    for r in rows:
        day = datetime.date(r.year, 12, 31)
        posts = by_person.get(r.person_id, [])
        held = [p for p in posts if (p[2] is None or p[2] <= day) and (p[3] is None or p[3] >= day)]
        chosen = held[-1] if held else (posts[-1] if posts else ("", "", None, None, None, None))
        r.category = chosen[0] or ""
        r.title = r.title or (chosen[1] or "")[:150]
        if place and held and chosen[4]:
            r.unit_id, r.unit_path = chosen[4], chosen[5]
