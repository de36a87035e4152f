"""The standards report of a unit at a date, as data (for JSON, the pages' export and the API) and
as an .xlsx workbook: rates by title and ladder, weak sectors, needs per programme kind."""

from __future__ import annotations

import datetime

import xlsxwriter
from django.utils.translation import gettext as _

from canbo.core.papers import xlsx_print_setup
from canbo.core.spreadsheet import escape_formula
from canbo.core.text import round_half_up
from canbo.orgs.models import Unit
from canbo.standards import selectors
from canbo.training.models import ProgrammeKind


def _rate(r) -> dict:
    return {
        "title": r.title,
        "sector": r.sector,
        "ladder": r.ladder,
        "ladder_code": r.ladder_code,
        "applicable": r.applicable,
        "met": r.met,
        "grace": r.grace,
        "transition": r.transition,
        "unmet": r.unmet,
        "rate": round_half_up(r.rate, 1),
    }


def standards_report(*, user, unit: Unit, day: datetime.date) -> dict:
    rates = selectors.unit_rates(user=user, unit=unit, day=day)
    weak = selectors.weak_sectors(user=user, unit=unit, day=day)
    needs = selectors.needs_by_kind(user=user, unit=unit, day=day)
    kinds = dict(ProgrammeKind.objects.values_list("code", "name"))
    return {
        "unit": {"code": unit.code, "name": unit.name},
        "date": day.isoformat(),
        "totals": [_rate(r) for r in selectors.rate_totals(rates)],
        "rates": [_rate(r) for r in rates],
        "weak_sectors": [
            {"sector": s.sector, "applicable": s.applicable, "met": s.met, "rate": round_half_up(s.rate, 1)}
            for s in weak["sectors"]
        ],
        "weak_titles": [_rate(r) for r in weak["titles"]],
        "needs": [{"kind": code, "name": kinds.get(code, code), "people": n} for code, n in needs.items()],
    }


def write_xlsx(data: dict, path: str) -> None:
    """Every text cell goes through escape_formula: unit and title names are typed by people."""
    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    bold = book.add_format({"bold": True})
    pct = book.add_format({"num_format": "0.0"})

    def sheet(name: str, header: list[str], rows: list[list]) -> None:
        ws = book.add_worksheet(name)
        ws.write_string(0, 0, escape_formula(f"{data['unit']['name']} — {data['date']}"), bold)
        for col, text in enumerate(header):
            ws.write_string(2, col, escape_formula(text), bold)
        for i, row in enumerate(rows, start=3):
            for col, value in enumerate(row):
                if isinstance(value, str):
                    ws.write_string(i, col, escape_formula(value))
                elif isinstance(value, float):
                    ws.write_number(i, col, value, pct)
                else:
                    ws.write_number(i, col, value)
        ws.set_column(0, 1, 36)
        xlsx_print_setup(ws, landscape=len(header) > 4, title_rows=(2, 2), screen_grid=True)

    rate_header = [
        _("Chức danh"),
        _("Thang trình độ"),
        _("Số người phải đạt"),
        _("Đạt"),
        _("Trong thời hạn bổ sung"),
        _("Trong thời hạn chuẩn hoá"),
        _("Chưa đạt"),
        _("Tỷ lệ đạt (%)"),
    ]
    sheet(
        _("Tỷ lệ đạt chuẩn"),
        rate_header,
        [
            [r["title"], r["ladder"], r["applicable"], r["met"], r["grace"], r["transition"], r["unmet"], r["rate"]]
            for r in data["rates"]
        ],
    )
    sheet(
        _("Lĩnh vực yếu"),
        [_("Lĩnh vực"), _("Số người phải đạt"), _("Đạt"), _("Tỷ lệ đạt (%)")],
        [[s["sector"], s["applicable"], s["met"], s["rate"]] for s in data["weak_sectors"]],
    )
    sheet(
        _("Nhu cầu đào tạo"),
        [_("Loại chương trình"), _("Số người cần")],
        [[n["name"], n["people"]] for n in data["needs"]],
    )
    book.close()


def need_people_xlsx(*, unit: Unit, day: datetime.date, kind, lines, status=None, until=None) -> bytes:
    """The people behind one need of the standards page as an .xlsx workbook: a title, the date,
    then STT, full name, birth date, ID number, unit, the rules not met and the status, one row per
    person in the page's order. Texts go through escape_formula (names are typed by people)."""
    import io

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    bold = book.add_format({"bold": True})
    head = book.add_format({"bold": True, "border": 1, "text_wrap": True, "valign": "vcenter"})
    cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    ws = book.add_worksheet(_("Nhu cầu"))
    title = _("Danh sách người cần bồi dưỡng: %(kind)s") % {"kind": kind.name}
    ws.write_string(0, 0, escape_formula(title), bold)
    where = _("%(unit)s, tại ngày %(day)s") % {"unit": unit.name, "day": day.strftime("%d/%m/%Y")}
    if status is not None:
        where += " · " + str(selectors.GapStatus(status).label)
    if until is not None:
        where += " · " + _("hạn chuẩn hoá %(day)s") % {"day": until.strftime("%d/%m/%Y")}
    ws.write_string(1, 0, escape_formula(where))
    ws.write_string(2, 0, _("Tổng số: %(n)s người") % {"n": len(lines)})
    header = [
        _("STT"),
        _("Họ và tên"),
        _("Ngày sinh"),
        _("Số định danh cá nhân"),
        _("Đơn vị"),
        _("Tiêu chuẩn chưa đạt"),
        _("Kết quả"),
    ]
    for col, text in enumerate(header):
        ws.write_string(4, col, text, head)
    # The shared print setup: A4 landscape, one page wide, the header row on every page, page numbers.
    xlsx_print_setup(ws, landscape=True, title_rows=(4, 4), screen_grid=True)
    for i, line in enumerate(lines, start=1):
        row = 4 + i
        person = line.person
        born = person.birth_date.strftime("%d/%m/%Y") if person.birth_date else str(person.birth_year or "")
        ws.write_number(row, 0, i, cell)
        values = [
            person.full_name,
            born,
            person.id_number or "",
            person.unit.name if person.unit else "",
            line.rules_text,
            line.status_text,
        ]
        for col, value in enumerate(values, start=1):
            ws.write_string(row, col, escape_formula(value), cell)
    for col, width in enumerate((6, 28, 12, 16, 32, 48, 30)):
        ws.set_column(col, col, width)
    book.close()
    return out.getvalue()
