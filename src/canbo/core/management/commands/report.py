"""`canbo report NAME [options]`: dispatches to the report an app registered (see canbo.core.reports)."""

import argparse

from django.core.management import call_command
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
        call_command(command, *rest, stdout=self.stdout._out, stderr=self.stderr._out)
