"""Helpers for canbo's commands: Vietnamese by default, `--json` for machines, and exit codes
0 (done), 1 (input refused, nothing written), 2 (usage error such as an unknown unit code)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

EXIT_REFUSED = 1
EXIT_USAGE = 2


class CanboCommand(BaseCommand):
    """Base of canbo's commands: activates Vietnamese unless CANBO_LANGUAGE/--lang says otherwise."""

    def add_arguments(self, parser):
        parser.add_argument("--lang", default="vi", choices=["vi", "en"], help="vi (mặc định) hoặc en")

    def execute(self, *args, **options):
        translation.activate(options.get("lang") or "vi")
        return super().execute(*args, **options)

    def emit_json(self, data) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def usage_error(message: str) -> CommandError:
    return CommandError(message, returncode=EXIT_USAGE)


def resolve_unit(code: str):
    """The unit with this code, or a usage error naming the code (commands act as the system)."""
    from django.utils.translation import gettext as _

    from canbo.orgs.models import Unit

    unit = Unit.unscoped.filter(code=code.strip().upper()).first()
    if unit is None:
        raise usage_error(_("Không có đơn vị nào có mã “%(code)s”.") % {"code": code})
    return unit
