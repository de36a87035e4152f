"""The emulation ranking and the best learners as papers for the emulation council (`core.papers`:
issuing body, national motto, title, table, place and date, signature blocks): one xlsx workbook
of two sheets, each printed A4 with its header row repeated."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from canbo.careers.emulation import CRITERIA, Emulation, KindLearners, criterion_label
from canbo.core import papers
from canbo.core.dates import today
from canbo.core.spreadsheet import escape_formula
from canbo.core.text import format_number

RANK_WIDTHS = [7, 34, 11, 11, 10, 11, 11, 10, 10, 10, 10, 10]
LEARNER_WIDTHS = [6, 7, 28, 32, 34, 12, 9, 12]


def ranking_headers() -> list[str]:
    return [
        _("Xếp hạng"),
        _("Đơn vị"),
        _("Kế hoạch (lượt người)"),
        _("Thực hiện (lượt người)"),
        _("Tỷ lệ hoàn thành kế hoạch"),
        _("Số lượt áp dụng tiêu chuẩn"),
        _("Số lượt đạt chuẩn"),
        _("Tỷ lệ đạt chuẩn"),
        _("Số người được đánh giá"),
        _("Tỷ lệ xuất sắc và tốt"),
        _("Tỷ lệ không hoàn thành"),
        _("Điểm tổng hợp"),
    ]


def learner_headers() -> list[str]:
    return [
        _("STT"),
        _("Thứ hạng"),
        _("Họ và tên"),
        _("Đơn vị cử đi học"),
        _("Khóa học"),
        _("Ngày hoàn thành"),
        _("Điểm (thang 10)"),
        _("Xếp loại"),
    ]


def weights_line(em: Emulation) -> str:
    total = sum(em.weights.values())
    parts = [f"{criterion_label(k)} {format_number(100 * em.weights[k] / total, 1)}%" for k in CRITERIA]
    return _("Trọng số: %(parts)s.") % {"parts": "; ".join(parts)}


def ranking_paper(em: Emulation) -> papers.Paper:
    return papers.state_paper(
        em.unit,
        day=today(),
        title=_("BẢNG XẾP HẠNG THI ĐUA CÁC ĐƠN VỊ VỀ ĐÀO TẠO, BỒI DƯỠNG NĂM %(year)s") % {"year": em.year},
        subtitle=[em.unit.name, weights_line(em)],
    )


def learners_paper(em: Emulation) -> papers.Paper:
    return papers.state_paper(
        em.unit,
        day=today(),
        title=_("DANH SÁCH HỌC VIÊN CÓ KẾT QUẢ HỌC TẬP XUẤT SẮC NĂM %(year)s") % {"year": em.year},
        subtitle=[em.unit.name, _("Xếp theo điểm quy về thang 10, theo loại chương trình")],
    )


def _formats(book) -> dict:
    return {
        "head": book.add_format(
            {
                "bold": True,
                "border": 1,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                "bg_color": "#DDEBF7",
            }
        ),
        "text": book.add_format({"border": 1, "text_wrap": True}),
        "group": book.add_format({"border": 1, "bold": True, "bg_color": "#F2F2F2"}),
        "centre": book.add_format({"border": 1, "align": "center"}),
        "int": book.add_format({"border": 1, "num_format": papers.VN_INT}),
        "pct": book.add_format({"border": 1, "num_format": "0.0%"}),
        "dec": book.add_format({"border": 1, "num_format": "0.00"}),
        "date": book.add_format({"border": 1, "num_format": papers.VN_DATE, "align": "center"}),
    }


def _percent(sheet, row, col, value, fmt) -> None:
    if value is None:
        sheet.write_blank(row, col, None, fmt)
    else:
        sheet.write_number(row, col, value / 100, fmt)


def _finish(sheet, on_paper, widths, top, row) -> None:
    last_row = on_paper.footer(row + 1) - 1
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(top + 1, 0)
    papers.xlsx_print_setup(
        sheet,
        landscape=papers.is_landscape(widths),
        title_rows=(top, top),
        last_row=last_row,
        last_col=len(widths) - 1,
    )


def emulation_xlsx(em: Emulation, learners: list[KindLearners]) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    f = _formats(book)

    sheet = book.add_worksheet(_("Xếp hạng đơn vị")[:31])
    on_paper = papers.SheetPaper(book, sheet, ranking_paper(em), width=len(RANK_WIDTHS), split=4)
    top = on_paper.heading() + 1
    sheet.set_row(top, 45)
    for col, label in enumerate(ranking_headers()):
        sheet.write_string(top, col, escape_formula(label), f["head"])
    row = top + 1
    for line in em.rows:
        sheet.write_number(row, 0, line.rank, f["centre"])
        sheet.write_string(row, 1, escape_formula(line.unit.name), f["text"])
        sheet.write_number(row, 2, line.planned_turns, f["int"])
        sheet.write_number(row, 3, line.turns, f["int"])
        _percent(sheet, row, 4, line.plan_percent, f["pct"])
        sheet.write_number(row, 5, line.applicable, f["int"])
        sheet.write_number(row, 6, line.met, f["int"])
        _percent(sheet, row, 7, line.standards_percent, f["pct"])
        sheet.write_number(row, 8, line.evaluated, f["int"])
        _percent(sheet, row, 9, line.good_percent, f["pct"])
        _percent(sheet, row, 10, line.failed_percent, f["pct"])
        sheet.write_number(row, 11, line.score, f["dec"])
        row += 1
    _finish(sheet, on_paper, RANK_WIDTHS, top, row)

    sheet = book.add_worksheet(_("Học viên tiêu biểu")[:31])
    on_paper = papers.SheetPaper(book, sheet, learners_paper(em), width=len(LEARNER_WIDTHS), split=3)
    top = on_paper.heading() + 1
    sheet.set_row(top, 30)
    for col, label in enumerate(learner_headers()):
        sheet.write_string(top, col, escape_formula(label), f["head"])
    row = top + 1
    for group in learners:
        sheet.merge_range(row, 0, row, len(LEARNER_WIDTHS) - 1, escape_formula(group.kind.name), f["group"])
        row += 1
        for n, learner in enumerate(group.learners, start=1):
            e = learner.enrolment
            sheet.write_number(row, 0, n, f["centre"])
            sheet.write_number(row, 1, learner.rank, f["centre"])
            sheet.write_string(row, 2, escape_formula(e.person.full_name), f["text"])
            sheet.write_string(row, 3, escape_formula(e.unit.name), f["text"])
            sheet.write_string(row, 4, escape_formula(e.training_class.programme.name), f["text"])
            sheet.write_datetime(row, 5, e.completed_on, f["date"])
            sheet.write_number(row, 6, float(learner.mark), f["dec"])
            sheet.write_string(row, 7, escape_formula(e.grade), f["text"])
            row += 1
    _finish(sheet, on_paper, LEARNER_WIDTHS, top, row)
    book.close()
    return out.getvalue()
