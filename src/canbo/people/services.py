"""Writes to the people registry; the pages, the API, the importer and the commands all call these."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from canbo import events
from canbo.accounts.permissions import Perm, authorize, within_reach
from canbo.core import audit, context
from canbo.core.errors import DomainError
from canbo.core.text import fold, nfc
from canbo.people import rules
from canbo.people.models import (
    Assignment,
    Body,
    Ladder,
    Level,
    Membership,
    Person,
    PersonLevel,
    Qualification,
)
from canbo.people.names import sort_key

PERSON_FIELDS = rules.PERSON_FIELDS


def people_changed(person_ids: Iterable[int]) -> None:
    """Tell the other apps that these people changed (services, imports and bulk writers call it):
    emits `events.PeopleChanged`, whose subscribers (the gap engine, the staff-quality summaries)
    are listed in canbo/events.py and run inside the writer's transaction."""
    ids = sorted(set(person_ids))
    if ids:
        events.emit(events.PeopleChanged(person_ids=ids))


def _check_manage(obj) -> None:
    """The acting user may manage people's records in `obj` (a unit, or a person, assignment,
    qualification, body or membership, reached through its unit): 404 outside reach, else refused
    without MANAGE_PEOPLE."""
    user = context.require().user
    authorize(
        user,
        Perm.MANAGE_PEOPLE,
        obj,
        denied=_("Bạn không có quyền cập nhật hồ sơ cán bộ của “%(unit)s”.") % {"unit": _unit_of(obj)},
    )


def _unit_of(obj):
    """The unit a refusal names: the object's own, or the object when it is a unit."""
    if isinstance(obj, (Person, Assignment, Body)):
        return obj.unit
    if isinstance(obj, Qualification):
        return obj.person.unit
    if isinstance(obj, Membership):
        return obj.body.unit
    return obj


def outside_reach_message() -> str:
    """Said of an ID number held by someone the actor does not reach: never who, never where."""
    return _("Số định danh này thuộc một người ngoài phạm vi quản lý của bạn; đề nghị đơn vị quản lý chuyển hồ sơ")


def id_number_taken_messages(holder: Person) -> list[str]:
    """What a form says when the ID number typed is already someone's: that it is registered and,
    when the holder is outside the actor's reach, who can resolve it. No name, no unit (an ID number
    must not be probed)."""
    messages = [_("Số định danh này đã có trong hệ thống.")]
    ctx = context.current()
    if ctx is not None and not within_reach(ctx.user, holder):
        messages.append(outside_reach_message() + ".")
    return messages


def validate_person(person: Person, *, today: datetime.date | None = None) -> dict[str, list[str]]:
    """The person rules (people.rules, shared with the import) on a record, plus what needs the
    table: an ID number already someone else's. Normalised values (birth year, Party membership,
    phone digits) are written back to the record."""
    today = today or datetime.date.today()
    values = {field: getattr(person, field) for field in rules.CHECKED_FIELDS}
    errors = rules.check_person(values, today=today)
    for field, value in values.items():
        setattr(person, field, value)
    if person.id_number and "id_number" not in errors:
        clash = Person.unscoped.filter(id_number=person.id_number).exclude(pk=person.pk).first()
        if clash:
            errors.setdefault("id_number", []).extend(id_number_taken_messages(clash))
    return errors


def _save_person(person: Person) -> None:
    person.full_name = nfc(person.full_name)
    person.name_key = fold(person.full_name)
    person.sort_key = sort_key(person.full_name)
    person.id_number = person.id_number or None
    person.old_id_number = person.old_id_number or None
    errors = validate_person(person)
    if errors:
        raise DomainError(errors)
    person.save()


@transaction.atomic
def person_create(*, unit, assignment: dict | None = None, **fields) -> Person:
    """Create a person, with a first main assignment in `unit` (details in `assignment`)."""
    _check_manage(unit)
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"person_create got unknown fields {sorted(unknown)}")
    person = Person(**fields)
    _save_person(person)
    audit.log_create(person)
    _assignment_open(person=person, unit=unit, **(assignment or {}))  # emits PeopleChanged
    return person


@transaction.atomic
def person_update(*, person: Person, expected_version: int | None = None, **changes) -> Person:
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"person_update got unknown fields {sorted(unknown)}")
    person = Person.unscoped.select_for_update(of=("self",)).select_related("unit").get(pk=person.pk)
    _check_manage(person)
    audit.check_version(person, expected_version)
    before = audit.snapshot(person)
    for name, value in changes.items():
        setattr(person, name, value)
    person.version += 1
    _save_person(person)
    audit.log_update(person, before)
    people_changed([person.pk])
    return person


@transaction.atomic
def assignment_start(
    *,
    person: Person,
    unit,
    category: str = "",
    title: str = "",
    job_position: str = "",
    rank: str = "",
    sector: str = "",
    start_date: datetime.date | None = None,
    decision_number: str = "",
    is_main: bool = True,
    catalog_title=None,
    catalog_position=None,
) -> Assignment:
    """Start an assignment; a new main one ends the previous main one the day before (a transfer).

    Both the person (where they are now) and the unit must be within the actor's reach: moving
    someone between units is for those who reach both (see `person_transfer`)."""
    _check_manage(Person.unscoped.select_related("unit").get(pk=person.pk))
    _check_manage(unit)
    return _assignment_open(
        person=person,
        unit=unit,
        category=category,
        title=title,
        job_position=job_position,
        rank=rank,
        sector=sector,
        start_date=start_date,
        decision_number=decision_number,
        is_main=is_main,
        catalog_title=catalog_title,
        catalog_position=catalog_position,
    )


def _assignment_open(
    *,
    person: Person,
    unit,
    category: str = "",
    title: str = "",
    job_position: str = "",
    rank: str = "",
    sector: str = "",
    start_date: datetime.date | None = None,
    decision_number: str = "",
    is_main: bool = True,
    catalog_title=None,
    catalog_position=None,
) -> Assignment:
    """The write behind `assignment_start`, `person_create` and `person_transfer`; callers have
    checked the actor's reach over the person and the unit."""
    if is_main:
        current = Assignment.unscoped.filter(person=person, is_main=True, end_date__isnull=True).first()
        if current:
            if start_date is None or (current.start_date and start_date <= current.start_date):
                raise DomainError(
                    {"start_date": [_("Cần ngày bắt đầu sau ngày bắt đầu của vị trí công tác hiện tại.")]}
                )
            before = audit.snapshot(current)
            current.end_date = start_date - datetime.timedelta(days=1)
            current.save(update_fields=["end_date"])
            audit.log_update(current, before)
    item = Assignment.unscoped.create(
        person=person,
        unit=unit,
        category=category,
        title=nfc(title),
        job_position=nfc(job_position),
        rank=nfc(rank),
        sector=nfc(sector),
        start_date=start_date,
        decision_number=decision_number,
        is_main=is_main,
        catalog_title=catalog_title,
        catalog_position=catalog_position,
    )
    audit.log_create(item)
    if is_main and person.unit_id != unit.pk:
        Person.unscoped.filter(pk=person.pk).update(unit=unit, unit_path=unit.path)
        person.unit, person.unit_path = unit, unit.path
    people_changed([person.pk])
    return item


@transaction.atomic
def person_transfer(
    *,
    person: Person,
    unit,
    start_date: datetime.date,
    decision_number: str = "",
    title: str | None = None,
    category: str | None = None,
    **details,
) -> Assignment:
    """Move a person to another unit: ends the current main assignment the day before
    `start_date` and opens one in `unit` (same title and category unless given), both logged.

    Only someone whose reach covers both units may do it (the common parent's HR role); an import
    never moves anyone it does not reach."""
    person = Person.unscoped.select_for_update(of=("self",)).select_related("unit").get(pk=person.pk)
    _check_manage(person)
    _check_manage(unit)
    current = Assignment.unscoped.filter(person=person, is_main=True, end_date__isnull=True).first()
    if (current.unit_id if current else person.unit_id) == unit.pk:
        raise DomainError({"unit": [_("%(name)s đang công tác tại “%(unit)s”.") % {"name": person, "unit": unit}]})
    return _assignment_open(
        person=person,
        unit=unit,
        start_date=start_date,
        decision_number=decision_number,
        title=current.title if title is None and current else (title or ""),
        category=current.category if category is None and current else (category or ""),
        is_main=True,
        **details,
    )


@transaction.atomic
def assignment_end(*, assignment: Assignment, end_date: datetime.date) -> Assignment:
    """End an open assignment on `end_date` (retirement, leaving the service, a post given up)."""
    item = Assignment.unscoped.select_for_update(of=("self",)).select_related("unit", "person").get(pk=assignment.pk)
    _check_manage(item)
    if item.end_date is not None:
        raise DomainError({"end_date": [_("Vị trí công tác này đã kết thúc.")]})
    if item.start_date and end_date < item.start_date:
        raise DomainError({"end_date": [_("Ngày kết thúc trước ngày bắt đầu của vị trí công tác.")]})
    before = audit.snapshot(item)
    item.end_date = end_date
    item.save(update_fields=["end_date"])
    audit.log_update(item, before)
    people_changed([item.person_id])
    return item


@transaction.atomic
def assignment_set_category(*, assignment: Assignment, category: str) -> Assignment:
    """Correct the category (cán bộ, công chức, …) of an open assignment in place: one imported
    without a "Loại", or inferred wrongly from its title, would otherwise keep every class closed
    to the person until a re-import. Logged; the standards and summaries follow."""
    from canbo.people.choices import Category

    item = Assignment.unscoped.select_for_update(of=("self",)).select_related("unit", "person").get(pk=assignment.pk)
    _check_manage(item)
    if item.end_date is not None:
        raise DomainError({"category": [_("Vị trí công tác này đã kết thúc.")]})
    if category and category not in Category.values:
        raise DomainError({"category": [_("Loại cán bộ không hợp lệ.")]})
    if item.category == category:
        return item
    before = audit.snapshot(item)
    item.category = category
    item.save(update_fields=["category"])
    audit.log_update(item, before)
    people_changed([item.person_id])
    return item


def refresh_levels(person_ids: Iterable[int], ladder_ids: Iterable[int] | None = None) -> None:
    """Recompute the stored current level per ladder from qualifications (set-based, for imports)."""
    person_ids = list(person_ids)
    if not person_ids:
        return
    quals = Qualification.unscoped.filter(person_id__in=person_ids)
    stale = PersonLevel.objects.filter(person_id__in=person_ids)
    if ladder_ids is not None:
        ladder_ids = list(ladder_ids)
        quals = quals.filter(ladder_id__in=ladder_ids)
        stale = stale.filter(ladder_id__in=ladder_ids)
    best: dict[tuple[int, int], tuple[int, int, str]] = {}
    for person_id, ladder_id, level_id, rank, field in quals.values_list(
        "person_id", "ladder_id", "level_id", "level__rank", "field"
    ):
        key = (person_id, ladder_id)
        if key not in best or rank > best[key][1]:
            best[key] = (level_id, rank, field)
    stale.delete()
    PersonLevel.objects.bulk_create(
        PersonLevel(person_id=p, ladder_id=lad, level_id=lev, rank=r, field=f) for (p, lad), (lev, r, f) in best.items()
    )


@transaction.atomic
def qualification_add(
    *,
    person: Person,
    level: Level,
    field: str = "",
    institution: str = "",
    year: int | None = None,
    source: str = "declared",
    note: str = "",
    test_name: str = "",
    score=None,
) -> Qualification:
    person = Person.unscoped.select_related("unit").get(pk=person.pk)
    _check_manage(person)
    return _qualification_create(
        person=person,
        level=level,
        field=field,
        institution=institution,
        year=year,
        source=source,
        note=note,
        test_name=test_name,
        score=score,
    )


@transaction.atomic
def qualification_grant_from_training(
    *,
    person: Person,
    level: Level,
    field: str = "",
    institution: str = "",
    year: int | None = None,
    note: str = "",
    training_class: str = "",
) -> Qualification:
    """The qualification a completed level-granting programme gives. The training services have
    already checked that the actor may record the class's results; the learner's own unit need not
    be the actor's (a provincial school records results for people of every commune).
    `training_class` names the class in the change log ("Cấp trình độ … (hoàn thành lớp …)")."""
    return _qualification_create(
        person=person,
        level=level,
        field=field,
        institution=institution,
        year=year,
        source="training",
        note=note,
        log_notes={"granted_by_class": training_class} if training_class else None,
    )


@transaction.atomic
def qualification_withdraw_from_training(*, qualification: Qualification) -> None:
    """Undo `qualification_grant_from_training` when the result it came from is corrected."""
    before = audit.snapshot(qualification)
    audit.log_delete(qualification, before)
    person_id, ladder_id = qualification.person_id, qualification.ladder_id
    qualification.delete()
    refresh_levels([person_id], [ladder_id])
    people_changed([person_id])


def _qualification_create(
    *, person, level, field, institution, year, source, note, test_name="", score=None, log_notes=None
) -> Qualification:
    item = Qualification.unscoped.create(
        person=person,
        level=level,
        ladder_id=level.ladder_id,
        field=nfc(field),
        institution=nfc(institution),
        year=year,
        source=source,
        note=note,
        test_name=test_name,
        score=score,
    )
    audit.log_create(item, log_notes)
    refresh_levels([person.pk], [level.ladder_id])
    people_changed([person.pk])
    return item


@transaction.atomic
def qualification_remove(*, qualification: Qualification) -> None:
    qualification = Qualification.unscoped.select_related("person__unit").get(pk=qualification.pk)
    _check_manage(qualification)
    before = audit.snapshot(qualification)
    audit.log_delete(qualification, before)
    person_id, ladder_id = qualification.person_id, qualification.ladder_id
    qualification.delete()
    refresh_levels([person_id], [ladder_id])
    people_changed([person_id])


@transaction.atomic
def body_create(*, unit, name: str, term_start: datetime.date, term_end: datetime.date | None = None) -> Body:
    _check_manage(unit)
    if term_end and term_end < term_start:
        raise DomainError({"term_end": [_("Nhiệm kỳ kết thúc trước khi bắt đầu.")]})
    body = Body.unscoped.create(unit=unit, name=nfc(name), term_start=term_start, term_end=term_end)
    audit.log_create(body)
    return body


@transaction.atomic
def membership_add(*, body: Body, person: Person, role: str = "member", order: int = 0) -> Membership:
    _check_manage(body)
    authorize(context.require().user, Perm.VIEW_PEOPLE, person)  # a member is someone the actor reaches
    item, created = Membership.unscoped.get_or_create(body=body, person=person, defaults={"role": role, "order": order})
    if created:
        audit.log_create(item)
    return item


def open_staff_check(unit, day: datetime.date) -> list[str]:
    """Answers `events.UnitClosing`: a unit with current staff cannot close."""
    staff = Assignment.unscoped.filter(unit=unit, is_main=True).filter(Q(end_date__isnull=True) | Q(end_date__gt=day))
    count = staff.count()
    if not count:
        return []
    return [_("còn %(count)s người đang công tác tại đơn vị") % {"count": count}]


def unit_moved(old_path: str, new_path: str) -> None:
    """On `events.UnitMoved`: keep people's copied unit paths in step when a subtree moves."""
    from django.db.models import Value
    from django.db.models.functions import Concat, Substr

    Person.unscoped.filter(unit_path__startswith=old_path).update(
        unit_path=Concat(Value(new_path), Substr("unit_path", len(old_path) + 1))
    )


def level_for(ladder_code: str, level_code: str) -> Level:
    return Level.objects.select_related("ladder").get(ladder__code=ladder_code, code=level_code)


def ladder_levels() -> dict[str, Ladder]:
    return {lad.code: lad for lad in Ladder.objects.prefetch_related("levels")}


def member_candidate(*, body: Body, text: str, scope) -> Person:
    """The person meant by "011188001234" or "Lò Thị Vân" among the body unit's people; refused
    (never guessed) when nobody or several people match."""
    text = nfc(text)
    people = Person.objects.within(scope).filter(unit_path__startswith=body.unit.path)
    digits = text.replace(" ", "")
    if digits.isdigit():
        found = list(people.filter(id_number=digits)[:2])
    else:
        found = list(people.filter(name_key=fold(text))[:6])
    if not found:
        # Members often moved on after the term: look among people who worked in the unit then.
        past = Assignment.unscoped.filter(unit__path__startswith=body.unit.path).values("person_id")
        query = Person.objects.within(scope).filter(pk__in=past)
        found = list((query.filter(id_number=digits) if digits.isdigit() else query.filter(name_key=fold(text)))[:6])
    if not found:
        raise DomainError({"person": [_("Không tìm thấy “%(v)s” trong %(unit)s.") % {"v": text, "unit": body.unit}]})
    if len(found) > 1:
        raise DomainError(
            {"person": [_("Có %(n)s người tên “%(v)s”; hãy nhập số định danh.") % {"n": len(found), "v": text}]}
        )
    return found[0]


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    _check_manage(membership)
    audit.log_delete(membership, audit.snapshot(membership))
    membership.delete()
