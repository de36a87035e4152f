"""Writing the change log: services call `log_create/log_update/log_delete` with snapshots.

Every entry takes who/where from the actor context, which is why services cannot run without one.
"""

from __future__ import annotations

import datetime
import decimal
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from canbo.core import context
from canbo.core.errors import StaleEdit
from canbo.core.models import ChangeAction, ChangeLogEntry

# Columns of the change log in the order bulk writers (imports, synthetic data) give them.
LOG_COLUMNS = (
    "time",
    "user_id",
    "user_name",
    "origin",
    "request_id",
    "label",
    "content_type_id",
    "object_id",
    "object_repr",
    "object_version",
    "action",
    "before",
    "after",
    "unit_path",
)


def bulk_log_rows(model, entries):
    """Change-log rows in LOG_COLUMNS order for writers that COPY many rows at once (imports, the
    demo, synthetic data), filled as `_record` fills one, from (object_id, repr, version, action,
    before, after, unit_path).

    Everything that needs the database is looked up before the rows are produced: on PostgreSQL
    they are consumed inside COPY, when the connection can run no other query.
    """
    ct = ContentType.objects.get_for_model(model, for_concrete_model=True).pk
    ctx = context.require()
    user = ctx.user
    user_id = user.pk if user is not None else None
    user_name = (user.get_full_name() or user.get_username()) if user is not None else ""
    now = timezone.now()
    label = ctx.label[:200]
    return (
        (
            now,
            user_id,
            user_name,
            ctx.origin,
            ctx.request_id,
            label,
            ct,
            str(pk),
            str(text)[:255],
            version,
            action,
            before,
            after,
            path,
        )
        for pk, text, version, action, before, after, path in entries
    )


def _json_value(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def snapshot(obj: models.Model) -> dict:
    """Concrete field values by attribute name, JSON-safe; fields in AUDIT_EXCLUDE are left out."""
    excluded = set(getattr(obj, "AUDIT_EXCLUDE", ()))
    return {
        f.attname: _json_value(getattr(obj, f.attname))
        for f in obj._meta.concrete_fields
        if f.attname not in excluded and f.name not in excluded
    }


def _unit_path(obj) -> str:
    getter = getattr(obj, "audit_unit_path", None)
    return (getter() if callable(getter) else getter) or ""


def _record(obj, action, before, after) -> ChangeLogEntry:
    ctx = context.require()
    user = ctx.user
    return ChangeLogEntry.unscoped.create(
        user=user,
        user_name=(user.get_full_name() or user.get_username()) if user is not None else "",
        origin=ctx.origin,
        request_id=ctx.request_id,
        label=ctx.label[:200],
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        object_version=getattr(obj, "version", None),
        action=action,
        before=before,
        after=after,
        unit_path=_unit_path(obj),
    )


def log_create(obj, notes: dict | None = None) -> ChangeLogEntry:
    """`notes`: what the writer says beside the snapshot (keys the model lists in AUDIT_NOTES)."""
    return _record(obj, ChangeAction.CREATE, None, {**snapshot(obj), **(notes or {})})


def log_update(obj, before: dict) -> ChangeLogEntry | None:
    """Log an update; nothing is written when nothing changed (idempotent commands stay quiet)."""
    after = snapshot(obj)
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)} - {"version"}
    if not changed:
        return None
    return _record(obj, ChangeAction.UPDATE, before, after)


def log_delete(obj, before: dict) -> ChangeLogEntry:
    return _record(obj, ChangeAction.DELETE, before, None)


def history(obj) -> models.QuerySet[ChangeLogEntry]:
    """The log of one object, newest first. The caller has already found the object in scope."""
    return ChangeLogEntry.unscoped.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
    ).select_related("user")


def history_around(obj, key: str = "person_id", deletions=(), limit: int = 200) -> list[ChangeLogEntry]:
    """The log of one object and of the rows that hang on it (a person's assignments,
    qualifications, enrolments: the models whose SCOPE_PERSON is `key`), newest first.

    Rows that exist now are found by id through the log's object index. Deleted rows of the
    models in `deletions` are found by the `key` their last snapshot held: a JSON test over that
    model's log, so only for models whose log is small (enrolments, logged by the hundred
    thousand, are not searched that way)."""
    from django.apps import apps
    from django.db.models import Q

    found = Q(content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True), object_id=str(obj.pk))
    bound = [m for m in apps.get_models() if getattr(m, "SCOPE_PERSON", "") == key and m is not type(obj)]
    for model in bound:
        ct = ContentType.objects.get_for_model(model, for_concrete_model=True)
        ids = [str(pk) for pk in model._base_manager.filter(**{key: obj.pk}).values_list("pk", flat=True)]
        if ids:
            found |= Q(content_type=ct, object_id__in=ids)
        if model in deletions:
            found |= Q(content_type=ct, action=ChangeAction.DELETE, **{f"before__{key}": obj.pk})
    return list(ChangeLogEntry.unscoped.filter(found).select_related("user").order_by("-id")[:limit])


def logged_content_types() -> list[ContentType]:
    """The kinds of object the log holds, by their Vietnamese names: every model some writer
    logged (plans, classes, enrolments, …), not a fixed list of apps.

    A loose index scan on changelog_object (content type first): one index probe per kind,
    never a DISTINCT over millions of rows."""
    from django.db import connection

    table = connection.ops.quote_name(ChangeLogEntry._meta.db_table)
    sql = (
        f"WITH RECURSIVE kinds(ct) AS (SELECT MIN(content_type_id) FROM {table} "
        f"UNION ALL SELECT (SELECT MIN(content_type_id) FROM {table} WHERE content_type_id > kinds.ct) "
        "FROM kinds WHERE kinds.ct IS NOT NULL) SELECT ct FROM kinds WHERE ct IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        ids = [row[0] for row in cursor.fetchall()]
    kinds = [ContentType.objects.get_for_id(pk) for pk in ids]
    kinds = [ct for ct in kinds if ct.model_class() is not None]
    return sorted(kinds, key=lambda ct: str(ct.model_class()._meta.verbose_name).lower())


def field_label(model: type[models.Model], attname: str) -> str:
    for f in model._meta.concrete_fields:
        if f.attname == attname:
            return str(f.verbose_name)
    return attname


def check_version(obj, expected_version: int | None) -> None:
    """Refuse an edit made on a form opened before someone else saved, saying who changed what.

    None is for internal callers (commands, imports, status steps) that edit what they just read;
    edits from users must send a version: forms use core.forms.VersionField, the API refuses a
    missing `expected_version` (core.forms.version_missing_message).
    """
    if expected_version is None or obj.version == expected_version:
        return
    entries = list(history(obj).filter(object_version__gt=expected_version).order_by("id"))
    fields: list[str] = []
    who: list[str] = []
    for entry in entries:
        for name in entry.changed_fields:
            label = field_label(type(obj), name)
            if name != "version" and label not in fields:
                fields.append(label)
        stamp = date_format(localtime(entry.time), "SHORT_DATETIME_FORMAT")
        who.append(f"{entry.user_name or _('hệ thống')} ({stamp})")
    message = _(
        "Hồ sơ này đã được sửa sau khi bạn mở biểu mẫu, bởi: %(who)s. Các mục đã thay đổi: "
        "%(fields)s. Thay đổi của bạn chưa được lưu; hãy mở lại biểu mẫu để xem giá trị mới."
    ) % {
        "who": ", ".join(dict.fromkeys(who)) or _("người khác"),
        "fields": ", ".join(fields) or "—",
    }
    raise StaleEdit(message, changes=entries)
