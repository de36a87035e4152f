from django.db import migrations


def seed(apps, schema_editor):
    """Biểu 10-BTCTW and the quality form in their real layouts, Biểu 8B-BTCTW added; a layout an
    administrator edited is kept (only layouts still as 0002 seeded them are replaced)."""
    from canbo.reports.form_data import seed_forms

    seed_forms(apps)


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_quality_summary")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
