"""Reading the change log the way the pages show the data: "Loại: Cán bộ → Công chức".

Snapshots store attnames and raw values (choice codes, foreign-key ids, ISO dates); this module
turns them back into the words of the forms, from the model's own `_meta` (found through the
entry's content type): verbose names, choices' labels, the related object's name, dd/mm/yyyy,
Có/Không. Keys that are not fields are events a writer noted beside the snapshot (an import's
"assignment_changed", a class's "granted_by_class"); a model lists the ones it writes in
`AUDIT_NOTES` (key → `Note`), so the kernel stays ignorant of the domain apps.
"""

from __future__ import annotations

import datetime
import decimal
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from canbo.core.models import ChangeAction, ChangeLogEntry

EMPTY = "—"
# Bookkeeping columns that say nothing to a reader.
HIDDEN = frozenset({"id", "version", "name_key", "sort_key", "unit_path", "created_at", "updated_at"})


@dataclass(frozen=True)
class Note:
    """A key a writer adds to a snapshot beside the fields. `model` ("app.Model") is the model
    whose fields the key's dicts speak of (an assignment's "category"); `headline`, a sentence
    with %(object)s and %(value)s, replaces the entry's title when the key is present."""

    label: str
    model: str = ""
    headline: str = ""


@dataclass
class Line:
    label: str
    before: str = ""
    after: str = ""
    items: list[Line] = field(default_factory=list)


@dataclass
class Reading:
    """One entry as it is read: a title ("Thêm Trình độ: NN: Bậc 4") and its lines."""

    title: str
    lines: list[Line]


def _model(entry: ChangeLogEntry):
    return ContentType.objects.get_for_id(entry.content_type_id).model_class()


def _fields(model) -> dict[str, models.Field]:
    if model is None:
        return {}
    return {f.attname: f for f in model._meta.concrete_fields}


def _related_name(f: models.ForeignKey, value, cache: dict) -> str:
    key = (f.related_model, str(value))
    if key in cache:
        return cache[key]
    try:
        obj = f.related_model._default_manager.filter(pk=value).first()
    except (ValueError, TypeError):  # an import noted the unit's code, not its id
        obj = None
    cache[key] = str(obj) if obj is not None else str(value)
    return cache[key]


def value_text(f: models.Field | None, value, cache: dict | None = None) -> str:
    """A stored value as the page shows it; `cache` keeps related objects' names across calls."""
    if value is None or value == "" or value == []:
        return EMPTY
    if f is None:
        if isinstance(value, bool):
            return _("Có") if value else _("Không")
        if isinstance(value, list):
            return "; ".join(value_text(None, v) for v in value)
        return str(value)
    if f.choices:
        labels = {str(k): v for k, v in f.flatchoices}
        return str(labels.get(str(value), value))
    if isinstance(f, models.BooleanField):
        return _("Có") if value in (True, "True", "true") else _("Không")
    if isinstance(f, models.ForeignKey):
        return _related_name(f, value, {} if cache is None else cache)
    if isinstance(f, models.DateTimeField):
        try:
            return datetime.datetime.fromisoformat(str(value)).strftime("%d/%m/%Y %H:%M")
        except ValueError:
            return str(value)
    if isinstance(f, models.DateField):
        try:
            return datetime.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        except ValueError:
            return str(value)
    if isinstance(f, models.DecimalField | models.FloatField):
        try:
            return number_format(decimal.Decimal(str(value)), use_l10n=True)
        except (ArithmeticError, ValueError):
            return str(value)
    return str(value)


def _label(f: models.Field | None, key: str) -> str:
    return capfirst(str(f.verbose_name)) if f is not None else key


def _note_lines(note: Note, before, after, cache: dict) -> Line:
    """A noted event: its dicts read with the fields of `note.model`, old values beside new."""
    line = Line(capfirst(str(note.label)))
    befores = before if isinstance(before, list) else ([] if before is None else [before])
    afters = after if isinstance(after, list) else ([] if after is None else [after])
    if not any(isinstance(v, dict) for v in [*befores, *afters]):
        line.before = value_text(None, befores) if befores else ""
        line.after = value_text(None, afters)
        return line
    fields = _fields(apps.get_model(note.model)) if note.model else {}
    for i in range(max(len(befores), len(afters))):
        old = befores[i] if i < len(befores) and isinstance(befores[i], dict) else {}
        new = afters[i] if i < len(afters) and isinstance(afters[i], dict) else {}
        for key in [*new, *(k for k in old if k not in new)]:
            f = fields.get(key) or fields.get(f"{key}_id")
            line.items.append(
                Line(
                    _label(f, key),
                    value_text(f, old.get(key), cache) if key in old else EMPTY,
                    value_text(f, new.get(key), cache),
                )
            )
    return line


def read(entry: ChangeLogEntry, cache: dict | None = None) -> Reading:
    """The entry in the words of the pages. Only what `entry` holds is shown: call it on the
    copies `core.changelog.redacted` returns, never on raw entries."""
    cache = {} if cache is None else cache
    model = _model(entry)
    fields = _fields(model)
    notes: dict[str, Note] = getattr(model, "AUDIT_NOTES", {}) if model else {}
    excluded = HIDDEN | set(getattr(model, "AUDIT_HIDDEN", ()))
    before, after = entry.before or {}, entry.after or {}
    kind = capfirst(str(model._meta.verbose_name)) if model else entry.content_type_id
    title = f"{entry.get_action_display()} {kind}: {entry.object_repr}"
    lines: list[Line] = []
    keys = entry.changed_fields if entry.action == ChangeAction.UPDATE else list(after or before)
    for key in keys:
        if key in excluded:
            continue
        if key in notes:
            note = notes[key]
            if note.headline:
                title = note.headline % {"object": entry.object_repr, "value": after.get(key) or before.get(key)}
                continue
            lines.append(_note_lines(note, before.get(key), after.get(key), cache))
            continue
        f = fields.get(key)
        if entry.action == ChangeAction.UPDATE:
            old, new = value_text(f, before.get(key), cache), value_text(f, after.get(key), cache)
            lines.append(Line(_label(f, key), old, new))
        else:
            value = (after or before).get(key)
            if value in (None, "", []):
                continue
            lines.append(Line(_label(f, key), after=value_text(f, value, cache)))
    return Reading(title, lines)


def readable(entries):
    """`entries` with `.reading` set, for templates."""
    cache: dict = {}
    for entry in entries:
        entry.reading = read(entry, cache)
    return entries
