"""Seeding the catalogues and the requirement rules from reference_data.py (migrations and demo).

An upsert by code that never overwrites what an administrator changed:

- a missing title, position or rule is created, unless a rule the administrator made or edited
  already covers the same people and ladder at those dates (two rules would judge them twice);
- a rule still at version 1 has never been saved through the rule services (every edit on the
  rule pages, the API or the commands bumps the version), so it is what an earlier release
  seeded and is brought up to this release's text: source, dates, floor, transition;
- a rule an administrator has edited (version > 1) or created (its creation is in the change log,
  which seeds never write) is left exactly as it is;
- a title gets the release's new synonyms; its name and source change only while they are still
  the ones an earlier release wrote (PREVIOUS), never over an administrator's own wording.
"""

from __future__ import annotations

from django.db.models import Q

from canbo.core.text import fold
from canbo.standards import reference_data as ref

# What earlier releases wrote on titles, by code: replaced only while unchanged.
OLD_TITLE_SOURCE = "NĐ 33/2023/NĐ-CP (cấp xã), Điều 8–10"
PREVIOUS_TITLE_NAMES = {"XA-DCXD": "Công chức Địa chính - xây dựng"}


def _title(Title, order: int, spec) -> None:
    code, name, category, level, sector, leader, synonyms, source = spec
    title, created = Title.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "name_key": fold(name),
            "category": category,
            "unit_level": level,
            "sector": sector,
            "is_leader": leader,
            "synonyms": synonyms,
            "source": source,
            "order": order,
            "valid_from": ref.START,
        },
    )
    if created:
        return
    changed = False
    merged = list(dict.fromkeys([*title.synonyms, *synonyms]))
    if title.name != name and title.name == PREVIOUS_TITLE_NAMES.get(code):
        merged = list(dict.fromkeys([*merged, title.name]))
        title.name, title.name_key = name, fold(name)
        changed = True
    if merged != title.synonyms:
        title.synonyms, changed = merged, True
    if title.source == OLD_TITLE_SOURCE and source != title.source:
        title.source, changed = source, True
    if changed:
        title.save()


def _created_by_services(apps) -> set[str]:
    """The ids of the rules created through the rule services (an administrator's, logged): still
    at version 1 if never edited, yet not what an earlier release seeded (seeds write no log)."""
    try:
        ChangeLogEntry = apps.get_model("core", "ChangeLogEntry")
        ContentType = apps.get_model("contenttypes", "ContentType")
    except LookupError:  # a migration state without the log: nothing was created through services
        return set()
    kind = ContentType.objects.filter(app_label="standards", model="requirement").first()
    if kind is None:
        return set()
    log = getattr(ChangeLogEntry, "unscoped", ChangeLogEntry._default_manager)
    return set(log.filter(content_type=kind, action="create").values_list("object_id", flat=True))


def _overlaps_another(Requirement, values: dict, known: set[str]) -> bool:
    """A rule already there for the same people and ladder over part of the new rule's dates (as
    services.overlapping sees it): an administrator's rule, or a seeded one they edited — a second
    rule would judge the same people twice, so the release does not add its own."""
    match = {"position_id": None, "unit_kind": "", **values}
    keys = ("kind", "title_id", "position_id", "category", "unit_kind", "ladder_id")
    qs = Requirement.objects.filter(**{k: match[k] for k in keys if k in known})
    qs = qs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=values["valid_from"]))
    if values.get("valid_to"):
        qs = qs.filter(valid_from__lte=values["valid_to"])
    return qs.exists()


def seed_standards(apps=None) -> None:
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Title = apps.get_model("standards", "Title")
    JobPosition = apps.get_model("standards", "JobPosition")
    Requirement = apps.get_model("standards", "Requirement")
    Ladder = apps.get_model("people", "Ladder")
    Level = apps.get_model("people", "Level")
    ProgrammeKind = apps.get_model("training", "ProgrammeKind")

    for order, spec in enumerate(ref.TITLES):
        _title(Title, order, spec)
    for order, (code, name, group, level, sector, synonyms, source) in enumerate(ref.POSITIONS):
        JobPosition.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_key": fold(name),
                "group": group,
                "unit_level": level,
                "sector": sector,
                "synonyms": synonyms,
                "source": source,
                "order": order,
                "valid_from": ref.START,
            },
        )
    titles = dict(Title.objects.values_list("code", "pk"))
    ladders = dict(Ladder.objects.values_list("code", "pk"))
    levels = {(lv.ladder_id, lv.code): lv.pk for lv in Level.objects.all()}
    kinds = dict(ProgrammeKind.objects.values_list("code", "pk"))
    known = {f.attname for f in Requirement._meta.concrete_fields}
    own = _created_by_services(apps)
    for spec in ref.RULES:
        ladder_id = ladders.get(spec.ladder) if spec.ladder else None
        held_on, until = spec.transition or (None, None)
        values = {
            "name": spec.name,
            "kind": spec.kind,
            "title_id": titles.get(spec.title) if spec.title else None,
            "category": spec.category,
            "ladder_id": ladder_id,
            "min_level_id": levels.get((ladder_id, spec.level)) if spec.level else None,
            "fields": list(spec.fields),
            "periods": spec.periods,
            "grace_months": spec.grace,
            "source": spec.source,
            "confirmed": spec.confirmed,
            "note": spec.note,
            "valid_from": spec.valid_from,
            "valid_to": spec.valid_to,
            "transition_held_on": held_on,
            "transition_until": until,
        }
        # The 0003 migration runs this with the model of its day: fields added later are written
        # once the model has them (0006 runs it again).
        values = {k: v for k, v in values.items() if k in known}
        rule = Requirement.objects.filter(code=spec.code).first()
        if rule is None:
            if _overlaps_another(Requirement, values, known):
                continue  # the province's own rule already judges these people on this ladder
            rule = Requirement.objects.create(code=spec.code, **values)
        elif rule.version == 1 and str(rule.pk) not in own:
            for name, value in values.items():
                setattr(rule, name, value)
            rule.save()
        else:
            continue  # an administrator's rule: theirs to change
        rule.closing_kinds.set([kinds[c] for c in spec.closing if c in kinds])
