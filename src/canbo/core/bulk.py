"""Bulk inserts at database speed: COPY on PostgreSQL, executemany on SQLite.

Django's bulk_create builds a model instance and prepares every value in Python; for an import of
100,000 people with their assignments, qualifications and log that is most of the time. Callers
give plain tuples in column order, already in database form (dates, ints, str, JSON as text).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable, Sequence

from django.db import connection, models


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """Reserve `count` primary keys, so that rows referring to the new ones can be written too."""
    if count <= 0:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: writers are serialised (IMMEDIATE transactions), so max(id) + n is safe here.
        cursor.execute(f'SELECT COALESCE(MAX("{pk}"), 0) FROM "{table}"')
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def select_where_in(select: str, column: str, values: Sequence) -> list[tuple]:
    """Rows of `select` (SQL ending in WHERE or AND) restricted to `column` in `values`.

    On PostgreSQL one query with an array (`= ANY(%s)`), whatever the number of values: an import
    of 100,000 rows otherwise sends fifty IN lists of 2,000 parameters each. SQLite takes batches
    within its parameter limit (so `select` must not aggregate across batches).
    """
    if not values:
        return []
    col = connection.ops.quote_name(column)
    values = list(values)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"{select} {col} = ANY(%s)", [values])
            return cursor.fetchall()
        found: list[tuple] = []
        for start in range(0, len(values), 900):
            chunk = values[start : start + 900]
            cursor.execute(f"{select} {col} IN ({', '.join(['%s'] * len(chunk))})", chunk)
            found.extend(cursor.fetchall())
    return found


def ids_by_value(model: type[models.Model], column: str, values: Sequence) -> dict:
    """{value: primary key} for the rows whose `column` holds one of `values`."""
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(model._meta.pk.column)
    return dict(select_where_in(f"SELECT {connection.ops.quote_name(column)}, {pk} FROM {table} WHERE", column, values))


def _sqlite_value(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _pg_value(value):
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _is_json(model: type[models.Model], column: str) -> bool:
    field = next((f for f in model._meta.concrete_fields if f.column == column), None)
    return isinstance(field, models.JSONField)


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert rows (tuples in `columns` order) into the model's table; returns how many."""
    table = model._meta.db_table
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            json_columns = [i for i, c in enumerate(columns) if _is_json(model, c)]
            with raw.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                if not json_columns:
                    for row in rows:  # the common case: rows go to psycopg's C writer untouched
                        copy.write_row(row)
                        count += 1
                    return count
                for row in rows:
                    row = list(row)
                    for i in json_columns:
                        row[i] = _pg_value(row[i])
                    copy.write_row(row)
                    count += 1
            return count
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})"
        batch: list = []
        for row in rows:
            batch.append([_sqlite_value(v) for v in row])
            if len(batch) >= 5000:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def row_maker(model: type[models.Model], given: dict) -> tuple[list[str], Callable[[dict], tuple]]:
    """All concrete columns of `model`; a row maker filling those not given with the field default."""
    fields = [f for f in model._meta.concrete_fields]
    columns = [f.column for f in fields]
    defaults = {}
    for f in fields:
        if f.column in given:
            continue
        value = f.get_default()
        if isinstance(f, models.JSONField):
            value = value if value is not None else ([] if not f.null else None)
        defaults[f.column] = value
    order = [(f.column, f.column in given) for f in fields]

    def make(values: dict) -> tuple:
        return tuple(values[c] if has else defaults[c] for c, has in order)

    return columns, make
