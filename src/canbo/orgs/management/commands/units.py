"""`canbo units --unit CODE [--date D] [--json]`: the units under a unit on a date."""

from django.utils.translation import gettext as _

from canbo.core.cli import CanboCommand, usage_error
from canbo.core.context import acting_as
from canbo.core.dates import parse_day, today
from canbo.core.scope import Scope
from canbo.orgs.cli import resolve_unit
from canbo.orgs.selectors import units_under


class Command(CanboCommand):
    help = "Liệt kê các đơn vị trực thuộc một đơn vị tại một ngày."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--unit", required=True, help="mã đơn vị (ví dụ DB) hoặc mã đơn vị hành chính (ví dụ 11, 03328)"
        )
        parser.add_argument("--date", help="ngày (YYYY-MM-DD hoặc dd/mm/yyyy), mặc định hôm nay")
        parser.add_argument("--json", action="store_true", help="in JSON cho máy đọc")

    def handle(self, *args, **options):
        day = today()
        if options["date"]:
            day = parse_day(options["date"])
            if day is None:
                raise usage_error(_("Ngày “%(value)s” không hợp lệ.") % {"value": options["date"]})
        with acting_as(None, origin="command", label="canbo units"):
            unit = resolve_unit(options["unit"], day=day)
            rows = list(units_under(unit=unit, day=day, scope=Scope.everything()).select_related("parent"))
        if options["json"]:
            self.emit_json(
                [
                    {
                        "code": u.code,
                        "name": u.name,
                        "official_code": u.official_code,
                        "kind": u.kind,
                        "parent": u.parent.code if u.parent_id else None,
                        "valid_from": u.valid_from.isoformat(),
                        "valid_to": u.valid_to.isoformat() if u.valid_to else None,
                    }
                    for u in rows
                ]
            )
            return
        for u in rows:
            indent = "  " * (u.depth - unit.depth)
            official = f"  [{u.official_code}]" if u.official_code else ""
            self.stdout.write(f"{indent}{u.code}  {u.name}{official}")
        self.stdout.write(
            _("%(count)s đơn vị tại ngày %(day)s.") % {"count": len(rows), "day": day.strftime("%d/%m/%Y")}
        )
