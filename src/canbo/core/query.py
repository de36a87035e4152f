"""Numbers from a query string, parsed in one place so a hand-edited link never becomes a 500.

`str.isdigit()` accepts "¹²³" (int() refuses it) and 29 digits overflow the database's integers,
so only 1–18 ASCII digits (with an optional minus) within the caller's bounds count as a number;
anything else is treated as absent and the page shows its default.
"""

from __future__ import annotations

import datetime
import re

_INT = re.compile(r"-?[0-9]{1,18}")


def query_int(params, key: str, *, default: int | None = None, low: int | None = None, high: int | None = None):
    """`params[key]` as an int when it is one within [low, high]; otherwise `default`."""
    raw = params.get(key, "")
    if not isinstance(raw, str) or not _INT.fullmatch(raw.strip()):
        return default
    value = int(raw.strip())
    if (low is not None and value < low) or (high is not None and value > high):
        return default
    return value


def query_year(params, key: str = "year", *, default: int | None = None) -> int | None:
    """A calendar year the application can hold (1900–2100), else `default`."""
    return query_int(params, key, default=default, low=1900, high=2100)


def query_ints(params, key: str) -> list[int]:
    """Comma-separated ids ("3,7,12"); the items that are not numbers are left out."""
    return [value for part in params.get(key, "").split(",") if (value := query_int({"v": part}, "v", low=0))]


def query_id_list(params, key: str) -> list[int]:
    """The ids ticked on a list (`<input type=checkbox name=key value=id>`, a repeated key), in the
    order sent and without repeats; a value that is not an id is left out."""
    ids = (query_int({"v": raw}, "v", low=1) for raw in params.getlist(key))
    return list(dict.fromkeys(value for value in ids if value is not None))


def query_month(params, key: str = "month", *, default: datetime.date) -> datetime.date:
    """The first day of a "YYYY-MM" month, else `default`."""
    year, _sep, month = params.get(key, "").partition("-")
    year_value = query_year({"v": year}, "v")
    month_value = query_int({"v": month}, "v", low=1, high=12)
    if year_value is None or month_value is None:
        return default
    return datetime.date(year_value, month_value, 1)
