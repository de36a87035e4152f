"""`canbo gaps recompute [--unit CODE] [--now]`: recompute the stored gaps.

By default the work is queued for `canbo worker` (a background task; its progress shows on the
rule list page); `--now` runs it in this process and prints the progress. Run it nightly: grace
periods end and rules take effect with the date, not with an edit.
"""

from __future__ import annotations

import time

from django.utils.translation import gettext as _

from canbo.core.cli import CanboCommand
from canbo.core.context import acting_as
from canbo.orgs.cli import resolve_unit


class Command(CanboCommand):
    help = "Tính lại kết quả đối chiếu tiêu chuẩn: canbo gaps recompute [--unit MÃ] [--now]"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("action", choices=["recompute"])
        parser.add_argument("--unit", default="", help="chỉ tính lại cho đơn vị này và các đơn vị trực thuộc")
        parser.add_argument("--now", action="store_true", help="chạy ngay trong tiến trình này thay vì giao cho worker")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        from canbo.standards import engine
        from canbo.standards.tasks import recompute_gaps

        unit = resolve_unit(options["unit"]) if options["unit"] else None
        if not options["now"]:
            result = recompute_gaps.enqueue(unit_code=unit.code if unit else "")
            if options["json"]:
                self.emit_json({"queued": True, "task": str(result.id), "unit": unit.code if unit else None})
            else:
                self.stdout.write(_("Đã giao cho tiến trình nền (mã tác vụ %(id)s).") % {"id": result.id})
            return
        started = time.perf_counter()

        def progress(done, total):
            if not options["json"]:
                self.stdout.write(f"{done}/{total}")

        with acting_as(None, origin="command", label="canbo gaps recompute"):
            if unit:
                rows = engine.recompute_subtree(unit=unit, progress=progress)
            else:
                rows = engine.recompute_all(progress=progress)
        seconds = time.perf_counter() - started
        if options["json"]:
            self.emit_json({"queued": False, "rows": rows, "seconds": round(seconds, 2)})
        else:
            self.stdout.write(_("Đã tính lại %(n)s kết quả trong %(s).1f giây.") % {"n": rows, "s": seconds})
