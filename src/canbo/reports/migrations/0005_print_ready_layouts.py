from django.db import migrations


def seed(apps, schema_editor):
    """The seeded forms as papers: the place and date line filled ("Điện Biên, ngày 07 tháng 12 năm
    2026"), the staff-quality form a state paper with the national motto and its form number; a
    layout an administrator edited is kept."""
    from canbo.reports.form_data import seed_forms

    seed_forms(apps)


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_real_form_layouts")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
