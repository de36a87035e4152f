"""Units named on the command line (`--unit CODE`), for every app's commands: the lookup is the org
tree's, so it lives here and not in core's command helpers (the kernel imports no domain app)."""

from __future__ import annotations

import datetime

from canbo.core.cli import usage_error
from canbo.core.errors import DomainError
from canbo.orgs.models import Unit
from canbo.orgs.selectors import find_unit


def resolve_unit(code: str, *, day: datetime.date | None = None) -> Unit:
    """The unit with this code — canbo's ("DB-THANHNUA") or the official one ("03328", as held on
    `day`, today by default) — or a usage error (exit 2) naming the code (commands act as the system)."""
    try:
        return find_unit(Unit.unscoped.all(), code, day=day)
    except DomainError as error:
        raise usage_error(" ".join(error.messages)) from None
