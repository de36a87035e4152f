"""Plans: drafting, stale edits, submission, return with comments and approval by the parent unit."""

import pytest

from canbo.core.context import acting_as
from canbo.core.errors import DomainError, StaleEdit
from canbo.core.models import ChangeLogEntry
from canbo.plans import services
from canbo.plans.choices import PlanStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(tree, personas, kinds):
    with acting_as(personas["officer_a"], origin="test"):
        return services.plan_create(
            unit=tree["a"],
            year=2026,
            targets=[
                {"kind": "politics", "group": "can_bo", "place": "in_province", "classes": 1, "turns": 40},
                {"kind": kinds["state_mgmt"], "group": "cong_chuc", "turns": 25},
            ],
        )


def test_it_creates_a_draft_with_targets_and_history(plan):
    assert plan.status == PlanStatus.DRAFT
    assert sorted(t.turns for t in plan.targets.all()) == [25, 40]
    assert [e.action for e in plan.events.all()] == ["create"]
    assert ChangeLogEntry.unscoped.filter(object_id=str(plan.pk), action="create").exists()


def test_it_refuses_a_second_plan_for_the_same_year(plan, tree, personas):
    with acting_as(personas["officer_a"], origin="test"), pytest.raises(DomainError) as exc:
        services.plan_create(unit=tree["a"], year=2026)
    assert "đã có kế hoạch năm 2026" in str(exc.value)


def test_it_names_every_bad_target_row(tree, personas, kinds):
    with acting_as(personas["officer_a"], origin="test"), pytest.raises(DomainError) as exc:
        services.plan_create(
            unit=tree["a"],
            year=2027,
            targets=[
                {"kind": "politics", "turns": "mười"},
                {"kind": "nope", "turns": 3},
                {"kind": "politics", "turns": 4},
            ],
        )
    messages = exc.value.message_dict["targets"]
    assert any("Dòng 1" in m and "mười" in m for m in messages)
    assert any("Dòng 2" in m for m in messages)
    assert any("Dòng 3 trùng với dòng 1" in m for m in messages)


def test_it_refuses_a_plan_outside_the_officers_reach(tree, personas):
    with acting_as(personas["officer_b"], origin="test"), pytest.raises(DomainError):
        services.plan_create(unit=tree["a"], year=2026)


def test_a_stale_edit_is_refused_naming_who_changed_it(plan, personas):
    with acting_as(personas["officer_a"], origin="test"):
        services.plan_update(plan=plan, expected_version=1, note="Bổ sung lớp QLNN")
        with pytest.raises(StaleEdit) as exc:
            services.plan_update(plan=plan, expected_version=1, note="Bản cũ")
    assert "Lò Thị Vân" in str(exc.value)


def test_submit_return_resubmit_approve_close(plan, personas):
    with acting_as(personas["officer_a"], origin="test"):
        plan = services.plan_submit(plan=plan, expected_version=plan.version)
        with pytest.raises(DomainError):  # nobody approves their own unit's plan
            services.plan_approve(plan=plan)
        with pytest.raises(DomainError):  # a submitted plan is no longer editable
            services.plan_update(plan=plan, expected_version=plan.version, note="x")
    with acting_as(personas["officer_b"], origin="test"), pytest.raises(DomainError):
        services.plan_return(plan=plan, comment="Không phải cấp trên")
    with acting_as(personas["province_admin"], origin="test"):
        with pytest.raises(DomainError) as exc:
            services.plan_return(plan=plan, comment="  ")
        assert "ý kiến" in str(exc.value)
        plan = services.plan_return(plan=plan, comment="Thiếu chỉ tiêu QP-AN")
    assert plan.status == PlanStatus.RETURNED and plan.review_comment == "Thiếu chỉ tiêu QP-AN"
    with acting_as(personas["officer_a"], origin="test"):
        plan = services.plan_update(
            plan=plan, expected_version=plan.version, targets=[{"kind": "defence", "turns": 10}]
        )
        plan = services.plan_submit(plan=plan, expected_version=plan.version)
    with acting_as(personas["province_admin"], origin="test"):
        plan = services.plan_approve(plan=plan, comment="Đồng ý", expected_version=plan.version)
        plan = services.plan_close(plan=plan)
    assert plan.status == PlanStatus.CLOSED
    events = [(e.action, e.from_status, e.to_status, e.comment) for e in plan.events.all()]
    assert events[1:] == [
        ("submit", "draft", "submitted", ""),
        ("return", "submitted", "returned", "Thiếu chỉ tiêu QP-AN"),
        ("edit", "returned", "returned", ""),
        ("submit", "returned", "submitted", ""),
        ("approve", "submitted", "approved", "Đồng ý"),
        ("close", "approved", "closed", ""),
    ]


def test_it_refuses_to_submit_a_plan_without_targets(tree, personas):
    with acting_as(personas["officer_a"], origin="test"):
        plan = services.plan_create(unit=tree["a"], year=2028)
        with pytest.raises(DomainError):
            services.plan_submit(plan=plan)


def test_the_province_plan_is_approved_by_the_province_admin(tree, personas, kinds):
    with acting_as(personas["province_admin"], origin="test"):
        plan = services.plan_create(unit=tree["province"], year=2026, targets=[{"kind": "politics", "turns": 5}])
        plan = services.plan_submit(plan=plan)
        plan = services.plan_approve(plan=plan)
    assert plan.status == PlanStatus.APPROVED


def test_nominees_must_belong_to_the_unit(plan, personas, people, kinds):
    with acting_as(personas["officer_a"], origin="test"):
        services.plan_nominee_add(plan=plan, person=people["van"], kind=kinds["politics"])
        with pytest.raises(DomainError):
            services.plan_nominee_add(plan=plan, person=people["pao"], kind=kinds["politics"])
    assert plan.nominees.count() == 1
