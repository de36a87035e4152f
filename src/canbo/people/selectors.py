"""Reads of the registry, always for an acting user (or an explicit scope for system commands)."""

from __future__ import annotations

import base64
import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.http import Http404

from canbo.core.scope import Scope
from canbo.core.text import fold
from canbo.orgs.models import Unit
from canbo.people.models import Assignment, Body, Ladder, Level, Person, PersonLevel, Qualification
from canbo.people.sensitive import SensitiveFilterRefused, may_see_sensitive, sensitive_names

ESTIMATE_CAP = 10_000  # a name search counts its matches exactly up to this many
# A name search looks for the names containing it (not at the start) among this many names in name
# order (an index-only scan, a few ms) before reading all of them through the trigram index and
# sorting them (fast only when they are few): measured with tests/bench/bench_people_list.
WALK_WINDOW = 60_000
AGE_BANDS = {"u30": (0, 29), "30-39": (30, 39), "40-49": (40, 49), "50-59": (50, 59), "60+": (60, 200)}


def people_for(user) -> QuerySet[Person]:
    return Person.objects.for_user(user)


def person_get(*, user, pk: int) -> Person:
    person = people_for(user).select_related("unit", "ethnicity", "religion").filter(pk=pk).first()
    if person is None:
        raise Http404(pk)
    return person


class UnitNotResolved(Http404):
    """The unit filter names no unit within the user's reach, or several: the list says so and
    shows nobody, the exports are refused — never the whole reach instead. An Http404, so callers
    that do not handle it (the API) answer 404 as before."""

    def __init__(self, text: str, candidates: list[Unit] | None = None):
        super().__init__(text)
        self.text, self.candidates = text, candidates or []


def resolve_unit(text: str, *, user) -> Unit:
    """The unit the filter box names, within the user's reach: its code ("P-THANHNUA"), else its
    name without diacritics ("thanh nua" → Xã Thanh Nưa). Several units matching the name resolve
    to the one that holds all the others (a commune and its school named after it); otherwise the
    name is ambiguous and `UnitNotResolved` lists the candidates."""
    from canbo.orgs.selectors import search_units

    reach = Unit.objects.for_user(user)
    by_code = reach.filter(code=text.upper()).first()
    if by_code is not None:
        return by_code
    found = search_units(user=user, query=text, day=None, limit=20)
    key = fold(text)
    exact = [u for u in found if u.name_key == key or u.name_key.endswith(" " + key)]
    for candidates in (exact, found):
        outer = [u for u in candidates if not any(o.pk != u.pk and u.path.startswith(o.path) for o in candidates)]
        if len(outer) == 1:
            return outer[0]
    raise UnitNotResolved(text, found)


@dataclass
class PeopleFilter:
    """The people-list filters, parsed once and shared by the page, the export and the API."""

    unit: Unit | None = None
    unit_text: str = ""  # what the unit box held when it named no unit (shown back with the message)
    q: str = ""

    @property
    def narrow(self) -> bool:
        return bool(self.q)

    category: str = ""
    title: str = ""
    gender: str = ""
    ethnicity: str = ""  # a code, or "minority"
    age: str = ""
    party: str = ""  # "1" / "0"
    ladder: str = ""
    level: str = ""
    at_least: bool = False
    day: datetime.date = field(default_factory=datetime.date.today)

    # The Person field each query parameter filters on; those on a sensitive field are refused to
    # roles that may not see it (page, API and export all parse their filters here).
    FIELDS = {
        "q": "full_name",
        "unit": "unit",
        "category": "assignments",
        "title": "assignments",
        "gender": "gender",
        "ethnicity": "ethnicity",
        "age": "birth_year",
        "party": "party_member",
        "ladder": "qualifications",
        "level": "qualifications",
        "at_least": "qualifications",
    }

    @classmethod
    def from_params(cls, params, *, user) -> PeopleFilter:
        asked = [name for name in SENSITIVE_FILTERS if params.get(name, "").strip()]
        if asked and not may_see_sensitive(user):
            label = {name: Person._meta.get_field(cls.FIELDS[name]).verbose_name for name in asked}
            raise SensitiveFilterRefused(f"{name}={params[name][:40]} ({label[name]})" for name in asked)
        f = cls(
            q=params.get("q", "").strip(),
            category=params.get("category", ""),
            title=params.get("title", "").strip(),
            gender=params.get("gender", ""),
            ethnicity=params.get("ethnicity", ""),
            age=params.get("age", ""),
            party=params.get("party", ""),
            ladder=params.get("ladder", ""),
            level=params.get("level", ""),
            at_least=params.get("at_least") in ("1", "on", "true"),
        )
        text = params.get("unit", "").strip()
        if text:
            f.unit = resolve_unit(text, user=user)
        return f

    def describe(self) -> dict[str, str]:
        """The filters in effect, as their query parameters: what an export's access log records
        instead of the ids of every person written."""
        values = {name: getattr(self, name) for name in self.FIELDS if name != "unit"}
        values["unit"] = self.unit.code if self.unit is not None else ""
        return {name: str(value) for name, value in values.items() if value not in ("", False, None)}

    @property
    def name_key(self) -> str:
        """The folded name searched for ("" when the search is by ID number or there is none)."""
        if not self.q or self.q.replace(" ", "").isdigit():
            return ""
        return fold(self.q)

    def apply(self, qs: QuerySet[Person], *, name: bool = True) -> QuerySet[Person]:
        """Every filter; `name=False` leaves out the name search, which `list_page` orders itself."""
        if self.unit is not None:
            qs = qs.filter(unit_path__startswith=self.unit.path)
        if self.name_key:
            if name:
                qs = qs.filter(name_key__contains=self.name_key)
        elif self.q:
            qs = qs.filter(id_number__startswith=self.q.replace(" ", ""))
        if self.category or self.title:
            current = Assignment.unscoped.filter(is_main=True, end_date__isnull=True)
            if self.category:
                current = current.filter(category=self.category)
            if self.title:
                current = current.filter(title__icontains=self.title)
            qs = qs.filter(pk__in=current.values("person_id"))
        if self.gender:
            qs = qs.filter(gender=self.gender)
        if self.ethnicity == "minority":
            qs = qs.exclude(ethnicity__is_majority=True).filter(ethnicity__isnull=False)
        elif self.ethnicity:
            qs = qs.filter(ethnicity__code=self.ethnicity)
        if self.age in AGE_BANDS:
            low, high = AGE_BANDS[self.age]
            qs = qs.filter(birth_year__gte=self.day.year - high, birth_year__lte=self.day.year - low)
        if self.party in ("1", "0"):
            qs = qs.filter(party_member=self.party == "1")
        if self.ladder:
            levels = PersonLevel.objects.filter(ladder__code=self.ladder)
            if self.level:
                if self.at_least:
                    # An unknown ladder or level (a hand-edited link) matches nobody, never everybody.
                    rank = (
                        Level.objects.filter(ladder__code=self.ladder, code=self.level)
                        .values_list("rank", flat=True)
                        .first()
                    )
                    levels = levels.filter(rank__gte=rank) if rank is not None else levels.none()
                else:
                    levels = levels.filter(level__code=self.level)
            qs = qs.filter(pk__in=levels.values("person_id"))
        return qs


SENSITIVE_FILTERS = sensitive_names(PeopleFilter.FIELDS)


def _encode(name_key: str, pk: int, block: str = "") -> str:
    raw = f"{name_key}\x1f{pk}" + (f"\x1f{block}" if block else "")
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str) -> tuple[str, int, str] | None:
    """(name key, id, block) of a cursor; block is "" on plain lists, "a"/"b" in a name search."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        parts = raw.split("\x1f")
        if len(parts) == 2:
            return parts[0], int(parts[1]), ""
        if len(parts) == 3 and parts[2] in ("a", "b"):
            return parts[0], int(parts[1]), parts[2]
        return None
    except (ValueError, UnicodeDecodeError):
        return None


def _after(qs: QuerySet[Person], position: tuple[str, int, str] | None, key: str = "name_key") -> QuerySet[Person]:
    """Rows after a cursor, "(key, id) > (k, pk)" written so that the first condition is an
    index range (the OR form made PostgreSQL scan from the start). `key` is name_key for searches,
    sort_key (given name first) for the plain list."""
    if not position:
        return qs
    value, pk, _block = position
    return qs.filter(**{f"{key}__gte": value}).filter(Q(**{f"{key}__gt": value}) | Q(id__gt=pk))


def _before(
    qs: QuerySet[Person], position: tuple[str, int, str], key: str, size: int, *, block: str = "", sort=None
) -> str:
    """The cursor of the page before the one that follows `position`: a reverse keyset read.

    Why not OFFSET: "Trang trước" on page 4.000 of a province of 2.000.000 people would make
    PostgreSQL count through 200.000 index entries. Walking the same index backwards from the
    cursor ("(key, id) <= (k, pk)" in descending order) reads only `size` + 1 keys whatever the page:
    the first `size` of them are the previous page, the next one is the last row of the page before
    it, whose key is the previous page's cursor. No such row: the previous page is the first one
    (""). The link so built is an ordinary `after=…&p=n-1` link: STT and "Trang n/m" need nothing new.
    Measured on PostgreSQL over 500.000 people: an index-only backward scan of person_sort_unit,
    0,2 ms for the whole reach, 26 ms for a unit holding 1 in 500 of them (the forward read's plan).
    """
    value, pk, _block = position
    back = qs.filter(**{f"{key}__lte": value}).filter(Q(**{f"{key}__lt": value}) | Q(id__lte=pk))
    back = back.order_by((sort if sort is not None else F(key)).desc(), "-id")
    found = list(back.values_list(key, "id")[size : size + 1])
    return _encode(*found[0], block) if found else ""


def _rows(chosen: list[int]) -> list[Person]:
    by_id = {p.pk: p for p in Person.unscoped.filter(pk__in=chosen).select_related("unit", "ethnicity")}
    return [by_id[pk] for pk in chosen if pk in by_id]


@dataclass
class Page:
    rows: list[Person]
    next_cursor: str | None
    estimate: int
    capped: bool
    approximate: bool = False
    # A name search whose count so far covers only the names that start with the search; the
    # names that merely contain it follow on later pages (and are counted when reached).
    starting_with: str = ""
    # The cursor of the page before ("" when it is the first page); None when this is the first
    # page, or when no reverse cursor could be taken (see `_before`, `_before_in_second_block`).
    prev_cursor: str | None = None


def people_page(qs: QuerySet[Person], *, after: str = "", size: int = 50, narrow: bool = False) -> Page:
    """One page in (name, id) order after a cursor: never OFFSET; the total is counted exactly
    (`exact_count`).

    `narrow` (a search by name or ID number, which matches few rows) sorts the matches instead of
    walking the name index: otherwise PostgreSQL may scan hundreds of thousands of index entries
    before it meets the first "lo thi van".
    """
    position = _decode(after) if after else None
    if narrow:
        page = _narrow_page(qs, position, size)
        if page is not None:
            return page
    # A plain list is in the office's order, given name first (sort_key); a search too wide for
    # `_narrow_page` keeps the name order of its cursor.
    key = "name_key" if narrow else "sort_key"
    ordered = _after(qs.order_by(Concat(key, Value("")) if narrow else key, "id"), position, key)
    # Keys first (an index-only scan of (sort_key, id, unit_path) when the filters allow it), then
    # the page's rows by primary key.
    keys = list(ordered.values_list("id", flat=True)[: size + 1])
    more = len(keys) > size
    rows = _rows(keys[:size])
    sort = Concat(key, Value("")) if narrow else None
    return Page(
        rows=rows,
        next_cursor=_encode(getattr(rows[-1], key), rows[-1].pk) if more else None,
        estimate=exact_count(qs),
        capped=False,
        prev_cursor=_before(qs, position, key, size, sort=sort) if position else None,
    )


def _sorted_keys(qs: QuerySet[Person]) -> list[tuple[str, int]] | None:
    """All (name, id) keys of a selective search, sorted, in one scan (the Concat stops PostgreSQL
    from walking the whole name index in the hope of meeting matches early); None beyond
    ESTIMATE_CAP matches, when walking the index in order is the faster plan."""
    keys = list(qs.order_by(Concat("name_key", Value("")), "id").values_list("name_key", "id")[: ESTIMATE_CAP + 1])
    return None if len(keys) > ESTIMATE_CAP else keys


def _narrow_page(qs: QuerySet[Person], position: tuple[str, int, str] | None, size: int) -> Page | None:
    """A search's matches in one scan: their (name, id) keys (at most ESTIMATE_CAP) give both the
    exact count and the page, whose rows are then read by primary key. None when there are more."""
    keys = _sorted_keys(qs)
    if keys is None:
        return None
    keys_after = [k for k in keys if k > position[:2]] if position else keys
    rows = _rows([pk for _key, pk in keys_after[:size]])
    more = len(keys_after) > size
    prev = None
    if position:  # all the keys are at hand: the page before ends at the cursor
        upto = len(keys) - len(keys_after)
        prev = _encode(*keys[upto - size - 1]) if upto > size else ""
    return Page(
        rows=rows,
        next_cursor=_encode(rows[-1].name_key, rows[-1].pk) if more and rows else None,
        estimate=len(keys),
        capped=False,
        prev_cursor=prev,
    )


def list_page(flt: PeopleFilter, scoped: QuerySet[Person], *, after: str = "", size: int = 50) -> Page:
    """The page the list, the API and the search box show for these filters."""
    if flt.name_key:
        return _name_search_page(flt.apply(scoped, name=False), flt.name_key, after=after, size=size)
    return people_page(flt.apply(scoped), after=after, size=size, narrow=flt.narrow)


def _name_search_page(base: QuerySet[Person], key: str, *, after: str, size: int) -> Page:
    """A name search: first the names that start with the search, in name order (a range of the
    keyset index, so a common full name such as "lo thi van" costs an index-only scan), then the
    names that only contain it (the trigram index), in name order too.

    Offices search by the name as it is written, family name first, so the best matches come
    first; "van" still finds "Lò Thị Vân", on the pages after the names that start with "van".
    """
    position = _decode(after) if after else None
    block_of_cursor, cursor_at = (position[2] if position else ""), position
    starts = base.filter(name_key__gte=key, name_key__lt=key + "\uffff", name_key__startswith=key)
    others = base.filter(name_key__contains=key).exclude(name_key__startswith=key)
    chosen: list[tuple[str, int]] = []
    block, next_cursor = "a", None
    if position is None or position[2] != "b":
        first = list(_after(starts.order_by("name_key", "id"), position).values_list("name_key", "id")[: size + 1])
        if len(first) > size:
            chosen = first[:size]
            next_cursor = _encode(*chosen[-1], "a")
        else:
            chosen, block = first, "b"
        position = None
    else:
        block = "b"
    estimate, capped = _bounded_count(starts)
    starting_with, approximate = key, False
    if block == "b":
        room = size - len(chosen)
        rest, counted, more, approximate = _containing(base, others, key, position, room)
        chosen += rest[:room]
        if len(rest) > room:
            next_cursor = _encode(*chosen[-1], "b") if chosen and room else _encode("", 0, "b")
        estimate, capped, starting_with = estimate + counted, capped or more, ""
    prev = None
    if after and block_of_cursor != "b" and cursor_at is not None:
        prev = _before(starts, cursor_at, "name_key", size, block="a")
    elif after and block_of_cursor == "b":
        prev = _before_in_second_block(starts, others, _decode(after), size)
    return Page(
        rows=_rows([pk for _key, pk in chosen]),
        next_cursor=next_cursor,
        estimate=estimate,
        capped=capped,
        approximate=approximate,
        starting_with=starting_with,
        prev_cursor=prev,
    )


def _before_in_second_block(starts, others, position, size: int) -> str | None:
    """The previous page's cursor of a name search whose page begins among the names that only
    contain the search: `size` + 1 of them read backwards from the cursor (name index, descending)
    when there are that many; otherwise the page before reaches back into the names that start with
    the search, and their count says where: then one more short backwards read of those. None when
    that count is only "more than 10.000" (the page then offers "Trang đầu" alone)."""
    if position is None:
        return None
    value, pk, _block = position
    if value or pk:
        back = others.filter(name_key__lte=value).filter(Q(name_key__lt=value) | Q(id__lte=pk))
        found = list(back.order_by("-name_key", "-id").values_list("name_key", "id")[: size + 1])
        if len(found) > size:
            return _encode(*found[size], "b")
        within = len(found)
    else:  # the cursor of the block's very start
        within = 0
    counted, capped = _bounded_count(starts)
    if capped:
        return None
    index = counted + within - size - 1  # in the whole order, of the row ending the page before
    if index < 0:
        return ""
    back = starts.order_by("-name_key", "-id").values_list("name_key", "id")[counted - 1 - index : counted - index]
    found = list(back)
    return _encode(*found[0], "a") if found else ""


def _containing(base, others, key, position, room) -> tuple[list[tuple[str, int]], int, bool, bool]:
    """The next `room` + 1 names that contain the search without starting with it, and their
    (number, "more than", "about").

    They are spread over the alphabet: a walk of the name index in order (index-only) fills the
    page when they are common ("van anh"); when they are rare there, all of them are read through
    the trigram index and sorted, which also counts them exactly.
    """
    walked, seen = _walk_window(base, position, key, want=room + 1)
    if len(walked) > room:
        return walked, *_walked_estimate(base, others, found=len(walked), seen=seen)
    keys = _sorted_keys(others)
    if keys is not None:
        return ([k for k in keys if k > position[:2]] if position else keys), len(keys), False, False
    # More than ESTIMATE_CAP, yet few in the window: walk on in name order.
    rest = list(_after(others.order_by("name_key", "id"), position).values_list("name_key", "id")[: room + 1])
    return rest, ESTIMATE_CAP, True, False


def _bounded_count(qs: QuerySet[Person]) -> tuple[int, bool]:
    """(count up to ESTIMATE_CAP, whether there are more): never an unbounded COUNT(*)."""
    counted = qs.order_by()[: ESTIMATE_CAP + 1].count()
    return min(counted, ESTIMATE_CAP), counted > ESTIMATE_CAP


def _walk_window(
    base: QuerySet[Person], position: tuple[str, int, str] | None, key: str, *, want: int
) -> tuple[list[tuple[str, int]], int]:
    """Up to `want` names that contain `key` without starting with it, among the next WALK_WINDOW
    names of `base` in name order, and how many names were looked at to find them.

    One query: the window is a LIMIT on the keyset index (an index-only scan that stops as soon as
    `want` matches are found); the row number of the last match gives the sample's density.
    """
    from django.db import connection

    inner = _after(base.order_by("name_key", "id"), position).values_list("name_key", "id")[:WALK_WINDOW]
    sql, params = inner.query.sql_with_params()
    like = connection.ops.prep_for_like_query(key)
    query = (
        "SELECT w.name_key, w.id, w.n FROM (SELECT s.name_key, s.id, ROW_NUMBER() OVER () AS n "
        f"FROM ({sql}) s) w WHERE w.name_key LIKE %s ESCAPE '\\' AND w.name_key NOT LIKE %s ESCAPE '\\' LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [*params, f"%{like}%", f"{like}%", want])
        found = cursor.fetchall()
    return [(name_key, pk) for name_key, pk, _n in found], (found[-1][2] if found else 0)


def _walked_estimate(base: QuerySet[Person], others: QuerySet[Person], *, found: int, seen: int):
    """(number, "more than", "about") of the names containing the search, when the walk met them
    densely: over a large list (PostgreSQL) the walk's density times the planner's count of `base`
    (trigram estimates are poor for several common words); over a small one, or on SQLite, a
    bounded count."""
    rows = _planner_rows(base)
    if rows <= WALK_WINDOW:
        return *_bounded_count(others), False
    return _rounded(max(found, round(found / max(seen, 1) * rows))), False, True


def exact_count(qs: QuerySet[Person]) -> int:
    """The exact number of people the list holds: an HR officer reports "20.016 người", not "more
    than 10.000". One COUNT(*) of the filtered rows (an index-only scan of the unit-path index for
    a unit's subtree): measured on PostgreSQL at 2,000,000 rows, 115 ms for the whole province,
    16 ms for a district of 200,000, under 1 ms for a commune. The kept QualitySummary rows are
    not used: they count open main assignments, while the list holds every person whose current
    unit is in the subtree (people whose assignment ended stay listed), so they would disagree."""
    return qs.order_by().count()


def _rounded(rows: int) -> int:
    digits = len(str(rows)) - 2
    return rows // 10**digits * 10**digits if digits > 0 else rows


def _planner_rows(qs: QuerySet[Person]) -> int:
    """PostgreSQL's estimate of how many rows match (EXPLAIN, nothing read); -1 elsewhere."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return -1
    sql, params = qs.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        import json

        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def current_assignments(person_ids: list[int]) -> dict[int, Assignment]:
    rows = Assignment.unscoped.filter(person_id__in=person_ids, is_main=True, end_date__isnull=True)
    return {a.person_id: a for a in rows}


@dataclass(frozen=True, slots=True)
class HeldLevel:
    """A person's current level on one ladder (what PersonLevel holds), without a model per row."""

    person_id: int
    ladder: Ladder
    level: Level
    rank: int
    field: str


def levels_of(person_ids: list[int]) -> dict[int, dict[str, HeldLevel]]:
    """{person id: {ladder code: level}} in two queries: the rows as tuples, then the few distinct
    levels they name (a page of 50 people holds ~250 rows but only ~20 different levels)."""
    rows = list(
        PersonLevel.objects.filter(person_id__in=person_ids).values_list("person_id", "level_id", "rank", "field")
    )
    if not rows:
        return {}
    levels = {lv.pk: lv for lv in Level.objects.filter(pk__in={r[1] for r in rows}).select_related("ladder")}
    result: dict[int, dict[str, HeldLevel]] = {}
    for person_id, level_id, rank, field_text in rows:
        level = levels[level_id]
        held = HeldLevel(person_id, level.ladder, level, rank, field_text)
        result.setdefault(person_id, {})[level.ladder.code] = held
    return result


# ---------------------------------------------------------------- qualification profile


@dataclass
class LadderProfile:
    ladder: Ladder
    counts: list[tuple[object, int]]  # (level, count), low → high
    none: int

    def at_or_above(self, level_code: str) -> int:
        rank = next(lv.rank for lv, _ in self.counts if lv.code == level_code)
        return sum(n for lv, n in self.counts if lv.rank >= rank)


@dataclass
class Profile:
    total: int
    women: int
    minorities: int
    ladders: dict[str, LadderProfile]

    def ratio(self, ladder: str, level: str) -> str:
        """ "15/16": people at or above `level` on `ladder`, over everyone."""
        return f"{self.ladders[ladder].at_or_above(level)}/{self.total}"


def _profile(person_ids: list[int], day: datetime.date) -> Profile:
    people = Person.unscoped.filter(pk__in=person_ids)
    total = len(person_ids)
    women = people.filter(gender="female").count()
    minorities = people.filter(ethnicity__isnull=False, ethnicity__is_majority=False).count()
    best: dict[tuple[int, int], object] = {}
    quals = (
        Qualification.unscoped.filter(person_id__in=person_ids)
        .filter(Q(year__isnull=True) | Q(year__lte=day.year))
        .select_related("level")
    )
    for q in quals:
        key = (q.person_id, q.ladder_id)
        if key not in best or q.level.rank > best[key].rank:
            best[key] = q.level
    per_ladder: dict[int, Counter] = {}
    for (_person, ladder_id), level in best.items():
        per_ladder.setdefault(ladder_id, Counter())[level.pk] += 1
    ladders = {}
    for ladder in Ladder.objects.prefetch_related("levels"):
        counter = per_ladder.get(ladder.pk, Counter())
        counts = [(lv, counter.get(lv.pk, 0)) for lv in ladder.levels.all()]
        ladders[ladder.code] = LadderProfile(ladder, counts, total - sum(counter.values()))
    return Profile(total=total, women=women, minorities=minorities, ladders=ladders)


def unit_profile(*, unit: Unit, day: datetime.date, scope: Scope) -> Profile:
    """Profile of the people whose main assignment on `day` was in `unit`'s subtree."""
    ids = list(
        Assignment.unscoped.filter(is_main=True, unit__path__startswith=unit.path)
        .valid_on(day)
        .filter(scope.person_q("person_id"))
        .values_list("person_id", flat=True)
        .distinct()
    )
    return _profile(ids, day)


def subtree_profiles(units: list[Unit], day: datetime.date) -> list[Profile]:
    """`unit_profile` of several subtrees on `day` (a form's total and each unit's row), in two
    set-based queries instead of one scan per unit: the main assignments valid on the day under
    any of the units (with gender and ethnicity), then those people's qualifications up to the
    day's year, the people chosen by a subquery rather than a list of ids. A person counts once in
    every unit whose subtree holds one of their main assignments of the day (as `unit_profile`).
    The staff-quality form of a past year took 7–9.5 s one unit at a time on the demo."""
    if not units:
        return []
    under = Q()
    paths = sorted({unit.path for unit in units})
    for path in paths:  # a subtree inside another one adds nothing to the query
        if not any(path != other and path.startswith(other) for other in paths):
            under |= Q(unit__path__startswith=path)
    held = Assignment.unscoped.filter(is_main=True).filter(under).valid_on(day)
    targets_of_unit: dict[int, list[int]] = {}
    person_targets: dict[int, set[int]] = {}
    person_traits: dict[int, tuple[bool, bool]] = {}
    rows = held.values_list("person_id", "unit_id", "unit__path", "person__gender", "person__ethnicity__is_majority")
    for pid, unit_id, path, gender, majority in rows:
        if unit_id not in targets_of_unit:
            targets_of_unit[unit_id] = [i for i, u in enumerate(units) if path.startswith(u.path)]
        person_targets.setdefault(pid, set()).update(targets_of_unit[unit_id])
        person_traits[pid] = (gender == "female", majority is False)
    best: dict[tuple[int, int], tuple[int, int]] = {}  # (person, ladder) → (rank, level)
    quals = (
        Qualification.unscoped.filter(person_id__in=held.values("person_id"))
        .filter(Q(year__isnull=True) | Q(year__lte=day.year))
        .values_list("person_id", "ladder_id", "level_id", "level__rank")
    )
    for pid, ladder_id, level_id, rank in quals:
        key = (pid, ladder_id)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, level_id)
    totals = [0] * len(units)
    women = [0] * len(units)
    minorities = [0] * len(units)
    for pid, targets in person_targets.items():
        female, minority = person_traits[pid]
        for i in targets:
            totals[i] += 1
            women[i] += female
            minorities[i] += minority
    at_level: Counter = Counter()  # (target, level) → people
    for (pid, _ladder), (_rank, level_id) in best.items():
        for i in person_targets[pid]:
            at_level[(i, level_id)] += 1
    ladders = list(Ladder.objects.prefetch_related("levels"))
    result = []
    for i in range(len(units)):
        profiles = {}
        for ladder in ladders:
            counts = [(lv, at_level.get((i, lv.pk), 0)) for lv in ladder.levels.all()]
            profiles[ladder.code] = LadderProfile(ladder, counts, totals[i] - sum(n for _lv, n in counts))
        result.append(Profile(total=totals[i], women=women[i], minorities=minorities[i], ladders=profiles))
    return result


def body_profile(*, body: Body, day: datetime.date | None = None) -> Profile:
    day = day or body.term_end or datetime.date.today()
    ids = list(body.memberships.values_list("person_id", flat=True))
    return _profile(ids, day)


def bodies_for(user) -> QuerySet[Body]:
    return Body.objects.for_user(user).select_related("unit")
