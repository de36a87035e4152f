"""`canbo demo`: load the Điện Biên demo (org tree before and after the 2025 reform, demo users,
a population of about 20,000 people and the Thanh Nưa Party committee). It lives in the site app
because it loads every app's demo, which the kernel (`core`) must not import.

Idempotent: a second run changes nothing and logs nothing. Everything goes through services, so
the change log shows the demo load as one command run.

The demo accounts share a published password: with debug off (production) the command refuses to
run unless `--demo-accounts` says so, and it never touches an account that already exists.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from canbo.accounts.choices import Role
from canbo.accounts.models import User
from canbo.accounts.services import user_upsert
from canbo.careers import demo as careers_demo
from canbo.careers import demo_pools
from canbo.core.context import acting_as
from canbo.orgs import demo_data, services
from canbo.orgs.models import Unit, UnitSuccession
from canbo.people import demo as people_demo
from canbo.people.models import Person
from canbo.people.seed import seed_reference
from canbo.plans import demo as plans_demo
from canbo.plans import demo_proposal
from canbo.reports import quality
from canbo.standards import demo as standards_demo
from canbo.training import demo as training_demo
from canbo.training.reference_data import seed_obligation_rules, seed_programme_kinds

DEMO_PASSWORD = "canbo-demo-2025"

# (username, full name, unit code, roles) — one per role, with two communes for the scoping demo.
DEMO_USERS = [
    ("admin", ("Quản trị", "Hệ thống"), None, [Role.SYSTEM_ADMIN]),
    ("sonoivu", ("Nguyễn Thị", "Hoa"), "DB", [Role.PROVINCE_HR_ADMIN]),
    ("lanhdao", ("Lò Văn", "Mừng"), "DB", [Role.LEADER]),
    ("bantochuc", ("Vàng Thị", "Mai"), "DB", [Role.POOL_OFFICER]),
    ("thanhnua", ("Lò Thị", "Vân"), "DB-THANHNUA", [Role.UNIT_HR_OFFICER]),
    ("muongnhe", ("Giàng A", "Páo"), "DB-MUONGNHE", [Role.UNIT_HR_OFFICER]),
    ("truongchinhtri", ("Quàng Văn", "Thanh"), "DB-TCT", [Role.TRAINING_OFFICER]),
    ("canbo", ("Lò Văn", "Minh"), "DB-THANHNUA", [Role.CADRE]),
]


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu tỉnh Điện Biên (chạy lại nhiều lần không tạo bản trùng)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-accounts",
            action="store_true",
            help="Cho phép tạo tài khoản dùng thử (mật khẩu công khai) khi chế độ gỡ lỗi đang tắt.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["demo_accounts"]:
            # A usage error (exit 2), refused before anything is written.
            raise CommandError(
                _(
                    "Không nạp dữ liệu mẫu: chế độ gỡ lỗi đang tắt (CANBO_DEBUG=0, môi trường vận hành) "
                    "và dữ liệu mẫu tạo các tài khoản dùng thử với mật khẩu công khai “%(password)s”. "
                    "Nếu đây đúng là máy dùng thử, chạy lại với --demo-accounts."
                )
                % {"password": DEMO_PASSWORD},
                returncode=2,
            )
        with acting_as(None, origin="command", label="canbo demo"), transaction.atomic():
            created, updated = self._units()
            links = self._successions()
            seed_reference()
            seed_programme_kinds()
            seed_obligation_rules()
            people = people_demo.load()
            training = training_demo.load()
            standards_demo.load()
            plans = plans_demo.load()
            evaluations = careers_demo.load_evaluations()
            pools = demo_pools.load()
            demo_proposal.load()  # classes open for 2027, for the optimised proposal
            # The people and training demos write in bulk: count the staff-quality summaries again
            # (set-based, a second run writes the same rows and logs nothing).
            quality.rebuild()
            users, kept = self._users()
        self.stdout.write(
            f"Dữ liệu mẫu: {created} đơn vị mới, {updated} đơn vị cập nhật, "
            f"{links} liên kết sắp xếp đơn vị năm 2025 mới, "
            f"{people['people'] + people['committee']} hồ sơ cán bộ mới, "
            f"{training['classes']} lớp đào tạo, bồi dưỡng mới với {training['enrolments']} lượt học viên, "
            f"{plans['plans']} kế hoạch đào tạo mới, "
            f"{evaluations['evaluations']} kết quả đánh giá, xếp loại mới, "
            f"{pools['posts']} chức danh quy hoạch mới với {pools['places']} lượt người được quy hoạch, "
            f"{users} tài khoản mới."
        )
        self.stdout.write("\nTài khoản dùng thử (mật khẩu chung: %s):" % DEMO_PASSWORD)
        for username, _name, unit_code, roles in DEMO_USERS:
            label = ", ".join(str(Role(r).label) for r in roles)
            where = unit_code or "toàn hệ thống"
            note = " (tài khoản đã có: giữ nguyên mật khẩu và vai trò)" if username in kept else ""
            self.stdout.write(f"  {username:<15} {label} — {where}{note}")

    def _units(self) -> tuple[int, int]:
        existing = {u.code: u for u in Unit.unscoped.all()}
        created = updated = 0
        for spec in [*demo_data.units(), *demo_data.service_units()]:
            parent = existing[spec.parent_code] if spec.parent_code else None
            wanted = {
                "official_code": spec.official_code,
                "name": spec.name,
                "kind": spec.kind,
                "parent": parent,
                "valid_from": spec.valid_from,
                "valid_to": spec.valid_to,
            }
            unit = existing.get(spec.code)
            if unit is None:
                existing[spec.code] = services.unit_create(code=spec.code, **wanted)
                created += 1
                continue
            changes = {k: v for k, v in wanted.items() if getattr(unit, k) != v}
            if changes:
                existing[spec.code] = services.unit_update(unit=unit, **changes)
                updated += 1
        return created, updated

    def _successions(self) -> int:
        units = {u.code: u for u in Unit.unscoped.all()}
        before = UnitSuccession.unscoped.count()
        for spec in [*demo_data.successions(), *demo_data.service_successions()]:
            services.succession_record(
                predecessor=units[spec.predecessor_code],
                successor=units[spec.successor_code],
                date=spec.date,
                decision=spec.decision,
            )
        return UnitSuccession.unscoped.count() - before

    def _users(self) -> tuple[int, set[str]]:
        """Create the missing demo users only: an existing account (whose password an administrator
        may have changed from the public one) is left exactly as it is."""
        created = 0
        existing = set(User.objects.filter(username__in=[u[0] for u in DEMO_USERS]).values_list("username", flat=True))
        for username, (first, last), unit_code, roles in DEMO_USERS:
            if username in existing:
                continue
            unit = Unit.unscoped.get(code=unit_code) if unit_code else None
            person = None
            if Role.CADRE in roles:
                person = Person.unscoped.filter(full_name="Lò Văn Minh", unit=unit).first()
            _user, is_new = user_upsert(
                person=person,
                username=username,
                password=DEMO_PASSWORD,
                # Shared trial accounts with a published password: not forced to change it (the
                # demo is for a trial, not production).
                must_change_password=False,
                unit=unit,
                roles=[str(r) for r in roles],
                first_name=first,
                last_name=last,
            )
            created += is_new
        return created, existing
