"""The distribution of evaluation results by unit and year as an Excel workbook (xlsxwriter, every
text cell escaped): for each unit row and each year, the number evaluated, then count and share of
each level."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from canbo.careers.choices import EvaluationLevel
from canbo.careers.selectors import LEVELS
from canbo.core.spreadsheet import escape_formula

SHORT = {
    EvaluationLevel.EXCELLENT: "HTXSNV",
    EvaluationLevel.GOOD: "HTTNV",
    EvaluationLevel.DONE: "HTNV",
    EvaluationLevel.FAILED: "KHTNV",
}


def distribution_workbook(*, unit, rows, years) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(_("Xếp loại chất lượng")[:31])
    title = book.add_format({"bold": True, "font_size": 13})
    head = book.add_format(
        {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True, "bg_color": "#DDEBF7"}
    )
    text = book.add_format({"border": 1, "text_wrap": True})
    bold = book.add_format({"border": 1, "bold": True, "text_wrap": True})
    num = book.add_format({"border": 1, "num_format": "#,##0"})
    pct = book.add_format({"border": 1, "num_format": "0.0%"})
    sheet.write_string(
        0,
        0,
        escape_formula(_("Kết quả đánh giá, xếp loại chất lượng theo năm: %(unit)s") % {"unit": unit.name}),
        title,
    )
    top = 2
    sheet.merge_range(top, 0, top + 1, 0, _("Đơn vị"), head)
    width = 1 + 2 * len(LEVELS)
    for i, year in enumerate(years):
        first = 1 + i * width
        sheet.merge_range(top, first, top, first + width - 1, str(year), head)
        sheet.write_string(top + 1, first, _("Số được đánh giá"), head)
        for j, level in enumerate(LEVELS):
            sheet.write_string(top + 1, first + 1 + 2 * j, SHORT[level], head)
            sheet.write_string(top + 1, first + 2 + 2 * j, _("Tỷ lệ"), head)
    row = top + 2
    for line in rows:
        sheet.write_string(row, 0, escape_formula(line.unit.name), bold if line.whole else text)
        for i, year in enumerate(years):
            first = 1 + i * width
            cell = line.years[year]
            sheet.write_number(row, first, cell.total, num)
            for j, (_level, count, share) in enumerate(cell.items()):
                sheet.write_number(row, first + 1 + 2 * j, count, num)
                if share is None:
                    sheet.write_blank(row, first + 2 + 2 * j, None, pct)
                else:
                    sheet.write_number(row, first + 2 + 2 * j, float(share) / 100, pct)
        row += 1
    sheet.write_string(
        row + 1,
        0,
        escape_formula(
            _(
                "HTXSNV: hoàn thành xuất sắc nhiệm vụ; HTTNV: hoàn thành tốt nhiệm vụ; HTNV: hoàn thành nhiệm vụ; "
                "KHTNV: không hoàn thành nhiệm vụ."
            )
        ),
    )
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, len(years) * width, 9)
    sheet.freeze_panes(top + 2, 1)
    book.close()
    return out.getvalue()
