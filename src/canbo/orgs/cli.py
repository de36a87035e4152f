"""Units named on the command line (`--unit CODE`), for every app's commands: the lookup is the org
tree's, so it lives here and not in core's command helpers (the kernel imports no domain app)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from canbo.core.cli import usage_error
from canbo.orgs.models import Unit


def resolve_unit(code: str) -> Unit:
    """The unit with this code, or a usage error (exit 2) naming the code (commands act as the system)."""
    unit = Unit.unscoped.filter(code=code.strip().upper()).first()
    if unit is None:
        raise usage_error(_("Không có đơn vị nào có mã “%(code)s”.") % {"code": code})
    return unit
