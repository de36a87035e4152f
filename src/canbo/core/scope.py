"""The one scoping primitive: which org units an actor reaches, as a filter any model can apply.

Every scoped model names the field holding its unit's tree path (`SCOPE_PATH`); `Scope.q()` turns
the reach into a filter on it. Out-of-reach objects are then simply not found, so views answer 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Scope:
    """A reach: None means everything; otherwise tree paths, each with or without its subtree."""

    roots: tuple[tuple[str, bool], ...] | None  # (path, include_subtree)
    label: str = ""
    # A cadre reaches person-level data (their record, assignments, qualifications) only for
    # themselves: when set, person-bound models also filter on this person id.
    person_only: bool = False
    person_id: int | None = None

    @classmethod
    def everything(cls) -> Scope:
        return cls(roots=None, label="everything")

    @classmethod
    def nothing(cls) -> Scope:
        return cls(roots=(), label="nothing")

    @classmethod
    def subtree(cls, path: str) -> Scope:
        return cls(roots=((path, True),))

    @classmethod
    def single(cls, path: str) -> Scope:
        return cls(roots=((path, False),))

    @classmethod
    def own_record(cls, unit_path: str, person_id: int | None) -> Scope:
        return cls(roots=((unit_path, False),), person_only=True, person_id=person_id)

    @classmethod
    def for_user(cls, user) -> Scope:
        """A user's reach (the subtree of their unit, only the unit itself for a cadre), as the
        function named by the CANBO_REACH setting answers it: roles are accounts', not core's."""
        return import_string(settings.CANBO_REACH)(user)

    @property
    def unrestricted(self) -> bool:
        return self.roots is None

    def q(self, path_field: str) -> Q:
        if self.roots is None:
            return Q()
        if not self.roots:
            return Q(pk__in=[])
        condition = Q()
        for path, with_subtree in self.roots:
            lookup = f"{path_field}__startswith" if with_subtree else path_field
            condition |= Q(**{lookup: path})
        return condition

    def person_q(self, person_field: str) -> Q:
        """The extra filter for person-bound models: only one's own record for a cadre."""
        if not self.person_only:
            return Q()
        if self.person_id is None:
            return Q(pk__in=[])
        return Q(**{person_field: self.person_id})

    def contains_path(self, path: str | None) -> bool:
        if self.roots is None:
            return True
        if not path:
            return False
        return any(path.startswith(root) if with_subtree else path == root for root, with_subtree in self.roots)
