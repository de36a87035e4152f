"""`canbo summaries check|rebuild [--year Y]`: prove that the kept plan-vs-actual summaries equal a
scan of the enrolments, or recompute them from that scan (after a bulk load that bypassed the hooks)."""

import time

from django.utils.translation import gettext as _

from canbo.core.cli import EXIT_REFUSED, CanboCommand
from canbo.core.context import acting_as
from canbo.plans import summaries


class Command(CanboCommand):
    help = "Kiểm tra (check) hoặc tính lại (rebuild) số liệu tổng hợp kết quả đào tạo, bồi dưỡng."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("action", choices=["check", "rebuild"])
        parser.add_argument("--year", type=int, help="chỉ một năm")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, action, year, **options):
        started = time.perf_counter()
        with acting_as(None, origin="command", label=f"canbo summaries {action}"):
            if action == "rebuild":
                rows = summaries.rebuild(year=year)
                data = {"rows": rows, "seconds": round(time.perf_counter() - started, 2)}
                if options["json"]:
                    self.emit_json(data)
                else:
                    self.stdout.write(
                        _("Đã tính lại %(rows)s dòng tổng hợp trong %(s).1f giây.")
                        % {"rows": rows, "s": data["seconds"]}
                    )
                return
            result = summaries.check(year=year)
        if options["json"]:
            self.emit_json(
                {
                    "ok": result.ok,
                    "rows": result.rows,
                    "differences": [
                        {"year": k[0], "unit_id": k[1], "kind_id": k[2], "kept": kept, "scan": fresh}
                        for k, kept, fresh in result.differences
                    ],
                }
            )
        elif result.ok:
            self.stdout.write(_("Số liệu tổng hợp khớp với dữ liệu gốc (%(rows)s dòng).") % {"rows": result.rows})
        else:
            self.stdout.write(
                _("Số liệu tổng hợp lệch với dữ liệu gốc ở %(n)s dòng; chạy “canbo summaries rebuild” để tính lại.")
                % {"n": len(result.differences)}
            )
            for key, kept, fresh in result.differences[:20]:
                self.stdout.write(f"  {key}: {kept} ≠ {fresh}")
        if not result.ok:
            raise SystemExit(EXIT_REFUSED)
