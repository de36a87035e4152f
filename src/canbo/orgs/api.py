"""REST endpoints of the org tree; every one reads through the scoped selectors."""

from __future__ import annotations

import datetime

from ninja import Router, Schema

from canbo.core.dates import today
from canbo.orgs import selectors

router = Router(tags=["orgs"])


class UnitOut(Schema):
    code: str
    official_code: str
    name: str
    kind: str
    parent: str | None
    valid_from: datetime.date
    valid_to: datetime.date | None

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


@router.get("/units", response=list[UnitOut])
def list_units(
    request,
    q: str = "",
    day: datetime.date | None = None,
    all: bool = False,
    after: str = "",
    limit: int = 100,
):
    """Units the caller reaches, valid on `day` (today by default; `all=true` for every date),
    ordered by code; page with `after=<last code>`. `q` searches names, codes and official codes."""
    limit = max(1, min(limit, 500))
    on = None if all else (day or today())
    if q:
        return selectors.search_units(user=request.user, query=q, day=on, limit=limit)
    qs = selectors.units_for(request.user).select_related("parent").order_by("code")
    if on:
        qs = qs.valid_on(on)
    if after:
        qs = qs.filter(code__gt=after)
    return list(qs[:limit])


@router.get("/units/{code}", response=UnitOut)
def get_unit(request, code: str, day: datetime.date | None = None):
    """One unit by canbo's code or by its official code (mã đơn vị hành chính); an official code
    names the unit holding it on `day` (today by default), as old and new communes share codes."""
    return selectors.unit_get(user=request.user, code=code, day=day, explain=True)
