"""Self-study and external training (counted toward the annual duty once the unit accepts the
evidence) and placement after training, with the list of people trained but not yet placed."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Sum
from django.utils.translation import gettext as _

from canbo.accounts.permissions import Perm, can
from canbo.core import audit, context, uploads
from canbo.core.errors import DomainError
from canbo.core.text import nfc
from canbo.people.models import Person
from canbo.training import services
from canbo.training.choices import Result
from canbo.training.models import Enrolment, Placement, SelfStudy, SelfStudyStatus


def self_study_contributions(person_ids: list[int]):
    """Answers `events.DutyPeriodsCount`: (person_id, year, periods) of accepted self-study, by the
    year it ended."""
    return (
        SelfStudy.unscoped.filter(person_id__in=person_ids, status=SelfStudyStatus.ACCEPTED)
        .values_list("person_id", "end_date__year")
        .annotate(total=Sum("periods"))
    )


@transaction.atomic
def self_study_submit(
    *,
    person: Person,
    title: str,
    start_date,
    end_date,
    periods: int,
    evidence: str,
    provider: str = "",
    evidence_file=None,
) -> SelfStudy:
    """A cadre declares their own study (or an officer does it for them); it counts once accepted."""
    user = context.require().user
    own = user is not None and getattr(user, "person_id", None) == person.pk
    if not own and not (person.unit and can(user, Perm.MANAGE_PEOPLE, person.unit)):
        raise DomainError(_("Bạn không có quyền khai báo việc học của người này."), code="permission")
    errors: dict[str, list[str]] = {}
    if end_date < start_date:
        errors["end_date"] = [_("Ngày kết thúc trước ngày bắt đầu.")]
    if end_date > datetime.date.today():
        errors["end_date"] = [_("Chỉ khai báo việc học đã hoàn thành.")]
    if not nfc(evidence).strip() and not evidence_file:
        errors["evidence"] = [_("Cần có minh chứng.")]
    if evidence_file:
        try:
            uploads.check_upload(evidence_file)
        except DomainError as error:
            errors["evidence_file"] = error.messages
    if errors:
        raise DomainError(errors)
    item = SelfStudy.unscoped.create(
        person=person,
        unit_path=person.unit_path,
        title=nfc(title).strip(),
        provider=nfc(provider).strip(),
        start_date=start_date,
        end_date=end_date,
        periods=periods,
        evidence=nfc(evidence).strip(),
        evidence_file=evidence_file or "",
    )
    audit.log_create(item)
    return item


@transaction.atomic
def self_study_review(*, item: SelfStudy, accept: bool, note: str = "", expected_version: int | None = None):
    """The unit accepts (the periods then count toward the duty) or refuses the evidence."""
    item = SelfStudy.unscoped.select_for_update(of=("self",)).select_related("person__unit").get(pk=item.pk)
    user = context.require().user
    if item.person.unit is None or not can(user, Perm.MANAGE_PEOPLE, item.person.unit):
        raise DomainError(_("Bạn không có quyền xác nhận việc học của người này."), code="permission")
    if user is not None and getattr(user, "person_id", None) == item.person_id:
        raise DomainError(_("Không tự xác nhận việc học của chính mình."), code="permission")
    audit.check_version(item, expected_version)
    before = audit.snapshot(item)
    item.status = SelfStudyStatus.ACCEPTED if accept else SelfStudyStatus.REJECTED
    item.reviewed_note = nfc(note)[:255]
    item.version += 1
    item.save()
    audit.log_update(item, before)
    services.duty_periods_refresh([item.person_id])
    return item


@transaction.atomic
def placement_record(*, enrolment: Enrolment, unit, post: str, start_date, decision_number: str = "") -> Placement:
    user = context.require().user
    if not can(user, Perm.MANAGE_PEOPLE, unit):
        raise DomainError(_("Bạn không có quyền bố trí cán bộ vào “%(unit)s”.") % {"unit": unit}, code="permission")
    if enrolment.result != Result.PASSED:
        raise DomainError(_("Chỉ ghi bố trí sau đào tạo cho người đã hoàn thành khóa học."))
    if enrolment.completed_on and start_date < enrolment.completed_on:
        raise DomainError({"start_date": [_("Ngày bố trí trước ngày hoàn thành khóa học.")]})
    item = Placement.unscoped.create(
        enrolment=enrolment, unit=unit, post=nfc(post).strip(), start_date=start_date, decision_number=decision_number
    )
    audit.log_create(item)
    return item


def placement_months() -> int:
    return int(getattr(settings, "CANBO_PLACEMENT_MONTHS", 12))


def not_placed(*, scope, months: int | None = None, day: datetime.date | None = None):
    """Completed trainings for a named post (`intended_post`) with no placement recorded `months`
    after completion."""
    months = placement_months() if months is None else months
    day = day or datetime.date.today()
    cutoff = day - datetime.timedelta(days=round(months * 30.4375))
    placed = Placement.unscoped.filter(enrolment=OuterRef("pk"))
    return (
        Enrolment.objects.within(scope)
        .filter(result=Result.PASSED, completed_on__lte=cutoff)
        .exclude(intended_post="")
        .filter(~Exists(placed))
        .select_related("person", "unit", "training_class__programme")
        .order_by("completed_on", "pk")
    )
