"""`canbo worker`: the background task queue (large imports, big reports, the gap recompute; the
database queue of django-tasks) plus the periodic jobs listed in `canbo.site.schedule` (the nightly
gap recompute, the purges). One command for every app's tasks, so it lives in the site app.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Chạy tiến trình xử lý tác vụ nền (nhập tệp lớn, báo cáo) và các việc định kỳ (tính lại tiêu chuẩn hằng đêm)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="xử lý hết hàng đợi rồi dừng")
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="không chạy các việc định kỳ (khi đã đặt lịch bằng cron hay systemd timer)",
        )

    def handle(self, *args, **options):
        from canbo.site import schedule

        if options["batch"]:
            schedule.sweep()  # jobs left running by a killed worker are marked failed first
            if not options["no_schedule"]:
                schedule.run_due()  # once, before the queue is drained (its task runs in this batch)
        else:
            schedule.scheduler(periodic=not options["no_schedule"]).start()
        extra = ["--batch"] if options["batch"] else []
        call_command("db_worker", *extra, "--interval", "1")
