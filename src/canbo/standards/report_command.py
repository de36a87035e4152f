"""`canbo report standards --unit CODE [--date YYYY-MM-DD] [--json | --xlsx FILE]`."""

from __future__ import annotations

from django.utils.translation import gettext as _

from canbo.core.cli import CanboCommand, usage_error
from canbo.core.context import acting_as
from canbo.core.dates import parse_day, today
from canbo.core.text import format_number, format_percent
from canbo.orgs.cli import resolve_unit


class StandardsReport(CanboCommand):
    help = "Báo cáo tỷ lệ đạt chuẩn, lĩnh vực yếu và nhu cầu đào tạo của một đơn vị tại một ngày."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--unit", required=True, help="mã đơn vị, ví dụ DB-THANHNUA")
        parser.add_argument("--date", default="", help="ngày đối chiếu YYYY-MM-DD (mặc định hôm nay)")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--json", action="store_true")
        group.add_argument("--xlsx", default="", metavar="FILE")

    def handle(self, *args, **options):
        from canbo.standards.report import standards_report, write_xlsx

        day = parse_day(options["date"], None) if options["date"] else today()
        if day is None:
            raise usage_error(_("Ngày “%(d)s” không hợp lệ; hãy viết YYYY-MM-DD.") % {"d": options["date"]})
        with acting_as(None, origin="command", label="canbo report standards"):
            unit = resolve_unit(options["unit"])
            data = standards_report(user=None, unit=unit, day=day)
        if options["json"]:
            self.emit_json(data)
            return
        if options["xlsx"]:
            write_xlsx(data, options["xlsx"])
            self.stdout.write(_("Đã ghi %(path)s.") % {"path": options["xlsx"]})
            return
        self.stdout.write(f"{data['unit']['name']} — {day:%d/%m/%Y}")
        for r in data["totals"]:
            self.stdout.write(
                f"  {r['ladder']}: {format_number(r['met'])}/{format_number(r['applicable'])} "
                f"({format_percent(r['rate'])})"
            )
        if data["weak_sectors"]:
            self.stdout.write(_("Lĩnh vực có tỷ lệ đạt chuẩn thấp nhất:"))
            for s in data["weak_sectors"][:5]:
                self.stdout.write(f"  {s['sector']}: {format_percent(s['rate'])}")
        if data["needs"]:
            self.stdout.write(_("Nhu cầu đào tạo, bồi dưỡng (số người):"))
            for n in data["needs"]:
                self.stdout.write(f"  {n['name']}: {format_number(n['people'])}")
