"""The gap engine: every person's main assignment at a date against every rule that applies to it,
computed by one set-based SQL statement (never a per-person Python loop) on SQLite and PostgreSQL.

The rules valid at the date are few (dozens), so Python prepares them — minimum rank, the date
before which an appointment is out of its grace period, the accepted field spellings — and the
statement receives them as a VALUES list. Everything proportional to the number of people (main
assignments, best levels per ladder, periods of bồi dưỡng, per-unit exceptions) is joined in SQL.

The same statement serves three uses: the stored results for today (`recompute_all`,
`recompute_people`, kept current by the people hooks), aggregates at a past date (the rules and
assignments of that date), and the preview of a rule change.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from canbo.core.dates import today
from canbo.core.text import fold
from canbo.orgs.models import Unit
from canbo.people.models import Assignment, Level, PersonLevel, Qualification
from canbo.standards.choices import GapStatus, RuleKind
from canbo.standards.models import Gap, GapState, GapSummary, NeedSummary, Requirement, RequirementException
from canbo.training.models import DutyPeriods, ProgrammeKind

# Above this many people a hook's change is left to the worker after the commit.
INLINE_PEOPLE = 5000

GAP_COLUMNS = ("person_id", "rule_id", "unit_id", "unit_path", "title_key", "status", "have", "need", "short")


@dataclass
class ActiveRule:
    """A rule as the statement sees it on one day."""

    id: int
    is_duty: bool
    title_id: int | None
    position_id: int | None
    category: str
    unit_kind: str
    ladder_id: int | None
    need: int
    cutoff: datetime.date | None  # an appointment after this day is still within the grace period
    # Who held the title on this day and falls short is in the transition (None once it is over).
    held_on: datetime.date | None = None
    keywords: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)


def months_before(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


_WORD = re.compile(r"[^0-9a-z]+")


def field_key(text: str) -> str:
    """ "Cử nhân Luật (hệ chính quy)" -> " cu nhan luat he chinh quy ": padded for word matching."""
    return " " + _WORD.sub(" ", fold(text)).strip() + " "


def field_accepted(text: str, keywords: Sequence[str]) -> bool:
    key = field_key(text)
    return any(k and k in key for k in keywords)


def as_active(rule: Requirement, day: datetime.date, levels: dict[int, int]) -> ActiveRule | None:
    """The rule prepared for the statement, or None when it cannot be checked (no minimum)."""
    if rule.kind == RuleKind.DUTY:
        need = rule.periods or 0
    else:
        if not rule.min_level_id or not rule.ladder_id:
            return None
        need = levels[rule.min_level_id]
    return ActiveRule(
        id=rule.pk or 0,
        is_duty=rule.kind == RuleKind.DUTY,
        title_id=rule.title_id,
        position_id=rule.position_id,
        category=rule.category or "",
        unit_kind=rule.unit_kind or "",
        ladder_id=rule.ladder_id,
        need=need,
        cutoff=months_before(day, rule.grace_months) if rule.grace_months else None,
        held_on=(
            rule.transition_held_on
            if rule.transition_held_on and rule.transition_until and day <= rule.transition_until
            else None
        ),
        keywords=[field_key(f) for f in (rule.fields or []) if f.strip()],
    )


def active_rules(
    day: datetime.date, *, replace: Requirement | None = None, drop: int | None = None
) -> list[ActiveRule]:
    """Rules valid on `day`; `replace` stands in for its saved version (or is added when new),
    `drop` leaves a rule out (the preview of ending one)."""
    rules = [r for r in Requirement.objects.valid_on(day) if r.pk != drop and not (replace and r.pk == replace.pk)]
    if replace is not None and replace.is_valid_on(day):
        rules.append(replace)
    levels = dict(Level.objects.values_list("pk", "rank"))
    prepared = [a for a in (as_active(r, day, levels) for r in rules) if a is not None]
    return prepared


# ---------------------------------------------------------------- SQL


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _t(model) -> str:
    return _q(model._meta.db_table)


def _cast(kind: str) -> str:
    if connection.vendor == "postgresql":
        return {"int": "CAST(%s AS integer)", "text": "CAST(%s AS text)", "date": "CAST(%s AS date)"}[kind]
    return {"int": "CAST(%s AS INTEGER)", "text": "%s", "date": "%s"}[kind]


def _date(value: datetime.date | None):
    if value is None or connection.vendor == "postgresql":
        return value
    return value.isoformat()


def _values(rows: list[tuple], kinds: Sequence[str]) -> tuple[str, list]:
    row_sql = "(" + ", ".join(_cast(k) for k in kinds) + ")"
    params: list = []
    for row in rows:
        params.extend(_date(v) if k == "date" else v for v, k in zip(row, kinds, strict=True))
    return "VALUES " + ", ".join([row_sql] * len(rows)), params


@dataclass
class PersonFilter:
    """Whose gaps to compute: everyone, some people, or the people working in a subtree."""

    ids: list[int] | None = None
    path: str | None = None

    def assignment_sql(self) -> tuple[str, list]:
        if self.ids is not None:
            return " AND s.person_id IN (" + (",".join(str(int(i)) for i in self.ids) or "NULL") + ")", []
        if self.path:
            return " AND u.path LIKE %s", [self.path + "%"]
        return "", []


def _accepted_fields(rules: list[ActiveRule], flt: PersonFilter) -> list[tuple[int, str]]:
    """(rule id, field spelling) for every stored field spelling a field-limited rule accepts.

    Distinct spellings are few (hundreds) even over millions of qualifications, so matching them
    word by word here is cheap, and the statement then joins on the exact text.
    """
    with_fields = [r for r in rules if r.keywords and not r.is_duty]
    if not with_fields:
        return []
    quals = Qualification.unscoped.filter(ladder_id__in={r.ladder_id for r in with_fields}).exclude(field="")
    if flt.ids is not None:
        quals = quals.filter(person_id__in=flt.ids)
    elif flt.path:
        quals = quals.filter(person__assignments__unit__path__startswith=flt.path)
    spellings: dict[int, set[str]] = defaultdict(set)
    for ladder_id, text in quals.values_list("ladder_id", "field").distinct():
        spellings[ladder_id].add(text)
    return [
        (r.id, text) for r in with_fields for text in sorted(spellings[r.ladder_id]) if field_accepted(text, r.keywords)
    ]


def assignments_sql(day: datetime.date, flt: PersonFilter) -> tuple[str, list]:
    """Each person's main assignment on `day` (the latest started when several overlap)."""
    filter_sql, filter_params = flt.assignment_sql()
    d = _cast("date")
    true = "TRUE" if connection.vendor == "postgresql" else "1"
    sql = f"""SELECT person_id, unit_id, unit_path, unit_kind, category,
  catalog_title_id, catalog_position_id, start_date
FROM (
  SELECT s.person_id, s.unit_id, u.path AS unit_path, u.kind AS unit_kind, s.category,
         s.catalog_title_id, s.catalog_position_id, s.start_date,
         ROW_NUMBER() OVER (PARTITION BY s.person_id ORDER BY s.start_date DESC, s.id DESC) AS n
  FROM {_t(Assignment)} s JOIN {_t(Unit)} u ON u.id = s.unit_id
  WHERE s.is_main = {true} AND (s.start_date IS NULL OR s.start_date <= {d})
    AND (s.end_date IS NULL OR s.end_date >= {d}){filter_sql}
) a0 WHERE n = 1"""
    return sql, [_date(day), _date(day), *filter_params]


def gap_select(
    rules: list[ActiveRule],
    day: datetime.date,
    flt: PersonFilter,
    *,
    staged: str | None = None,
    posts: list[tuple] | None = None,
) -> tuple[str, list]:
    """The statement's CTEs and final SELECT of GAP_COLUMNS (plus nothing else).

    `staged` names a table already holding `assignments_sql`'s rows (the full recompute stages
    them and lets PostgreSQL ANALYZE them, so that the plan knows there are millions).
    """
    assert rules
    rule_rows = [
        (
            r.id,
            1 if r.is_duty else 0,
            r.title_id,
            r.position_id,
            r.category,
            r.unit_kind,
            r.ladder_id,
            r.need,
            r.cutoff,
            1 if r.keywords and not r.is_duty else 0,
            r.held_on,
        )
        for r in rules
    ]
    r_sql, r_params = _values(
        rule_rows, ("int", "int", "int", "int", "text", "text", "int", "int", "date", "int", "date")
    )
    accepted = _accepted_fields(rules, flt) or [(0, "")]
    af_sql, af_params = _values(accepted, ("int", "text"))
    if posts is not None:
        # Posts people do not hold (yet): the same statement over rows given here instead of the
        # assignments table (no start date, so no grace period applies).
        v_sql, a_params = _values(
            [(*row, None) for row in posts] or [(0, 0, "", "", "", None, None, None)],
            ("int", "int", "text", "text", "text", "int", "int", "date"),
        )
        a_sql = (
            "a (person_id, unit_id, unit_path, unit_kind, category, catalog_title_id, catalog_position_id,"
            f" start_date) AS ({v_sql}),\n"
        )
    elif staged:
        a_sql, a_params = f"a AS (SELECT * FROM {staged}),\n", []
    else:
        inner, a_params = assignments_sql(day, flt)
        a_sql = f"a AS ({inner}),\n"
    restrict = "" if flt.ids is None and not flt.path else " AND q.person_id IN (SELECT person_id FROM a)"
    ladders = sorted({r.ladder_id for r in rules if r.ladder_id and not r.is_duty}) or [0]
    ladder_list = ",".join(str(int(i)) for i in ladders)
    year = day.year
    field_ladders = ",".join(str(int(r.ladder_id)) for r in rules if r.keywords and not r.is_duty) or "0"
    if day == today():
        # Today's best level per ladder is stored by the people services (PersonLevel): one row
        # per person and ladder, no aggregation over every qualification.
        pl_restrict = restrict.replace("q.person_id", "pl.person_id")
        lv_sql = f"""lv AS (
  SELECT pl.person_id, pl.ladder_id, pl.rank FROM {_t(PersonLevel)} pl
  WHERE pl.ladder_id IN ({ladder_list}){pl_restrict}
),
"""
    else:
        lv_sql = f"""lv AS (
  SELECT q.person_id, q.ladder_id, MAX(l.rank) AS rank
  FROM {_t(Qualification)} q JOIN {_t(Level)} l ON l.id = q.level_id
  WHERE q.ladder_id IN ({ladder_list}) AND (q.year IS NULL OR q.year <= {int(year)}){restrict}
  GROUP BY q.person_id, q.ladder_id
),
"""
    d = _cast("date")
    params: list = [*r_params, *af_params]
    year = day.year
    true = "TRUE" if connection.vendor == "postgresql" else "1"
    sql = f"""
WITH r (rule_id, is_duty, title_id, position_id, category, unit_kind, ladder_id, need, cutoff, has_fields, held_on)
  AS ({r_sql}),
af (rule_id, field) AS ({af_sql}),
{a_sql}m AS (
  SELECT a.person_id, a.unit_id, a.unit_path, a.catalog_title_id, a.start_date,
    r.rule_id, r.is_duty, r.ladder_id, r.need, r.cutoff, r.has_fields, r.held_on
  FROM a JOIN r ON r.title_id = a.catalog_title_id
    AND (r.position_id IS NULL OR r.position_id = a.catalog_position_id)
    AND (r.category = '' OR r.category = a.category) AND (r.unit_kind = '' OR r.unit_kind = a.unit_kind)
  UNION ALL
  SELECT a.person_id, a.unit_id, a.unit_path, a.catalog_title_id, a.start_date,
    r.rule_id, r.is_duty, r.ladder_id, r.need, r.cutoff, r.has_fields, r.held_on
  FROM a JOIN r ON r.title_id IS NULL
    AND (r.position_id IS NULL OR r.position_id = a.catalog_position_id)
    AND (r.category = '' OR r.category = a.category) AND (r.unit_kind = '' OR r.unit_kind = a.unit_kind)
),
{lv_sql}fl AS (
  SELECT q.person_id, af.rule_id, MAX(l.rank) AS rank
  FROM {_t(Qualification)} q JOIN af ON af.field = q.field
    JOIN r ON r.rule_id = af.rule_id AND r.ladder_id = q.ladder_id
    JOIN {_t(Level)} l ON l.id = q.level_id
  WHERE q.ladder_id IN ({field_ladders}) AND (q.year IS NULL OR q.year <= {int(year)}){restrict}
  GROUP BY q.person_id, af.rule_id
),
dp AS (SELECT person_id, periods FROM {_t(DutyPeriods)} WHERE year = {int(year)}),
ex AS (
  SELECT e.rule_id, u.id AS unit_id, MIN(l.rank) AS need
  FROM {_t(RequirementException)} e JOIN {_t(Unit)} eu ON eu.id = e.unit_id
    JOIN {_t(Unit)} u ON u.id = e.unit_id OR (e.include_subtree = {true} AND u.path LIKE eu.path || '%%')
    JOIN {_t(Level)} l ON l.id = e.min_level_id
  WHERE e.valid_from <= {d} AND (e.valid_to IS NULL OR e.valid_to >= {d})
  GROUP BY e.rule_id, u.id
),
g AS (
  SELECT m.person_id, m.rule_id, m.unit_id, m.unit_path, COALESCE(m.catalog_title_id, 0) AS title_key,
    CASE WHEN m.is_duty = 1 THEN COALESCE(dp.periods, 0)
         WHEN m.has_fields = 1 THEN COALESCE(fl.rank, 0) ELSE COALESCE(lv.rank, 0) END AS have,
    CASE WHEN m.is_duty = 0 AND ex.need IS NOT NULL AND ex.need < m.need THEN ex.need ELSE m.need END AS need,
    m.start_date, m.cutoff, m.held_on, m.catalog_title_id
  FROM m
    LEFT JOIN lv ON lv.person_id = m.person_id AND lv.ladder_id = m.ladder_id
    LEFT JOIN fl ON fl.person_id = m.person_id AND fl.rule_id = m.rule_id
    LEFT JOIN dp ON dp.person_id = m.person_id
    LEFT JOIN ex ON ex.rule_id = m.rule_id AND ex.unit_id = m.unit_id
)
SELECT person_id, rule_id, unit_id, unit_path, title_key,
  CASE WHEN have >= need THEN {GapStatus.MET.value}
       WHEN g.held_on IS NOT NULL AND EXISTS (
         SELECT 1 FROM {_t(Assignment)} h
         WHERE h.person_id = g.person_id AND h.is_main = {true} AND h.catalog_title_id = g.catalog_title_id
           AND h.start_date <= g.held_on AND (h.end_date IS NULL OR h.end_date >= g.held_on)
       ) THEN {GapStatus.TRANSITION.value}
       WHEN cutoff IS NOT NULL AND start_date IS NOT NULL AND start_date > cutoff THEN {GapStatus.GRACE.value}
       ELSE {GapStatus.UNMET.value} END AS status,
  have, need, CASE WHEN have >= need THEN 0 ELSE need - have END AS short
FROM g"""
    # Parameter order follows the text: r, af, then the assignments, then ex.
    params += [*a_params, _date(day), _date(day)]
    return sql, params


# ---------------------------------------------------------------- stored results


def _state() -> GapState:
    state, _created = GapState.objects.get_or_create(pk=1)
    return state


def _closing_table() -> str:
    return _t(Requirement.closing_kinds.through)


def _summary_sql(where: str) -> str:
    return f"""
SELECT unit_id, MIN(unit_path), rule_id, title_key, COUNT(*),
  SUM(CASE WHEN status = {GapStatus.MET.value} THEN 1 ELSE 0 END),
  SUM(CASE WHEN status = {GapStatus.GRACE.value} THEN 1 ELSE 0 END),
  SUM(CASE WHEN status = {GapStatus.TRANSITION.value} THEN 1 ELSE 0 END)
FROM {_t(Gap)} {where} GROUP BY unit_id, rule_id, title_key"""


def _need_sql(where: str) -> str:
    through = _closing_table()
    return f"""
SELECT g.unit_id, MIN(g.unit_path), k.code, COUNT(DISTINCT g.person_id)
FROM {_t(Gap)} g JOIN {through} ck ON ck.requirement_id = g.rule_id
  JOIN {_t(ProgrammeKind)} k ON k.id = ck.programmekind_id
WHERE g.status <> {GapStatus.MET.value}{where} GROUP BY g.unit_id, k.code"""


def transition_sql(source: str, where: str = "") -> str:
    """People in the transition per unit, programme kind and deadline, from the stored gaps or
    from the statement (`source` is a table or a parenthesised SELECT of GAP_COLUMNS)."""
    return f"""SELECT x.unit_id, MIN(x.unit_path), k.code, rq.transition_until, COUNT(DISTINCT x.person_id)
FROM {source} x JOIN {_t(Requirement)} rq ON rq.id = x.rule_id
  JOIN {_closing_table()} ck ON ck.requirement_id = x.rule_id
  JOIN {_t(ProgrammeKind)} k ON k.id = ck.programmekind_id
WHERE x.status = {GapStatus.TRANSITION.value}{where} GROUP BY x.unit_id, k.code, rq.transition_until"""


def rebuild_summaries() -> None:
    """Recount the per-unit summaries from the stored gaps (after a full or subtree recompute)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_t(GapSummary)}")
        cursor.execute(
            f"INSERT INTO {_t(GapSummary)} "
            "(unit_id, unit_path, rule_id, title_key, applicable, met, grace, transition) " + _summary_sql("")
        )
        cursor.execute(f"DELETE FROM {_t(NeedSummary)}")
        cursor.execute(f"INSERT INTO {_t(NeedSummary)} (unit_id, unit_path, kind_code, people) " + _need_sql(""))


def _write(rules: list[ActiveRule], day: datetime.date, flt: PersonFilter, staged: str | None = None) -> None:
    if not rules:
        return
    sql, params = gap_select(rules, day, flt, staged=staged)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {_t(Gap)} ({', '.join(GAP_COLUMNS)}) {sql}", params)


def _gap_index_sql() -> tuple[list[str], list[str]]:
    """The DDL of Gap's indexes and unique constraint as Django would write it (for PostgreSQL)."""
    from django.db import models

    editor = connection.schema_editor()
    create, drop = [], []
    for index in Gap._meta.indexes:
        create.append(str(index.create_sql(Gap, editor)))
        drop.append(f"DROP INDEX IF EXISTS {_q(index.name)}")
    for constraint in Gap._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            create.append(str(constraint.create_sql(Gap, editor)))
            drop.append(f"ALTER TABLE {_t(Gap)} DROP CONSTRAINT IF EXISTS {_q(constraint.name)}")
    return drop, create


def _drop_gap_indexes() -> None:
    """A full recompute writes millions of rows: building the indexes once afterwards (one sort
    each) is several times cheaper than maintaining them row by row."""
    drop, _create = _gap_index_sql()
    with connection.cursor() as cursor:
        for sql in drop:
            cursor.execute(sql)


def _create_gap_indexes() -> None:
    _drop, create = _gap_index_sql()
    with connection.cursor() as cursor:
        for sql in create:
            cursor.execute(sql)


@transaction.atomic
def recompute_all(*, day: datetime.date | None = None, progress=None) -> int:
    """Every person's gaps for `day` (today): one DELETE, one INSERT … SELECT, summaries recounted."""
    day = day or today()
    rules = active_rules(day)
    step = progress or (lambda done, total: None)
    step(0, 3)
    stage = _q("standards_gap_stage")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {_t(Gap)}")
        else:
            cursor.execute(f"DELETE FROM {_t(Gap)}")
        # Stage everyone's assignment of the day in a table of its own, analysed, so that the plan
        # of the big statement knows it joins millions of rows (a CTE behind a window function
        # is estimated at a few thousand, which leads PostgreSQL to nested loops).
        cursor.execute(f"DROP TABLE IF EXISTS {stage}")
        a_sql, a_params = assignments_sql(day, PersonFilter())
        cursor.execute(f"CREATE TEMP TABLE {stage} AS {a_sql}", a_params)
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {stage}")
    pg = connection.vendor == "postgresql"
    if pg:
        _drop_gap_indexes()
        with connection.cursor() as cursor:
            # Sorts and hashes of millions of rows in memory rather than in temporary files;
            # SET LOCAL ends with this transaction.
            cursor.execute("SET LOCAL work_mem = '256MB'")
    _write(rules, day, PersonFilter(), staged=stage)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {stage}")
    if pg:
        _create_gap_indexes()
    step(1, 3)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {_t(Gap)}")
    rebuild_summaries()
    step(2, 3)
    state = _state()
    state.as_of, state.computed_at = day, timezone.now()
    state.save(update_fields=["as_of", "computed_at"])
    step(3, 3)
    return Gap.objects.count()


@transaction.atomic
def recompute_subtree(*, unit: Unit, day: datetime.date | None = None, progress=None) -> int:
    """The gaps of everyone working in `unit`'s subtree (or stored there), then the summaries."""
    day = day or today()
    ids = set(
        Assignment.unscoped.filter(is_main=True, unit__path__startswith=unit.path)
        .valid_on(day)
        .values_list("person_id", flat=True)
    )
    ids |= set(Gap.objects.filter(unit_path__startswith=unit.path).values_list("person_id", flat=True))
    ids_list = sorted(ids)
    total = max(len(ids_list), 1)
    rules = active_rules(day)
    for start in range(0, len(ids_list), INLINE_PEOPLE):
        chunk = ids_list[start : start + INLINE_PEOPLE]
        Gap.objects.filter(person_id__in=chunk).delete()
        _write(rules, day, PersonFilter(ids=chunk))
        if progress:
            progress(min(start + INLINE_PEOPLE, total), total)
    rebuild_summaries()
    if _state().as_of is None:
        GapState.objects.filter(pk=1).update(as_of=day)
    return Gap.objects.filter(person_id__in=ids_list).count() if len(ids_list) < 50_000 else len(ids_list)


def _grouped(cursor, sql: str, params: list) -> list[tuple]:
    cursor.execute(sql, params)
    return cursor.fetchall()


def _upsert_deltas(table: str, key_cols: Sequence[str], value_cols: Sequence[str], deltas: dict) -> None:
    rows = [(*key, *values) for key, values in deltas.items() if any(values)]
    if not rows:
        return
    cols = [*key_cols, *value_cols]
    conflict = [c for c in key_cols if c != "unit_path"]
    updates = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in value_cols)
    placeholders = "(" + ", ".join(["%s"] * len(cols)) + ")"
    sql = (
        f"INSERT INTO {table} ({', '.join(cols)}) VALUES {', '.join([placeholders] * len(rows))} "
        f"ON CONFLICT ({', '.join(conflict)}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [v for row in rows for v in row])


@transaction.atomic
def recompute_people(person_ids: Iterable[int], *, day: datetime.date | None = None) -> None:
    """Recompute the gaps of a few people and move the summaries by the difference (incremental)."""
    ids = sorted(set(person_ids))
    if not ids:
        return
    day = day or today()
    # Two writers re-checking the same person would both delete, then both insert: lock the
    # people first (row locks, in id order, so two batches never wait on each other in a cycle).
    from canbo.people.models import Person

    list(Person.unscoped.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    rules = active_rules(day)
    id_list = ",".join(str(int(i)) for i in ids)
    where_summary = f"WHERE person_id IN ({id_list})"
    where_need = f" AND g.person_id IN ({id_list})"
    with connection.cursor() as cursor:
        old_summary = _grouped(cursor, _summary_sql(where_summary), [])
        old_need = _grouped(cursor, _need_sql(where_need), [])
        cursor.execute(f"DELETE FROM {_t(Gap)} WHERE person_id IN ({id_list})")
    _write(rules, day, PersonFilter(ids=ids))
    with connection.cursor() as cursor:
        new_summary = _grouped(cursor, _summary_sql(where_summary), [])
        new_need = _grouped(cursor, _need_sql(where_need), [])
    summary: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for sign, rows in ((-1, old_summary), (1, new_summary)):
        for unit_id, path, rule_id, title_key, n, met, grace, transition in rows:
            acc = summary[(unit_id, path, rule_id, title_key)]
            acc[0] += sign * n
            acc[1] += sign * (met or 0)
            acc[2] += sign * (grace or 0)
            acc[3] += sign * (transition or 0)
    needs: dict[tuple, list[int]] = defaultdict(lambda: [0])
    for sign, rows in ((-1, old_need), (1, new_need)):
        for unit_id, path, code, n in rows:
            needs[(unit_id, path, code)][0] += sign * n
    _upsert_deltas(
        _t(GapSummary),
        ("unit_id", "unit_path", "rule_id", "title_key"),
        ("applicable", "met", "grace", "transition"),
        {k: tuple(v) for k, v in summary.items()},
    )
    _upsert_deltas(
        _t(NeedSummary), ("unit_id", "unit_path", "kind_code"), ("people",), {k: tuple(v) for k, v in needs.items()}
    )
    touched_units = {k[0] for k in summary} | {k[0] for k in needs}
    if touched_units:
        GapSummary.objects.filter(unit_id__in=touched_units, applicable__lte=0).delete()
        NeedSummary.objects.filter(unit_id__in=touched_units, people__lte=0).delete()
    # The row exists from the migration on; one UPDATE that usually matches nothing.
    GapState.objects.filter(pk=1, as_of__isnull=True).update(as_of=day)


def affected_by(rules: list[ActiveRule], day: datetime.date) -> list[int]:
    """People whose main assignment on `day` one of these rules applies to (set-based)."""
    if not rules:
        return []
    sql, params = gap_select(rules, day, PersonFilter())
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT person_id FROM ({sql}) x", params)
        return [row[0] for row in cursor.fetchall()]


# ---------------------------------------------------------------- hooks


# Beyond this many people one full recompute is cheaper than re-checking them in chunks.
FULL_RECOMPUTE_PEOPLE = 200_000


def _enqueue_people(ids: list[int]) -> None:
    """After the commit, in the worker: these people in chunks, or everyone when they are many."""
    from canbo.standards.tasks import recompute_gaps

    queued = timezone.now().isoformat()
    if len(ids) > FULL_RECOMPUTE_PEOPLE:
        transaction.on_commit(lambda: recompute_gaps.enqueue(queued_at=queued))
        return
    transaction.on_commit(lambda: recompute_gaps.enqueue(person_ids=ids, queued_at=queued))


def on_people_changed(person_ids: list[int]) -> None:
    """On `events.PeopleChanged`: re-check these people now, or after the commit in the worker when many."""
    if len(person_ids) > INLINE_PEOPLE:
        _enqueue_people(list(person_ids))
        return
    from canbo.standards.services import link_people

    link_people(person_ids)
    recompute_people(person_ids)


def on_rules_changed(rules: list[Requirement], *, previous: list[int] | None = None) -> None:
    """After a rule is saved: re-check the people it applied to before and applies to now."""
    day = today()
    ids = set(previous or [])
    ids |= set(Gap.objects.filter(rule_id__in=[r.pk for r in rules]).values_list("person_id", flat=True))
    levels = dict(Level.objects.values_list("pk", "rank"))
    prepared = [a for a in (as_active(r, day, levels) for r in rules) if a is not None]
    ids |= set(affected_by(prepared, day))
    if len(ids) > INLINE_PEOPLE:
        _enqueue_people(sorted(ids))
        return
    recompute_people(ids, day=day)


# ---------------------------------------------------------------- preview and history


def preview_change(*, candidate: Requirement | None, original: Requirement | None) -> dict[str, int]:
    """How many people a rule change would move between "meets every standard" and "does not",
    compared with the stored results, before anything is saved."""
    day = today()
    levels = dict(Level.objects.values_list("pk", "rank"))
    touched: list[ActiveRule] = []
    for rule in (original, candidate):
        if rule is not None and rule.is_valid_on(day):
            prepared = as_active(rule, day, levels)
            if prepared is not None:
                touched.append(prepared)
    ids = affected_by(touched, day)
    if original is not None:
        ids = sorted(set(ids) | set(Gap.objects.filter(rule_id=original.pk).values_list("person_id", flat=True)))
    if not ids:
        return {"people": 0, "to_unmet": 0, "to_met": 0}
    if candidate is None:
        rules = active_rules(day, drop=original.pk if original else None)
    else:
        rules = active_rules(day, replace=candidate)
    before: dict[int, bool] = dict.fromkeys(ids, True)
    for person_id in (
        Gap.objects.filter(person_id__in=ids).exclude(status=GapStatus.MET).values_list("person_id", flat=True)
    ):
        before[person_id] = False
    after: dict[int, bool] = dict.fromkeys(ids, True)
    if rules:
        sql, params = gap_select(rules, day, PersonFilter(ids=ids))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT DISTINCT person_id FROM ({sql}) x WHERE status <> {GapStatus.MET.value}", params)
            for (person_id,) in cursor.fetchall():
                after[person_id] = False
    to_unmet = sum(1 for p in ids if before[p] and not after[p])
    to_met = sum(1 for p in ids if not before[p] and after[p])
    return {"people": len(ids), "to_unmet": to_unmet, "to_met": to_met}


def computed_at(day: datetime.date, flt: PersonFilter, *, group: str) -> list[tuple]:
    """Aggregates straight from the statement for a date the stored results do not describe.

    group="rates": (unit_id, unit_path, rule_id, title_key, applicable, met, grace, transition);
    group="needs": (unit_id, unit_path, kind_code, people);
    group="transition": (unit_id, unit_path, kind_code, deadline, people) of those in the transition.
    """
    rules = active_rules(day)
    if not rules:
        return []
    sql, params = gap_select(rules, day, flt)
    if group == "rates":
        outer = f"""SELECT unit_id, MIN(unit_path), rule_id, title_key, COUNT(*),
  SUM(CASE WHEN status = {GapStatus.MET.value} THEN 1 ELSE 0 END),
  SUM(CASE WHEN status = {GapStatus.GRACE.value} THEN 1 ELSE 0 END),
  SUM(CASE WHEN status = {GapStatus.TRANSITION.value} THEN 1 ELSE 0 END)
FROM ({sql}) x GROUP BY unit_id, rule_id, title_key"""
    elif group == "transition":
        outer = transition_sql(f"({sql})")
    else:
        outer = f"""SELECT x.unit_id, MIN(x.unit_path), k.code, COUNT(DISTINCT x.person_id)
FROM ({sql}) x JOIN {_closing_table()} ck ON ck.requirement_id = x.rule_id
  JOIN {_t(ProgrammeKind)} k ON k.id = ck.programmekind_id
WHERE x.status <> {GapStatus.MET.value} GROUP BY x.unit_id, k.code"""
    with connection.cursor() as cursor:
        cursor.execute(outer, params)
        return cursor.fetchall()


def gaps_at(day: datetime.date, flt: PersonFilter) -> list[tuple]:
    """The rows themselves (GAP_COLUMNS) at a date, for drill-downs and one person's panel."""
    rules = active_rules(day)
    if not rules:
        return []
    sql, params = gap_select(rules, day, flt)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def gaps_for_posts(day: datetime.date, posts: list[tuple[int, Unit, int, str]]) -> list[tuple]:
    """Each person's gaps against a post they do not hold: `posts` are (person id, unit, catalog
    title id, category) — a pooled post of a succession plan, a proposed appointment. Returns
    GAP_COLUMNS rows as if the person held that post on `day` (the person's levels and periods
    are theirs; the rules are the post's), so the pool shows what the post would demand."""
    rules = active_rules(day)
    if not rules or not posts:
        return []
    rows = [
        (pid, unit.pk, unit.path, unit.kind, category or "", title_id, None) for pid, unit, title_id, category in posts
    ]
    flt = PersonFilter(ids=sorted({row[0] for row in rows}))
    sql, params = gap_select(rules, day, flt, posts=rows)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def page_at(
    day: datetime.date,
    flt: PersonFilter,
    *,
    rule_ids: list[int],
    title_key: int | None,
    status: int | None,
    after: int,
    limit: int,
) -> list[tuple]:
    """One keyset page of result rows at a past date, filtered in SQL (a province's drill-down
    must not bring millions of rows into Python): (person, rule, unit path, status, have, need, short)."""
    rules = [r for r in active_rules(day) if r.id in set(rule_ids)]
    if not rules:
        return []
    sql, params = gap_select(rules, day, flt)
    where = [f"person_id > {int(after)}"]
    if title_key is not None:
        where.append(f"title_key = {int(title_key)}")
    if status is not None:
        where.append(f"status = {int(status)}")
    outer = (
        f"SELECT person_id, rule_id, unit_path, status, have, need, short FROM ({sql}) x "
        f"WHERE {' AND '.join(where)} ORDER BY person_id, rule_id LIMIT {int(limit)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(outer, params)
        return cursor.fetchall()


def unmet_rows_at(day: datetime.date, flt: PersonFilter, *, rule_ids: list[int]) -> list[tuple]:
    """The rows short of any of `rule_ids` at a past date (status other than met), filtered in SQL:
    (person, rule, unit path, status). The people behind a need of the standards page."""
    wanted = set(rule_ids)
    rules = [r for r in active_rules(day) if r.id in wanted]
    if not rules:
        return []
    sql, params = gap_select(rules, day, flt)
    outer = (
        f"SELECT person_id, rule_id, unit_path, status FROM ({sql}) x "
        f"WHERE status <> {GapStatus.MET.value} ORDER BY person_id, rule_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(outer, params)
        return cursor.fetchall()


def stored_day() -> datetime.date | None:
    state = GapState.objects.filter(pk=1).first()
    return state.as_of if state else None


def uses_stored(day: datetime.date) -> bool:
    """Stored results describe today once computed; other dates are computed from the statement."""
    return day == today() and stored_day() is not None
