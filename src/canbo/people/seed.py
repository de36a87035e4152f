"""Seeding the reference data (ethnicities, religions, ladders) from reference_data.py.

Used by the data migration and by `canbo demo`; an upsert by code, so admins' later additions
(new synonyms, new levels) are kept and a release can add more without touching theirs.
"""

from canbo.people import reference_data as ref


def seed_reference(apps=None) -> None:
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Ethnicity = apps.get_model("people", "Ethnicity")
    Religion = apps.get_model("people", "Religion")
    Ladder = apps.get_model("people", "Ladder")
    Level = apps.get_model("people", "Level")

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
            item, created = Level.objects.get_or_create(
                ladder=ladder,
                code=lv["code"],
                defaults={
                    "label": lv["label"],
                    "rank": lv["rank"],
                    "synonyms": lv["synonyms"],
                    "order": level_order,
                },
            )
            if not created:
                item.label, item.rank, item.order = lv["label"], lv["rank"], level_order
                item.synonyms = sorted(set(item.synonyms) | set(lv["synonyms"]))
                item.save(update_fields=["label", "rank", "order", "synonyms"])
