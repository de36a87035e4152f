"""`canbo report emulation --unit CODE --year Y [--top N] [--json | --xlsx FILE]`: the emulation
ranking of the units under a unit and the year's best learners (registered in ReportsConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from canbo.careers import emulation
from canbo.core.cli import CanboCommand, usage_error
from canbo.core.context import acting_as
from canbo.core.text import format_number, format_percent, round_half_up
from canbo.orgs.cli import resolve_unit


def _r(value):
    return None if value is None else round_half_up(value, 1)


def emulation_json(em: emulation.Emulation, learners: list[emulation.KindLearners]) -> dict:
    return {
        "unit": em.unit.code,
        "year": em.year,
        "standards_day": em.day.isoformat(),
        "weights": em.weights,
        "units": [
            {
                "rank": r.rank,
                "unit": r.unit.code,
                "unit_name": r.unit.name,
                "score": r.score,
                "ranks": r.ranks,
                "planned_turns": r.planned_turns,
                "turns": r.turns,
                "plan_percent": _r(r.plan_percent),
                "applicable": r.applicable,
                "met": r.met,
                "standards_percent": _r(r.standards_percent),
                "evaluated": r.evaluated,
                "excellent": r.excellent,
                "good": r.good,
                "failed": r.failed,
                "good_percent": _r(r.good_percent),
                "failed_percent": _r(r.failed_percent),
            }
            for r in em.rows
        ],
        "best_learners": [
            {
                "kind": g.kind.code,
                "learners": [
                    {
                        "rank": x.rank,
                        "person_id": x.enrolment.person_id,
                        "name": x.enrolment.person.full_name,
                        "unit": x.enrolment.unit.code,
                        "class": x.enrolment.training_class.code,
                        "completed_on": x.enrolment.completed_on.isoformat(),
                        "mark": str(x.mark),
                        "grade": x.enrolment.grade,
                    }
                    for x in g.learners
                ],
            }
            for g in learners
        ],
    }


class EmulationReport(CanboCommand):
    help = "Xếp hạng thi đua các đơn vị trực thuộc và danh sách học viên tiêu biểu trong năm."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", required=True, help="mã đơn vị, ví dụ DB")
        parser.add_argument("--top", type=int, default=emulation.DEFAULT_TOP, help="số học viên tiêu biểu mỗi loại")
        out = parser.add_mutually_exclusive_group()
        out.add_argument("--json", action="store_true")
        out.add_argument("--xlsx", metavar="FILE")

    def handle(self, *args, year, unit, top, **options):
        if not 2000 <= year <= 2100:
            raise usage_error(_("Năm %(year)s không hợp lệ.") % {"year": year})
        if not 1 <= top <= 1000:
            raise usage_error(_("Số học viên tiêu biểu phải từ 1 đến 1000."))
        with acting_as(None, origin="command", label="canbo report emulation"):
            target = resolve_unit(unit)
            em = emulation.ranking(user=None, unit=target, year=year)
            learners = emulation.best_learners(user=None, unit=target, year=year, top=top)
            if options["json"]:
                self.emit_json(emulation_json(em, learners))
            elif options["xlsx"]:
                from canbo.careers.emulation_export import emulation_xlsx

                with open(options["xlsx"], "wb") as fh:
                    fh.write(emulation_xlsx(em, learners))
                self.stdout.write(_("Đã ghi %(file)s.") % {"file": options["xlsx"]})
            else:
                self._table(em)

    def _table(self, em: emulation.Emulation) -> None:
        self.stdout.write(_("Thi đua năm %(year)s — %(unit)s") % {"year": em.year, "unit": em.unit.name})
        self.stdout.write(
            f"{_('Hạng'):>4} {_('Đơn vị'):<40} {_('Kế hoạch'):>9} {_('Đạt chuẩn'):>9} "
            f"{_('Xuất sắc, tốt'):>13} {_('Không HT'):>9} {_('Điểm'):>7}"
        )
        for r in em.rows:
            self.stdout.write(
                f"{r.rank:>4} {r.unit.name[:40]:<40} {format_percent(r.plan_percent):>9} "
                f"{format_percent(r.standards_percent):>9} {format_percent(r.good_percent):>13} "
                f"{format_percent(r.failed_percent):>9} {format_number(r.score, 2):>7}"
            )
