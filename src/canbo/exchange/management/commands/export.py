"""`canbo export people --unit CODE [--json | --xlsx FILE]`: the people of a unit's subtree."""

from django.utils.translation import gettext as _

from canbo.accounts.services import log_sensitive_access
from canbo.core.cli import CanboCommand, usage_error
from canbo.core.context import acting_as
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
        out = parser.add_mutually_exclusive_group()
        out.add_argument("--json", action="store_true")
        out.add_argument("--xlsx", metavar="FILE")

    def handle(self, *args, **options):
        with acting_as(None, origin="command", label="canbo export people"):
            unit = resolve_unit(options["unit"])
            qs = Person.objects.within(Scope.everything()).filter(unit_path__startswith=unit.path)
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
