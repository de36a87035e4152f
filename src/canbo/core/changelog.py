"""What a user may see of change-log entries: the before/after values of sensitive fields only
with the right to see them on that record, on every page showing the log. Who has that right is
the caller's rule (people/sensitive.py's `may_see_sensitive`), passed in as `may_see`: the kernel
imports no domain app.

The entry itself stays (versions do not skip, the log does not look edited) with one line saying
that sensitive information was hidden; which field changed is hidden too, because a change of
`party_member` alone tells its new value.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType

from canbo.core.models import ChangeAction, ChangeLogEntry


def sensitive_attnames(model) -> frozenset[str]:
    """The log keys (attnames, as snapshots store them) of a model's SENSITIVE_FIELDS."""
    names = getattr(model, "SENSITIVE_FIELDS", ()) if model is not None else ()
    return frozenset(model._meta.get_field(name).attname for name in names)


def redacted(entries: Iterable[ChangeLogEntry], *, may_see: Callable[[object], bool]) -> list[ChangeLogEntry]:
    """Copies of `entries` for display, sensitive values removed where `may_see(person)` (the
    entry's person id for a person-bound model, None for others) says no; `sensitive_hidden` is
    set on the entries that lost something. Never saved."""
    shown = []
    for entry in entries:
        model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
        hidden = sensitive_attnames(model)
        entry.sensitive_hidden = False
        person = entry.object_id if getattr(model, "SCOPE_PERSON", "") == "pk" else None
        if not hidden or may_see(person):
            shown.append(entry)
            continue
        changed = set(entry.changed_fields)
        entry = copy.copy(entry)
        entry.before = _without(entry.before, hidden)
        entry.after = _without(entry.after, hidden)
        entry.sensitive_hidden = entry.action != ChangeAction.UPDATE or bool(changed & hidden)
        shown.append(entry)
    return shown


def _without(snapshot: dict | None, hidden: frozenset[str]) -> dict | None:
    return {k: v for k, v in snapshot.items() if k not in hidden} if snapshot else snapshot


def sensitive_shown(entries: Iterable[ChangeLogEntry]) -> list[str]:
    """The sensitive fields (by field name) whose values `entries`, as `redacted` left them, show:
    the changed ones of an update, every one of a creation or deletion. For the access log."""
    shown: set[str] = set()
    for entry in entries:
        model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
        names = {model._meta.get_field(n).attname: n for n in getattr(model, "SENSITIVE_FIELDS", ())} if model else {}
        if not names:
            continue
        if entry.action == ChangeAction.UPDATE:
            keys = set(entry.changed_fields)
        else:
            keys = set(entry.after or entry.before or {})
        shown |= {names[k] for k in keys if k in names}
    return sorted(shown)
