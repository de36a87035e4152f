"""Reads of the org tree, always for an acting user: out-of-reach units are simply absent."""

from __future__ import annotations

import datetime
import re

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from canbo.core.dates import today
from canbo.core.errors import DomainError
from canbo.core.scope import Scope
from canbo.core.text import fold
from canbo.orgs.choices import UnitKind
from canbo.orgs.models import Unit, UnitSuccession

# Tree order under a unit: its own bodies first, then the levels below, as a province lists them.
KIND_ORDER = [
    UnitKind.PROVINCIAL_BODY,
    UnitKind.PARTY_COMMITTEE,
    UnitKind.MASS_ORGANISATION,
    UnitKind.DEPARTMENT,
    UnitKind.TRAINING_INSTITUTION,
    UnitKind.PUBLIC_SERVICE_UNIT,
    UnitKind.DISTRICT,
    UnitKind.WARD,
    UnitKind.TOWN,
    UnitKind.COMMUNE,
]
KIND_RANK = Case(
    *[When(kind=kind, then=Value(rank)) for rank, kind in enumerate(KIND_ORDER)],
    default=Value(len(KIND_ORDER)),
    output_field=IntegerField(),
)


def units_for(user) -> QuerySet[Unit]:
    return Unit.objects.for_user(user)


def home_unit(user) -> Unit | None:
    """The unit a user's pages open on: their own unit; the top of the tree for a user without one
    who reaches everything (a system administrator); None for a user who reaches nothing."""
    if user is not None and user.unit_id:
        return user.unit
    if Scope.for_user(user).unrestricted:
        return Unit.unscoped.filter(parent__isnull=True).order_by("path").first()
    return None


def reachable(*, user, units) -> list[Unit]:
    """Those of `units` within the user's reach (their own unit and its subtree), in order, once each."""
    scope = Scope.for_user(user)
    seen: set[int] = set()
    kept = []
    for unit in units:
        if unit is not None and unit.pk not in seen and scope.contains_path(unit.path):
            seen.add(unit.pk)
            kept.append(unit)
    return kept


_DIGITS = re.compile(r"^[0-9]{2,5}$")


def official_code_of(text: str) -> str | None:
    """The official code a person typed, or None when the text cannot be one.

    A spreadsheet reads the commune code 03322 as the number 3322: four digits can only be a commune
    code that lost its leading zero (provinces have 2 digits, districts 3, communes 5)."""
    text = (text or "").strip()
    if not _DIGITS.match(text):
        return None
    return text.zfill(5) if len(text) == 4 else text


def _period(unit: Unit) -> str:
    start = date_format(unit.valid_from, "SHORT_DATE_FORMAT")
    end = date_format(unit.valid_to, "SHORT_DATE_FORMAT") if unit.valid_to else _("nay")
    return f"{start} – {end}"


def unit_by_official_code(qs: QuerySet[Unit], code: str, *, day: datetime.date | None = None) -> Unit:
    """The unit of `qs` that holds an official code on `day` (today by default).

    A new commune kept one of its old communes' codes, so a code may name an old unit before
    1/7/2025 and a new one after: the date decides. With no holder on that day, the code still
    names a unit when only one unit ever held it (an old commune by its old code); several holders
    at other dates are refused, listing them, rather than guessed."""
    day = day or today()
    holders = list(qs.filter(official_code=code).select_related("parent").order_by("valid_from", "code"))
    on_day = [unit for unit in holders if unit.is_valid_on(day)]
    if len(on_day) == 1:
        return on_day[0]
    if not on_day and holders:
        # `qs` may be a user's reach: a holder outside it (the one of that day, or another one at
        # other dates) means the code names a unit the user does not see, never the one in reach.
        elsewhere = Unit.unscoped.filter(official_code=code).exclude(pk__in=[u.pk for u in holders])
        if elsewhere.exists():
            holders = []
    if not on_day and len(holders) == 1:
        return holders[0]
    if not holders:
        raise DomainError(_("Không có đơn vị nào có mã đơn vị hành chính “%(code)s”.") % {"code": code}, code="unknown")
    listed = "; ".join(f"{u.name} ({u.code}, {_period(u)})" for u in (on_day or holders))
    if on_day:
        message = _(
            "Mã đơn vị hành chính “%(code)s” đang ghi cho %(n)s đơn vị cùng có hiệu lực ngày %(day)s: "
            "%(units)s. Hãy dùng mã đơn vị của canbo và báo quản trị sửa lại mã đơn vị hành chính."
        )
    else:
        message = _(
            "Mã đơn vị hành chính “%(code)s” là mã của %(n)s đơn vị ở các thời kỳ khác nhau, không đơn vị "
            "nào có hiệu lực ngày %(day)s: %(units)s. Hãy dùng mã đơn vị của canbo (ví dụ %(example)s)."
        )
    raise DomainError(
        message
        % {
            "code": code,
            "n": len(on_day or holders),
            "day": date_format(day, "SHORT_DATE_FORMAT"),
            "units": listed,
            "example": holders[-1].code,
        },
        code="ambiguous",
    )


def find_unit(qs: QuerySet[Unit], reference: str, *, day: datetime.date | None = None) -> Unit:
    """A unit named by canbo's code ("DB-THANHNUA", any case) or by its official code ("03328"):
    canbo's code first, as it names one unit for all time. DomainError when nothing or more than
    one unit answers (code "unknown" or "ambiguous")."""
    text = (reference or "").strip()
    unit = qs.select_related("parent").filter(code=text.upper()).first() if text else None
    if unit is not None:
        return unit
    official = official_code_of(text)
    if official is not None:
        return unit_by_official_code(qs, official, day=day)
    raise DomainError(_("Không có đơn vị nào có mã “%(code)s”.") % {"code": text}, code="unknown")


def unit_get(*, user, code: str, day: datetime.date | None = None, explain: bool = False) -> Unit:
    """The unit with this code (canbo's, or the official code as held on `day`) if the user reaches
    it; otherwise 404, whether it exists or not. Two units sharing an official code is a refusal
    that names them (both within the user's reach) when `explain` (the API answers it as a 400);
    a page addressed by such a code is a 404, as a DomainError there would be a server error."""
    try:
        return find_unit(units_for(user), code, day=day)
    except DomainError as error:
        if error.code == "unknown" or not explain:
            raise Http404(code) from None
        raise


def units_under(*, unit: Unit, day: datetime.date | None = None, scope: Scope) -> QuerySet[Unit]:
    """All units under `unit` (itself included) valid on `day`: one indexed query."""
    qs = Unit.objects.within(scope).filter(path__startswith=unit.path)
    return qs.valid_on(day) if day else qs


def tree_roots(*, user, day: datetime.date | None) -> list[Unit]:
    """The top of the user's visible tree: reached units whose parent is out of reach (or none)."""
    scope = Scope.for_user(user)
    qs = Unit.objects.within(scope)
    if day:
        qs = qs.valid_on(day)
    qs = qs.filter(parent__isnull=True) if scope.unrestricted else qs.filter(path__in=[path for path, _ in scope.roots])
    return list(_with_child_counts(qs, day))


def _with_child_counts(qs: QuerySet[Unit], day: datetime.date | None) -> QuerySet[Unit]:
    child_filter = Q()
    if day:
        child_filter = Q(children__valid_from__lte=day) & (
            Q(children__valid_to__isnull=True) | Q(children__valid_to__gte=day)
        )
    return qs.annotate(child_count=Count("children", filter=child_filter), kind_rank=KIND_RANK).order_by(
        F("valid_to").desc(nulls_first=True), "kind_rank", "name_key"
    )


def children_of(*, user, unit: Unit, day: datetime.date | None) -> list[Unit]:
    qs = units_for(user).filter(parent=unit)
    if day:
        qs = qs.valid_on(day)
    return list(_with_child_counts(qs, day))


def search_units(*, user, query: str, day: datetime.date | None, limit: int = 50) -> list[Unit]:
    """Diacritics-insensitive search by name, code or official code: "thanh nua" and "03328" find "Xã Thanh Nưa"."""
    key = fold(query)
    if not key:
        return []
    match = Q(name_key__contains=key) | Q(code__icontains=query.strip())
    official = official_code_of(query)
    if official is not None:
        match |= Q(official_code__startswith=query.strip()) | Q(official_code=official)
    qs = units_for(user).filter(match)
    if day:
        qs = qs.valid_on(day)
    return list(qs.select_related("parent").order_by("depth", "name")[:limit])


def ancestors(*, user, unit: Unit) -> list[tuple[Unit, bool]]:
    """Breadcrumb above a unit: each ancestor with whether the user may open it."""
    ids = unit.ancestor_ids()
    if not ids:
        return []
    found = {u.pk: u for u in Unit.unscoped.filter(pk__in=ids)}
    scope = Scope.for_user(user)
    return [(found[i], scope.contains_path(found[i].path)) for i in ids if i in found]


def successions_of(*, user, unit: Unit) -> dict[str, list[UnitSuccession]]:
    return {
        "successors": list(UnitSuccession.unscoped.filter(predecessor=unit).select_related("successor")),
        "predecessors": list(
            UnitSuccession.unscoped.filter(successor=unit)
            .select_related("predecessor", "predecessor__parent")
            .order_by("predecessor__path")
        ),
    }


def open_units(*, user, under: Unit | None = None, day: datetime.date | None = None, direct: bool = False):
    """Today's units in the user's reach: the one "đơn vị" count every page shows.

    The units open on `day` (today) below `under` — the user's home unit when not given — at every
    level, `under` itself not counted; `direct` keeps only the units directly under it. The home
    page, a unit's page and the tree count with this, so the same unit shows the same number.
    """
    under = under if under is not None else home_unit(user)
    if under is None:
        return Unit.objects.none()
    qs = units_for(user).valid_on(day or today())
    if direct:
        return qs.filter(parent=under)
    return qs.filter(path__startswith=under.path).exclude(pk=under.pk)


def unit_counts(*, user, day: datetime.date) -> dict[str, int]:
    """Dashboard figures for the user's reach on `day`: units below the user's home unit."""
    from canbo.orgs.choices import COMMUNE_LEVEL

    valid = open_units(user=user, day=day)
    return {
        "units_open": valid.count(),
        "communes_open": valid.filter(kind__in=COMMUNE_LEVEL).count(),
        "units_closed": units_for(user).filter(valid_to__lt=day).count(),
    }
