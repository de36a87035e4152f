"""Reads of standards and gaps, always for an acting user (None = the system) and a date.

Today's figures come from the stored summaries (a sum over a few thousand rows, whatever the
number of people); another date is computed by the engine's statement with the rules and
assignments of that date. Either way the user's reach filters the units counted.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from canbo.core.scope import Scope
from canbo.orgs.models import Unit
from canbo.people.models import Ladder, Person
from canbo.standards import engine
from canbo.standards.choices import GapStatus, RuleKind
from canbo.standards.models import Gap, GapSummary, NeedSummary, Requirement, Title


def _scope(user) -> Scope:
    return Scope.everything() if user is None else Scope.for_user(user)


def _in_scope(scope: Scope, path: str) -> bool:
    return scope.contains_path(path)


def needs_by_kind(*, user, unit: Unit, day: datetime.date) -> dict[str, int]:
    """ProgrammeKind code → distinct people in `unit`'s subtree (within the user's reach) who need
    that kind on `day`: they fall short of, or are within the grace period of, a rule it closes."""
    scope = _scope(user)
    if scope.person_only:
        rows = _person_rows(scope.person_id, day) if scope.person_id else []
        kinds = _closing_by_rule()
        result: dict[str, int] = {}
        for row in rows:
            if row["status"] != GapStatus.MET and row["unit_path"].startswith(unit.path):
                for code in kinds.get(row["rule_id"], []):
                    result[code] = 1
        return result
    if engine.uses_stored(day):
        qs = NeedSummary.objects.filter(unit_path__startswith=unit.path).filter(scope.q("unit_path"))
        return {
            row["kind_code"]: row["n"]
            for row in qs.values("kind_code").annotate(n=Sum("people")).order_by("kind_code")
            if row["n"]
        }
    totals: dict[str, int] = defaultdict(int)
    for _unit_id, path, code, n in engine.computed_at(day, engine.PersonFilter(path=unit.path), group="needs"):
        if _in_scope(scope, path):
            totals[code] += n
    return dict(sorted((k, v) for k, v in totals.items() if v))


def needs_by_unit(*, user, unit: Unit, day: datetime.date) -> list[tuple[Unit, dict[str, int]]]:
    """The needs summary of each unit directly under `unit` (and `unit` itself for its own staff)."""
    scope = _scope(user)
    if engine.uses_stored(day):
        rows = (
            NeedSummary.objects.filter(unit_path__startswith=unit.path)
            .filter(scope.q("unit_path"))
            .values_list("unit_id", "unit_path", "kind_code", "people")
        )
    else:
        rows = [
            r
            for r in engine.computed_at(day, engine.PersonFilter(path=unit.path), group="needs")
            if _in_scope(scope, r[1])
        ]
    by_child: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for _unit_id, path, code, n in rows:
        rest = path[len(unit.path) :].strip("/").split("/")
        child = int(rest[0]) if rest and rest[0] else unit.pk
        by_child[child][code] += n
    units = {u.pk: u for u in Unit.unscoped.filter(pk__in=by_child)}
    ordered = sorted(by_child, key=lambda pk: (pk != unit.pk, units[pk].name if pk in units else ""))
    return [(units[pk], dict(by_child[pk])) for pk in ordered if pk in units]


@dataclass
class Rate:
    """One line of the standardisation rate: people a rule applies to, how many meet it."""

    title_key: int
    title: str
    sector: str
    ladder: str
    ladder_code: str
    rule_ids: list[int] = field(default_factory=list)
    applicable: int = 0
    met: int = 0
    grace: int = 0
    transition: int = 0  # short of the rule but within the decree's transition (not "chưa đạt")

    @property
    def unmet(self) -> int:
        return self.applicable - self.met - self.grace - self.transition

    @property
    def rate(self) -> float:
        return 100.0 * self.met / self.applicable if self.applicable else 0.0


def _summary_rows(user, unit: Unit, day: datetime.date) -> list[tuple]:
    scope = _scope(user)
    if engine.uses_stored(day):
        qs = GapSummary.objects.filter(unit_path__startswith=unit.path).filter(scope.q("unit_path"))
        return list(
            qs.values("rule_id", "title_key")
            .annotate(n=Sum("applicable"), met_n=Sum("met"), grace_n=Sum("grace"), tr_n=Sum("transition"))
            .values_list("rule_id", "title_key", "n", "met_n", "grace_n", "tr_n")
        )
    merged: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for _unit_id, path, rule_id, title_key, n, met, grace, transition in engine.computed_at(
        day, engine.PersonFilter(path=unit.path), group="rates"
    ):
        if _in_scope(scope, path):
            acc = merged[(rule_id, title_key)]
            acc[0] += n
            acc[1] += met or 0
            acc[2] += grace or 0
            acc[3] += transition or 0
    return [(rule_id, title_key, *v) for (rule_id, title_key), v in merged.items()]


def unit_rates(*, user, unit: Unit, day: datetime.date) -> list[Rate]:
    """The standardisation rate of a subtree by title and ladder (duty rules as their own line)."""
    rows = _summary_rows(user, unit, day)
    rules = {r.pk: r for r in Requirement.objects.filter(pk__in={r[0] for r in rows}).select_related("ladder")}
    titles = {t.pk: t for t in Title.objects.filter(pk__in={r[1] for r in rows})}
    lines: dict[tuple[int, str], Rate] = {}
    for rule_id, title_key, n, met, grace, transition in rows:
        rule = rules.get(rule_id)
        if rule is None:
            continue
        if rule.kind == RuleKind.DUTY:
            ladder_code, ladder_name = "duty", _("Bồi dưỡng hằng năm")
        else:
            ladder_code, ladder_name = rule.ladder.code, rule.ladder.name
        title = titles.get(title_key)
        key = (title_key, ladder_code)
        line = lines.get(key)
        if line is None:
            line = lines[key] = Rate(
                title_key=title_key,
                title=title.name if title else _("Chưa gắn chức danh"),
                sector=(title.sector if title else "") or _("Khác"),
                ladder=ladder_name,
                ladder_code=ladder_code,
            )
        line.rule_ids.append(rule_id)
        line.applicable += n
        line.met += met or 0
        line.grace += grace or 0
        line.transition += transition or 0
    order = {lad.code: lad.order for lad in Ladder.objects.all()}
    title_order = {t.pk: (t.unit_level, t.order) for t in titles.values()}
    return sorted(
        lines.values(),
        key=lambda r: (title_order.get(r.title_key, ("~", 999)), order.get(r.ladder_code, 99)),
    )


def rate_totals(rates: list[Rate]) -> list[Rate]:
    """The same figures summed per ladder over every title (the first table of the page)."""
    totals: dict[str, Rate] = {}
    for r in rates:
        t = totals.setdefault(
            r.ladder_code, Rate(title_key=0, title="", sector="", ladder=r.ladder, ladder_code=r.ladder_code)
        )
        t.applicable += r.applicable
        t.met += r.met
        t.grace += r.grace
        t.transition += r.transition
        t.rule_ids.extend(r.rule_ids)
    return list(totals.values())


def weak_sectors(*, user, unit: Unit, day: datetime.date, limit: int = 10) -> dict[str, list]:
    """The lowest rates across a subtree: by sector, and by sector and title (at least 3 people).

    The annual training duty is left out: it is a yearly obligation of everyone rather than a
    standard of a post, and counts zero for all until the year's classes are recorded.
    """
    rates = [r for r in unit_rates(user=user, unit=unit, day=day) if r.ladder_code != "duty"]
    sectors: dict[str, Rate] = {}
    for r in rates:
        s = sectors.setdefault(r.sector, Rate(title_key=0, title="", sector=r.sector, ladder="", ladder_code=""))
        s.applicable += r.applicable
        s.met += r.met
        s.grace += r.grace
        s.transition += r.transition
    by_sector = sorted((s for s in sectors.values() if s.applicable), key=lambda s: (s.rate, -s.applicable))
    by_title = sorted((r for r in rates if r.applicable >= 3), key=lambda r: (r.rate, -r.applicable))
    return {"sectors": by_sector[:limit], "titles": by_title[:limit]}


@dataclass
class GapLine:
    person: Person
    rule: Requirement
    status: int
    have: int
    need: int
    short: int

    @property
    def status_label(self) -> str:
        return status_label(self.status, self.rule)


def status_label(status: int, rule: Requirement) -> str:
    """ "Chưa đạt", "Đạt", …; the transition says until when: "trong thời hạn chuẩn hoá đến 01/08/2028"."""
    if status == GapStatus.TRANSITION and rule.transition_until:
        return _("Chưa đạt, trong thời hạn chuẩn hoá đến %(day)s") % {"day": rule.transition_until.strftime("%d/%m/%Y")}
    return GapStatus(status).label


@dataclass
class TransitionNeed:
    """People who need a programme kind to meet, before `deadline`, a rule they are in the transition of."""

    kind_code: str
    kind_name: str
    deadline: datetime.date | None
    people: int


def transition_needs(*, user, unit: Unit, day: datetime.date) -> list[TransitionNeed]:
    """The part of the needs that has a deadline (NĐ 33 Điều 38): per kind and deadline, the
    people of `unit`'s subtree within the user's reach who are in the transition on `day`.
    They are also counted in `needs_by_kind`; this says by when."""
    from django.db import connection

    from canbo.training.models import ProgrammeKind

    scope = _scope(user)
    if scope.person_only:
        rows = [
            (0, r["unit_path"], code, Requirement.objects.get(pk=r["rule_id"]).transition_until, 1)
            for r in (_person_rows(scope.person_id, day) if scope.person_id else [])
            if r["status"] == GapStatus.TRANSITION and r["unit_path"].startswith(unit.path)
            for code in _closing_by_rule().get(r["rule_id"], [])
        ]
    elif engine.uses_stored(day):
        with connection.cursor() as cursor:
            cursor.execute(engine.transition_sql(engine._t(Gap), " AND x.unit_path LIKE %s"), [unit.path + "%"])
            rows = cursor.fetchall()
    else:
        rows = engine.computed_at(day, engine.PersonFilter(path=unit.path), group="transition")
    totals: dict[tuple[str, object], int] = defaultdict(int)
    for _unit_id, path, code, until, n in rows:
        if _in_scope(scope, path):
            totals[(code, until)] += n
    kinds = {k.code: k for k in ProgrammeKind.objects.all()}
    result = [
        TransitionNeed(code, kinds[code].name if code in kinds else code, _as_date(until), n)
        for (code, until), n in totals.items()
        if n
    ]
    return sorted(result, key=lambda t: (kinds[t.kind_code].order if t.kind_code in kinds else 999, str(t.deadline)))


def _as_date(value) -> datetime.date | None:
    """SQLite hands dates back as text from a raw statement."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def drilldown(
    *,
    user,
    unit: Unit,
    day: datetime.date,
    rule_ids: list[int],
    title_key: int | None = None,
    status: int | None = None,
    after: int = 0,
    size: int = 50,
) -> tuple[list[GapLine], int | None]:
    """The people behind one number of the rate table, by person id (keyset pages)."""
    scope = _scope(user)
    if engine.uses_stored(day):
        qs = Gap.objects.filter(rule_id__in=rule_ids, unit_path__startswith=unit.path).filter(
            scope.q("unit_path") & scope.person_q("person_id")
        )
        if title_key is not None:
            qs = qs.filter(title_key=title_key)
        if status is not None:
            qs = qs.filter(status=status)
        rows = list(
            qs.filter(person_id__gt=after)
            .order_by("person_id", "rule_id")
            .values_list("person_id", "rule_id", "status", "have", "need", "short")[: size + 1]
        )
    else:
        rows = []
        position = after
        # The scope filter applies to the rows of each page; pages repeat until one is full.
        while len(rows) <= size:
            chunk = engine.page_at(
                day,
                engine.PersonFilter(path=unit.path),
                rule_ids=rule_ids,
                title_key=title_key,
                status=status,
                after=position,
                limit=size + 1,
            )
            if not chunk:
                break
            rows.extend(
                (p, r, st, h, n, sh)
                for p, r, path, st, h, n, sh in chunk
                if _in_scope(scope, path) and (not scope.person_only or p == scope.person_id)
            )
            position = chunk[-1][0]
            if len(chunk) <= size:
                break
        rows = rows[: size + 1]
    more = len(rows) > size
    rows = rows[:size]
    # As `need_people`: the people as they are now, within reach and under the unit.
    people = (
        Person.unscoped.select_related("unit")
        .filter(scope.q("unit_path") & scope.person_q("pk"), unit_path__startswith=unit.path)
        .in_bulk({r[0] for r in rows})
    )
    rules = Requirement.objects.select_related("min_level", "ladder").in_bulk({r[1] for r in rows})
    lines = [GapLine(people[p], rules[r], s, h, n, sh) for p, r, s, h, n, sh in rows if p in people and r in rules]
    return lines, (rows[-1][0] if more and rows else None)


def _person_rows(person_id: int, day: datetime.date) -> list[dict]:
    if engine.uses_stored(day):
        return list(
            Gap.objects.filter(person_id=person_id).values("rule_id", "unit_path", "status", "have", "need", "short")
        )
    return [
        {"rule_id": r[1], "unit_path": r[3], "status": r[5], "have": r[6], "need": r[7], "short": r[8]}
        for r in engine.gaps_at(day, engine.PersonFilter(ids=[person_id]))
    ]


def _closing_by_rule() -> dict[int, list[str]]:
    through = Requirement.closing_kinds.through
    result: dict[int, list[str]] = defaultdict(list)
    for rule_id, code in through.objects.values_list("requirement_id", "programmekind__code"):
        result[rule_id].append(code)
    return result


@dataclass
class PersonStandard:
    rule: Requirement
    status: int
    have: str
    need: str
    short: int
    closing: list[str]

    @property
    def met(self) -> bool:
        return self.status == GapStatus.MET

    @property
    def status_label(self) -> str:
        return status_label(self.status, self.rule)


def person_standards(*, person: Person, day: datetime.date) -> list[PersonStandard]:
    """Every rule that applies to the person's main assignment on `day`, met or not, with the
    level they hold, the level asked for and the programme kinds that would close the gap.
    The caller has already found the person within the user's reach."""
    from canbo.people.models import Level
    from canbo.training.models import ProgrammeKind

    rows = _person_rows(person.pk, day)
    rules = Requirement.objects.select_related("ladder", "min_level", "title").in_bulk({r["rule_id"] for r in rows})
    ranks: dict[tuple[int, int], str] = {}
    for lv in Level.objects.order_by("order"):
        ranks.setdefault((lv.ladder_id, lv.rank), lv.label)
    kinds = _closing_by_rule()
    names = dict(ProgrammeKind.objects.values_list("code", "name"))
    result = []
    for row in rows:
        rule = rules.get(row["rule_id"])
        if rule is None:
            continue
        if rule.kind == RuleKind.DUTY:
            have = _("%(n)s tiết") % {"n": row["have"]}
            need = _("%(n)s tiết") % {"n": row["need"]}
        else:
            have = ranks.get((rule.ladder_id, row["have"]), "—")
            need = ranks.get((rule.ladder_id, row["need"]), "—")
        result.append(
            PersonStandard(
                rule=rule,
                status=row["status"],
                have=have,
                need=need,
                short=row["short"],
                closing=[names.get(c, c) for c in kinds.get(rule.pk, [])] if row["status"] != GapStatus.MET else [],
            )
        )
    return sorted(result, key=lambda s: (s.met, s.rule.kind, s.rule.name))


def rule_documents() -> list[str]:
    """The documents the rules cite, for the rule list's filter: the part of each source before
    its first comma, semicolon or bracket ("NĐ 33/2023/NĐ-CP", "Luật Hộ tịch 2014", …)."""
    import re

    names = set()
    for source in Requirement.objects.exclude(source="").values_list("source", flat=True).distinct():
        head = re.split(r"[,;(]", source, maxsplit=1)[0].strip()
        if head:
            names.add(head)
    return sorted(names)


def rules_list(*, day: datetime.date | None = None, q: str = "", document: str = "", confirmed: bool | None = None):
    """The rules, optionally valid on `day`, matching `q`, citing `document` anywhere in their
    source (a rule that applies a law through a decree cites both) and confirmed or not."""
    qs = Requirement.objects.select_related("title", "position", "ladder", "min_level").prefetch_related(
        "closing_kinds", "exceptions__unit", "exceptions__min_level"
    )
    if day:
        qs = qs.valid_on(day)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q) | Q(source__icontains=q))
    if document:
        qs = qs.filter(source__icontains=document)
    if confirmed is not None:
        qs = qs.filter(confirmed=confirmed)
    return qs


def duty_periods_required(*, category: str, day: datetime.date) -> int:
    """The yearly periods of bồi dưỡng asked of a category on `day` (0 without a duty rule): the
    one place training reads the duty from."""
    rule = (
        Requirement.objects.valid_on(day)
        .filter(kind=RuleKind.DUTY, category=category, title__isnull=True, position__isnull=True)
        .order_by("-valid_from")
        .first()
    )
    return rule.periods or 0 if rule else 0


def title_categories() -> list[tuple]:
    """(spelling, category, unit level, valid_from, valid_to) for every name and synonym of a
    catalogue title with a category: the people import infers a row's category from its title
    (events.TitleCategories), since people does not read the standards app's tables itself."""
    rows = []
    for title in Title.objects.exclude(category="").order_by("valid_from", "order", "pk"):
        for spelling in dict.fromkeys([title.name, *title.synonyms]):
            if spelling and spelling.strip():
                rows.append((spelling, title.category, title.unit_level, title.valid_from, title.valid_to))
    return rows


@dataclass
class NeedLine:
    """One person behind a need of the standards page: the rules they fall short of that the
    programme kind would close, with their status."""

    person: Person
    gaps: list[tuple[Requirement, int]]

    @property
    def rules_text(self) -> str:
        return "; ".join(rule.name for rule, _status in self.gaps)

    @property
    def status_text(self) -> str:
        return "; ".join(dict.fromkeys(status_label(status, rule) for rule, status in self.gaps))


def need_rule_ids(kind_code: str, *, until: datetime.date | None = None) -> list[int]:
    """The rules a programme kind closes (those whose transition ends on `until`, when given)."""
    qs = Requirement.objects.filter(closing_kinds__code=kind_code)
    if until is not None:
        qs = qs.filter(transition_until=until)
    return sorted(set(qs.values_list("pk", flat=True)))


def need_people(
    *,
    user,
    unit: Unit,
    day: datetime.date,
    kind_code: str,
    status: int | None = None,
    until: datetime.date | None = None,
    direct: bool = False,
) -> list[NeedLine]:
    """The people behind one need ("N người cần bồi dưỡng LLCT"): distinct people of `unit`'s
    subtree within the user's reach short of (or in the grace period or transition of) a rule the
    kind closes, on `day` — exactly those `needs_by_kind` counts — in the order of Vietnamese
    lists (given name, then family name). `status` narrows to one status (the transition table
    asks for GapStatus.TRANSITION and its deadline, `until`); `direct` keeps the unit's own staff
    only (the unit's own line of "needs by unit")."""
    scope = _scope(user)
    rule_ids = need_rule_ids(kind_code, until=until)
    if not rule_ids:
        return []
    if engine.uses_stored(day):
        qs = (
            Gap.objects.filter(rule_id__in=rule_ids, unit_path__startswith=unit.path)
            .exclude(status=GapStatus.MET)
            .filter(scope.q("unit_path") & scope.person_q("person_id"))
        )
        if status is not None:
            qs = qs.filter(status=status)
        if direct:
            qs = qs.filter(unit_path=unit.path)
        rows = list(qs.order_by("person_id", "rule_id").values_list("person_id", "rule_id", "status"))
    else:
        rows = [
            (p, r, st)
            for p, r, path, st in engine.unmet_rows_at(day, engine.PersonFilter(path=unit.path), rule_ids=rule_ids)
            if _in_scope(scope, path)
            and (not scope.person_only or p == scope.person_id)
            and (status is None or st == status)
            and (not direct or path == unit.path)
        ]
    by_person: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for person_id, rule_id, st in rows:
        by_person[person_id].append((rule_id, st))
    rules = Requirement.objects.in_bulk({r for _p, r, _s in rows})
    # The people as they are now, within reach and under the unit: the stored rows may still place
    # someone moved away by a big write whose re-check waits for the worker.
    where = Q(unit_path=unit.path) if direct else Q(unit_path__startswith=unit.path)
    people = (
        Person.unscoped.select_related("unit")
        .filter(where & scope.q("unit_path") & scope.person_q("pk"), pk__in=list(by_person))
        .order_by("sort_key", "pk")
    )
    return [NeedLine(person, [(rules[r], st) for r, st in by_person[person.pk] if r in rules]) for person in people]
