"""Reads for training operations, always for an acting user (or an explicit scope)."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from canbo.accounts.permissions import Perm, perms_of
from canbo.core.errors import DomainError
from canbo.core.models import reach_q
from canbo.core.query import query_year
from canbo.core.scope import Scope
from canbo.core.text import fold, nfc
from canbo.orgs.models import Unit
from canbo.people.models import Assignment, Person
from canbo.training.choices import ClassStatus, EnrolmentStatus, Result
from canbo.training.models import Certificate, DutyPeriods, Enrolment, SelfStudy, TrainingClass
from canbo.training.services import may_manage_class


def classes_for(user) -> QuerySet[TrainingClass]:
    """Classes a user sees: organised or taught within reach, those of the units above the user's
    unit (a provincial class takes nominations from every commune), and those the user's people attend."""
    scope = Scope.for_user(user)
    base = TrainingClass.unscoped.select_related("programme__kind", "organiser", "institution", "open_to")
    if scope.unrestricted:
        return base
    condition = scope.q("organiser__path") | scope.q("institution__path")
    unit = getattr(user, "unit", None)
    if unit is not None:
        # A class of a unit above the user's is the user's to see unless it takes learners of
        # another area only (the province's class open to commune B is not commune A's).
        above = unit.ancestor_ids()
        condition |= Q(organiser_id__in=above) & (
            Q(open_to__isnull=True) | Q(open_to_id__in=[*above, unit.pk]) | scope.q("open_to__path")
        )
        condition |= open_to_unit_q(unit, scope)
    condition |= Q(pk__in=Enrolment.objects.within(scope).values("training_class_id"))
    return base.filter(condition)


# The classes a unit may still send people to (or that run now) show among its classes.
OPEN_STATUSES = (ClassStatus.PLANNED, ClassStatus.OPEN, ClassStatus.RUNNING)


def _categories_q(field: str, categories) -> Q:
    """`field` (a JSON list of staff categories) names one of `categories`."""
    condition = Q(pk__in=[])
    for category in sorted(categories):
        condition |= Q(**{f"{field}__icontains": f'"{category}"'})
    return condition


def open_to_unit_q(unit: Unit, scope: Scope) -> Q:
    """Classes open to the staff of `unit`: the class takes learners from an area that holds the
    unit (`TrainingClass.open_to` is the unit or one above it), it has not finished, and its target
    group (the class's categories, else the programme's) includes a category of the staff the
    user reaches. The person-level rules (titles, clashes) are the nomination's."""
    categories = set(
        Assignment.unscoped.filter(reach_q(Assignment, scope), is_main=True, end_date__isnull=True)
        .exclude(category="")
        .order_by()
        .values_list("category", flat=True)
        .distinct()
    )
    group = _categories_q("target_categories", categories) | (
        Q(target_categories=[])
        & (Q(programme__target_categories=[]) | _categories_q("programme__target_categories", categories))
    )
    return Q(open_to_id__in=[*unit.ancestor_ids(), unit.pk], status__in=OPEN_STATUSES) & group


def class_get(*, user, code: str) -> TrainingClass:
    found = classes_for(user).filter(code=code).first()
    if found is None:
        raise Http404
    return found


def enrolments_of(*, user, training_class: TrainingClass, unit_code: str = "") -> QuerySet[Enrolment]:
    """All learners for the organiser and the institution; a nominating unit sees its own people,
    a learner only themselves. `unit_code`: only those one unit sent."""
    if may_manage_class(user, training_class, Perm.VIEW_TRAINING):
        found = training_class.enrolments.select_related("person", "unit")
    else:
        found = Enrolment.objects.for_user(user).filter(training_class=training_class).select_related("person", "unit")
    if unit_code:
        found = found.filter(unit__code=unit_code.strip().upper())
    return found


def _managed_classes_q(user, perm: Perm, prefix: str = "") -> Q | None:
    """The classes `user` runs with `perm` (organiser or institution within reach), as a filter on
    `prefix` + the class's fields: the set form of `services.may_manage_class`. None for "all"."""
    scope = Scope.for_user(user)
    if perm not in perms_of(user) or scope.person_only:
        return Q(pk__in=[])
    if scope.unrestricted:
        return None
    return scope.q(f"{prefix}organiser__path") | scope.q(f"{prefix}institution__path")


def certificates_for(user) -> QuerySet[Certificate]:
    """Certificates a user sees: their own (wherever they worked when it was issued), those of the
    learners their units sent (the certificate's unit path within reach), and every certificate of
    the classes they run. Anything else is simply not there (404)."""
    base = Certificate.unscoped.select_related("enrolment__training_class", "person")
    scope = Scope.for_user(user)
    managed = _managed_classes_q(user, Perm.VIEW_TRAINING, "enrolment__training_class__")
    if managed is None:
        return base
    condition = reach_q(Certificate, scope) | managed
    person_id = getattr(user, "person_id", None)
    if person_id:
        condition |= Q(person_id=person_id)
    return base.filter(condition)


def certificate_get(*, user, number: str) -> Certificate:
    found = certificates_for(user).filter(number=number).first()
    if found is None:
        raise Http404
    return found


def class_certificates(*, user, training_class: TrainingClass) -> QuerySet[Certificate]:
    """The certificates of one class that the user sees (all of them for its organiser)."""
    return certificates_for(user).filter(enrolment__training_class=training_class)


def certificate_for_verification(*, token: str) -> Certificate | None:
    """The one deliberately unscoped read: the public verification page (`/training/verify/<token>/`).

    Anyone holding the paper, logged in or not, may check it, so there is no acting user and no
    reach to apply. What keeps it safe is the lookup and the fields, not a scope: the token is
    random and unguessable (the certificate number is not accepted), and only what is printed on
    the paper plus whether (and since when) it is revoked are loaded, never the person's record nor
    the internal revocation reason (it may name a disciplinary case or a forged document).
    """
    return Certificate.unscoped.filter(token=token).only("printed", "revoked_on", "number", "token").first()


def own_enrolment_get(*, user, pk: int) -> Enrolment:
    """One of the user's own enrolments (the learner's survey): nobody else's, whatever their role."""
    person_id = getattr(user, "person_id", None)
    found = (
        Enrolment.unscoped.select_related("training_class").filter(pk=pk, person_id=person_id).first()
        if person_id
        else None
    )
    if found is None:
        raise Http404
    return found


def self_study_for(user) -> QuerySet[SelfStudy]:
    """Self-study records a user sees: their own, and those of the people within reach."""
    scope = Scope.for_user(user)
    if scope.unrestricted:
        return SelfStudy.unscoped.all()
    condition = reach_q(SelfStudy, scope)
    person_id = getattr(user, "person_id", None)
    if person_id:
        condition |= Q(person_id=person_id)
    return SelfStudy.unscoped.filter(condition)


def self_study_get(*, user, pk: int) -> SelfStudy:
    found = self_study_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@dataclass
class ClassFilter:
    q: str = ""
    year: int | None = None
    kind: str = ""
    status: str = ""
    place: str = ""
    organiser: str = ""
    # A unit's classes (linked from the unit's page): organised in its subtree or with its people enrolled.
    unit: str = ""

    @classmethod
    def from_params(cls, params) -> ClassFilter:
        return cls(
            q=nfc(params.get("q", "")).strip(),
            year=query_year(params),
            kind=params.get("kind", ""),
            status=params.get("status", ""),
            place=params.get("place", ""),
            organiser=params.get("organiser", "").strip().upper(),
            unit=params.get("unit", "").strip().upper(),
        )

    def apply(self, query: QuerySet[TrainingClass]) -> QuerySet[TrainingClass]:
        if self.q:
            key = fold(self.q)
            query = query.filter(Q(name_key__contains=key) | Q(code__icontains=self.q))
        if self.year:
            query = query.filter(start_date__year=self.year)
        if self.kind:
            query = query.filter(programme__kind__code=self.kind)
        if self.status:
            query = query.filter(status=self.status)
        if self.place:
            query = query.filter(place=self.place)
        if self.organiser:
            query = query.filter(organiser__code=self.organiser)
        if self.unit:
            path = Unit.unscoped.filter(code=self.unit).values_list("path", flat=True).first()
            if path is None:
                return query.none()
            enrolled = Enrolment.unscoped.filter(unit_path__startswith=path).values("training_class_id")
            query = query.filter(Q(organiser__path__startswith=path) | Q(pk__in=enrolled))
        return query


def with_counts(classes) -> list[TrainingClass]:
    """The classes of one page with their enrolment counts (approved, waiting, nominated, passed)
    and free seats, from one aggregated query over these classes only: counting over every
    visible class before the page was cut cost the list 367 ms."""
    classes = list(classes)
    rows = (
        Enrolment.unscoped.filter(training_class_id__in=[c.pk for c in classes])
        .values("training_class_id")
        .annotate(
            approved=Count("pk", filter=Q(status=EnrolmentStatus.APPROVED)),
            waiting=Count("pk", filter=Q(status=EnrolmentStatus.WAITLISTED)),
            nominated=Count("pk", filter=Q(status=EnrolmentStatus.NOMINATED)),
            passed=Count("pk", filter=Q(result=Result.PASSED)),
        )
        if classes
        else []
    )
    counts = {row.pop("training_class_id"): row for row in rows}
    for c in classes:
        for name, value in counts.get(c.pk, {"approved": 0, "waiting": 0, "nominated": 0, "passed": 0}).items():
            setattr(c, name, value)
        c.free = seats_free(c, c.approved)
    return classes


def seats_free(training_class: TrainingClass, approved: int) -> int | None:
    """Seats still free (None: the class has no limit)."""
    if training_class.capacity is None:
        return None
    return max(training_class.capacity - approved, 0)


def nominations_by_unit(*, user, training_class: TrainingClass) -> list[dict]:
    """For whoever runs the class: the sending units with their counts per status, largest first
    (the organiser sees the nominations by unit). Empty for anyone else."""
    if not may_manage_class(user, training_class, Perm.VIEW_TRAINING):
        return []
    rows = (
        training_class.enrolments.values("unit_id", "unit__code", "unit__name")
        .annotate(
            total=Count("pk"),
            nominated=Count("pk", filter=Q(status=EnrolmentStatus.NOMINATED)),
            approved=Count("pk", filter=Q(status=EnrolmentStatus.APPROVED)),
            waiting=Count("pk", filter=Q(status=EnrolmentStatus.WAITLISTED)),
            passed=Count("pk", filter=Q(result=Result.PASSED)),
        )
        .order_by("-total", "unit__name")
    )
    return [
        {
            "code": r["unit__code"],
            "name": r["unit__name"],
            "total": r["total"],
            "nominated": r["nominated"],
            "approved": r["approved"],
            "waiting": r["waiting"],
            "passed": r["passed"],
        }
        for r in rows
    ]


def calendar_weeks(query: QuerySet[TrainingClass], year: int, month: int):
    """The month as weeks of days, each day with the classes running that day."""
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    classes = list(
        query.filter(start_date__lte=last, end_date__gte=first)
        .exclude(status=ClassStatus.CANCELLED)
        .order_by("start_date", "code")[:300]
    )
    weeks = []
    for week in calendar.Calendar().monthdatescalendar(year, month):
        weeks.append(
            [
                (
                    day,
                    day.month == month,
                    [c for c in classes if c.start_date <= day <= c.end_date] if day.month == month else [],
                )
                for day in week
            ]
        )
    return weeks, classes


def person_candidate(*, user, text: str, training_class: TrainingClass | None = None) -> Person:
    """The person meant by "011188001234" or "Lò Thị Vân" among the people the user may nominate;
    refused, never guessed, when nobody or several people match."""
    from django.utils.translation import gettext as _

    text = nfc(text).strip()
    people = Person.objects.for_user(user).select_related("unit")
    digits = text.replace(" ", "").replace(".", "")
    if digits.isdigit():
        found = list(people.filter(id_number=digits)[:2])
    else:
        found = list(people.filter(name_key=fold(text))[:6])
    if not found:
        raise DomainError({"person": [_("Không tìm thấy “%(v)s” trong phạm vi của bạn.") % {"v": text}]})
    if len(found) > 1:
        raise DomainError(
            {"person": [_("Có %(n)s người tên “%(v)s”; hãy nhập số định danh.") % {"n": len(found), "v": text}]}
        )
    return found[0]


def duty_required(*, category: str, year: int) -> int:
    """The yearly periods asked of a staff category: the standards app's duty rule."""
    from canbo.standards.selectors import duty_periods_required

    return duty_periods_required(category=category, day=datetime.date(year, 12, 31))


def person_training(*, person: Person) -> dict:
    """A person's training record: classes, hours per year against the duty, certificates."""
    enrolments = list(
        person.enrolments.select_related(
            "training_class__programme__kind", "training_class__organiser", "unit"
        ).order_by("-training_class__start_date")
    )
    periods = dict(DutyPeriods.objects.filter(person=person).values_list("year", "periods"))
    assignment = person.assignments.filter(is_main=True, end_date__isnull=True).first()
    category = assignment.category if assignment else ""
    today = datetime.date.today()
    years = sorted(set(periods) | {today.year}, reverse=True)[:6]
    duty = [(year, periods.get(year, 0), duty_required(category=category, year=year)) for year in years]
    self_study = list(SelfStudy.unscoped.filter(person=person))
    certificates = list(Certificate.unscoped.filter(person=person).select_related("enrolment__training_class"))
    return {
        "enrolments": enrolments,
        "duty": duty,
        "self_study": self_study,
        "certificates": certificates,
        "obligations": obligations_of(enrolments),
    }


def obligations_of(enrolments):
    from canbo.training.obligations import obligation_for

    found = []
    for enrolment in enrolments:
        item = obligation_for(enrolment)
        if item is not None:
            found.append(item)
    return found


# --- the home's inbox ----------------------------------------------------------------------------


def inbox_nominations(user) -> QuerySet[Enrolment]:
    """Nominations waiting for `user`'s approval: nominated to a class the user runs (organiser or
    institution within reach, `services.enrolment_approve`'s check) that is neither over nor cancelled."""
    managed = _managed_classes_q(user, Perm.MANAGE_CLASSES, "training_class__")
    waiting = Enrolment.unscoped.filter(status=EnrolmentStatus.NOMINATED).exclude(
        training_class__status__in=(ClassStatus.FINISHED, ClassStatus.CANCELLED)
    )
    return waiting if managed is None else waiting.filter(managed)


def inbox_self_study(user) -> QuerySet[SelfStudy]:
    """Self-study declarations of the people within reach waiting for the unit's confirmation (never
    one's own: nobody confirms their own)."""
    from canbo.training.models import SelfStudyStatus

    if Perm.MANAGE_PEOPLE not in perms_of(user) or Scope.for_user(user).person_only:
        return SelfStudy.unscoped.none()
    waiting = SelfStudy.objects.for_user(user).filter(status=SelfStudyStatus.SUBMITTED)
    person_id = getattr(user, "person_id", None)
    return waiting.exclude(person_id=person_id) if person_id else waiting


def inbox_own_classes(user) -> QuerySet[Enrolment]:
    """The user's own current classes: nominated, on the waiting list or approved, class not over."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return Enrolment.unscoped.none()
    return Enrolment.unscoped.filter(
        person_id=person_id,
        status__in=(EnrolmentStatus.NOMINATED, EnrolmentStatus.WAITLISTED, EnrolmentStatus.APPROVED),
    ).exclude(training_class__status__in=(ClassStatus.FINISHED, ClassStatus.CANCELLED))


def inbox_surveys(user) -> QuerySet[Enrolment]:
    """The user's own classes whose anonymous course survey still waits for them (as "Học tập của tôi")."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return Enrolment.unscoped.none()
    return Enrolment.unscoped.filter(
        person_id=person_id,
        status=EnrolmentStatus.APPROVED,
        training_class__start_date__lte=datetime.date.today(),
        survey_receipt__isnull=True,
    )
