"""`canbo report summary` and `canbo report plan-vs-actual` (registered in PlansConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from canbo.core.cli import CanboCommand, usage_error
from canbo.core.context import acting_as
from canbo.core.text import round_half_up
from canbo.orgs.cli import resolve_unit
from canbo.plans.narrative import pct, unit_summary
from canbo.plans.selectors import PlanVsActual, plan_vs_actual


def _year(value: int) -> int:
    if not 2000 <= value <= 2100:
        raise usage_error(_("Năm %(year)s không hợp lệ.") % {"year": value})
    return value


def figure_json(f) -> dict:
    return {
        "unit": f.unit.code,
        "unit_name": f.unit.name,
        "kind": f.kind.code if f.kind else None,
        "planned_turns": f.planned_turns,
        "planned_classes": f.planned_classes,
        "turns": f.turns,
        "people": f.people,
        "classes": f.classes,
        "percent": None if f.percent is None else round_half_up(f.percent, 1),
    }


def pva_json(pva: PlanVsActual) -> dict:
    return {
        "unit": pva.unit.code,
        "year": pva.year,
        "total": figure_json(pva.total),
        "kinds": [figure_json(f) for f in pva.by_kind],
        "children_planned_turns": pva.children_rollup(None),
        "children": [{**figure_json(total), "kinds": [figure_json(f) for f in kinds]} for total, kinds in pva.children],
    }


class SummaryReport(CanboCommand):
    help = "Đoạn văn tổng kết kết quả đào tạo, bồi dưỡng của một đơn vị trong năm."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", required=True, help="mã đơn vị, ví dụ DB-HDB")
        parser.add_argument("--decimals", type=int, choices=[0, 1, 2], help="số chữ số thập phân của tỷ lệ")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, year, unit, decimals, **options):
        with acting_as(None, origin="command", label="canbo report summary"):
            target = resolve_unit(unit)
            summary = unit_summary(user=None, unit=target, year=_year(year), decimals=decimals)
            if options["json"]:
                self.emit_json(
                    {
                        "text": summary.text,
                        "paragraphs": summary.paragraphs,
                        **pva_json(summary.pva),
                        "bodies": [
                            {"name": b.body.name, "total": b.total, "university": b.university, "politics": b.politics}
                            for b in summary.bodies
                        ],
                    }
                )
            else:
                self.stdout.write(summary.text)


class PlanVsActualReport(CanboCommand):
    help = "Kế hoạch và kết quả đào tạo, bồi dưỡng theo đơn vị trực thuộc và loại chương trình."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", required=True)
        out = parser.add_mutually_exclusive_group()
        out.add_argument("--json", action="store_true")
        out.add_argument("--xlsx", metavar="FILE")
        out.add_argument("--pdf", metavar="FILE")

    def handle(self, *args, year, unit, **options):
        with acting_as(None, origin="command", label="canbo report plan-vs-actual"):
            target = resolve_unit(unit)
            pva = plan_vs_actual(user=None, unit=target, year=_year(year))
            if options["json"]:
                self.emit_json(pva_json(pva))
            elif options["xlsx"]:
                from canbo.plans.exports import pva_xlsx

                with open(options["xlsx"], "wb") as fh:
                    fh.write(pva_xlsx(pva))
                self.stdout.write(_("Đã ghi %(file)s.") % {"file": options["xlsx"]})
            elif options["pdf"]:
                from canbo.plans.exports import pva_pdf

                with open(options["pdf"], "wb") as fh:
                    fh.write(pva_pdf(pva))
                self.stdout.write(_("Đã ghi %(file)s.") % {"file": options["pdf"]})
            else:
                self._table(pva)

    def _table(self, pva: PlanVsActual) -> None:
        from canbo.core.text import format_number as n

        self.stdout.write(_("Kế hoạch và kết quả năm %(year)s — %(unit)s") % {"year": pva.year, "unit": pva.unit.name})
        header = f"{_('Đơn vị / loại'):<48} {_('Kế hoạch'):>10} {_('Thực hiện'):>10} {_('Tỷ lệ'):>8} {_('Số lớp'):>7}"
        self.stdout.write(header)
        rows = [(pva.total, pva.by_kind), *pva.children]
        for total, kinds in rows:
            self.stdout.write(
                f"{total.unit.name[:48]:<48} {n(total.planned_turns):>10} {n(total.turns):>10} "
                f"{pct(total.percent, 1):>8} {n(total.classes):>7}"
            )
            for f in kinds:
                if f.turns or f.planned_turns or f.classes:
                    label = "  " + (f.kind.short_name or f.kind.name)
                    self.stdout.write(
                        f"{label[:48]:<48} {n(f.planned_turns):>10} {n(f.turns):>10} "
                        f"{pct(f.percent, 1):>8} {n(f.classes):>7}"
                    )
