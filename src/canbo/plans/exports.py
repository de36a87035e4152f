"""Plan vs actual as xlsx (xlsxwriter, every text cell escaped) and PDF (weasyprint, same HTML as the page)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from canbo.core.pdf import render_pdf
from canbo.core.spreadsheet import escape_formula
from canbo.plans.selectors import PlanVsActual


def _pct(f) -> float | None:
    return None if f.percent is None else f.percent / 100


def pva_xlsx(pva: PlanVsActual) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(_("Kế hoạch - thực hiện")[:31])
    title = book.add_format({"bold": True, "font_size": 13})
    head = book.add_format(
        {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True, "bg_color": "#DDEBF7"}
    )
    text = book.add_format({"border": 1})
    bold = book.add_format({"border": 1, "bold": True})
    num = book.add_format({"border": 1, "num_format": "#,##0"})
    pct = book.add_format({"border": 1, "num_format": "0.0%"})
    sheet.merge_range(
        0,
        0,
        0,
        6,
        escape_formula(
            _("Kế hoạch và kết quả đào tạo, bồi dưỡng năm %(year)s — %(unit)s")
            % {"year": pva.year, "unit": pva.unit.name}
        ),
        title,
    )
    headers = [
        _("Đơn vị"),
        _("Loại chương trình"),
        _("Kế hoạch (lượt người)"),
        _("Thực hiện (lượt người)"),
        _("Tỷ lệ"),
        _("Số người"),
        _("Số lớp"),
    ]
    for col, label in enumerate(headers):
        sheet.write_string(2, col, escape_formula(label), head)
    row = 3

    def write(f, fmt):
        nonlocal row
        sheet.write_string(row, 0, escape_formula(f.unit.name), fmt)
        sheet.write_string(row, 1, escape_formula(f.kind.name if f.kind else _("Tổng số")), fmt)
        sheet.write_number(row, 2, f.planned_turns, num)
        sheet.write_number(row, 3, f.turns, num)
        p = _pct(f)
        if p is None:
            sheet.write_blank(row, 4, None, pct)
        else:
            sheet.write_number(row, 4, p, pct)
        sheet.write_number(row, 5, f.people, num)
        sheet.write_number(row, 6, f.classes, num)
        row += 1

    for total, kinds in [(pva.total, pva.by_kind), *pva.children]:
        write(total, bold)
        for f in kinds:
            if f.turns or f.planned_turns or f.classes:
                write(f, text)
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, 1, 44)
    sheet.set_column(2, 6, 14)
    sheet.freeze_panes(3, 0)
    book.close()
    return out.getvalue()


def pva_pdf(pva: PlanVsActual, *, base_url: str | None = None) -> bytes:
    rows = [(pva.total, pva.by_kind), *pva.children]
    return render_pdf("plans/pva_print.html", {"pva": pva, "rows": rows}, base_url=base_url)
