"""`canbo worker`: the background task queue (exchange's worker command) plus the periodic jobs
of `canbo.core.schedule` (the nightly gap recompute).

canbo.core comes before canbo.exchange in INSTALLED_APPS, so this command is the one `canbo worker`
runs; it extends exchange's queue worker instead of repeating it.
"""

from canbo.exchange.management.commands.worker import Command as QueueWorker


class Command(QueueWorker):
    help = (
        "Chạy tiến trình xử lý tác vụ nền (nhập tệp lớn, báo cáo) và các việc định kỳ (tính lại tiêu chuẩn hằng đêm)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="không chạy các việc định kỳ (khi đã đặt lịch bằng cron hay systemd timer)",
        )

    def handle(self, *args, **options):
        from canbo.core import schedule

        if not options["no_schedule"]:
            if options["batch"]:
                schedule.run_due()  # once, before the queue is drained (its task runs in this batch)
            else:
                schedule.Scheduler().start()
        super().handle(*args, **options)
