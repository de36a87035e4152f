"""The successor rules of the new communes (codes ending -2025) get their transition in existing
databases: the commune cán bộ keep NĐ 33 Điều 38's 01/8/2023 → 01/8/2028, the civil servants get
CV 11/CV-BCĐ's 01/7/2025 → 01/7/2030, both unconfirmed with the reason in the note.

0006 already ran where these rules exist, so the seed runs again: only rules still at version 1
(never edited by an administrator) change. The stored gaps follow at the next recompute (the
nightly job, or `canbo gaps recompute`)."""

from django.db import migrations


def seed(apps, schema_editor):
    from canbo.standards.seed import seed_standards

    seed_standards(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("standards", "0006_seed_issue14"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
