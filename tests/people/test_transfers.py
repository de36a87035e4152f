"""A transfer between communes is its own workflow: commune A releases, commune B accepts (or
declines); neither can do the other's part, and nothing moves until the receiving unit accepts."""

import datetime

import pytest

from canbo.core.context import acting_as
from canbo.core.errors import DomainError, OutOfReach
from canbo.core.models import ChangeLogEntry
from canbo.people import services, transfers
from canbo.people.models import Assignment, Person

D = datetime.date


def _release(personas, people, tree, **extra):
    with acting_as(personas["officer_a"], origin="test"):
        return transfers.transfer_release(
            person=people["van"], to_unit=tree["b"], start_date=D(2026, 3, 1), decision_number="15/QĐ-UBND", **extra
        )


def test_the_sending_unit_releases_and_the_receiving_unit_accepts(personas, people, tree):
    transfer = _release(personas, people, tree)
    assert Person.unscoped.get(pk=people["van"].pk).unit == tree["a"]  # nothing moves yet
    assert list(transfers.pending_for(personas["officer_b"])) == [transfer]
    assert not transfers.pending_for(personas["officer_a"]).exists()
    with acting_as(personas["officer_b"], origin="test"):
        opened = transfers.transfer_accept(transfer=transfer, expected_version=transfer.version)
    van = Person.unscoped.get(pk=people["van"].pk)
    assert van.unit == tree["b"] and van.unit_path == tree["b"].path
    assert (opened.unit, opened.start_date, opened.decision_number) == (tree["b"], D(2026, 3, 1), "15/QĐ-UBND")
    assert opened.title == "Công chức Văn phòng - thống kê"
    assert Assignment.unscoped.get(person=van, unit=tree["a"]).end_date == D(2026, 2, 28)
    transfer.refresh_from_db()
    assert transfer.status == "accepted" and transfer.assignment == opened
    assert ChangeLogEntry.objects.filter(content_type__model="transfer").count() == 2


def test_neither_unit_can_do_the_others_part(personas, people, tree):
    with acting_as(personas["officer_b"], origin="test"), pytest.raises(OutOfReach):
        transfers.transfer_release(person=people["van"], to_unit=tree["b"], start_date=D(2026, 3, 1))
    transfer = _release(personas, people, tree)
    with acting_as(personas["officer_a"], origin="test"), pytest.raises(OutOfReach):
        transfers.transfer_accept(transfer=transfer)
    with acting_as(personas["officer_b"], origin="test"), pytest.raises(OutOfReach):
        transfers.transfer_cancel(transfer=transfer)
    assert Person.unscoped.get(pk=people["van"].pk).unit == tree["a"]


def test_a_declined_or_cancelled_release_moves_nobody_and_cannot_be_accepted(personas, people, tree):
    transfer = _release(personas, people, tree)
    with acting_as(personas["officer_b"], origin="test"):
        transfers.transfer_decline(transfer=transfer, note="Không còn biên chế")
        with pytest.raises(DomainError, match="đã được xử lý"):
            transfers.transfer_accept(transfer=transfer)
    again = _release(personas, people, tree)
    with acting_as(personas["officer_a"], origin="test"):
        transfers.transfer_cancel(transfer=again)
    assert Person.unscoped.get(pk=people["van"].pk).unit == tree["a"]


def test_one_open_release_per_person_and_a_stale_release_is_refused(personas, people, tree):
    transfer = _release(personas, people, tree)
    with pytest.raises(DomainError, match="đang chờ đơn vị khác tiếp nhận"):
        _release(personas, people, tree)
    with acting_as(personas["officer_a"], origin="test"):  # moved within commune A meanwhile
        services.person_transfer(person=people["van"], unit=tree["a_office"], start_date=D(2026, 2, 1))
    with acting_as(personas["officer_b"], origin="test"), pytest.raises(DomainError, match="không còn công tác"):
        transfers.transfer_accept(transfer=transfer)
    assert Person.unscoped.get(pk=people["van"].pk).unit == tree["a_office"]


def test_a_release_to_a_unit_of_another_province_is_refused_by_the_service(personas, people, tree):
    """The form lists only the province's units; the service holds the same rule for every path."""
    from canbo.orgs import services as org_services

    other = org_services.unit_create(
        code="LC", name="Tỉnh Lai Châu", kind="province", parent=None, valid_from=D(2004, 1, 1)
    )
    with acting_as(personas["officer_a"], origin="test"), pytest.raises(DomainError) as refused:
        transfers.transfer_release(person=people["van"], to_unit=other, start_date=D(2026, 3, 1))
    assert "không thuộc tỉnh" in str(refused.value)
    assert not ChangeLogEntry.objects.filter(content_type__model="transfer").exists()
