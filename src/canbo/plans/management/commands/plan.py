"""`canbo plan propose --unit CODE --year Y [--budget VND] [--json]`: the optimised training
proposal for a unit's subtree and a year (plans/propose.py, solver in plans/optimiser.py).

Acts as the system (every person and class of the subtree, pools included). Exit 1 with the
reason when nothing can be proposed (a budget below every class, no seats, nobody eligible);
exit 2 on usage errors (an unknown unit, a bad year or budget). Nothing is written."""

from __future__ import annotations

import math

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from canbo.core.cli import EXIT_REFUSED, CanboCommand, usage_error
from canbo.core.context import acting_as
from canbo.core.text import format_number
from canbo.orgs.cli import resolve_unit


def _budget(raw) -> int | None:
    """--budget as officers write amounts: 1.200.000, 1 200 000 or 1200000 đồng; exit 2 otherwise."""
    from django import forms

    from canbo.core.forms import parse_number

    if raw is None:
        return None
    text = str(raw).strip()
    refused = _("Kinh phí «%(value)s» không phải là số tiền: ghi số đồng, ví dụ 1.200.000.000.") % {"value": text}
    try:
        amount = parse_number(text)
    except forms.ValidationError:
        raise usage_error(refused) from None
    if amount is None or amount != amount.to_integral_value():
        raise usage_error(refused)
    if amount < 0:
        raise usage_error(_("Kinh phí phải là số không âm."))
    return int(amount)


DEFAULT_TIME_LIMIT = 40.0


def _seconds(raw) -> float:
    """--time-limit: a positive number of seconds (30, 2,5 or 2.5); exit 2 otherwise (-5 and nan were taken)."""
    if raw is None:
        # 40 s of solving leaves room for reading a province's people and classes within a minute.
        return DEFAULT_TIME_LIMIT
    text = str(raw).strip()
    try:
        seconds = float(text.replace(",", "."))
    except ValueError:
        seconds = float("nan")
    if not (math.isfinite(seconds) and 0 < seconds <= 3600):
        raise usage_error(
            _("Thời gian giải «%(value)s» không hợp lệ: ghi số giây lớn hơn 0, tối đa 3.600.") % {"value": text}
        )
    return seconds


class Command(CanboCommand):
    help = "Kế hoạch đào tạo, bồi dưỡng: canbo plan propose --unit MÃ --year NĂM [--budget ĐỒNG] [--json]"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("action", choices=["propose"])
        parser.add_argument("--unit", required=True, help="mã đơn vị, ví dụ DB-THANHNUA")
        # read in handle(), not by argparse: "1.200.000" is how a budget is written, and a bad value
        # gets a Vietnamese message with exit 2 instead of argparse's English one
        parser.add_argument("--year", required=True)
        parser.add_argument("--budget", default=None, help="kinh phí tối đa (đồng), ví dụ 1.200.000.000")
        parser.add_argument(
            "--time-limit", default=None, help="giây tối đa cho bộ giải (mặc định 40), ví dụ 30 hoặc 2,5"
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        from canbo.plans import optimiser, propose

        raw_year = str(options["year"]).strip()
        if not raw_year.isascii() or not raw_year.isdigit():
            raise usage_error(_("Năm «%(year)s» không hợp lệ: ghi năm bằng 4 chữ số, ví dụ 2027.") % {"year": raw_year})
        year = int(raw_year)
        if not 2000 <= year <= 2100:
            raise usage_error(_("Năm %(year)s không hợp lệ.") % {"year": year})
        budget = _budget(options["budget"])
        time_limit = _seconds(options["time_limit"])
        with acting_as(None, origin="command", label="canbo plan propose"):
            unit = resolve_unit(options["unit"])
            try:
                result = propose.build(user=None, unit=unit, year=year, budget=budget, time_limit=time_limit)
            except optimiser.Infeasible as refusal:
                if options["json"]:
                    self.emit_json({"unit": unit.code, "year": year, "budget": budget, "error": refusal.reason})
                raise CommandError(refusal.reason, returncode=EXIT_REFUSED) from None
            if options["json"]:
                self.emit_json(result.as_json())
                return
            self.stdout.write(self._text(result))

    def _text(self, result) -> str:
        p = result.proposal
        lines = [
            _("Đề xuất cử đi học năm %(year)s — %(unit)s") % {"year": result.year, "unit": result.unit.name},
            _("%(places)s chỗ ở %(classes)s lớp; giá trị %(objective)s điểm (cách chọn lần lượt: %(greedy)s điểm).")
            % {
                "places": format_number(len(p.places)),
                "classes": format_number(len({x.class_id for x in p.places})),
                "objective": format_number(p.objective),
                "greedy": format_number(p.greedy_objective),
            },
            "",
        ]
        for training_class, places in result.by_class():
            lines.append(
                f"{training_class.code} — {training_class.name} "
                f"({training_class.start_date:%d/%m/%Y} – {training_class.end_date:%d/%m/%Y})"
            )
            for place in places:
                person = result.people[place.person_id]
                unit = person.unit.name if person.unit else "—"
                lines.append(f"  • {person.full_name} ({unit}): {place.reason}")
            lines.append("")
        if p.unassigned_seats:
            lines.append(
                _("Còn trống: %(seats)s")
                % {"seats": ", ".join(f"{code}: {format_number(n)}" for code, n in sorted(p.unassigned_seats.items()))}
            )
        for limit in p.limits:
            mark = _(" (đang giới hạn)") if limit["binding"] else ""
            lines.append(f"- {limit['detail']}{mark}")
        return "\n".join(lines)
