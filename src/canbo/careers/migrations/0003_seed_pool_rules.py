"""Seed the succession-pool rules (QĐ 377-QĐ/TW, Hướng dẫn 16-HD/BTCTW, the province's structure
targets) and the ranks of leading titles, from careers/pool_seed.py."""

from django.db import migrations


def seed(apps, schema_editor):
    from canbo.careers.pool_seed import seed_pool_rules

    seed_pool_rules(apps.get_model("careers", "PoolRule"), apps.get_model("careers", "TitleRank"), apps.get_model("standards", "Title"))


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0002_title_rank"),
        ("standards", "0007_seed_successor_transition"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
