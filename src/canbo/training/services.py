"""Writes to training operations; the pages, the API, the importer and the commands call these.

Every writer of classes or enrolments ends with `classes_changed(ids)` (plan-vs-actual summaries
follow it) and, when completions or results moved, `duty_periods_refresh(person_ids)` (the gap
engine reads the stored annual periods and hears of the change through `people_changed`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from canbo import events
from canbo.accounts.permissions import Perm, authorize, can, reach_of
from canbo.core import audit, context
from canbo.core.bulk import insert_rows
from canbo.core.errors import DomainError, NotPermitted, OutOfReach
from canbo.core.text import fold, format_number, nfc, round_half_up
from canbo.people.models import Assignment, Person
from canbo.people.services import people_changed
from canbo.training.choices import ClassStatus, EnrolmentStatus, Result, StudyMode
from canbo.training.models import DutyPeriods, Enrolment, Programme, TrainingClass

# Enrolments that hold a seat or a place in the queue, and so can clash with another class.
ACTIVE_STATUSES = (EnrolmentStatus.NOMINATED, EnrolmentStatus.APPROVED, EnrolmentStatus.WAITLISTED)

PROGRAMME_FIELDS = (
    "code",
    "name",
    "kind",
    "grants_level",
    "grants_certificate",
    "periods",
    "weeks",
    "duty_periods",
    "target_categories",
    "provider",
    "description",
    "is_active",
)
CLASS_FIELDS = (
    "code",
    "name",
    "programme",
    "organiser",
    "institution",
    "place",
    "location",
    "study_mode",
    "is_joint",
    "start_date",
    "end_date",
    "capacity",
    "cost",
    "funding",
    "target_categories",
    "open_to",
    "status",
    "note",
)
# A class moves forward through these; "cancelled" is reachable from any state but "finished".
STATUS_FLOW = {
    ClassStatus.PLANNED: {ClassStatus.OPEN, ClassStatus.RUNNING, ClassStatus.CANCELLED},
    ClassStatus.OPEN: {ClassStatus.PLANNED, ClassStatus.RUNNING, ClassStatus.CANCELLED},
    ClassStatus.RUNNING: {ClassStatus.FINISHED, ClassStatus.CANCELLED},
    ClassStatus.FINISHED: {ClassStatus.RUNNING},
    ClassStatus.CANCELLED: {ClassStatus.PLANNED},
}
LEADER_TITLE_PREFIXES = ("bi thu", "pho bi thu", "chu tich", "pho chu tich", "truong", "pho truong", "giam doc")


def classes_changed(class_ids: Iterable[int]) -> None:
    """Every writer of classes or enrolments ends with this: emits `events.ClassesChanged` (the
    plan-vs-actual summaries listen; canbo/events.py), inside the writer's transaction."""
    ids = sorted(set(class_ids))
    if ids:
        events.emit(events.ClassesChanged(class_ids=ids))


def _d(day: datetime.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def _deny(message: str) -> DomainError:
    return DomainError(message, code="permission")


def _actor():
    return context.require().user


def may_manage_class(user, training_class: TrainingClass, perm: Perm = Perm.MANAGE_CLASSES) -> bool:
    """The organiser runs the class; the institution teaching it may run it and record results too.

    A cadre never runs a class (their reach is their own record, even though it names their unit)."""
    if reach_of(user).person_only:
        return False
    if can(user, perm, training_class.organiser):
        return True
    return training_class.institution_id is not None and can(user, perm, training_class.institution)


def _check_class(training_class: TrainingClass, perm: Perm = Perm.MANAGE_CLASSES, *, denied: str = "") -> None:
    """Through `authorize`: a class neither organised nor taught within reach is not found (404);
    within reach, the role must grant `perm`. A cadre never runs a class."""
    user = _actor()
    denied = denied or _("Bạn không có quyền quản lý lớp “%(name)s”.") % {"name": training_class.name}
    authorize(user, perm, training_class, denied=denied)
    if user is not None and reach_of(user).person_only:
        raise NotPermitted(denied)


# --- programmes -------------------------------------------------------------------------------


def _validate_programme(programme: Programme) -> None:
    errors: dict[str, list[str]] = {}
    if not programme.code.strip():
        errors.setdefault("code", []).append(_("Thiếu mã chương trình."))
    elif Programme.objects.filter(code=programme.code).exclude(pk=programme.pk).exists():
        errors.setdefault("code", []).append(_("Mã chương trình “%(code)s” đã có.") % {"code": programme.code})
    if not programme.name.strip():
        errors.setdefault("name", []).append(_("Thiếu tên chương trình."))
    if programme.grants_level_id and programme.kind.ladder_id != programme.grants_level.ladder_id:
        errors.setdefault("grants_level", []).append(
            _("Trình độ được cấp phải thuộc thang “%(ladder)s” của loại chương trình.")
            % {"ladder": programme.kind.ladder or _("(không có thang)")}
        )
    if programme.weeks is not None and programme.kind.max_weeks and programme.weeks > programme.kind.max_weeks:
        errors.setdefault("weeks", []).append(
            _("Loại “%(kind)s” kéo dài tối đa %(max)s tuần.")
            % {"kind": programme.kind, "max": programme.kind.max_weeks}
        )
    if errors:
        raise DomainError(errors)


def _save_programme(programme: Programme) -> None:
    programme.code = nfc(programme.code).strip().upper()
    programme.name = nfc(programme.name).strip()
    programme.name_key = fold(programme.name)
    _validate_programme(programme)
    programme.save()


@transaction.atomic
def programme_create(*, code: str, name: str, kind, **fields) -> Programme:
    if not can(_actor(), Perm.MANAGE_PROGRAMMES):
        raise _deny(_("Bạn không có quyền sửa danh mục chương trình."))
    unknown = set(fields) - set(PROGRAMME_FIELDS)
    if unknown:
        raise TypeError(f"programme_create got unknown fields {sorted(unknown)}")
    programme = Programme(code=code, name=name, kind=kind, **fields)
    _save_programme(programme)
    audit.log_create(programme)
    return programme


@transaction.atomic
def programme_update(*, programme: Programme, expected_version: int | None = None, **changes) -> Programme:
    if not can(_actor(), Perm.MANAGE_PROGRAMMES):
        raise _deny(_("Bạn không có quyền sửa danh mục chương trình."))
    unknown = set(changes) - set(PROGRAMME_FIELDS)
    if unknown:
        raise TypeError(f"programme_update got unknown fields {sorted(unknown)}")
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    audit.check_version(programme, expected_version)
    before = audit.snapshot(programme)
    for name, value in changes.items():
        setattr(programme, name, value)
    programme.version += 1
    _save_programme(programme)
    audit.log_update(programme, before)
    classes_changed(programme.classes.values_list("pk", flat=True))
    return programme


# --- classes ----------------------------------------------------------------------------------


def _validate_class(training_class: TrainingClass) -> None:
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if not training_class.code.strip():
        add("code", _("Thiếu mã lớp."))
    elif TrainingClass.unscoped.filter(code=training_class.code).exclude(pk=training_class.pk).exists():
        add("code", _("Mã lớp “%(code)s” đã có.") % {"code": training_class.code})
    if not training_class.name.strip():
        add("name", _("Thiếu tên lớp."))
    if training_class.start_date and training_class.end_date and training_class.end_date < training_class.start_date:
        add("end_date", _("Ngày bế giảng trước ngày khai giảng."))
    if training_class.capacity is not None and training_class.capacity < 1:
        add("capacity", _("Số học viên tối đa phải lớn hơn 0."))
    if training_class.cost is not None and training_class.cost < 0:
        add("cost", _("Kinh phí không được âm."))
    area, organiser = training_class.open_to, training_class.organiser
    if area is not None and not (organiser.path.startswith(area.path) or area.path.startswith(organiser.path)):
        add(
            "open_to",
            _("Lớp chỉ nhận học viên của đơn vị tổ chức, của đơn vị cấp trên hoặc đơn vị trực thuộc đơn vị tổ chức."),
        )
    if errors:
        raise DomainError(errors)


def _check_open_to_writer(training_class: TrainingClass) -> None:
    """Opening a class to the staff of a unit above its organiser lets that unit's other parts
    nominate, and lets the organiser record results (qualifications) for their people: a training
    institution does that by trade, anyone else only if the actor reaches the area themselves
    (the Sở Nội vụ opening a commune's class to the province). A commune cannot open its own class
    to the province and so take in, and write to, the other communes' staff."""
    from canbo.accounts.permissions import within_reach
    from canbo.orgs.choices import UnitKind

    area, organiser, user = training_class.open_to, training_class.organiser, _actor()
    if area is None or user is None or area.path == organiser.path or not organiser.path.startswith(area.path):
        return
    if organiser.kind == UnitKind.TRAINING_INSTITUTION or within_reach(user, area):
        return
    raise DomainError(
        {
            "open_to": [
                _(
                    "Chỉ cơ sở đào tạo hoặc người quản lý “%(area)s” mới mở lớp nhận học viên của cả “%(area)s”; "
                    "lớp của “%(organiser)s” nhận học viên của đơn vị mình và các đơn vị trực thuộc."
                )
                % {"area": area.name, "organiser": organiser.name}
            ]
        }
    )


def default_open_to(organiser):
    """Whose staff a new class takes when the organiser does not say: a training institution's
    classes (the provincial Political School's) take the staff of the area above it, the
    province; other organisers' classes their own subtree (None)."""
    from canbo.orgs.choices import UnitKind

    if organiser is not None and organiser.kind == UnitKind.TRAINING_INSTITUTION and organiser.parent_id:
        return organiser.parent
    return None


def _save_class(training_class: TrainingClass) -> None:
    training_class.code = nfc(training_class.code).strip().upper()
    training_class.name = nfc(training_class.name).strip()
    training_class.name_key = fold(training_class.name)
    training_class.location = nfc(training_class.location)
    _validate_class(training_class)
    training_class.save()


@transaction.atomic
def class_create(*, code: str, name: str, programme: Programme, organiser, start_date, end_date, **fields):
    if not can(_actor(), Perm.MANAGE_CLASSES, organiser):
        raise _deny(_("Bạn không có quyền mở lớp cho “%(unit)s”.") % {"unit": organiser})
    unknown = set(fields) - set(CLASS_FIELDS)
    if unknown:
        raise TypeError(f"class_create got unknown fields {sorted(unknown)}")
    fields.setdefault("target_categories", list(programme.target_categories or []))
    if fields.get("open_to") is None:
        fields["open_to"] = default_open_to(organiser)
    training_class = TrainingClass(
        code=code,
        name=name,
        programme=programme,
        organiser=organiser,
        start_date=start_date,
        end_date=end_date,
        **fields,
    )
    _check_open_to_writer(training_class)
    _save_class(training_class)
    audit.log_create(training_class)
    classes_changed([training_class.pk])
    return training_class


def _locked_class(training_class: TrainingClass) -> TrainingClass:
    return (
        TrainingClass.unscoped.select_for_update(of=("self",))
        .select_related("programme", "organiser", "institution", "open_to")
        .get(pk=training_class.pk)
    )


@transaction.atomic
def class_update(*, training_class: TrainingClass, expected_version: int | None = None, **changes) -> TrainingClass:
    unknown = set(changes) - set(CLASS_FIELDS)
    if unknown:
        raise TypeError(f"class_update got unknown fields {sorted(unknown)}")
    training_class = _locked_class(training_class)
    _check_class(training_class)
    if "organiser" in changes and not can(_actor(), Perm.MANAGE_CLASSES, changes["organiser"]):
        raise DomainError({"organiser": [_("Đơn vị tổ chức mới nằm ngoài phạm vi của bạn.")]})
    audit.check_version(training_class, expected_version)
    status = changes.pop("status", None)
    before = audit.snapshot(training_class)
    open_to_before = training_class.open_to_id
    for name, value in changes.items():
        setattr(training_class, name, value)
    if training_class.open_to_id != open_to_before or "organiser" in changes:
        _check_open_to_writer(training_class)
    if status is not None and status != training_class.status:
        _check_transition(training_class, status)
        training_class.status = status
    training_class.version += 1
    _save_class(training_class)
    audit.log_update(training_class, before)
    _promote_waitlist(training_class)
    classes_changed([training_class.pk])
    return training_class


def _check_transition(training_class: TrainingClass, status: str) -> None:
    if status not in STATUS_FLOW.get(training_class.status, set()):
        raise DomainError(
            {
                "status": [
                    _("Không chuyển được lớp từ “%(old)s” sang “%(new)s”.")
                    % {"old": training_class.get_status_display(), "new": ClassStatus(status).label}
                ]
            }
        )
    if status == ClassStatus.FINISHED:
        pending = training_class.enrolments.filter(status=EnrolmentStatus.APPROVED, result="").count()
        if pending:
            raise DomainError(
                {
                    "status": [
                        _("Còn %(n)s học viên chưa có kết quả; hãy nhập kết quả trước khi kết thúc lớp.")
                        % {"n": pending}
                    ]
                }
            )


@transaction.atomic
def class_set_status(*, training_class: TrainingClass, status: str, expected_version: int | None = None):
    return class_update(training_class=training_class, expected_version=expected_version, status=status)


# --- enrolments -------------------------------------------------------------------------------


def _main_assignment(person: Person, day: datetime.date | None = None) -> Assignment | None:
    query = Assignment.unscoped.filter(person=person, is_main=True).select_related("catalog_title")
    if day is not None:
        dated = query.valid_on(day).order_by("-start_date").first()
        if dated is not None:
            return dated
    return query.filter(end_date__isnull=True).first() or query.order_by("-start_date").first()


def is_leader_title(title: str, catalog_title=None) -> bool:
    """Biểu số 10-BTCTW counts leaders; the catalogue says so when linked, else the title's words."""
    if catalog_title is not None:
        return bool(catalog_title.is_leader)
    return fold(title).startswith(LEADER_TITLE_PREFIXES)


def target_group_problem(training_class: TrainingClass, person: Person, assignment: Assignment | None) -> str | None:
    """Why the person is outside the class's target group, or None when they are inside it."""
    categories = training_class.target_categories or training_class.programme.target_categories or []
    category = assignment.category if assignment else ""
    if categories and category not in categories:
        from canbo.people.choices import Category

        wanted = ", ".join(str(Category(c).label) for c in categories if c in Category.values)
        have = Category(category).label if category in Category.values else _("chưa rõ")
        return _("Lớp dành cho %(wanted)s; %(name)s là %(have)s.") % {"wanted": wanted, "name": person, "have": have}
    programme = training_class.programme
    titles = set(programme.target_titles.values_list("pk", flat=True))
    positions = set(programme.target_positions.values_list("pk", flat=True))
    if titles or positions:
        ok = assignment is not None and (
            (assignment.catalog_title_id in titles) or (assignment.catalog_position_id in positions)
        )
        if not ok:
            return _(
                "Chương trình dành cho các chức danh, vị trí việc làm đã chọn; %(name)s (%(title)s) không thuộc."
            ) % {
                "name": person,
                "title": (assignment.title if assignment else "") or _("chưa có chức danh"),
            }
    return None


def clashing_enrolment(person: Person, training_class: TrainingClass) -> Enrolment | None:
    """Another active enrolment of the person in a full-time class whose dates overlap this one's.

    Part-time (không tập trung) classes meet now and then while the learner keeps working, so they
    clash with nothing; two full-time classes at the same time cannot both be attended.
    """
    if training_class.study_mode != StudyMode.FULL_TIME:
        return None
    return (
        Enrolment.unscoped.filter(
            person=person,
            status__in=ACTIVE_STATUSES,
            training_class__study_mode=StudyMode.FULL_TIME,
            training_class__start_date__lte=training_class.end_date,
            training_class__end_date__gte=training_class.start_date,
        )
        .exclude(training_class=training_class)
        .exclude(training_class__status=ClassStatus.CANCELLED)
        .select_related("training_class")
        .first()
    )


@transaction.atomic
def enrolment_nominate(
    *, training_class: TrainingClass, person: Person, note: str = "", intended_post: str = ""
) -> Enrolment:
    """A unit sends one of its people to a class: in the target group, free at those dates.

    `intended_post` is the post the person is trained for; it feeds the list of people trained and
    not placed (placement after training)."""
    user = _actor()
    person = Person.unscoped.select_related("unit").get(pk=person.pk)
    authorize(user, Perm.NOMINATE, person, denied=_("Bạn không có quyền cử “%(name)s” đi học.") % {"name": person})
    if person.unit is None:
        raise _deny(_("Bạn không có quyền cử “%(name)s” đi học.") % {"name": person})
    training_class = _locked_class(training_class)
    if training_class.status not in (ClassStatus.PLANNED, ClassStatus.OPEN):
        raise DomainError(
            _("Lớp “%(name)s” đang ở trạng thái “%(status)s”, không nhận cử học viên.")
            % {"name": training_class.name, "status": training_class.get_status_display()}
        )
    # Whose staff the class takes: its area, else the organiser's subtree (a sibling unit that sees
    # the class because one of its people was placed there by the organiser sends nobody itself).
    area = training_class.open_to or training_class.organiser
    if not person.unit.path.startswith(area.path) and not may_manage_class(user, training_class):
        raise DomainError(
            _("Lớp “%(name)s” chỉ nhận học viên của %(area)s.") % {"name": training_class.name, "area": area.name},
            code="area",
        )
    existing = Enrolment.unscoped.filter(training_class=training_class, person=person).first()
    if existing is not None and existing.status in ACTIVE_STATUSES:
        raise DomainError(_("%(name)s đã có tên trong lớp này.") % {"name": person})
    assignment = _main_assignment(person)
    problem = target_group_problem(training_class, person, assignment)
    if problem:
        raise DomainError(problem, code="target_group")
    clash = clashing_enrolment(person, training_class)
    if clash:
        other = clash.training_class
        raise DomainError(
            _("%(name)s đã có tên trong lớp “%(other)s” (%(start)s – %(end)s), trùng thời gian với lớp này.")
            % {"name": person, "other": other.name, "start": _d(other.start_date), "end": _d(other.end_date)},
            code="clash",
        )
    unit = person.unit
    values = {
        "unit": unit,
        "unit_path": unit.path,
        "category": assignment.category if assignment else "",
        "title": (assignment.title if assignment else "")[:150],
        "is_leader": is_leader_title(assignment.title, assignment.catalog_title) if assignment else False,
        "status": EnrolmentStatus.NOMINATED,
        "waitlist_position": None,
        "result": "",
        "score": None,
        "grade": "",
        "completed_on": None,
        "note": nfc(note)[:255],
        "intended_post": " ".join(nfc(intended_post).split())[:200],
    }
    if existing is not None:  # re-nominated after a withdrawal or a refusal
        before = audit.snapshot(existing)
        for name, value in values.items():
            setattr(existing, name, value)
        existing.version += 1
        existing.save()
        audit.log_update(existing, before)
        enrolment = existing
    else:
        enrolment = Enrolment.unscoped.create(training_class=training_class, person=person, **values)
        audit.log_create(enrolment)
    classes_changed([training_class.pk])
    return enrolment


def _locked_enrolment(enrolment: Enrolment) -> tuple[Enrolment, TrainingClass]:
    training_class = _locked_class(enrolment.training_class)
    enrolment = Enrolment.unscoped.select_for_update(of=("self",)).select_related("person").get(pk=enrolment.pk)
    return enrolment, training_class


def _seats_taken(training_class: TrainingClass) -> int:
    return training_class.enrolments.filter(status=EnrolmentStatus.APPROVED).count()


def _set_status(enrolment: Enrolment, status: str, **extra) -> None:
    before = audit.snapshot(enrolment)
    enrolment.status = status
    for name, value in extra.items():
        setattr(enrolment, name, value)
    enrolment.version += 1
    enrolment.save()
    audit.log_update(enrolment, before)


@transaction.atomic
def enrolment_approve(*, enrolment: Enrolment, expected_version: int | None = None) -> Enrolment:
    """Approve within capacity; beyond it the nominee joins the waiting list, first come first served."""
    enrolment, training_class = _locked_enrolment(enrolment)
    _check_class(training_class)
    audit.check_version(enrolment, expected_version)
    if enrolment.status not in (EnrolmentStatus.NOMINATED, EnrolmentStatus.WAITLISTED):
        raise DomainError(
            _("Không duyệt được: %(name)s đang ở trạng thái “%(status)s”.")
            % {"name": enrolment.person, "status": enrolment.get_status_display()}
        )
    if training_class.status in (ClassStatus.FINISHED, ClassStatus.CANCELLED):
        raise DomainError(_("Lớp đã kết thúc hoặc đã hủy."))
    if training_class.capacity is None or _seats_taken(training_class) < training_class.capacity:
        _set_status(enrolment, EnrolmentStatus.APPROVED, waitlist_position=None)
    elif enrolment.status == EnrolmentStatus.NOMINATED:
        last = training_class.enrolments.filter(status=EnrolmentStatus.WAITLISTED).aggregate(m=Max("waitlist_position"))
        _set_status(enrolment, EnrolmentStatus.WAITLISTED, waitlist_position=(last["m"] or 0) + 1)
    classes_changed([training_class.pk])
    return enrolment


@transaction.atomic
def enrolment_approve_many(*, training_class: TrainingClass, enrolments: Iterable[Enrolment]) -> list[dict]:
    """Approve a selection in one request, each nominee by `enrolment_approve`'s rules, in
    nomination order (seats first, then the waiting list). One refusal does not stop the others;
    the answer says per person what happened: {"enrolment", "name", "outcome", "reason"} with
    outcome "approved", "waitlisted" or "refused" (and the reason, in Vietnamese)."""
    _check_class(_locked_class(training_class))
    chosen = sorted(enrolments, key=lambda e: (e.created_at, e.pk))
    report = []
    for enrolment in chosen:
        name = enrolment.person.full_name
        if enrolment.training_class_id != training_class.pk:
            reason = _("không thuộc lớp này.")
            report.append({"enrolment": enrolment, "name": name, "outcome": "refused", "reason": reason})
            continue
        try:
            done = enrolment_approve(enrolment=enrolment)
        except DomainError as error:
            if isinstance(error, NotPermitted) or getattr(error, "code", None) == "permission":
                raise
            reason = " ".join(error.messages)
            report.append({"enrolment": enrolment, "name": name, "outcome": "refused", "reason": reason})
            continue
        if done.status == EnrolmentStatus.APPROVED:
            report.append({"enrolment": done, "name": name, "outcome": "approved", "reason": ""})
        else:
            reason = _("lớp đã đủ chỗ; xếp thứ %(n)s trong danh sách chờ.") % {"n": done.waitlist_position}
            report.append({"enrolment": done, "name": name, "outcome": "waitlisted", "reason": reason})
    return report


def _promote_waitlist(training_class: TrainingClass) -> list[Enrolment]:
    """Give freed seats to the waiting list in its order."""
    if training_class.status in (ClassStatus.FINISHED, ClassStatus.CANCELLED):
        return []
    waiting = training_class.enrolments.filter(status=EnrolmentStatus.WAITLISTED).order_by("waitlist_position", "pk")
    if training_class.capacity is None:
        free = waiting.count()
    else:
        free = training_class.capacity - _seats_taken(training_class)
    promoted = []
    for enrolment in list(waiting[: max(free, 0)]):
        _set_status(enrolment, EnrolmentStatus.APPROVED, waitlist_position=None)
        promoted.append(enrolment)
    return promoted


@transaction.atomic
def enrolment_reject(*, enrolment: Enrolment, note: str = "", expected_version: int | None = None) -> Enrolment:
    enrolment, training_class = _locked_enrolment(enrolment)
    _check_class(training_class)
    audit.check_version(enrolment, expected_version)
    if enrolment.status not in ACTIVE_STATUSES or enrolment.result:
        raise DomainError(_("Không từ chối được học viên đã có kết quả hoặc đã rút."))
    _set_status(enrolment, EnrolmentStatus.REJECTED, waitlist_position=None, note=nfc(note)[:255] or enrolment.note)
    _promote_waitlist(training_class)
    classes_changed([training_class.pk])
    return enrolment


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, note: str = "", expected_version: int | None = None) -> Enrolment:
    """The nominating unit (or the organiser) takes a learner out; a freed seat goes to the queue."""
    enrolment, training_class = _locked_enrolment(enrolment)
    denied = _("Bạn không có quyền rút học viên này.")
    try:
        authorize(_actor(), Perm.NOMINATE, enrolment, denied=denied)  # the unit that sent them
    except OutOfReach:
        _check_class(training_class, denied=denied)  # or whoever runs the class
    except NotPermitted as refused:  # reached (a learner's own enrolment) but not theirs to withdraw
        try:
            _check_class(training_class, denied=denied)
        except (OutOfReach, NotPermitted):
            raise refused from None
    audit.check_version(enrolment, expected_version)
    if enrolment.status not in ACTIVE_STATUSES or enrolment.result:
        raise DomainError(_("Không rút được học viên đã có kết quả hoặc không còn trong lớp."))
    _set_status(enrolment, EnrolmentStatus.WITHDRAWN, waitlist_position=None, note=nfc(note)[:255] or enrolment.note)
    _promote_waitlist(training_class)
    classes_changed([training_class.pk])
    return enrolment


SCORE_PLACES = 2  # Enrolment.score: max_digits=5, decimal_places=2


def _decimal_places(value) -> int:
    """How many decimals a score really has (8.50 has one, 8.125 three)."""
    import decimal

    exponent = decimal.Decimal(str(value)).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


@transaction.atomic
def enrolment_record_result(
    *,
    enrolment: Enrolment,
    result: str,
    score=None,
    grade: str = "",
    completed_on: datetime.date | None = None,
    expected_version: int | None = None,
    follow: bool = True,
) -> Enrolment:
    """Record passed / failed. Passing a level-granting programme creates the qualification (through
    the people services, which tell the gap engine); the annual duty periods are recomputed."""
    enrolment, training_class = _locked_enrolment(enrolment)
    _check_class(training_class, Perm.RECORD_RESULTS)
    audit.check_version(enrolment, expected_version)
    if result not in Result.values:
        raise DomainError({"result": [_("Kết quả “%(v)s” không hợp lệ.") % {"v": result}]})
    if enrolment.status != EnrolmentStatus.APPROVED:
        raise DomainError(_("Chỉ nhập kết quả cho học viên đã được duyệt vào lớp."))
    if training_class.status == ClassStatus.CANCELLED:
        raise DomainError(_("Lớp đã hủy."))
    today = datetime.date.today()
    if training_class.start_date > today:
        raise DomainError(_("Lớp chưa khai giảng; chưa nhập được kết quả."))
    if score is not None and not (0 <= score <= 100):
        raise DomainError({"score": [_("Điểm phải từ 0 đến 100 (thang 10 hoặc thang 100).")]})
    if score is not None and _decimal_places(score) > SCORE_PLACES:
        # The column keeps two places: 8,125 would be stored as 8,12 while the form said saved.
        raise DomainError(
            {
                "score": [
                    _("Điểm %(score)s có quá %(n)s chữ số thập phân.")
                    % {"score": format_number(score, _decimal_places(score)), "n": SCORE_PLACES}
                ]
            }
        )
    if result == Result.PASSED:
        completed_on = completed_on or min(training_class.end_date, today)
        if completed_on < training_class.start_date:
            raise DomainError({"completed_on": [_("Ngày hoàn thành trước ngày khai giảng.")]})
        if completed_on > today:
            raise DomainError({"completed_on": [_("Ngày hoàn thành ở tương lai.")]})
    else:
        completed_on = None
    before = audit.snapshot(enrolment)
    enrolment.result = result
    enrolment.score = score
    enrolment.grade = nfc(grade)[:30]
    enrolment.completed_on = completed_on
    _sync_qualification(enrolment, training_class)
    enrolment.version += 1
    enrolment.save()
    audit.log_update(enrolment, before)
    if follow:  # a writer of many results (the class's results form) follows once at the end
        on_results_changed([training_class.pk], [enrolment.person_id])
    return enrolment


@transaction.atomic
def results_record(*, training_class: TrainingClass, rows: list[dict]) -> list[Enrolment]:
    """Several results of one class at once (the results form): every row is checked as by
    `enrolment_record_result`, all or nothing, and duty periods and hooks follow once."""
    done = []
    for row in rows:
        try:
            done.append(enrolment_record_result(**row, follow=False))
        except DomainError as error:  # say whose row it was; nothing of the form is written
            raise DomainError(f"{row['enrolment'].person.full_name}: {' '.join(error.messages)}") from error
    if done:
        on_results_changed([training_class.pk], [e.person_id for e in done])
    return done


def _sync_qualification(enrolment: Enrolment, training_class: TrainingClass) -> None:
    from canbo.people import services as people_services

    level = training_class.programme.grants_level
    passed = enrolment.result == Result.PASSED
    if enrolment.qualification_id and not (passed and level):
        qualification = enrolment.qualification
        enrolment.qualification = None
        people_services.qualification_withdraw_from_training(qualification=qualification)
    if passed and level and enrolment.qualification_id is None:
        institution = training_class.institution or training_class.programme.provider or training_class.organiser
        enrolment.qualification = people_services.qualification_grant_from_training(
            person=enrolment.person,
            level=level,
            institution=institution.name,
            year=enrolment.completed_on.year,
            note=_("Lớp %(code)s") % {"code": training_class.code},
            training_class=f"{training_class.code} – {training_class.name}",
        )


def on_results_changed(class_ids: Iterable[int], person_ids: Iterable[int], *, among=None) -> None:
    """What follows results entered by any writer (service, import, demo)."""
    duty_periods_refresh(person_ids, among=among)
    classes_changed(class_ids)


# --- certificates for everyone who passed ----------------------------------------------------

# A run over more learners than this goes to the worker, with a progress bar; fewer run in the request.
CERTIFICATES_INLINE = 50


def certificates_pending(training_class: TrainingClass):
    """The class's passed learners still without a certificate, in the order of the class list."""
    return (
        training_class.enrolments.filter(result=Result.PASSED, certificate__isnull=True)
        .select_related("person")
        .order_by("person__name_key", "pk")
    )


def certificate_run_start(*, training_class: TrainingClass):
    """ "Cấp chứng chỉ cho tất cả học viên đạt": one action for the whole class. Each certificate
    is issued by `certificates.certificate_issue` (its rules, its numbering); small classes are
    done in the request, larger ones by the worker while the page shows the progress."""
    from canbo.training.models import CertificateRun

    _check_class(training_class, Perm.RECORD_RESULTS)
    if not training_class.programme.grants_certificate:
        raise DomainError(_("Chương trình này không cấp chứng chỉ."))
    total = certificates_pending(training_class).count()
    if not total:
        raise DomainError(_("Không còn học viên đạt nào chưa được cấp chứng chỉ."))
    run = CertificateRun.unscoped.create(training_class=training_class, user=_actor(), total=total)
    if total <= CERTIFICATES_INLINE:
        certificate_run_execute(run_id=run.pk)
    else:
        from canbo.training.tasks import issue_certificates

        result = issue_certificates.enqueue(str(run.pk))
        CertificateRun.unscoped.filter(pk=run.pk).update(task_id=str(result.id))
    run.refresh_from_db()
    return run


def certificate_run_execute(*, run_id) -> None:
    """Issue the certificates of one run, as whoever started it (in the request or the worker);
    each certificate is its own transaction, so an interrupted run keeps those issued and a new
    run issues the rest. Progress is written every few certificates."""
    from django.utils import timezone

    from canbo.training import certificates
    from canbo.training.models import CertificateRun

    run = CertificateRun.unscoped.select_related("training_class").get(pk=run_id)
    done = issued = 0
    refused: list[list[str]] = []
    try:
        for enrolment in list(certificates_pending(run.training_class)[: run.total]):
            try:
                certificates.certificate_issue(enrolment=enrolment)
            except DomainError as error:
                if isinstance(error, NotPermitted):
                    raise
                refused.append([enrolment.person.full_name, " ".join(error.messages)])
            else:
                issued += 1
            done += 1
            if done % 10 == 0:
                CertificateRun.unscoped.filter(pk=run.pk).update(done=done, issued=issued, refused=refused)
    except Exception as error:
        CertificateRun.unscoped.filter(pk=run.pk).update(
            done=done, issued=issued, refused=refused, finished_at=timezone.now(), failure=str(error)[:2000]
        )
        raise
    CertificateRun.unscoped.filter(pk=run.pk).update(
        done=run.total, issued=issued, refused=refused, finished_at=timezone.now()
    )


# --- duty periods -----------------------------------------------------------------------------


def duty_contributions(person_ids):
    """Answers `events.DutyPeriodsCount`: (person_id, year, periods) of completed enrolments
    counted toward the annual duty."""
    return (
        Enrolment.unscoped.filter(person_id__in=person_ids, result=Result.PASSED, completed_on__isnull=False)
        .filter(~Q(training_class__programme__duty_periods=0))
        .values_list("person_id", "completed_on__year")
        .annotate(total=Sum("training_class__programme__duty_periods"))
    )


def duty_periods_refresh(person_ids: Iterable[int], *, among=None) -> None:
    """Recompute the stored periods per person and year from every source (set-based): the
    answers to `events.DutyPeriodsCount` (completed classes, accepted self-study).

    `among` (a queryset of person ids, e.g. everyone of the imported classes) replaces the id lists
    in SQL: 20,000 ids as IN parameters cost more to send than the whole recomputation.
    """
    ids = sorted(set(person_ids))
    if not ids:
        return
    chunks = [among] if among is not None else [ids[start : start + 5000] for start in range(0, len(ids), 5000)]
    for chunk in chunks:
        totals: dict[tuple[int, int], int] = {}
        for rows in events.collect(events.DutyPeriodsCount(person_ids=chunk)):
            for person_id, year, periods in rows:
                totals[(person_id, year)] = totals.get((person_id, year), 0) + int(periods or 0)
        DutyPeriods.objects.filter(person_id__in=chunk).delete()
        insert_rows(DutyPeriods, ("person_id", "year", "periods"), ((p, y, n) for (p, y), n in totals.items() if n))
    people_changed(ids)


# --- sessions and attendance ------------------------------------------------------------------


@transaction.atomic
def session_add(*, training_class: TrainingClass, day: datetime.date, topic: str = "", periods: int = 4):
    from canbo.training.models import ClassSession

    training_class = _locked_class(training_class)
    _check_class(training_class, Perm.RECORD_RESULTS)
    if not (training_class.start_date <= day <= training_class.end_date):
        raise DomainError(
            {
                "day": [
                    _("Buổi học phải trong thời gian của lớp (%(start)s – %(end)s).")
                    % {"start": _d(training_class.start_date), "end": _d(training_class.end_date)}
                ]
            }
        )
    session = ClassSession.objects.create(training_class=training_class, day=day, topic=nfc(topic), periods=periods)
    audit.log_create(session)
    return session


@transaction.atomic
def attendance_record(*, session, present_ids: Iterable[int]) -> int:
    """Mark every approved learner of the session's class present or absent; returns the present count."""
    from canbo.training.models import Attendance

    training_class = _locked_class(session.training_class)
    _check_class(training_class, Perm.RECORD_RESULTS)
    present = set(present_ids)
    learners = list(training_class.enrolments.filter(status=EnrolmentStatus.APPROVED).values_list("pk", flat=True))
    existing = {a.enrolment_id: a for a in Attendance.objects.filter(session=session)}
    new, changed = [], []
    for enrolment_id in learners:
        here = enrolment_id in present
        row = existing.get(enrolment_id)
        if row is None:
            new.append(Attendance(session=session, enrolment_id=enrolment_id, present=here))
        elif row.present != here:
            row.present = here
            changed.append(row)
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(changed, ["present"])
    if new or changed:
        # One entry for the whole roll call: who was present, after the change.
        from canbo.core.audit import _record
        from canbo.core.models import ChangeAction

        before = {
            "absent_or_unmarked": sorted(set(learners) - {a.enrolment_id for a in existing.values() if a.present})
        }
        _record(session, ChangeAction.UPDATE, before, {"present": sorted(present & set(learners))})
    classes_changed([training_class.pk])
    return len(present & set(learners))


def attendance_rates(training_class: TrainingClass) -> dict[int, int]:
    """Percent of the class's sessions each learner attended (of the sessions taken so far)."""
    from canbo.training.models import Attendance

    total = training_class.sessions.count()
    if not total:
        return {}
    rows = (
        Attendance.objects.filter(session__training_class=training_class, present=True)
        .values_list("enrolment_id")
        .annotate(n=Count("pk"))
    )
    return {enrolment_id: round_half_up(100 * n / total) for enrolment_id, n in rows}


def unit_moved(old_path: str, new_path: str) -> None:
    """On `events.UnitMoved`: keep copied unit paths in step when a subtree moves in the org tree."""
    from django.db.models import Value
    from django.db.models.functions import Concat, Substr

    from canbo.training.models import Certificate, SelfStudy

    for model in (Enrolment, Certificate, SelfStudy):
        model.unscoped.filter(unit_path__startswith=old_path).update(
            unit_path=Concat(Value(new_path), Substr("unit_path", len(old_path) + 1))
        )
