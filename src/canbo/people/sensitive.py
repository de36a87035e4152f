"""What is sensitive in the registry — ethnicity, religion, Party membership, health — and who may
see it: the one definition that forms, pages, filters, the API, exports and the change log use."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from canbo.accounts.permissions import Perm, perms_of, reach_of

# Model fields of Person, by field name (the change log stores them by attname: ethnicity_id).
SENSITIVE_FIELDS = ("ethnicity", "religion", "party_member", "party_joined_on", "health_note")


def is_sensitive(field: str) -> bool:
    """A Person field name, or its attname as the change log keeps it (`ethnicity_id`)."""
    return field in SENSITIVE_FIELDS or field.removesuffix("_id") in SENSITIVE_FIELDS


def sensitive_names(fields_by_name: Mapping[str, str]) -> frozenset[str]:
    """The names (columns, filters, output keys) that show a sensitive field, from {name: field}."""
    return frozenset(name for name, field in fields_by_name.items() if is_sensitive(field))


def may_see_sensitive(user, person=None) -> bool:
    """VIEW_SENSITIVE, and for a cadre (whose reach is their own record) only their own person
    (`person` a Person or its id).

    Callers found `person` through a scoped selector; the person check matters where a list of
    rows (the change log) is shown with the reach of a unit rather than of one person."""
    if Perm.VIEW_SENSITIVE not in perms_of(user):
        return False
    if person is None:
        return True
    scope = reach_of(user)
    return not scope.person_only or str(scope.person_id) == str(getattr(person, "pk", person))


class SensitiveFilterRefused(PermissionDenied):
    """A filter on a sensitive field asked for by a role that may not see it: listing the Party
    members of a unit tells as much as a Party column would."""

    def __init__(self, names: Iterable[str]):
        self.names = sorted(names)
        self.user_message = _(
            "Vai trò của bạn không được xem thông tin nhạy cảm (dân tộc, tôn giáo, đảng viên, sức khỏe), "
            "nên không được lọc theo các mục đó; bộ lọc bị từ chối: %(names)s."
        ) % {"names": ", ".join(self.names)}
        super().__init__(self.user_message)
