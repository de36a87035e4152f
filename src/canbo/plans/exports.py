"""Plan vs actual as a paper (`core.papers`: issuing body, national motto, title, table, place and
date, signature blocks): xlsx (xlsxwriter, every text cell escaped, printed A4 landscape with the
header row repeated), PDF (weasyprint) and the on-screen preview, all from `paper_rows`."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from canbo.core import papers
from canbo.core.dates import today
from canbo.core.pdf import render_pdf
from canbo.core.spreadsheet import escape_formula
from canbo.plans.selectors import PlanVsActual

WIDTHS = [5, 34, 40, 13, 13, 10, 11, 10]


@dataclass
class Line:
    """One row of the paper: a unit's total (bold, numbered) or one programme kind under it."""

    stt: str
    unit: str
    kind: str
    planned: int
    turns: int
    percent: float | None
    people: int
    classes: int
    total: bool


def paper_rows(pva: PlanVsActual) -> list[Line]:
    """The unit's own total and kinds, then each unit under it; kinds with nothing planned or done
    left out, as on the page."""
    lines = []
    for n, (total, kinds) in enumerate([(pva.total, pva.by_kind), *pva.children]):
        for f in [total, *kinds]:
            is_total = f is total
            if not is_total and not (f.turns or f.planned_turns or f.classes):
                continue
            lines.append(
                Line(
                    stt=str(n + 1) if is_total else "",
                    unit=f.unit.name if is_total else "",
                    kind=_("Tổng số") if is_total else f.kind.name,
                    planned=f.planned_turns,
                    turns=f.turns,
                    percent=f.percent,
                    people=f.people,
                    classes=f.classes,
                    total=is_total,
                )
            )
    return lines


def headers() -> list[str]:
    return [
        _("STT"),
        _("Đơn vị"),
        _("Loại chương trình"),
        _("Kế hoạch (lượt người)"),
        _("Thực hiện (lượt người)"),
        _("Tỷ lệ"),
        _("Số người"),
        _("Số lớp"),
    ]


def pva_paper(pva: PlanVsActual) -> papers.Paper:
    """Issued by the unit, signed by its preparer and head, dated the day it is made."""
    return papers.state_paper(
        pva.unit,
        day=today(),
        title=_("BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH ĐÀO TẠO, BỒI DƯỠNG NĂM %(year)s") % {"year": pva.year},
        subtitle=[pva.unit.name, _("Đơn vị tính: lượt người")],
    )


def pva_xlsx(pva: PlanVsActual) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(_("Kế hoạch - thực hiện")[:31])
    head = book.add_format(
        {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True, "bg_color": "#DDEBF7"}
    )
    text = book.add_format({"border": 1, "text_wrap": True})
    bold = book.add_format({"border": 1, "bold": True, "text_wrap": True})
    centre = book.add_format({"border": 1, "align": "center"})
    num = book.add_format({"border": 1, "num_format": papers.VN_INT})
    num_bold = book.add_format({"border": 1, "bold": True, "num_format": papers.VN_INT})
    pct = book.add_format({"border": 1, "num_format": "0.0%"})
    on_paper = papers.SheetPaper(book, sheet, pva_paper(pva), width=len(WIDTHS), split=3)
    top = on_paper.heading() + 1
    sheet.set_row(top, 30)
    for col, label in enumerate(headers()):
        sheet.write_string(top, col, escape_formula(label), head)
    row = top + 1
    for line in paper_rows(pva):
        label, figure = (bold, num_bold) if line.total else (text, num)
        sheet.write_string(row, 0, line.stt, centre)
        sheet.write_string(row, 1, escape_formula(line.unit), label)
        sheet.write_string(row, 2, escape_formula(line.kind), label)
        sheet.write_number(row, 3, line.planned, figure)
        sheet.write_number(row, 4, line.turns, figure)
        if line.percent is None:
            sheet.write_blank(row, 5, None, pct)
        else:
            sheet.write_number(row, 5, line.percent / 100, pct)
        sheet.write_number(row, 6, line.people, figure)
        sheet.write_number(row, 7, line.classes, figure)
        row += 1
    last_row = on_paper.footer(row + 1) - 1
    for col, width in enumerate(WIDTHS):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(top + 1, 0)
    papers.xlsx_print_setup(
        sheet,
        landscape=papers.is_landscape(WIDTHS),
        title_rows=(top, top),
        last_row=last_row,
        last_col=len(WIDTHS) - 1,
    )
    book.close()
    return out.getvalue()


def paper_context(pva: PlanVsActual) -> dict:
    return {"pva": pva, "paper": pva_paper(pva), "headers": headers(), "lines": paper_rows(pva)}


def pva_pdf(pva: PlanVsActual, *, base_url: str | None = None) -> bytes:
    return render_pdf("plans/pva_print.html", paper_context(pva), base_url=base_url)
