"""REST endpoints of the registry: the same filters, scoping and sensitive-field rules as the pages."""

from __future__ import annotations

import datetime

from ninja import Router, Schema

from canbo.accounts.services import log_sensitive_access
from canbo.people import selectors
from canbo.people.sensitive import is_sensitive, may_see_sensitive

router = Router(tags=["people"])


class LevelOut(Schema):
    ladder: str
    level: str
    field: str


class PersonOut(Schema):
    id: int
    full_name: str
    gender: str | None
    birth_date: datetime.date | None
    birth_year: int | None
    id_number: str | None
    unit: str | None
    ethnicity: str | None = None
    party_member: bool | None = None
    levels: list[LevelOut] = []


class PeoplePage(Schema):
    results: list[PersonOut]
    next: str | None
    estimate: int
    estimate_capped: bool
    estimate_approximate: bool
    # Set while a name search's count covers only the names starting with it (see the list page).
    estimate_starting_with: str = ""


# The keys of PersonOut that carry a sensitive field (named as the Person field they show).
SENSITIVE_OUT = [name for name in PersonOut.model_fields if is_sensitive(name)]


def _out(person, levels, sensitive: bool) -> dict:
    data = {
        "id": person.pk,
        "full_name": person.full_name,
        "gender": person.gender or None,
        "birth_date": person.birth_date,
        "birth_year": person.birth_year,
        "id_number": person.id_number,
        "unit": person.unit.code if person.unit_id else None,
        "levels": [
            {"ladder": code, "level": pl.level.label, "field": pl.field}
            for code, pl in levels.get(person.pk, {}).items()
        ],
    }
    if sensitive:
        data["ethnicity"] = person.ethnicity.name if person.ethnicity_id else None
        data["party_member"] = person.party_member
    return data


@router.get("/people", response=PeoplePage)
def list_people(request, after: str = ""):
    """People in the caller's reach; the page's filters (q, unit, category, ladder, level, …) apply."""
    user = request.user
    flt = selectors.PeopleFilter.from_params(request.GET, user=user)
    page = selectors.list_page(flt, selectors.people_for(user), after=after, size=100)
    levels = selectors.levels_of([p.pk for p in page.rows])
    sensitive = may_see_sensitive(user)
    if sensitive:
        log_sensitive_access(user=user, people=page.rows, fields=SENSITIVE_OUT, where="api_people")
    return {
        "results": [_out(p, levels, sensitive) for p in page.rows],
        "next": page.next_cursor,
        "estimate": page.estimate,
        "estimate_capped": page.capped,
        "estimate_approximate": page.approximate,
        "estimate_starting_with": page.starting_with,
    }


@router.get("/people/{person_id}", response=PersonOut)
def get_person(request, person_id: int):
    user = request.user
    person = selectors.person_get(user=user, pk=person_id)
    sensitive = may_see_sensitive(user, person)
    if sensitive:
        log_sensitive_access(user=user, people=[person], fields=SENSITIVE_OUT, where="api_person")
    return _out(person, selectors.levels_of([person.pk]), sensitive)
