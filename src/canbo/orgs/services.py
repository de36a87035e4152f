"""Writes to the org tree. Views, API, commands and the demo all call these, inside an actor context."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from canbo import events
from canbo.accounts.choices import Role
from canbo.accounts.permissions import Perm, can, can_manage_unit
from canbo.core import audit, context
from canbo.core.errors import DomainError
from canbo.core.text import fold, nfc
from canbo.orgs.models import Unit, UnitSuccession
from canbo.orgs.selectors import official_code_of

EDITABLE_FIELDS = ("code", "official_code", "name", "kind", "parent", "valid_from", "valid_to", "note")


def _d(day: datetime.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else _("không thời hạn")


def _deny(message: str) -> DomainError:
    return DomainError(message, code="permission")


def _validate(unit: Unit) -> None:
    errors: dict[str, list[str]] = {}
    if unit.valid_to and unit.valid_to < unit.valid_from:
        errors.setdefault("valid_to", []).append(
            _("Ngày hết hiệu lực (%(to)s) không được trước ngày bắt đầu hiệu lực (%(frm)s).")
            % {"to": _d(unit.valid_to), "frm": _d(unit.valid_from)}
        )
    parent = unit.parent
    if parent is not None:
        if unit.pk and (parent.pk == unit.pk or parent.path.startswith(unit.path)):
            errors.setdefault("parent", []).append(
                _(
                    "Không thể đặt “%(parent)s” làm đơn vị cấp trên của “%(unit)s”: “%(parent)s” "
                    "là chính đơn vị này hoặc thuộc đơn vị này, sẽ tạo thành vòng lặp."
                )
                % {"parent": parent.name, "unit": unit.name}
            )
        else:
            starts_before = unit.valid_from < parent.valid_from
            ends_after = parent.valid_to is not None and (unit.valid_to is None or unit.valid_to > parent.valid_to)
            if starts_before or ends_after:
                errors.setdefault("valid_from" if starts_before else "valid_to", []).append(
                    _(
                        "Thời gian hiệu lực (%(frm)s – %(to)s) phải nằm trong thời gian hiệu lực của "
                        "đơn vị cấp trên “%(parent)s” (%(pfrm)s – %(pto)s)."
                    )
                    % {
                        "frm": _d(unit.valid_from),
                        "to": _d(unit.valid_to),
                        "parent": parent.name,
                        "pfrm": _d(parent.valid_from),
                        "pto": _d(parent.valid_to),
                    }
                )
    if unit.pk and unit.valid_to:
        outliving = Unit.unscoped.filter(parent_id=unit.pk).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=unit.valid_to)
        )
        names = [c.name for c in outliving[:5]]
        if names:
            errors.setdefault("valid_to", []).append(
                _("Các đơn vị trực thuộc còn hiệu lực sau ngày %(day)s: %(names)s.")
                % {"day": _d(unit.valid_to), "names": ", ".join(names)}
            )
    clash = _official_code_clash(unit)
    if clash is not None:
        errors.setdefault("official_code", []).append(
            _(
                "Mã đơn vị hành chính %(code)s đã là mã của “%(other)s” (%(frm)s – %(to)s): một mã chỉ "
                "thuộc một đơn vị tại mỗi thời điểm."
            )
            % {"code": unit.official_code, "other": clash.name, "frm": _d(clash.valid_from), "to": _d(clash.valid_to)}
        )
    if errors:
        raise DomainError(errors)
    try:
        unit.full_clean(exclude=["path", "name_key", "depth"])
    except ValidationError as error:  # a malformed code: refused like the checks above (400, not 500)
        raise DomainError(error.message_dict) from None


def _official_code_clash(unit: Unit) -> Unit | None:
    """Another unit holding the same official code over an overlapping period, if any.

    A new commune keeps one of its old communes' codes, so the same code may name an old unit until
    30/6/2025 and a new one from 1/7/2025; it may never name two units on the same day."""
    if not unit.official_code:
        return None
    others = Unit.unscoped.filter(official_code=unit.official_code).exclude(pk=unit.pk)
    if unit.valid_to is not None:
        others = others.filter(valid_from__lte=unit.valid_to)
    return others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=unit.valid_from)).order_by("valid_from").first()


def may_set_official_code(user) -> bool:
    """The State's code names a place for every import, command and API call of the province, so
    only the province sets or changes it: a commune officer, who manages the commune's inner units,
    could otherwise give one of them another commune's code and catch what is filed under it.
    (None is a command or the demo, acting as the system.)"""
    return user is None or user.has_role(Role.SYSTEM_ADMIN, Role.PROVINCE_HR_ADMIN)


def _check_official_code_writer(user, before: str, after: str) -> None:
    if after == before or may_set_official_code(user):
        return
    raise DomainError({"official_code": [_("Chỉ quản trị cấp tỉnh mới ghi hoặc sửa mã đơn vị hành chính.")]})


def _check_code_not_official(before: str, after: str) -> None:
    """canbo's code is looked up before the official one wherever a unit is named, so a new code of
    digits only ("03329", "3328") would shadow a commune's State code in imports, commands and API."""
    if after != before and official_code_of(after) is not None:
        raise DomainError(
            {
                "code": [
                    _(
                        "Mã đơn vị “%(code)s” chỉ gồm chữ số, dễ nhầm với mã đơn vị hành chính; hãy dùng mã có "
                        "chữ (ví dụ DB-MUONGNHE), mã đơn vị hành chính ghi ở ô riêng."
                    )
                    % {"code": after}
                ]
            }
        )


def _set_path(unit: Unit) -> None:
    prefix = unit.parent.path if unit.parent_id else "/"
    unit.path = f"{prefix}{unit.pk}/"
    unit.depth = unit.path.count("/") - 2


@transaction.atomic
def unit_create(
    *,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    note: str = "",
    official_code: str = "",
) -> Unit:
    ctx = context.require()
    if parent is None:
        if ctx.user is not None and not ctx.scope.unrestricted:
            raise _deny(_("Chỉ quản trị hệ thống mới tạo được đơn vị gốc (không có cấp trên)."))
        if ctx.user is not None and not can(ctx.user, Perm.MANAGE_UNITS):
            raise _deny(_("Bạn không có quyền tạo đơn vị."))
    elif ctx.user is not None and not can(ctx.user, Perm.MANAGE_UNITS, parent):
        raise _deny(_("Bạn không có quyền tạo đơn vị trực thuộc “%(parent)s”.") % {"parent": parent})
    unit = Unit(
        code=code.strip().upper(),
        official_code=(official_code or "").strip(),
        name=nfc(name),
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
        path="/pending/",
    )
    _check_official_code_writer(ctx.user, "", unit.official_code)
    _check_code_not_official("", unit.code)
    _validate(unit)
    unit.name_key = fold(unit.name)
    unit.save()
    _set_path(unit)
    unit.save(update_fields=["path", "depth"])
    audit.log_create(unit)
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, expected_version: int | None = None, **changes) -> Unit:
    """Change a unit's fields; a new parent moves the whole subtree (paths rewritten in one query)."""
    ctx = context.require()
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unit_update got unknown fields {sorted(unknown)}")
    unit = Unit.unscoped.select_for_update().get(pk=unit.pk)
    if ctx.user is not None and not can_manage_unit(ctx.user, unit):
        raise _deny(_("Bạn không có quyền sửa đơn vị “%(unit)s”.") % {"unit": unit})
    audit.check_version(unit, expected_version)
    before = audit.snapshot(unit)
    old_path = unit.path
    for name, value in changes.items():
        setattr(unit, name, value)
    unit.code = unit.code.strip().upper()
    unit.official_code = (unit.official_code or "").strip()
    _check_official_code_writer(ctx.user, before.get("official_code") or "", unit.official_code)
    _check_code_not_official(before["code"], unit.code)
    unit.name = nfc(unit.name)
    unit.name_key = fold(unit.name)
    moved_out = unit.parent_id is not None and not can(ctx.user, Perm.MANAGE_UNITS, unit.parent)
    if "parent" in changes and ctx.user is not None and moved_out:
        raise DomainError({"parent": [_("Đơn vị cấp trên mới nằm ngoài phạm vi của bạn.")]})
    if "parent" in changes and unit.parent_id is None and not ctx.scope.unrestricted:
        raise DomainError({"parent": [_("Chỉ quản trị hệ thống mới đặt được đơn vị gốc.")]})
    _validate(unit)
    _set_path(unit)
    unit.version += 1
    unit.save()
    if unit.path != old_path:
        Unit.unscoped.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
            path=Concat(Value(unit.path), Substr("path", len(old_path) + 1)),
            depth=F("depth") + (unit.depth - before["depth"]),
        )
        # The data other apps copy unit paths into follows (canbo/events.py lists who, in order).
        events.emit(events.UnitMoved(old_path=old_path, new_path=unit.path))
    audit.log_update(unit, before)
    return unit


def open_things(unit: Unit, day: datetime.date) -> list[str]:
    """What still keeps a unit open on `day`: children valid after it, and what the other apps
    answer to `events.UnitClosing` (staff still working there)."""
    children = Unit.unscoped.filter(parent=unit).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
    reasons = []
    names = list(children.values_list("name", flat=True)[:10])
    if names:
        total = children.count()
        more = _(" và %(n)s đơn vị khác") % {"n": total - len(names)} if total > len(names) else ""
        reasons.append(
            _("còn %(count)s đơn vị trực thuộc chưa đóng: %(names)s%(more)s")
            % {"count": total, "names": ", ".join(names), "more": more}
        )
    for answer in events.collect(events.UnitClosing(unit=unit, day=day)):
        reasons.extend(answer)
    return reasons


@transaction.atomic
def unit_close(*, unit: Unit, valid_to: datetime.date, expected_version: int | None = None) -> Unit:
    """End a unit's validity; refused while children (or, later, staff) remain after that day, and
    always for a root (the province): the whole tree hangs from it."""
    if unit.parent_id is None:
        raise DomainError(
            {"valid_to": [_("Không thể đóng “%(unit)s”: đây là đơn vị cấp cao nhất.") % {"unit": unit.name}]}
        )
    reasons = open_things(unit, valid_to)
    if reasons:
        raise DomainError(
            {
                "valid_to": [
                    _("Không thể đóng “%(unit)s” từ ngày %(day)s vì %(reasons)s.")
                    % {"unit": unit.name, "day": _d(valid_to), "reasons": "; ".join(reasons)}
                ]
            }
        )
    return unit_update(unit=unit, expected_version=expected_version, valid_to=valid_to)


@transaction.atomic
def succession_record(*, predecessor: Unit, successor: Unit, date: datetime.date, decision: str = "") -> UnitSuccession:
    """Record that `predecessor` went into `successor`; idempotent for the same pair."""
    existing = UnitSuccession.unscoped.filter(predecessor=predecessor, successor=successor).first()
    if existing:
        if existing.date == date and existing.decision == decision:
            return existing
        before = audit.snapshot(existing)
        existing.date, existing.decision = date, decision
        existing.save()
        audit.log_update(existing, before)
        return existing
    item = UnitSuccession.unscoped.create(predecessor=predecessor, successor=successor, date=date, decision=decision)
    audit.log_create(item)
    return item
