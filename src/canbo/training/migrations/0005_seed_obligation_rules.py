from django.db import migrations


def seed(apps, schema_editor):
    from canbo.training.reference_data import seed_obligation_rules

    seed_obligation_rules(apps)


class Migration(migrations.Migration):
    dependencies = [("training", "0004_operations")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
