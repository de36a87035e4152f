"""`canbo report form --code BTCTW-10 --year Y --unit CODE [--xlsx FILE | --pdf FILE | --json]`."""

from __future__ import annotations

from django.utils.translation import gettext as _

from canbo.core.cli import CanboCommand, usage_error
from canbo.core.context import acting_as
from canbo.orgs.cli import resolve_unit
from canbo.reports.models import StatForm
from canbo.reports.statforms import fill, to_pdf, to_xlsx


class FormReport(CanboCommand):
    help = "Biểu mẫu thống kê (bố cục lưu dưới dạng dữ liệu) ra tệp Excel, PDF hoặc JSON."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--code", required=True, help="mã biểu, ví dụ BTCTW-10")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", required=True)
        out = parser.add_mutually_exclusive_group(required=True)
        out.add_argument("--xlsx", metavar="FILE")
        out.add_argument("--pdf", metavar="FILE")
        out.add_argument("--json", action="store_true")

    def handle(self, *args, code, year, unit, **options):
        with acting_as(None, origin="command", label="canbo report form"):
            form = StatForm.objects.filter(code=code.strip().upper(), is_active=True).first()
            if form is None:
                known = ", ".join(StatForm.objects.filter(is_active=True).values_list("code", flat=True)) or "—"
                raise usage_error(_("Không có biểu “%(code)s”. Các biểu: %(known)s.") % {"code": code, "known": known})
            filled = fill(form, resolve_unit(unit), year=year)
            if options["json"]:
                self.emit_json(
                    {"title": filled.title, "rows": filled.rows, "unmapped": filled.unmapped, "notes": filled.notes}
                )
                return
            path = options["xlsx"] or options["pdf"]
            content = to_xlsx(filled) if options["xlsx"] else to_pdf(filled)
            with open(path, "wb") as fh:
                fh.write(content)
            self.stdout.write(_("Đã ghi %(file)s.") % {"file": path})
