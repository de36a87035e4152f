"""Seeding the reference data (ethnicities, religions, ladders, language-test equivalences) from
reference_data.py.

Used by the data migrations and by `canbo demo`; an upsert by code, so admins' later additions
(new synonyms, new levels) are kept and a release can add more without touching theirs. The
migrations run it with the models as they were at that step: fields added later (a level's old
names and note, the equivalence table) are written only once the model has them.
"""

import datetime

from canbo.people import reference_data as ref


def _fields(model) -> set[str]:
    return {f.name for f in model._meta.get_fields()}


def seed_reference(apps=None) -> None:
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Ethnicity = apps.get_model("people", "Ethnicity")
    Religion = apps.get_model("people", "Religion")
    Ladder = apps.get_model("people", "Ladder")
    Level = apps.get_model("people", "Level")
    level_fields = _fields(Level)

    for code, name, synonyms in ref.ETHNICITIES:
        item, created = Ethnicity.objects.get_or_create(
            code=code,
            defaults={"name": name, "synonyms": synonyms, "is_majority": code == ref.MAJORITY_ETHNICITY},
        )
        if not created:
            item.synonyms = sorted(set(item.synonyms) | set(synonyms))
            item.save(update_fields=["synonyms"])
    for order, (code, name, synonyms) in enumerate(ref.RELIGIONS):
        item, created = Religion.objects.get_or_create(
            code=code, defaults={"name": name, "synonyms": synonyms, "order": order}
        )
        if not created:
            item.synonyms = sorted(set(item.synonyms) | set(synonyms))
            item.save(update_fields=["synonyms"])
    for order, spec in enumerate(ref.LADDERS):
        ladder, _ = Ladder.objects.update_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "short_name": spec["short_name"],
                "has_field": spec["has_field"],
                "field_label": spec.get("field_label") or "",
                "source": spec.get("source", "")[:255],
                "order": order,
            },
        )
        for level_order, lv in enumerate(spec["levels"]):
            extra = {}
            if "old_names" in level_fields:
                extra = {"old_names": lv.get("old_names", []), "note": lv.get("note", "")}
            item, created = Level.objects.get_or_create(
                ladder=ladder,
                code=lv["code"],
                defaults={
                    "label": lv["label"],
                    "rank": lv["rank"],
                    "synonyms": lv["synonyms"],
                    "order": level_order,
                    **extra,
                },
            )
            if not created:
                item.label, item.rank, item.order = lv["label"], lv["rank"], level_order
                item.synonyms = sorted(set(item.synonyms) | set(lv["synonyms"]))
                update = ["label", "rank", "order", "synonyms"]
                if extra:
                    item.old_names = sorted(set(item.old_names) | set(extra["old_names"]))
                    item.note = item.note or extra["note"]
                    update += ["old_names", "note"]
                item.save(update_fields=update)
    if "valid_to" in level_fields:
        _retire_levels(Level)
    try:
        Equivalence = apps.get_model("people", "LanguageTestEquivalence")
    except LookupError:
        return
    _seed_equivalences(Level, Equivalence)


def _retire_levels(Level) -> None:
    """Close the levels a release no longer offers (the old IT certificates, read as cơ bản now):
    their people keep them, their rank is untouched (rank is meaning once used), their spellings go
    to the level that replaces them, and the importer no longer offers them."""
    for spec in ref.RETIRED_LEVELS:
        for item in Level.objects.filter(ladder__code=spec["ladder"], code=spec["code"], valid_to__isnull=True):
            item.label = spec["label"]
            item.note = spec["note"]
            item.synonyms = []
            item.valid_to = datetime.date.fromisoformat(spec["valid_to"])
            item.save(update_fields=["label", "note", "synonyms", "valid_to"])


def _seed_equivalences(Level, Equivalence) -> None:
    levels = {lv.code: lv for lv in Level.objects.filter(ladder__code="foreign_language")}
    for row in ref.LANGUAGE_TEST_EQUIVALENCES:
        Equivalence.objects.update_or_create(
            test=row["test"],
            valid_from=datetime.date.fromisoformat(row["valid_from"]),
            min_score=row["min_score"],
            defaults={
                "max_score": row["max_score"],
                "level": levels[row["level"]],
                "source": row["source"][:255],
                "valid_to": datetime.date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
                "confirmed": row["confirmed"],
                "note": row["note"],
            },
        )
