"""`canbo worker`: runs background tasks (imports, big reports) from the database queue."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy tiến trình xử lý tác vụ nền (nhập tệp lớn, báo cáo)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="xử lý hết hàng đợi rồi dừng")

    def handle(self, *args, **options):
        extra = ["--batch"] if options["batch"] else []
        call_command("db_worker", *extra, "--interval", "1")
