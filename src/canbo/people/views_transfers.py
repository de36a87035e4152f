"""Pages of a transfer between units (chuyển công tác): from the person's page the sending unit moves
the person at once within its reach or releases them to another unit; the receiving unit accepts or
declines on "Hồ sơ chuyển đến"; the sender follows and may cancel its releases there. Every write
goes through people.services / people.transfers, which call `authorize`."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from canbo.accounts.decorators import require_perm
from canbo.accounts.permissions import Perm, reach_of
from canbo.core.errors import DomainError, raise_if_permission_refusal
from canbo.core.forms import apply_domain_error
from canbo.people import services, transfers
from canbo.people.choices import TransferStatus
from canbo.people.forms import TransferAcceptForm, TransferDeclineForm, TransferForm
from canbo.people.views import _editable_person


def _day(value) -> str:
    return f"{value:%d/%m/%Y}"


@require_perm(Perm.MANAGE_PEOPLE)
def person_transfer(request, pk):
    """Chuyển công tác: a unit the user reaches → moved at once; another unit → a release to accept."""
    user = request.user
    person = _editable_person(request, pk)
    if transfers.open_release_of(person) is not None:
        messages.warning(request, _("%(name)s đang chờ đơn vị khác tiếp nhận.") % {"name": person.full_name})
        return redirect("people:detail", pk=person.pk)
    targets = list(transfers.transfer_targets(person=person))
    scope = reach_of(user)  # once, not per unit: a province lists a thousand units or more

    def reaches(unit):  # can(user, MANAGE_PEOPLE, unit), the view is already behind MANAGE_PEOPLE
        return scope.contains_path(unit.path)

    form = TransferForm(request.POST or None, targets=targets, reaches=reaches)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = data["to_unit"]
        try:
            if reaches(unit):
                services.person_transfer(
                    person=person,
                    unit=unit,
                    start_date=data["start_date"],
                    decision_number=data["decision_number"],
                    title=data["title"] or None,
                    category=data["category"] or None,
                )
                text = _("Đã chuyển “%(name)s” sang %(unit)s từ ngày %(day)s.")
            else:
                transfers.transfer_release(
                    person=person,
                    to_unit=unit,
                    start_date=data["start_date"],
                    decision_number=data["decision_number"],
                    title=data["title"],
                    note=data["note"],
                )
                text = _(
                    "Đã chuyển hồ sơ “%(name)s” đến %(unit)s (dự kiến từ ngày %(day)s); chờ đơn vị nhận tiếp nhận."
                )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            day = _day(data["start_date"])
            messages.success(request, text % {"name": person.full_name, "unit": unit.name, "day": day})
            return redirect("people:detail", pk=person.pk)
    return render(
        request,
        "people/transfer_form.html",
        {"form": form, "person": person, "direct_only": all(reaches(u) for u in targets)},
    )


@require_perm(Perm.VIEW_PEOPLE)
def transfer_list(request):
    """Hồ sơ chuyển đến (to accept or decline) and hồ sơ chuyển đi (with their status)."""
    user = request.user
    incoming = transfers.cards(user, transfers.incoming_for(user))
    outgoing = transfers.cards(user, transfers.outgoing_for(user))
    return render(
        request,
        "people/transfers.html",
        {
            "pending": [c for c in incoming if c.status == "released"],
            "received": [c for c in incoming if c.status != "released"],
            "outgoing": outgoing,
        },
    )


def _incoming(request, transfer_id):
    """A transfer addressed to a unit the user reaches; any other answers 404."""
    transfer = transfers.incoming_for(request.user).filter(pk=transfer_id).first()
    if transfer is None:
        raise Http404(transfer_id)
    return transfer


def _processed(request, transfer):
    """A transfer already accepted, declined or cancelled: back to the list, saying so."""
    messages.info(request, _("Đề nghị điều chuyển này đã được xử lý (%(s)s).") % {"s": transfer.get_status_display()})
    return redirect("people:transfers")


def _card(request, transfer):
    return transfers.cards(request.user, transfers.transfers_for(request.user).filter(pk=transfer.pk))[0]


@require_perm(Perm.MANAGE_PEOPLE)
def transfer_accept(request, transfer_id):
    """Tiếp nhận: the receiving unit confirms its decision; the person's main post moves there."""
    transfer = _incoming(request, transfer_id)
    if transfer.status != TransferStatus.RELEASED:
        return _processed(request, transfer)
    card = _card(request, transfer)
    initial = {
        "start_date": transfer.start_date,
        "title": transfer.title or card.current_title,
        "decision_number": transfer.decision_number,
        "version": transfer.version,
    }
    form = TransferAcceptForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            transfers.transfer_accept(
                transfer=transfer,
                expected_version=data["version"],
                start_date=data["start_date"],
                title=data["title"],
                decision_number=data["decision_number"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Đã tiếp nhận “%(name)s” vào %(unit)s từ ngày %(day)s.")
                % {"name": card.person_name, "unit": transfer.to_unit.name, "day": _day(data["start_date"])},
            )
            return redirect("people:detail", pk=transfer.person_id)
    return render(
        request,
        "people/transfer_action.html",
        {"form": form, "card": card, "title": _("Tiếp nhận cán bộ"), "submit": _("Tiếp nhận"), "danger": False},
    )


@require_perm(Perm.MANAGE_PEOPLE)
def transfer_decline(request, transfer_id):
    """Từ chối, with a reason the sending unit sees; the person stays where they are."""
    transfer = _incoming(request, transfer_id)
    if transfer.status != TransferStatus.RELEASED:
        return _processed(request, transfer)
    card = _card(request, transfer)
    form = TransferDeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            transfers.transfer_decline(transfer=transfer, note=form.cleaned_data["note"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã từ chối tiếp nhận “%(name)s”.") % {"name": card.person_name})
            return redirect("people:transfers")
    return render(
        request,
        "people/transfer_action.html",
        {"form": form, "card": card, "title": _("Từ chối tiếp nhận"), "submit": _("Từ chối"), "danger": True},
    )


@require_perm(Perm.MANAGE_PEOPLE)
@require_POST
def transfer_cancel(request, transfer_id):
    """Hủy: the sending unit withdraws its release before the receiving unit accepts."""
    transfer = transfers.outgoing_for(request.user).filter(pk=transfer_id).first()
    if transfer is None:
        raise Http404(transfer_id)
    try:
        transfers.transfer_cancel(transfer=transfer)
    except DomainError as error:
        raise_if_permission_refusal(error)
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã hủy việc chuyển hồ sơ “%(name)s”.") % {"name": transfer.person.full_name})
    if reach_of(request.user).contains_path(transfer.person.unit_path) and request.POST.get("back") == "person":
        return redirect("people:detail", pk=transfer.person_id)
    return redirect("people:transfers")
