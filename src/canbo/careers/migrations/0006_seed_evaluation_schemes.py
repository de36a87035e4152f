"""Seed the evaluation schemes (NĐ 90/2020, NĐ 48/2023, NĐ 335/2025 for công chức, viên chức from
2026) and their score bands."""

from django.db import migrations


def seed(apps, schema_editor):
    from canbo.careers.reference_data import seed_schemes

    seed_schemes(apps.get_model("careers", "EvaluationScheme"), apps.get_model("careers", "EvaluationBand"))


class Migration(migrations.Migration):
    dependencies = [("careers", "0005_seed_priority_weights")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
