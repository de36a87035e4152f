from django.db import migrations


def seed(apps, schema_editor):
    from canbo.standards.seed import seed_standards

    seed_standards(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("standards", "0002_rules_and_gaps"),
        ("people", "0002_seed_reference"),
        ("training", "0002_seed_programme_kinds"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
