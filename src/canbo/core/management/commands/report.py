"""`canbo report NAME [options]`: dispatches to the report an app registered (see canbo.core.reports)."""

import argparse

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from canbo.core.cli import CanboCommand, usage_error
from canbo.core.reports import REPORTS


class Command(CanboCommand):
    help = "Lập báo cáo: canbo report TÊN [tuỳ chọn] (canbo report TÊN --help cho từng báo cáo)"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("name", help="tên báo cáo")
        parser.add_argument("rest", nargs=argparse.REMAINDER, help="tuỳ chọn của báo cáo")

    def handle(self, *args, name, rest, **options):
        path = REPORTS.get(name)
        if path is None:
            known = ", ".join(sorted(REPORTS)) or "—"
            raise usage_error(
                _("Không có báo cáo “%(name)s”. Các báo cáo: %(known)s.") % {"name": name, "known": known}
            )
        command = import_string(path)()
        if isinstance(command, CanboCommand) and "--lang" not in rest:
            rest = [*rest, "--lang", options["lang"]]
        # the report's own options are parsed here so that a bad one is a usage error (exit 2), as in
        # every other command; call_command would turn it into exit 1, the code of refused input
        try:
            command.create_parser("canbo", f"report {name}").parse_args(rest)
        except CommandError as error:
            detail = str(error).removeprefix("Error: ")
            raise usage_error(
                _("Tuỳ chọn của báo cáo “%(name)s” không hợp lệ: %(detail)s") % {"name": name, "detail": detail}
            ) from None
        call_command(command, *rest, stdout=self.stdout._out, stderr=self.stderr._out)
