"""`canbo export people --unit CODE [--json | --xlsx FILE]`: the people of a unit's subtree, in the
import template's columns (re-imports unchanged).

`--format official --xlsx FILE` (or `--pdf FILE`) writes instead the official list a unit prints and
signs ("danh sách trích ngang": heading, STT, the columns of the form, signature block).
"""

from django.utils.translation import gettext as _

from canbo.accounts.services import log_sensitive_access
from canbo.core.cli import CanboCommand, usage_error
from canbo.core.context import acting_as
from canbo.core.dates import today
from canbo.core.scope import Scope
from canbo.exchange.export import TEMPLATE_FIELDS, export_people_json, export_people_xlsx
from canbo.orgs.cli import resolve_unit
from canbo.people.models import Person
from canbo.people.sensitive import is_sensitive


class Command(CanboCommand):
    help = "Xuất danh sách cán bộ của một đơn vị (kể cả đơn vị trực thuộc)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("kind", choices=["people"])
        parser.add_argument("--unit", required=True)
        parser.add_argument(
            "--format",
            choices=["data", "official"],
            default="data",
            help="data: cột của mẫu nhập (nhập lại được); official: danh sách trích ngang để in, ký",
        )
        out = parser.add_mutually_exclusive_group()
        out.add_argument("--json", action="store_true")
        out.add_argument("--xlsx", metavar="FILE")
        out.add_argument("--pdf", metavar="FILE", help="chỉ với --format official")

    def handle(self, *args, **options):
        with acting_as(None, origin="command", label="canbo export people"):
            unit = resolve_unit(options["unit"])
            qs = Person.objects.within(Scope.everything()).filter(unit_path__startswith=unit.path)
            if options["format"] == "official":
                self._official(qs, unit, options)
                return
            if options["xlsx"]:
                export_people_xlsx(qs, include_sensitive=True, path=options["xlsx"])
                self.stdout.write(_("Đã ghi %(path)s.") % {"path": options["xlsx"]})
                fields = [f for f in TEMPLATE_FIELDS if is_sensitive(f)]
            elif options["json"]:
                data = export_people_json(qs)
                self.emit_json(data)
                fields = [k for k in (data[0] if data else {}) if is_sensitive(k)]
            else:
                raise usage_error(_("Chọn --json hoặc --xlsx TỆP."))
            # An export by the system is a display like any other: recorded once, with its filter.
            where = "command_export_xlsx" if options["xlsx"] else "command_export_json"
            log_sensitive_access(user=None, fields=fields, where=where, queryset=qs, criteria={"unit": unit.code})

    def _official(self, qs, unit, options):
        """The system reaches every unit, so the list carries the sensitive columns, logged once."""
        from canbo.exchange.official import SENSITIVE_FIELDS, official_list, render_official_pdf, write_official_xlsx

        path = options["xlsx"] or options["pdf"]
        if not path:
            raise usage_error(_("Danh sách trích ngang cần --xlsx TỆP hoặc --pdf TỆP."))
        doc = official_list(qs, unit=unit, include_sensitive=True, as_of=today())
        if options["xlsx"]:
            write_official_xlsx(doc, path)
        else:
            with open(path, "wb") as fh:
                fh.write(render_official_pdf(doc))
        self.stdout.write(_("Đã ghi %(path)s.") % {"path": path})
        where = "command_export_official_xlsx" if options["xlsx"] else "command_export_official_pdf"
        log_sensitive_access(
            user=None, fields=list(SENSITIVE_FIELDS), where=where, queryset=qs, criteria={"unit": unit.code}
        )
