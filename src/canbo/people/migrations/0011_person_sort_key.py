"""Person.sort_key: the list's order, given name first ("Nguyễn Văn An" before "Bạc Thị Bun"), as
Vietnamese offices sort their lists; compared byte by byte (COLLATE "C") like name_key, and indexed
with id and unit_path for keyset pages. Existing rows are filled in batches of primary keys."""

from django.db import migrations, models

BATCH = 5000


def fill(apps, schema_editor):
    from canbo.people.names import sort_key

    Person = apps.get_model("people", "Person")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('ALTER TABLE people_person ALTER COLUMN sort_key TYPE varchar(250) COLLATE "C"')
    last = 0
    while True:
        rows = list(Person._default_manager.filter(pk__gt=last).order_by("pk").values_list("pk", "full_name")[:BATCH])
        if not rows:
            return
        people = [Person(pk=pk, sort_key=sort_key(name)) for pk, name in rows]
        Person._default_manager.bulk_update(people, ["sort_key"], batch_size=1000)
        last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [("people", "0010_qualification_wordings_scores_old_id")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="sort_key",
            field=models.CharField(default="", editable=False, max_length=250),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["sort_key", "id", "unit_path"], name="person_sort_unit"),
        ),
    ]
