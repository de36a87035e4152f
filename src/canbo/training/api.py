"""REST endpoints for training: the same selectors, services and scoping as the pages."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from canbo.accounts.permissions import Perm, perms_of
from canbo.training import selectors, services
from canbo.training.models import Programme

router = Router(tags=["training"])


def _need(request, perm: Perm) -> None:
    if perm not in perms_of(request.user):
        raise PermissionDenied


class ProgrammeOut(Schema):
    code: str
    name: str
    kind: str
    periods: int
    duty_periods: int
    grants_level: str | None
    target_categories: list[str]


class ClassOut(Schema):
    code: str
    name: str
    programme: str
    kind: str
    organiser: str
    institution: str | None
    place: str
    study_mode: str
    start_date: datetime.date
    end_date: datetime.date
    capacity: int | None
    status: str
    approved: int
    waiting: int
    passed: int


class EnrolmentOut(Schema):
    id: int
    person_id: int
    full_name: str
    unit: str
    category: str
    title: str
    status: str
    waitlist_position: int | None
    result: str
    score: Decimal | None
    grade: str
    completed_on: datetime.date | None


class NominateIn(Schema):
    person: str
    note: str = ""
    intended_post: str = ""


class ResultIn(Schema):
    result: str
    score: Decimal | None = None
    grade: str = ""
    completed_on: datetime.date | None = None


def _class_out(c) -> dict:
    return {
        "code": c.code,
        "name": c.name,
        "programme": c.programme.code,
        "kind": c.programme.kind.code,
        "organiser": c.organiser.code,
        "institution": c.institution.code if c.institution_id else None,
        "place": c.place,
        "study_mode": c.study_mode,
        "start_date": c.start_date,
        "end_date": c.end_date,
        "capacity": c.capacity,
        "status": c.status,
        "approved": getattr(c, "approved", 0),
        "waiting": getattr(c, "waiting", 0),
        "passed": getattr(c, "passed", 0),
    }


def _enrolment_out(e) -> dict:
    return {
        "id": e.pk,
        "person_id": e.person_id,
        "full_name": e.person.full_name,
        "unit": e.unit.code,
        "category": e.category,
        "title": e.title,
        "status": e.status,
        "waitlist_position": e.waitlist_position,
        "result": e.result,
        "score": e.score,
        "grade": e.grade,
        "completed_on": e.completed_on,
    }


@router.get("/training/programmes", response=list[ProgrammeOut])
def list_programmes(request):
    _need(request, Perm.VIEW_TRAINING)
    return [
        {
            "code": p.code,
            "name": p.name,
            "kind": p.kind.code,
            "periods": p.periods,
            "duty_periods": p.duty_periods,
            "grants_level": p.grants_level.code if p.grants_level_id else None,
            "target_categories": list(p.target_categories or []),
        }
        for p in Programme.objects.select_related("kind", "grants_level")
    ]


@router.get("/training/classes", response=list[ClassOut])
def list_classes(request, offset: int = 0):
    """Classes the caller sees, 100 at a time; the list page's filters (q, year, kind, status, …) apply."""
    _need(request, Perm.VIEW_TRAINING)
    flt = selectors.ClassFilter.from_params(request.GET)
    query = flt.apply(selectors.classes_for(request.user)).order_by("-start_date", "code")
    return [_class_out(c) for c in selectors.with_counts(query[max(offset, 0) : max(offset, 0) + 100])]


@router.get("/training/classes/{code}", response=ClassOut)
def get_class(request, code: str):
    _need(request, Perm.VIEW_TRAINING)
    return _class_out(selectors.with_counts([selectors.class_get(user=request.user, code=code)])[0])


@router.get("/training/classes/{code}/enrolments", response=list[EnrolmentOut])
def list_enrolments(request, code: str):
    _need(request, Perm.VIEW_TRAINING)
    training_class = selectors.class_get(user=request.user, code=code)
    return [_enrolment_out(e) for e in selectors.enrolments_of(user=request.user, training_class=training_class)]


@router.post("/training/classes/{code}/enrolments", response={201: EnrolmentOut})
def nominate(request, code: str, payload: NominateIn):
    """Nominate a person (ID number, or a name nobody else in reach has)."""
    _need(request, Perm.NOMINATE)
    training_class = selectors.class_get(user=request.user, code=code)
    person = selectors.person_candidate(user=request.user, text=payload.person)
    enrolment = services.enrolment_nominate(
        training_class=training_class, person=person, note=payload.note, intended_post=payload.intended_post
    )
    return 201, _enrolment_out(enrolment)


def _enrolment(request, code: str, pk: int):
    training_class = selectors.class_get(user=request.user, code=code)
    return get_object_or_404(selectors.enrolments_of(user=request.user, training_class=training_class), pk=pk)


@router.post("/training/classes/{code}/enrolments/{pk}/approve", response=EnrolmentOut)
def approve(request, code: str, pk: int):
    _need(request, Perm.MANAGE_CLASSES)
    return _enrolment_out(services.enrolment_approve(enrolment=_enrolment(request, code, pk)))


@router.post("/training/classes/{code}/enrolments/{pk}/withdraw", response=EnrolmentOut)
def withdraw(request, code: str, pk: int):
    _need(request, Perm.VIEW_TRAINING)
    return _enrolment_out(services.enrolment_withdraw(enrolment=_enrolment(request, code, pk)))


@router.post("/training/classes/{code}/enrolments/{pk}/result", response=EnrolmentOut)
def record_result(request, code: str, pk: int, payload: ResultIn):
    _need(request, Perm.RECORD_RESULTS)
    enrolment = services.enrolment_record_result(
        enrolment=_enrolment(request, code, pk),
        result=payload.result,
        score=payload.score,
        grade=payload.grade,
        completed_on=payload.completed_on,
    )
    return _enrolment_out(enrolment)
