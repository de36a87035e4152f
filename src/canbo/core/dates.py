"""Reading "as of" dates from query strings, shared by every page that shows the tree at a date."""

import datetime

from django.utils import timezone


def today() -> datetime.date:
    return timezone.localdate()


def parse_day(raw: str | None, default: datetime.date | None = None) -> datetime.date | None:
    """Accept 2025-06-30 (HTML date inputs) or 30/06/2025 (typed by people); else the default."""
    if not raw:
        return default
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(raw.strip(), fmt).date()
        except ValueError:
            continue
    return default
