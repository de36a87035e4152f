from django.db import migrations


def seed(apps, schema_editor):
    from canbo.reports.form_data import seed_forms

    seed_forms(apps)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
