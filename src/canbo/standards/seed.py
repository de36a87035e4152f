"""Seeding the catalogues and the requirement rules from reference_data.py (migration and demo).

An upsert by code that only creates: an administrator's later edits (a lowered floor, a corrected
source, a rule marked confirmed) are never overwritten by a release.
"""

from __future__ import annotations

from canbo.core.text import fold
from canbo.standards import reference_data as ref


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

    for order, (code, name, category, level, sector, leader, synonyms, source) in enumerate(ref.TITLES):
        Title.objects.get_or_create(
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
    for spec in ref.RULES:
        code, name, kind, title, category, ladder, level, fields, periods, grace, closing, source, confirmed = spec
        if Requirement.objects.filter(code=code).exists():
            continue
        ladder_id = ladders.get(ladder) if ladder else None
        rule = Requirement.objects.create(
            code=code,
            name=name,
            kind=kind,
            title_id=titles.get(title) if title else None,
            category=category,
            ladder_id=ladder_id,
            min_level_id=levels.get((ladder_id, level)) if level else None,
            fields=fields,
            periods=periods,
            grace_months=grace,
            source=source,
            confirmed=confirmed,
            valid_from=ref.START,
        )
        rule.closing_kinds.set([kinds[c] for c in closing if c in kinds])
