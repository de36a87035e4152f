"""On PostgreSQL, a trigram index so that name search (LIKE '%lo thi van%') does not scan millions
of rows. SQLite has no such index; there the registry is small enough to scan."""

import logging

from django.db import migrations, transaction

log = logging.getLogger(__name__)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic():
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as error:  # no privilege or no contrib package: search still works, slower
        log.warning("pg_trgm is not available (%s); name search will scan the table", error)
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS person_name_trgm ON people_person USING gin (name_key gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS person_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("people", "0003_alter_personlevel_ladder_alter_personlevel_level_and_more")]

    operations = [migrations.RunPython(create, drop)]
