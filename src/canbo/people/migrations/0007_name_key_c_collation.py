"""On PostgreSQL, compare the folded name key byte by byte (COLLATE "C").

The key is already lower-case and free of diacritics, so a linguistic collation buys nothing and
costs two things: every comparison in the keyset index is slower, and under collations that skip
spaces (en_US and most others) the range "name_key >= 'lo thi van' AND name_key < 'lo thi van' ||
U+FFFF", with which a name search reads the names starting with the search straight off the
index, would not hold every such name. SQLite already compares bytes.
"""

from django.db import migrations


def to_c(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('ALTER TABLE people_person ALTER COLUMN name_key TYPE varchar(120) COLLATE "C"')


def back(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'ALTER TABLE people_person ALTER COLUMN name_key TYPE varchar(120) COLLATE pg_catalog."default"'
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0006_person_name_unit_index")]

    operations = [migrations.RunPython(to_c, back)]
