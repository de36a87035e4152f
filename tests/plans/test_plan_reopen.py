"""Reopening an approved or closed plan: the parent unit's HR role only, with a required reason that
goes to the plan's history, its change log and the comment the unit sees; a button on the plan page."""

import pytest
from django.urls import reverse

from canbo.core.context import acting_as
from canbo.core.errors import DomainError
from canbo.core.models import ChangeLogEntry
from canbo.plans import services
from canbo.plans.choices import PlanStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(tree, personas, kinds):
    with acting_as(personas["officer_a"], origin="test"):
        plan = services.plan_create(unit=tree["a"], year=2026, targets=[{"kind": "politics", "turns": 40}])
        plan = services.plan_submit(plan=plan)
    with acting_as(personas["province_admin"], origin="test"):
        plan = services.plan_approve(plan=plan)
        return services.plan_close(plan=plan)


def test_the_parent_reopens_a_closed_plan_to_draft_with_a_reason(closed, personas):
    with acting_as(personas["province_admin"], origin="test"):
        with pytest.raises(DomainError) as exc:
            services.plan_reopen(plan=closed, reason="   ")
        assert "lý do" in str(exc.value)
        plan = services.plan_reopen(
            plan=closed, reason="Bổ sung chỉ tiêu theo Quyết định 12", expected_version=closed.version
        )
    assert plan.status == PlanStatus.DRAFT and plan.review_comment == "Bổ sung chỉ tiêu theo Quyết định 12"
    event = plan.events.last()
    assert (event.action, event.from_status, event.to_status, event.comment) == (
        "reopen",
        "closed",
        "draft",
        "Bổ sung chỉ tiêu theo Quyết định 12",
    )
    entry = ChangeLogEntry.unscoped.filter(object_id=str(plan.pk), action="update").order_by("-id").first()
    assert entry.before["status"] == "closed" and entry.after["status"] == "draft"
    assert entry.after["review_comment"] == "Bổ sung chỉ tiêu theo Quyết định 12"
    assert entry.user_name == "Nguyễn Thị Hoa"
    # The unit edits the draft again.
    with acting_as(personas["officer_a"], origin="test"):
        plan = services.plan_update(plan=plan, expected_version=plan.version, note="đã bổ sung")
    assert plan.note == "đã bổ sung"


def test_an_approved_plan_goes_back_to_submitted_for_a_new_review(closed, personas):
    closed.status = PlanStatus.APPROVED
    closed.save()
    with acting_as(personas["province_admin"], origin="test"):
        with pytest.raises(DomainError):
            services.plan_reopen(plan=closed, reason="x", to=PlanStatus.CLOSED)
        plan = services.plan_reopen(plan=closed, reason="Xem lại kinh phí", to=PlanStatus.SUBMITTED)
        assert plan.status == PlanStatus.SUBMITTED
        with pytest.raises(DomainError):  # a plan that is not approved or closed is not reopened
            services.plan_reopen(plan=plan, reason="lần nữa")


def test_only_the_parents_hr_role_reopens(closed, personas):
    for name in ("officer_a", "officer_b", "leader"):
        with acting_as(personas[name], origin="test"), pytest.raises(DomainError):
            services.plan_reopen(plan=closed, reason="Mở lại")
    closed.refresh_from_db()
    assert closed.status == PlanStatus.CLOSED
    assert not closed.events.filter(action="reopen").exists()


def test_the_plan_page_has_the_reopen_button_for_the_parent_only(closed, login):
    url = reverse("plans:detail", args=[closed.pk])
    assert 'data-testid="reopen-form"' not in login("officer_a").get(url).content.decode()
    reopen = reverse("plans:transition", args=[closed.pk, "reopen"])
    login("officer_a").post(reopen, {"version": closed.version, "comment": "tự mở"})
    closed.refresh_from_db()
    assert closed.status == PlanStatus.CLOSED

    admin = login("province_admin")
    page = admin.get(url).content.decode()
    assert 'data-testid="reopen-form"' in page and "Mở lại kế hoạch" in page
    admin.post(reopen, {"version": closed.version, "comment": ""})
    closed.refresh_from_db()
    assert closed.status == PlanStatus.CLOSED  # the reason is required
    response = admin.post(reopen, {"version": closed.version, "comment": "Điều chỉnh chỉ tiêu", "to": "submitted"})
    assert response.status_code == 302
    closed.refresh_from_db()
    assert closed.status == PlanStatus.SUBMITTED
    page = login("officer_a").get(url).content.decode()
    assert "Điều chỉnh chỉ tiêu" in page and 'data-testid="reopen-form"' not in page
