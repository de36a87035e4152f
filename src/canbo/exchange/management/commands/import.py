"""`canbo import people FILE --unit CODE [--dry-run] [--skip-invalid] [--json]`.

Exit codes: 0 written (or dry-run clean), 1 refused (invalid rows or unreadable file; nothing
written), 2 usage error (unknown unit, missing file).
"""

import os
import sys

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from canbo.core.cli import EXIT_REFUSED, CanboCommand, resolve_unit, usage_error
from canbo.core.context import acting_as


class Command(CanboCommand):
    help = "Nhập danh sách từ tệp Excel/ODS/CSV: canbo import people TỆP --unit MÃ"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("kind", choices=["people"], help="loại dữ liệu (people)")
        parser.add_argument("file", help="tệp .xlsx, .xls, .ods hoặc .csv")
        parser.add_argument("--unit", required=True, help="mã đơn vị nhận dữ liệu")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
        parser.add_argument("--skip-invalid", action="store_true", help="ghi các dòng hợp lệ, bỏ qua dòng lỗi")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args, **options):
        from canbo.exchange.people_import import import_people

        path = options["file"]
        if not os.path.isfile(path):
            raise usage_error(_("Không tìm thấy tệp “%(path)s”.") % {"path": path})
        name = os.path.basename(path)
        with acting_as(None, origin="import", label=_("canbo import people %(name)s") % {"name": name}):
            unit = resolve_unit(options["unit"])
            result = import_people(path, unit=unit, dry_run=options["dry_run"], skip_invalid=options["skip_invalid"])
        refused = bool(result.refused) or (result.invalid and not options["skip_invalid"])
        if options["json"]:
            self.emit_json(result.as_json())
        else:
            self._report(result, options, unit)
        if refused:
            sys.stdout.flush()
            raise CommandError(
                result.refused or _("Tệp có %(n)s dòng lỗi; không ghi dữ liệu nào.") % {"n": result.invalid},
                returncode=EXIT_REFUSED,
            )

    def _report(self, result, options, unit):
        if result.refused:
            return
        for e in result.errors:
            self.stdout.write(
                _("Dòng %(row)s, %(column)s, giá trị “%(value)s”: %(message)s")
                % {"row": e.row, "column": e.column, "value": e.value, "message": e.message}
            )
        self.stdout.write(
            _("%(rows)s dòng: %(valid)s hợp lệ, %(invalid)s lỗi.")
            % {"rows": result.rows, "valid": result.valid, "invalid": result.invalid}
        )
        if options["dry_run"]:
            self.stdout.write(
                _("Chạy thử: sẽ tạo %(c)s, cập nhật %(u)s hồ sơ; chưa ghi gì.")
                % {"c": result.created, "u": result.updated}
            )
        elif result.written:
            self.stdout.write(
                _("Đã ghi vào %(unit)s: %(c)s hồ sơ mới, %(u)s hồ sơ cập nhật.")
                % {"unit": unit.name, "c": result.created, "u": result.updated}
            )
