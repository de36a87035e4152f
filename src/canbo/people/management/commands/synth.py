"""`canbo synth people --count N [--seed S] [--unit CODE]`: a realistic synthetic population;
`canbo synth training --enrolments N --years 2022-2025 [--unit CODE]`: classes, enrolments and plans
for those people (canbo.plans.synth)."""

import time

from django.utils.translation import gettext as _

from canbo.core.cli import CanboCommand, usage_error
from canbo.core.context import acting_as
from canbo.orgs.cli import resolve_unit
from canbo.people.synth import synth_people


class Command(CanboCommand):
    help = "Sinh dữ liệu cán bộ giả lập (tên, dân tộc, trình độ như thật) để đo hiệu năng."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("kind", choices=["people", "training"])
        parser.add_argument("--count", type=int, help="số hồ sơ (people)")
        parser.add_argument("--enrolments", type=int, help="số lượt học viên (training)")
        parser.add_argument("--years", default="2022-2025", help="các năm của lớp (training), ví dụ 2022-2025")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--unit", default="DB", help="đơn vị gốc (mặc định DB)")
        parser.add_argument("--no-log", action="store_true", help="không ghi nhật ký từng hồ sơ (dữ liệu đo hiệu năng)")

    def handle(self, *args, **options):
        started = time.perf_counter()

        def progress(done, total):
            if options["verbosity"] > 1 or done == total or done % 100_000 == 0:
                self.stdout.write(f"{done}/{total}")

        if options["kind"] == "training":
            return self._training(options, started)
        if not options["count"]:
            raise usage_error(_("Cần --count (số hồ sơ)."))
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

    def _training(self, options, started):
        from canbo.plans.synth import synth_training

        if not options["enrolments"]:
            raise usage_error(_("Cần --enrolments (số lượt học viên)."))
        first, _sep, last = options["years"].partition("-")
        try:
            years = list(range(int(first), int(last or first) + 1))
        except ValueError:
            raise usage_error(_("--years phải có dạng 2022-2025.")) from None
        with acting_as(None, origin="command", label="canbo synth training"):
            root = resolve_unit(options["unit"])
            made = synth_training(
                root=root,
                enrolments=options["enrolments"],
                years=years,
                seed=options["seed"],
                progress=self.stdout.write,
            )
        self.stdout.write(
            _("Đã tạo %(c)s lớp, %(e)s lượt học viên, %(p)s kế hoạch trong %(s).1f giây.")
            % {"c": made["classes"], "e": made["enrolments"], "p": made["plans"], "s": time.perf_counter() - started}
        )
