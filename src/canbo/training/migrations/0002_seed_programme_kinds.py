"""Seed the programme kinds (data: administrators may edit names and sources later)."""

from django.db import migrations


def seed(apps, schema_editor):
    from canbo.training.reference_data import seed_programme_kinds

    seed_programme_kinds(apps)


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial"), ("people", "0002_seed_reference")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
