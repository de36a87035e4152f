"""Transfers between units that no one HR role reaches both of: the sending unit releases the
person to the receiving unit, which accepts (the person moves) or declines. Between units one role
reaches, `services.person_transfer` moves the person at once. Never a side effect of an import."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from canbo.accounts.permissions import Perm, authorize, perms_of, reach_of
from canbo.core import audit, context
from canbo.core.errors import DomainError
from canbo.core.text import nfc
from canbo.people.choices import TransferStatus
from canbo.people.models import Assignment, Person, Transfer
from canbo.people.services import _assignment_open, _check_manage


def transfers_for(user) -> QuerySet[Transfer]:
    """The transfers a user deals with: those sent from, or to, a unit within their reach."""
    scope = reach_of(user)
    base = Transfer.unscoped.select_related("person", "from_unit", "to_unit")
    if scope.unrestricted:
        return base
    if scope.person_only:
        return base.none()
    return base.filter(scope.q("from_unit__path") | scope.q("to_unit__path"))


def _set_status(transfer: Transfer, status: str, note: str = "") -> Transfer:
    before = audit.snapshot(transfer)
    transfer.status = status
    if note:
        transfer.note = nfc(note)[:255]
    transfer.version += 1
    transfer.save()
    audit.log_update(transfer, before)
    return transfer


def _locked(transfer: Transfer) -> Transfer:
    return (
        Transfer.unscoped.select_for_update(of=("self",))
        .select_related("person__unit", "from_unit", "to_unit")
        .get(pk=transfer.pk)
    )


@transaction.atomic
def transfer_release(
    *,
    person: Person,
    to_unit,
    start_date: datetime.date,
    decision_number: str = "",
    title: str = "",
    note: str = "",
) -> Transfer:
    """The person's unit releases them to `to_unit` (which it need not reach); nothing moves until
    the receiving unit accepts."""
    person = Person.unscoped.select_for_update(of=("self",)).select_related("unit").get(pk=person.pk)
    _check_manage(person)
    if person.unit_id is None or person.unit_id == to_unit.pk:
        raise DomainError(
            {"to_unit": [_("%(name)s đang công tác tại “%(unit)s”.") % {"name": person, "unit": to_unit}]}
        )
    if to_unit.valid_to is not None:
        raise DomainError({"to_unit": [_("Đơn vị “%(unit)s” đã giải thể hoặc sáp nhập.") % {"unit": to_unit}]})
    if not transfer_targets(person=person).filter(pk=to_unit.pk).exists():
        # The form lists only these; the service holds the rule for every other path (API, command).
        raise DomainError(
            {"to_unit": [_("Đơn vị “%(unit)s” không thuộc tỉnh nơi người này công tác.") % {"unit": to_unit}]}
        )
    if Transfer.unscoped.filter(person=person, status=TransferStatus.RELEASED).exists():
        raise DomainError(_("%(name)s đang chờ đơn vị khác tiếp nhận.") % {"name": person})
    current = Assignment.unscoped.filter(person=person, is_main=True, end_date__isnull=True).first()
    if current and current.start_date and start_date <= current.start_date:
        raise DomainError(
            {"start_date": [_("Cần ngày bắt đầu sau ngày bắt đầu của vị trí công tác hiện tại.")]}
        )  # refused now rather than when the receiving unit accepts
    transfer = Transfer.unscoped.create(
        person=person,
        from_unit=person.unit,
        to_unit=to_unit,
        start_date=start_date,
        decision_number=nfc(decision_number)[:60],
        title=nfc(title)[:150],
        note=nfc(note)[:255],
    )
    audit.log_create(transfer)
    return transfer


@transaction.atomic
def transfer_accept(
    *,
    transfer: Transfer,
    expected_version: int | None = None,
    start_date: datetime.date | None = None,
    title: str | None = None,
    decision_number: str | None = None,
) -> Assignment:
    """The receiving unit takes the person in: their main assignment ends, one opens in `to_unit`.
    The receiving unit's own decision may set another start date, post title or decision number."""
    transfer = _locked(transfer)
    user = context.require().user
    authorize(user, Perm.MANAGE_PEOPLE, transfer.to_unit, denied=_("Bạn không có quyền tiếp nhận cán bộ."))
    audit.check_version(transfer, expected_version)
    if transfer.status != TransferStatus.RELEASED:
        raise DomainError(_("Đề nghị điều chuyển này đã được xử lý (%(s)s).") % {"s": transfer.get_status_display()})
    person = Person.unscoped.select_for_update().get(pk=transfer.person_id)
    if person.unit_id != transfer.from_unit_id:
        raise DomainError(
            _("%(name)s không còn công tác tại đơn vị chuyển đi; đề nghị không còn hiệu lực.") % {"name": person}
        )
    current = Assignment.unscoped.filter(person=person, is_main=True, end_date__isnull=True).first()
    title = nfc(title or "").strip() or transfer.title or (current.title if current else "")
    assignment = _assignment_open(
        person=person,
        unit=transfer.to_unit,
        start_date=start_date or transfer.start_date,
        decision_number=nfc(decision_number or "").strip()[:60] or transfer.decision_number,
        title=title[:150],
        category=current.category if current else "",
        is_main=True,
    )
    transfer.assignment = assignment
    _set_status(transfer, TransferStatus.ACCEPTED)
    return assignment


@transaction.atomic
def transfer_decline(*, transfer: Transfer, note: str = "") -> Transfer:
    """The receiving unit refuses; the person stays where they are."""
    transfer = _locked(transfer)
    authorize(
        context.require().user, Perm.MANAGE_PEOPLE, transfer.to_unit, denied=_("Bạn không có quyền tiếp nhận cán bộ.")
    )
    return _close(transfer, TransferStatus.DECLINED, note)


@transaction.atomic
def transfer_cancel(*, transfer: Transfer, note: str = "") -> Transfer:
    """The sending unit withdraws the release before it is accepted."""
    transfer = _locked(transfer)
    _check_manage(transfer.from_unit)
    return _close(transfer, TransferStatus.CANCELLED, note)


def _close(transfer: Transfer, status: str, note: str) -> Transfer:
    if transfer.status != TransferStatus.RELEASED:
        raise DomainError(_("Đề nghị điều chuyển này đã được xử lý (%(s)s).") % {"s": transfer.get_status_display()})
    return _set_status(transfer, status, note)


def incoming_for(user) -> QuerySet[Transfer]:
    """Transfers addressed to a unit within the user's reach (whatever their status)."""
    return transfers_for(user).filter(reach_of(user).q("to_unit__path"))


def outgoing_for(user) -> QuerySet[Transfer]:
    """Transfers sent from a unit within the user's reach (whatever their status)."""
    return transfers_for(user).filter(reach_of(user).q("from_unit__path"))


def pending_for(user) -> QuerySet[Transfer]:
    """Releases waiting for a unit within the user's reach to accept."""
    return incoming_for(user).filter(status=TransferStatus.RELEASED)


def open_release_of(person: Person) -> Transfer | None:
    """The person's release still waiting for the receiving unit (at most one)."""
    pending = Transfer.unscoped.filter(person=person, status=TransferStatus.RELEASED)
    return pending.select_related("from_unit", "to_unit").first()


def transfer_targets(*, person: Person):
    """The open units of the person's province (the root of their unit's tree) but their own: the
    units a release or a move may name. Units are public within the province; no person is listed."""
    from canbo.orgs.models import Unit

    root = "/" + person.unit_path.strip("/").split("/")[0] + "/" if person.unit_path else ""
    return (
        Unit.unscoped.filter(path__startswith=root, valid_to__isnull=True)
        .exclude(pk=person.unit_id)
        .only("pk", "name", "code", "path", "depth")
        .order_by("path")
    )


@dataclass(frozen=True)
class TransferCard:
    """What a transfer page shows: for a receiving unit that does not reach the person yet, only the
    name, birth year, current post title and the sending unit; never the record's other fields."""

    pk: int
    version: int
    person_id: int
    person_name: str
    birth_year: int | None
    current_title: str
    from_unit: str
    to_unit: str
    start_date: datetime.date
    decision_number: str
    title: str
    note: str
    status: str
    status_label: str
    created_at: datetime.datetime
    reached: bool  # the viewer reaches the person today (may open their page)
    can_accept: bool
    can_cancel: bool


def cards(user, transfers: QuerySet[Transfer], limit: int = 100) -> list[TransferCard]:
    """The transfers as cards, newest first, in one query reading only the fields a card shows."""
    scope = reach_of(user)
    may_manage = Perm.MANAGE_PEOPLE in perms_of(user)
    current_title = Subquery(
        Assignment.unscoped.filter(person=OuterRef("person_id"), is_main=True, end_date__isnull=True)
        .order_by("-start_date")
        .values("title")[:1]
    )
    rows = transfers.annotate(current_title=current_title).order_by("-created_at", "-pk")[:limit]
    labels = dict(TransferStatus.choices)
    result = []
    for t in rows.values(
        "pk", "version", "person_id", "person__full_name", "person__birth_date", "person__birth_year",
        "person__unit_path", "from_unit__name", "from_unit__path", "to_unit__name", "to_unit__path",
        "start_date", "decision_number", "title", "note", "status", "created_at", "current_title",
    ):  # fmt: skip
        birth = t["person__birth_date"]
        released = t["status"] == TransferStatus.RELEASED
        result.append(
            TransferCard(
                pk=t["pk"],
                version=t["version"],
                person_id=t["person_id"],
                person_name=t["person__full_name"],
                birth_year=birth.year if birth else t["person__birth_year"],
                current_title=t["current_title"] or "",
                from_unit=t["from_unit__name"],
                to_unit=t["to_unit__name"],
                start_date=t["start_date"],
                decision_number=t["decision_number"],
                title=t["title"],
                note=t["note"],
                status=t["status"],
                status_label=str(labels.get(t["status"], t["status"])),
                created_at=t["created_at"],
                reached=scope.contains_path(t["person__unit_path"]),
                can_accept=released and may_manage and scope.contains_path(t["to_unit__path"]),
                can_cancel=released and may_manage and scope.contains_path(t["from_unit__path"]),
            )
        )
    return result
