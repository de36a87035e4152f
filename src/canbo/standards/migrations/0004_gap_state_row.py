from django.db import migrations


def create(apps, schema_editor):
    apps.get_model("standards", "GapState").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("standards", "0003_seed_standards")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
