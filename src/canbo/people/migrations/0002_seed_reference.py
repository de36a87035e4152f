"""Seed the reference data: the 54 ethnic groups, religions and the qualification ladders."""

from django.db import migrations


def seed(apps, schema_editor):
    from canbo.people.seed import seed_reference

    seed_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
