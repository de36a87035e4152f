"""Helpers for canbo's commands: Vietnamese by default, `--json` for machines, and exit codes
0 (done), 1 (input refused, nothing written), 2 (usage error such as an unknown unit code).

A unit named by its code is resolved by `canbo.orgs.cli.resolve_unit` (the org tree is a domain app)."""

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
