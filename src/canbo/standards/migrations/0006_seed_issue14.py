"""Issue 14's standards reach existing databases: the job_skills ladder (hộ tịch course), the
missing commune titles, every NĐ 33 rule ended on 30/6/2025 with its clause and transition, and
the successor rules of the new communes. Rules an administrator edited are left alone (seed.py)."""

from django.db import migrations


def seed(apps, schema_editor):
    from canbo.people.seed import seed_reference
    from canbo.standards.seed import seed_standards

    seed_reference(apps)
    seed_standards(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("standards", "0005_rule_transition"),
        ("people", "0010_qualification_wordings_scores_old_id"),
        ("training", "0002_seed_programme_kinds"),
        ("core", "0001_initial"),  # the change log tells rules an administrator created (seed.py)
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
