"""Transfers between units that no one HR role reaches both of: the sending unit releases the
person to the receiving unit, which accepts (the person moves) or declines. Between units one role
reaches, `services.person_transfer` moves the person at once. Never a side effect of an import."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from canbo.accounts.permissions import Perm, authorize, reach_of
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
    if Transfer.unscoped.filter(person=person, status=TransferStatus.RELEASED).exists():
        raise DomainError(_("%(name)s đang chờ đơn vị khác tiếp nhận.") % {"name": person})
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
def transfer_accept(*, transfer: Transfer, expected_version: int | None = None) -> Assignment:
    """The receiving unit takes the person in: their main assignment ends, one opens in `to_unit`."""
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
    assignment = _assignment_open(
        person=person,
        unit=transfer.to_unit,
        start_date=transfer.start_date,
        decision_number=transfer.decision_number,
        title=transfer.title or (current.title if current else ""),
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


def pending_for(user) -> QuerySet[Transfer]:
    """Releases waiting for a unit within the user's reach to accept."""
    pending = transfers_for(user).filter(status=TransferStatus.RELEASED)
    return pending.filter(reach_of(user).q("to_unit__path"))
