"""Reading "as of" dates from query strings, shared by every page that shows the tree at a date."""

import datetime

from django.utils import timezone


def today() -> datetime.date:
    return timezone.localdate()


def parse_day(raw: str | None, default: datetime.date | None = None) -> datetime.date | None:
    """Accept 30/06/2025 as people type it (also 30-06-2025, 30.06.2025) or 2025-06-30 (links, the
    API); else the default."""
    from django.core.exceptions import ValidationError

    from canbo.core.forms import parse_date

    try:
        return parse_date(raw) or default
    except ValidationError:
        return default
