"""What each role may do, and how far a user reaches. The one place that decides both.

Reach (which units' data a user sees) is the subtree of the user's unit; a system admin reaches
everything; a cadre reaches only their own unit (and, in the people registry, only their record).
Actions are permissions granted by roles, always checked together with the reach.
"""

from __future__ import annotations

import logging
from enum import StrEnum

from canbo.accounts.choices import Role
from canbo.core.scope import Scope

security_log = logging.getLogger("canbo.security")


class Perm(StrEnum):
    VIEW_UNITS = "view_units"
    MANAGE_UNITS = "manage_units"
    VIEW_CHANGELOG = "view_changelog"
    VIEW_GLOBAL_CHANGELOG = "view_global_changelog"
    MANAGE_USERS = "manage_users"
    VIEW_PEOPLE = "view_people"
    MANAGE_PEOPLE = "manage_people"
    VIEW_SENSITIVE = "view_sensitive"
    IMPORT_PEOPLE = "import_people"
    # Standards and gaps (catalogues and requirement rules are province-wide data).
    VIEW_STANDARDS = "view_standards"
    # One's own requirements and gaps only (the person panel of one's own record), never a unit's.
    VIEW_OWN_STANDARDS = "view_own_standards"
    MANAGE_STANDARDS = "manage_standards"
    # Training: the catalogue and classes (organisers, institutions), nominations (units), results.
    VIEW_TRAINING = "view_training"
    MANAGE_PROGRAMMES = "manage_programmes"
    MANAGE_CLASSES = "manage_classes"
    NOMINATE = "nominate"
    RECORD_RESULTS = "record_results"
    # Annual plans and reports.
    VIEW_PLANS = "view_plans"
    MANAGE_PLANS = "manage_plans"
    APPROVE_PLANS = "approve_plans"
    VIEW_REPORTS = "view_reports"
    # Careers: annual evaluations of a unit's people; one's own evaluations and training priority.
    VIEW_EVALUATIONS = "view_evaluations"
    MANAGE_EVALUATIONS = "manage_evaluations"
    VIEW_OWN_CAREER = "view_own_career"
    # Succession pools (quy hoạch) are confidential: only roles given these see them, and every
    # view is logged. Not implied by managing people or plans.
    VIEW_POOLS = "view_pools"
    MANAGE_POOLS = "manage_pools"


ROLE_PERMS: dict[str, set[Perm]] = {
    Role.SYSTEM_ADMIN: set(Perm),
    Role.PROVINCE_HR_ADMIN: {
        Perm.VIEW_UNITS,
        Perm.MANAGE_UNITS,
        Perm.VIEW_CHANGELOG,
        Perm.VIEW_GLOBAL_CHANGELOG,
        Perm.MANAGE_USERS,
        Perm.VIEW_PEOPLE,
        Perm.MANAGE_PEOPLE,
        Perm.VIEW_SENSITIVE,
        Perm.IMPORT_PEOPLE,
        Perm.VIEW_STANDARDS,
        Perm.MANAGE_STANDARDS,
        Perm.VIEW_TRAINING,
        Perm.MANAGE_PROGRAMMES,
        Perm.MANAGE_CLASSES,
        Perm.NOMINATE,
        Perm.RECORD_RESULTS,
        Perm.VIEW_PLANS,
        Perm.MANAGE_PLANS,
        Perm.APPROVE_PLANS,
        Perm.VIEW_REPORTS,
        Perm.VIEW_EVALUATIONS,
        Perm.MANAGE_EVALUATIONS,
    },
    Role.UNIT_HR_OFFICER: {
        Perm.VIEW_UNITS,
        Perm.MANAGE_UNITS,
        Perm.VIEW_CHANGELOG,
        Perm.VIEW_PEOPLE,
        Perm.MANAGE_PEOPLE,
        Perm.VIEW_SENSITIVE,
        Perm.IMPORT_PEOPLE,
        Perm.VIEW_STANDARDS,
        Perm.VIEW_TRAINING,
        Perm.MANAGE_CLASSES,
        Perm.NOMINATE,
        Perm.RECORD_RESULTS,
        Perm.VIEW_PLANS,
        Perm.MANAGE_PLANS,
        Perm.APPROVE_PLANS,
        Perm.VIEW_REPORTS,
        Perm.VIEW_EVALUATIONS,
        Perm.MANAGE_EVALUATIONS,
    },
    Role.TRAINING_OFFICER: {
        Perm.VIEW_UNITS,
        Perm.VIEW_PEOPLE,
        Perm.VIEW_TRAINING,
        Perm.MANAGE_CLASSES,
        Perm.RECORD_RESULTS,
    },
    Role.LEADER: {
        Perm.VIEW_UNITS,
        Perm.VIEW_CHANGELOG,
        Perm.VIEW_PEOPLE,
        Perm.VIEW_STANDARDS,
        Perm.VIEW_TRAINING,
        Perm.VIEW_PLANS,
        Perm.VIEW_REPORTS,
        Perm.VIEW_EVALUATIONS,
    },
    # The committee's organisation staff who keep the succession pools (Ban Tổ chức): pools and
    # the evaluations and standards they rest on, nothing else.
    Role.POOL_OFFICER: {
        Perm.VIEW_UNITS,
        Perm.VIEW_PEOPLE,
        Perm.VIEW_STANDARDS,
        Perm.VIEW_EVALUATIONS,
        Perm.VIEW_POOLS,
        Perm.MANAGE_POOLS,
    },
    # A cadre sees their own record, sensitive fields included (it is their own data), their own
    # classes and certificates, and what their post requires of them and what they still lack —
    # not VIEW_STANDARDS, which opens a unit's rates and the people behind them.
    Role.CADRE: {
        Perm.VIEW_UNITS,
        Perm.VIEW_PEOPLE,
        Perm.VIEW_SENSITIVE,
        Perm.VIEW_TRAINING,
        Perm.VIEW_OWN_STANDARDS,
        Perm.VIEW_OWN_CAREER,
    },
}


def perms_of(user) -> set[Perm]:
    if user is None:  # the system itself: commands and tasks started by nobody
        return set(Perm)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    granted: set[Perm] = set()
    for role in user.roles or []:
        granted |= ROLE_PERMS.get(role, set())
    return granted


def reach_of(user) -> Scope:
    if user is None:
        return Scope.everything()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope.nothing()
    if user.has_role(Role.SYSTEM_ADMIN):
        return Scope.everything()
    if user.unit_id is None:
        return Scope.nothing()
    if user.roles and set(user.roles) <= {Role.CADRE}:
        return Scope.own_record(user.unit.path, user.person_id)
    return Scope.subtree(user.unit.path)


def can(user, perm: Perm, unit=None) -> bool:
    """May `user` do `perm` (on `unit`, when given)? The unit must be within the user's reach."""
    if perm not in perms_of(user):
        return False
    if unit is None:
        return True
    return reach_of(user).contains_path(unit.path)


def can_view_standards_of(user, person) -> bool:
    """May `user` see `person`'s requirements and gaps? Those who see standards, for anyone they
    reach (the caller found `person` through a scoped selector); holders of VIEW_OWN_STANDARDS
    only for their own record."""
    granted = perms_of(user)
    if Perm.VIEW_STANDARDS in granted:
        return True
    own = person is not None and getattr(user, "person_id", None) == person.pk
    return Perm.VIEW_OWN_STANDARDS in granted and own


def can_manage_unit(user, unit) -> bool:
    """Edit or close a unit: within reach, and never one's own root unit unless province-wide.

    A commune officer manages the commune's inner units; the commune itself is the province's.
    """
    if not can(user, Perm.MANAGE_UNITS, unit):
        return False
    if user is None or user.has_role(Role.SYSTEM_ADMIN, Role.PROVINCE_HR_ADMIN):
        return True
    return unit.pk != user.unit_id


# Models whose rows are reached through more than their SCOPE_PATH: a class is run by its organiser
# and by the institution teaching it; a transfer concerns the unit sending and the unit receiving.
EXTRA_REACH_PATHS: dict[str, tuple[str, ...]] = {
    "training.trainingclass": ("institution__path",),
    "people.transfer": ("to_unit__path",),  # the sending and the receiving unit
}


def _follow(obj, dotted: str):
    """`obj.unit.path` for "unit__path": the value a SCOPE_PATH names, read on one instance."""
    for name in dotted.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


def within_reach(user, obj, *, scope: Scope | None = None) -> bool:
    """Is `obj` (any scoped model instance) within `user`'s reach? By its SCOPE_PATH (and the
    extra paths of EXTRA_REACH_PATHS); a cadre reaches person-bound rows only of their own record.
    Bulk checkers pass the `scope` they computed once."""
    scope = scope or reach_of(user)
    if scope.unrestricted:
        return True
    model = type(obj)
    paths = (model.SCOPE_PATH, *EXTRA_REACH_PATHS.get(model._meta.label_lower, ()))
    if not any(scope.contains_path(_follow(obj, path)) for path in paths):
        return False
    person_field = getattr(model, "SCOPE_PERSON", None)
    if scope.person_only and person_field:
        return scope.person_id is not None and _follow(obj, person_field) == scope.person_id
    return True


def authorize(user, action: Perm, obj, *, denied: str | None = None) -> None:
    """May `user` do `action` to `obj` (a Unit, Person, Assignment, TrainingClass, Enrolment, Plan…)?
    The one check every write makes: raises OutOfReach (a 404, nothing disclosed) when the object is
    outside the user's reach, NotPermitted when it is reached but no role grants the action."""
    from django.utils.translation import gettext as _

    from canbo.core.errors import NotPermitted, OutOfReach

    if user is None:  # the system itself
        return
    if not within_reach(user, obj):
        _log_refusal(user, action, obj, "outside reach")
        raise OutOfReach(f"{type(obj).__name__} {obj.pk} is outside the reach of {user}")
    if action not in perms_of(user):
        _log_refusal(user, action, obj, "not permitted")
        raise NotPermitted(denied or _("Bạn không có quyền thực hiện thao tác này."))


def _log_refusal(user, action: Perm, obj, why: str) -> None:
    """A refused write is a security event (ASVS 16.3.2): who tried what on which object, with the
    request id that ties it to the change log — never the object's content."""
    from canbo.core import context

    ctx = context.current()
    security_log.warning(
        "authorize refused (%s): user=%s action=%s object=%s:%s request=%s",
        why,
        getattr(user, "pk", None),
        action.value,
        type(obj).__name__,
        getattr(obj, "pk", None),
        ctx.request_id if ctx else "",
    )


def ensure_within_reach(user, queryset, *, also_outside=None) -> None:
    """The check after a bulk write, in one query: every row of `queryset` (the rows just written)
    must lie within `user`'s reach, and none may match `also_outside` (a filter built by the caller
    from `reach_of(user)`, for related rows); else ReachViolation rolls the write back."""
    from canbo.core.errors import ReachViolation
    from canbo.core.models import reach_q

    scope = reach_of(user)
    if user is None or scope.unrestricted:
        return
    condition = ~reach_q(queryset.model, scope)
    if also_outside is not None:
        condition |= also_outside
    outside = list(queryset.filter(condition).values_list("pk", flat=True)[:5])
    if outside:
        raise ReachViolation(f"{queryset.model.__name__} rows {list(outside)} written outside the reach of {user}")
