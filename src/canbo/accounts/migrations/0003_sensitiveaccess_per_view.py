# One SensitiveAccess row per display (page, API call, export) instead of one per person shown.

from django.db import migrations, models


def one_row_per_display(apps, schema_editor):
    """Fold the old per-person rows of one request (same request id, place and viewer) into one
    row listing the people; rows without a request id become one row each."""
    SensitiveAccess = apps.get_model("accounts", "SensitiveAccess")
    kept: dict[tuple, int] = {}
    people: dict[int, list[int]] = {}
    drop: list[int] = []
    rows = SensitiveAccess.objects.order_by("id").values_list("id", "request_id", "where", "user_id", "person_id")
    for pk, request_id, where, user_id, person_id in rows.iterator(chunk_size=5000):
        key = (request_id, where, user_id) if request_id else (pk,)
        first = kept.setdefault(key, pk)
        people.setdefault(first, []).append(person_id)
        if first != pk:
            drop.append(pk)
    for pk, ids in people.items():
        SensitiveAccess.objects.filter(pk=pk).update(people=ids, people_count=len(ids))
    for start in range(0, len(drop), 5000):
        SensitiveAccess.objects.filter(pk__in=drop[start : start + 5000]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_person_sensitiveaccess"),
    ]

    operations = [
        migrations.AddField(
            model_name="sensitiveaccess",
            name="criteria",
            field=models.JSONField(blank=True, default=dict, verbose_name="điều kiện lọc"),
        ),
        migrations.AddField(
            model_name="sensitiveaccess",
            name="people",
            field=models.JSONField(blank=True, default=list, verbose_name="mã hồ sơ được xem"),
        ),
        migrations.AddField(
            model_name="sensitiveaccess",
            name="people_count",
            field=models.PositiveIntegerField(default=0, verbose_name="số người"),
        ),
        migrations.RunPython(one_row_per_display, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name="sensitiveaccess",
            name="sensitive_person_time",
        ),
        migrations.RemoveField(
            model_name="sensitiveaccess",
            name="person",
        ),
    ]
