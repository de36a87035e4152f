from django.db import migrations


def seed(apps, schema_editor):
    from canbo.careers.priority_data import seed_priority_weights

    seed_priority_weights(apps)


class Migration(migrations.Migration):
    dependencies = [("careers", "0004_priority_weight")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
