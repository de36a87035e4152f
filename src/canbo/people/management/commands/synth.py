"""`canbo synth people --count N [--seed S] [--unit CODE]`: a realistic synthetic population."""

import time

from django.utils.translation import gettext as _

from canbo.core.cli import CanboCommand, resolve_unit
from canbo.core.context import acting_as
from canbo.people.synth import synth_people


class Command(CanboCommand):
    help = "Sinh dữ liệu cán bộ giả lập (tên, dân tộc, trình độ như thật) để đo hiệu năng."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("kind", choices=["people"])
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--unit", default="DB", help="đơn vị gốc (mặc định DB)")
        parser.add_argument("--no-log", action="store_true", help="không ghi nhật ký từng hồ sơ (dữ liệu đo hiệu năng)")

    def handle(self, *args, **options):
        started = time.perf_counter()

        def progress(done, total):
            if options["verbosity"] > 1 or done == total or done % 100_000 == 0:
                self.stdout.write(f"{done}/{total}")

        with acting_as(None, origin="command", label="canbo synth people"):
            root = resolve_unit(options["unit"])
            made = synth_people(
                root=root,
                count=options["count"],
                seed=options["seed"],
                progress=progress,
                log=not options["no_log"],
            )
        self.stdout.write(_("Đã tạo %(n)s hồ sơ trong %(s).1f giây.") % {"n": made, "s": time.perf_counter() - started})
