"""`canbo import people FILE --unit CODE [--dry-run] [--skip-invalid] [--json]`, and for training
`canbo import classes FILE --unit CODE` / `canbo import enrolments FILE [--class CODE] [--unit CODE]`
(`--error-file PATH` writes a copy of the file with a "Lỗi" column for the rows refused).

The column mapping (people): `--map "C=given_name"` / `--map "Họ=family_name"` (a column letter or
a header text = a field code; `--map "D="` or `--map "D=none"`: not used) corrects how a column is
read; `--json` lists every column as read (`"columns": [{"column", "header", "field",
"confidence", "doubt", "samples"}]`). A column the reader is unsure of refuses the import until a
`--map` settles it or `--accept-doubtful` is given. A mapping given with `--map` and written is
saved for the unit's next file with the same headers; without `--map` a saved one is applied.

Exit codes: 0 written (or dry-run clean), 1 refused (invalid rows, a doubtful column or unreadable
file; nothing written), 2 usage error (unknown unit, missing file, a `--map` naming no column or
no field).
"""

import inspect
import os
import sys

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from canbo.core.cli import EXIT_REFUSED, CanboCommand, usage_error
from canbo.core.context import acting_as
from canbo.core.errors import NotPermitted, OutOfReach
from canbo.orgs.cli import resolve_unit
from canbo.tabular import registry
from canbo.tabular.mapping import MappingError, chosen_mapping, doubt_message, doubts, parse_specs


class Command(CanboCommand):
    help = (
        "Nhập danh sách từ tệp Excel/ODS/CSV: canbo import people|classes TỆP --unit MÃ, "
        "canbo import enrolments TỆP --class MÃ_LỚP"
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        names = list(registry.kinds())
        parser.add_argument("kind", choices=names, help="loại dữ liệu (%s)" % ", ".join(names))
        parser.add_argument("file", help="tệp .xlsx, .xls, .ods hoặc .csv")
        parser.add_argument("--unit", help="mã đơn vị nhận dữ liệu (bắt buộc với people, classes)")
        parser.add_argument("--class", dest="class_code", help="mã lớp (enrolments; hoặc cột “Mã lớp” trong tệp)")
        parser.add_argument("--error-file", help="ghi bản sao tệp có cột “Lỗi” cho các dòng lỗi")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
        parser.add_argument("--skip-invalid", action="store_true", help="ghi các dòng hợp lệ, bỏ qua dòng lỗi")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
        parser.add_argument("--sheet", help="trang tính cần đọc (mặc định: trang có dòng tiêu đề danh sách)")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="CỘT=MÃ",
            help='đọc một cột là thông tin MÃ: chữ cái hoặc tiêu đề cột, ví dụ --map "C=given_name", '
            '--map "Họ=family_name"; --map "D=" hoặc "D=none": không dùng cột D (lặp lại cho nhiều cột)',
        )
        parser.add_argument(
            "--accept-doubtful",
            action="store_true",
            help="ghi cả khi còn cột chưa rõ cách đọc (mặc định: từ chối, liệt kê các cột cần --map)",
        )
        parser.add_argument(
            "--as",
            dest="as_user",
            help="tên đăng nhập của người thực hiện: áp dụng quyền và phạm vi quản lý của người đó",
        )

    def handle(self, *args, **options):
        path = options["file"]
        if not os.path.isfile(path):
            raise usage_error(_("Không tìm thấy tệp “%(path)s”.") % {"path": path})
        name = os.path.basename(path)
        kind = options["kind"]
        importer = registry.get(kind)
        if importer.needs_unit and not options["unit"]:
            raise usage_error(_("Cần --unit MÃ_ĐƠN_VỊ."))
        runner = importer.runner()
        mappable = "mapping" in inspect.signature(runner).parameters
        try:
            mapping = parse_specs(options["map"])
        except MappingError as error:
            raise usage_error(error.message) from None
        if mapping and not mappable:
            raise usage_error(_("Loại dữ liệu “%(kind)s” không nhận --map.") % {"kind": kind})
        label = _("canbo import %(kind)s %(name)s") % {"kind": kind, "name": name}
        actor = self._actor(options.get("as_user"))
        with acting_as(actor, origin="import", label=label):
            unit = resolve_unit(options["unit"]) if options["unit"] else None
            extra = {}
            if mappable:
                extra = {"mapping": mapping or None, "accept_doubtful": options["accept_doubtful"]}
                if not mapping and unit is not None:
                    extra["recall"] = self._recall(kind, unit)
            try:
                result = runner(
                    path,
                    unit=unit,
                    dry_run=options["dry_run"],
                    skip_invalid=options["skip_invalid"],
                    sheet=options["sheet"],
                    class_code=options.get("class_code"),
                    **extra,
                )
            except MappingError as error:
                raise usage_error(error.message) from None
            except (OutOfReach, NotPermitted) as refused:
                message = " ".join(refused.messages) if isinstance(refused, NotPermitted) else ""
                raise CommandError(
                    message or _("Đơn vị hoặc lớp này nằm ngoài phạm vi quản lý của %(user)s.") % {"user": actor},
                    returncode=EXIT_REFUSED,
                ) from refused
            if mapping and result.written and unit is not None:
                from canbo.exchange.services import saved_mapping_store

                saved_mapping_store(
                    kind=kind,
                    unit=unit,
                    columns=result.columns,
                    mapping=chosen_mapping(result.columns),
                    file_name=name,
                    user=actor,
                )
        if options.get("error_file") and result.errors and not result.refused:
            from canbo.exchange.export import write_error_copy
            from canbo.tabular.reader import read_rows

            by_row: dict[int, list[str]] = {}
            for e in result.errors:
                by_row.setdefault(e.row, []).append(f"{e.column}: {e.message}")
            write_error_copy(
                read_rows(path, sheet=result.sheet),
                {row: "; ".join(messages) for row, messages in by_row.items()},
                result.header_row,
                result.width,
                options["error_file"],
            )
        # A doubtful column refuses the file (exit 1), in a dry run too: "would this import?" gets
        # the import's answer. The message names each column and the --map that settles it.
        unsettled = ""
        if doubts(result.columns) and not options["accept_doubtful"]:
            labels = {code: _(label) for code, label in result.fields.items()}
            unsettled = doubt_message(result.columns, labels, command=True)
        refused = bool(result.refused) or bool(unsettled) or (result.invalid and not options["skip_invalid"])
        if options["json"]:
            data = result.as_json()
            if unsettled:
                data["refused"] = unsettled
            self.emit_json(data)
        else:
            self._report(result, options, unit)
        if refused:
            sys.stdout.flush()
            raise CommandError(
                unsettled
                or result.refused
                or _("Tệp có %(n)s dòng lỗi; không ghi dữ liệu nào.") % {"n": result.invalid},
                returncode=EXIT_REFUSED,
            )

    @staticmethod
    def _recall(kind, unit):
        """The mapping saved for files with these headers by the unit (or a unit above it)."""
        from canbo.exchange.services import recalled_note, saved_mapping_find
        from canbo.tabular.mapping import Recalled, mapping_from_json

        def recall(signature):
            saved = saved_mapping_find(kind=kind, unit=unit, signature=signature)
            return Recalled(mapping_from_json(saved.mapping), recalled_note(saved)) if saved else None

        return recall

    @staticmethod
    def _actor(username):
        """The user the command acts for (`--as`), or None: the system itself, which reaches everything."""
        if not username:
            return None
        from canbo.accounts.models import User

        user = User.objects.filter(username=username, is_active=True).select_related("unit").first()
        if user is None:
            message = _("Không có người dùng nào đang hoạt động có tên đăng nhập “%(name)s”.")
            raise usage_error(message % {"name": username})
        return user

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
        elif result.written and options["kind"] != "people":
            self.stdout.write(_("Đã ghi: %(c)s mới, %(u)s cập nhật.") % {"c": result.created, "u": result.updated})
        elif result.written:
            self.stdout.write(
                _("Đã ghi vào %(unit)s: %(c)s hồ sơ mới, %(u)s hồ sơ cập nhật.")
                % {"unit": unit.name, "c": result.created, "u": result.updated}
            )
