"""Writes to annual plans. Pages, commands and the demo call these inside an actor context.

A unit's HR officer drafts and submits its plan; the HR role of the parent unit (anyone with the
approval right whose reach covers the parent, but not the unit's own officers) approves it or returns
it with a comment. Each step is a `PlanEvent` and a change-log entry; edits name the version the
form was opened on and are refused when someone saved in between.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from canbo.accounts.choices import Role
from canbo.accounts.permissions import Perm, can, perms_of, reach_of
from canbo.core import audit, context
from canbo.core.errors import DomainError
from canbo.core.models import ChangeAction
from canbo.orgs.models import Unit
from canbo.plans.choices import PlanAction, PlanStatus, TargetGroup
from canbo.plans.models import Plan, PlanEvent, PlanNominee, PlanTarget
from canbo.training.choices import Place
from canbo.training.models import ProgrammeKind

MIN_YEAR, MAX_YEAR = 2000, 2100


def _deny(message: str) -> DomainError:
    return DomainError(message, code="permission")


def can_manage(user, plan_or_unit) -> bool:
    unit = plan_or_unit.unit if isinstance(plan_or_unit, Plan) else plan_or_unit
    return can(user, Perm.MANAGE_PLANS, unit)


def can_review(user, plan: Plan) -> bool:
    """Approve or return: the parent unit's HR role. A root unit's plan: the system or province admins."""
    if user is None:
        return True
    if Perm.APPROVE_PLANS not in perms_of(user):
        return False
    unit = plan.unit
    if user.has_role(Role.SYSTEM_ADMIN):
        return True
    if user.unit_id is None:
        return False
    own_path = user.unit.path
    if unit.parent_id is None:
        return user.has_role(Role.PROVINCE_HR_ADMIN) and own_path == unit.path
    # Within reach of the parent, and not an officer of the unit itself (nobody approves their own).
    return reach_of(user).contains_path(unit.parent.path) and not own_path.startswith(unit.path)


def _event(plan: Plan, action: str, before_status: str, comment: str = "") -> None:
    ctx = context.require()
    user = ctx.user
    PlanEvent.unscoped.create(
        plan=plan,
        user=user,
        user_name=(user.get_full_name() or user.get_username()) if user is not None else "",
        action=action,
        from_status=before_status,
        to_status=plan.status,
        comment=comment,
    )


def _locked(plan: Plan, expected_version: int | None) -> Plan:
    fresh = Plan.unscoped.select_for_update(of=("self",)).select_related("unit", "unit__parent").get(pk=plan.pk)
    audit.check_version(fresh, expected_version)
    return fresh


@transaction.atomic
def plan_create(
    *,
    unit: Unit,
    year: int,
    title: str = "",
    budget: decimal.Decimal | int | None = None,
    note: str = "",
    targets: Iterable[dict] = (),
) -> Plan:
    ctx = context.require()
    if not can_manage(ctx.user, unit):
        raise _deny(_("Bạn không có quyền lập kế hoạch cho “%(unit)s”.") % {"unit": unit})
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise DomainError({"year": [_("Năm kế hoạch %(year)s không hợp lệ.") % {"year": year}]})
    if Plan.unscoped.filter(unit=unit, year=year).exists():
        raise DomainError(
            {
                "year": [
                    _("“%(unit)s” đã có kế hoạch năm %(year)s; hãy mở kế hoạch đó để sửa.")
                    % {"unit": unit, "year": year}
                ]
            }
        )
    plan = Plan(unit=unit, year=year, title=title.strip(), budget=budget, note=note)
    plan.full_clean()
    plan.save()
    _replace_targets(plan, list(targets))
    audit.log_create(plan)
    _event(plan, PlanAction.CREATE, "")
    return plan


def _clean_targets(rows: list[dict]) -> list[PlanTarget]:
    kinds = {k.pk: k for k in ProgrammeKind.objects.all()}
    kinds_by_code = {k.code: k for k in kinds.values()}
    errors: list[str] = []
    seen: dict[tuple, int] = {}
    result = []
    for n, row in enumerate(rows, 1):
        kind = row.get("kind")
        if isinstance(kind, str):
            kind = kinds_by_code.get(kind)
        elif isinstance(kind, int):
            kind = kinds.get(kind)
        group = row.get("group") or TargetGroup.OTHER
        place = row.get("place") or Place.IN_PROVINCE
        if kind is None:
            errors.append(_("Dòng %(n)s: chưa chọn loại chương trình (hoặc loại không có).") % {"n": n})
            continue
        if group not in TargetGroup.values:
            errors.append(_("Dòng %(n)s: đối tượng “%(v)s” không có trong danh mục.") % {"n": n, "v": group})
            continue
        if place not in Place.values:
            errors.append(_("Dòng %(n)s: địa điểm “%(v)s” không có trong danh mục.") % {"n": n, "v": place})
            continue
        values = {}
        for field, label in (("classes", _("số lớp")), ("turns", _("số lượt người"))):
            raw = row.get(field) or 0
            try:
                value = int(raw)
            except (TypeError, ValueError):
                value = -1
            if value < 0:
                errors.append(
                    _("Dòng %(n)s: %(field)s “%(v)s” phải là số nguyên không âm.") % {"n": n, "field": label, "v": raw}
                )
            values[field] = max(value, 0)
        key = (kind.pk, group, place)
        if key in seen:
            errors.append(
                _("Dòng %(n)s trùng với dòng %(m)s (%(kind)s, %(group)s, %(place)s): mỗi tổ hợp chỉ nhập một lần.")
                % {
                    "n": n,
                    "m": seen[key],
                    "kind": kind.name,
                    "group": TargetGroup(group).label,
                    "place": Place(place).label,
                }
            )
            continue
        seen[key] = n
        if not values["classes"] and not values["turns"]:
            continue
        result.append(PlanTarget(kind=kind, group=group, place=place, budget=row.get("budget"), **values))
    if errors:
        raise DomainError({"targets": errors})
    return result


def _replace_targets(plan: Plan, rows: list[dict]) -> None:
    targets = _clean_targets(rows)
    PlanTarget.unscoped.filter(plan=plan).delete()
    for t in targets:
        t.plan = plan
    PlanTarget.unscoped.bulk_create(targets)


def _snapshot(plan: Plan) -> dict:
    data = audit.snapshot(plan)
    data["targets"] = [
        f"{t.kind_id}/{t.group}/{t.place}: {t.classes} lớp, {t.turns} lượt"
        for t in PlanTarget.unscoped.filter(plan=plan).order_by("kind_id", "group", "place")
    ]
    return data


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    expected_version: int | None,
    targets: Iterable[dict] | None = None,
    **fields,
) -> Plan:
    """Change a draft (or returned) plan: title, budget, note and, when given, all its targets."""
    ctx = context.require()
    unknown = set(fields) - {"title", "budget", "note"}
    if unknown:
        raise TypeError(f"plan_update got unknown fields {sorted(unknown)}")
    plan = _locked(plan, expected_version)
    if not can_manage(ctx.user, plan):
        raise _deny(_("Bạn không có quyền sửa kế hoạch của “%(unit)s”.") % {"unit": plan.unit})
    if not plan.is_editable:
        raise DomainError(
            _("Kế hoạch đang ở trạng thái “%(status)s”, không sửa được; chỉ sửa khi là dự thảo hoặc bị trả lại.")
            % {"status": plan.get_status_display()}
        )
    before = _snapshot(plan)
    for name, value in fields.items():
        setattr(plan, name, value.strip() if isinstance(value, str) else value)
    plan.full_clean()
    if targets is not None:
        _replace_targets(plan, list(targets))
    plan.version += 1
    plan.save()
    _log_update(plan, before)
    _event(plan, PlanAction.EDIT, plan.status)
    return plan


def _log_update(plan: Plan, before: dict) -> None:
    after = _snapshot(plan)
    if {k for k in set(before) | set(after) if before.get(k) != after.get(k)} - {"version", "updated_at"}:
        audit._record(plan, ChangeAction.UPDATE, before, after)


def _transition(
    plan: Plan,
    *,
    expected_version: int | None,
    allowed_from: tuple[str, ...],
    to: str,
    action: str,
    comment: str = "",
    review: bool,
) -> Plan:
    ctx = context.require()
    plan = _locked(plan, expected_version)
    allowed = can_review(ctx.user, plan) if review else can_manage(ctx.user, plan)
    if not allowed:
        raise _deny(
            _("Bạn không có quyền %(action)s kế hoạch của “%(unit)s”.")
            % {"action": PlanAction(action).label.lower(), "unit": plan.unit}
        )
    if plan.status not in allowed_from:
        raise DomainError(
            _("Không thể %(action)s: kế hoạch đang ở trạng thái “%(status)s”.")
            % {"action": PlanAction(action).label.lower(), "status": plan.get_status_display()}
        )
    before = _snapshot(plan)
    from_status = plan.status
    plan.status = to
    if action in (PlanAction.RETURN, PlanAction.REOPEN):
        plan.review_comment = comment
    elif action == PlanAction.SUBMIT:
        plan.review_comment = ""
    plan.version += 1
    plan.save()
    _log_update(plan, before)
    _event(plan, action, from_status, comment)
    return plan


@transaction.atomic
def plan_submit(*, plan: Plan, expected_version: int | None = None) -> Plan:
    if not PlanTarget.unscoped.filter(plan_id=plan.pk).exists():
        raise DomainError(_("Kế hoạch chưa có chỉ tiêu nào; hãy nhập chỉ tiêu trước khi trình duyệt."))
    return _transition(
        plan,
        expected_version=expected_version,
        allowed_from=(PlanStatus.DRAFT, PlanStatus.RETURNED),
        to=PlanStatus.SUBMITTED,
        action=PlanAction.SUBMIT,
        review=False,
    )


@transaction.atomic
def plan_return(*, plan: Plan, comment: str, expected_version: int | None = None) -> Plan:
    comment = (comment or "").strip()
    if not comment:
        raise DomainError({"comment": [_("Hãy ghi ý kiến để đơn vị biết cần sửa gì.")]})
    return _transition(
        plan,
        expected_version=expected_version,
        allowed_from=(PlanStatus.SUBMITTED,),
        to=PlanStatus.RETURNED,
        action=PlanAction.RETURN,
        comment=comment,
        review=True,
    )


@transaction.atomic
def plan_approve(*, plan: Plan, comment: str = "", expected_version: int | None = None) -> Plan:
    return _transition(
        plan,
        expected_version=expected_version,
        allowed_from=(PlanStatus.SUBMITTED,),
        to=PlanStatus.APPROVED,
        action=PlanAction.APPROVE,
        comment=(comment or "").strip(),
        review=True,
    )


@transaction.atomic
def plan_close(*, plan: Plan, expected_version: int | None = None) -> Plan:
    return _transition(
        plan,
        expected_version=expected_version,
        allowed_from=(PlanStatus.APPROVED,),
        to=PlanStatus.CLOSED,
        action=PlanAction.CLOSE,
        review=True,
    )


REOPEN_FROM = (PlanStatus.APPROVED, PlanStatus.CLOSED)
REOPEN_TO = (PlanStatus.DRAFT, PlanStatus.SUBMITTED)


@transaction.atomic
def plan_reopen(*, plan: Plan, reason: str, to: str = PlanStatus.DRAFT, expected_version: int | None = None) -> Plan:
    """Reopen an approved or closed plan (the parent unit's HR role, as for approval): back to a
    draft the unit edits again, or to submitted for a new review. The reason is required; it goes to
    the plan's history, its change-log entry and the comment the unit sees."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError({"comment": [_("Hãy ghi lý do mở lại kế hoạch.")]})
    if to not in REOPEN_TO:
        raise DomainError(
            {"to": [_("Chỉ mở lại về “Dự thảo” hoặc “Đã trình, chờ duyệt”.")]},
        )
    return _transition(
        plan,
        expected_version=expected_version,
        allowed_from=REOPEN_FROM,
        to=to,
        action=PlanAction.REOPEN,
        comment=reason,
        review=True,
    )


@transaction.atomic
def plan_nominee_add(*, plan: Plan, person, kind: ProgrammeKind, note: str = "") -> PlanNominee:
    ctx = context.require()
    plan = _locked(plan, None)
    if not can_manage(ctx.user, plan):
        raise _deny(_("Bạn không có quyền sửa kế hoạch của “%(unit)s”.") % {"unit": plan.unit})
    if not plan.is_editable:
        raise DomainError(_("Kế hoạch đã trình hoặc đã duyệt, không thêm người dự kiến cử đi học được."))
    if not person.unit_path.startswith(plan.unit.path):
        raise DomainError(
            _("%(person)s không thuộc “%(unit)s”, không đưa vào kế hoạch của đơn vị này được.")
            % {"person": person, "unit": plan.unit}
        )
    nominee, created = PlanNominee.unscoped.get_or_create(plan=plan, person=person, kind=kind, defaults={"note": note})
    if created:
        audit.log_create(nominee)
    return nominee


@transaction.atomic
def plan_nominees_add(*, plan: Plan, people: Iterable, kind: ProgrammeKind, note: str = "") -> tuple[list, list]:
    """Add many people to a plan's intended nominees for a kind in one step (the needs list's
    selection): the same rules as `plan_nominee_add`, checked once for the plan and once per
    person. All or nothing: a plan is one document, so a refused person (outside the plan's unit)
    refuses the whole step with every reason, and nothing is added. Returns (added, already there)."""
    ctx = context.require()
    plan = _locked(plan, None)
    if not can_manage(ctx.user, plan):
        raise _deny(_("Bạn không có quyền sửa kế hoạch của “%(unit)s”.") % {"unit": plan.unit})
    if not plan.is_editable:
        raise DomainError(_("Kế hoạch đã trình hoặc đã duyệt, không thêm người dự kiến cử đi học được."))
    people = list(dict.fromkeys(people))
    outside = [p for p in people if not (p.unit_path or "").startswith(plan.unit.path)]
    if outside:
        raise DomainError(
            [
                _("%(person)s không thuộc “%(unit)s”, không đưa vào kế hoạch của đơn vị này được.")
                % {"person": p, "unit": plan.unit}
                for p in outside
            ]
        )
    present = set(
        PlanNominee.unscoped.filter(plan=plan, kind=kind, person__in=people).values_list("person_id", flat=True)
    )
    added, already = [], []
    for person in people:
        if person.pk in present:
            already.append(person)
            continue
        nominee = PlanNominee.unscoped.create(plan=plan, person=person, kind=kind, note=note[:255])
        audit.log_create(nominee)
        added.append(nominee)
    return added, already
