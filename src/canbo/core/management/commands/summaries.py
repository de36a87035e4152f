"""`canbo summaries check|rebuild [--of NAME] [--year Y]`: prove that the kept summaries equal a scan
of the records they count, or recompute them from that scan (after a bulk load that bypassed the
hooks). The summaries are those the apps register (`core.reports.register_summary`): `training`
(plan vs actual, per year) and `quality` (staff quality per unit); `--year` limits the yearly ones
to one year and leaves the others out."""

import importlib
import time

from django.utils.translation import gettext as _

from canbo.core.cli import EXIT_REFUSED, CanboCommand, usage_error
from canbo.core.context import acting_as
from canbo.core.reports import SUMMARIES, SUMMARIES_BY_YEAR


class Command(CanboCommand):
    help = "Kiểm tra (check) hoặc tính lại (rebuild) các số liệu tổng hợp (kết quả đào tạo, chất lượng đội ngũ)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("action", choices=["check", "rebuild"])
        parser.add_argument("--of", choices=sorted(SUMMARIES), help="chỉ một loại số liệu tổng hợp")
        parser.add_argument("--year", type=int, help="chỉ một năm (số liệu theo năm)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, action, year, **options):
        names = [options["of"]] if options.get("of") else sorted(SUMMARIES)
        if year is not None:
            names = [n for n in names if n in SUMMARIES_BY_YEAR]
        if not names:  # e.g. --of quality --year 2021: nothing would be checked, and "ok" would be a lie
            raise usage_error(
                _("Số liệu tổng hợp “%(name)s” không tính theo năm; bỏ --year.") % {"name": options["of"]}
            )
        modules = {name: importlib.import_module(SUMMARIES[name]) for name in names}
        kwargs = {name: ({"year": year} if name in SUMMARIES_BY_YEAR else {}) for name in names}
        with acting_as(None, origin="command", label=f"canbo summaries {action}"):
            if action == "rebuild":
                data = {}
                for name, module in modules.items():
                    started = time.perf_counter()
                    rows = module.rebuild(**kwargs[name])
                    data[name] = {"rows": rows, "seconds": round(time.perf_counter() - started, 2)}
                    if not options["json"]:
                        self.stdout.write(
                            _("%(name)s: đã tính lại %(rows)s dòng tổng hợp trong %(s).1f giây.")
                            % {"name": name, "rows": rows, "s": data[name]["seconds"]}
                        )
                if options["json"]:
                    self.emit_json(data)
                return
            results = {name: module.check(**kwargs[name]) for name, module in modules.items()}
        ok = all(r.ok for r in results.values())
        if options["json"]:
            self.emit_json(
                {
                    "ok": ok,
                    **{
                        name: {
                            "ok": r.ok,
                            "rows": r.rows,
                            "differences": [
                                {"key": list(k), "kept": kept, "scan": fresh} for k, kept, fresh in r.differences
                            ],
                        }
                        for name, r in results.items()
                    },
                }
            )
        else:
            for name, result in results.items():
                if result.ok:
                    self.stdout.write(
                        _("%(name)s: số liệu tổng hợp khớp với dữ liệu gốc (%(rows)s dòng).")
                        % {"name": name, "rows": result.rows}
                    )
                    continue
                self.stdout.write(
                    _(
                        "%(name)s: số liệu tổng hợp lệch với dữ liệu gốc ở %(n)s dòng; "
                        "chạy “canbo summaries rebuild” để tính lại."
                    )
                    % {"name": name, "n": len(result.differences)}
                )
                for key, kept, fresh in result.differences[:20]:
                    self.stdout.write(f"  {key}: {kept} ≠ {fresh}")
        if not ok:
            raise SystemExit(EXIT_REFUSED)
