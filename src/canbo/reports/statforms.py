"""Filling a statistical form's layout (see `form_data`) and writing it as xlsx with merged headers
or as PDF (weasyprint, the same merged header as an HTML table, as plan vs actual prints).

Training forms count completed participant-turns of the year under the unit (the learner's unit at
the time, as in plan vs actual) and classes organised under it; staff-quality forms count people
by their highest level on each ladder on a day (today's figures from the kept summaries of
`reports.quality`, a past day from the assignments and qualifications of that day). Every text
cell is escaped for spreadsheets.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from canbo.core.scope import Scope
from canbo.core.spreadsheet import escape_formula
from canbo.orgs.choices import COMMUNE_LEVEL
from canbo.orgs.models import Unit
from canbo.people.models import Ladder
from canbo.people.selectors import unit_profile
from canbo.plans.selectors import children_in_year
from canbo.reports import quality
from canbo.reports.models import FormKind, StatForm
from canbo.training.choices import ClassStatus
from canbo.training.models import Enrolment, TrainingClass

KNOWN_FILTERS = {"kind", "grants", "place", "joint", "study_mode", "level", "leader", "count", "organiser"}


@dataclass
class Filled:
    form: StatForm
    unit: Unit
    title: str
    subtitle: str
    header: list[list[dict]]
    rows: list[dict]  # {"label", "values": [...], "bold", "indent"}


def _level_q(prefix: str, level: str) -> Q:
    commune = Q(**{f"{prefix}kind__in": COMMUNE_LEVEL}) | Q(**{f"{prefix}parent__kind__in": COMMUNE_LEVEL})
    district = (Q(**{f"{prefix}kind": "district"}) | Q(**{f"{prefix}parent__kind": "district"})) & ~commune
    if level == "commune":
        return commune
    if level == "district":
        return district
    if level == "province":
        return ~commune & ~district
    raise ValueError(f"unknown level {level!r}")


def _q(spec: dict, *, klass: str) -> Q:
    """A filter of the layout as a query on enrolments (klass="training_class__") or classes (klass="")."""
    unknown = set(spec) - KNOWN_FILTERS
    if unknown:
        raise ValueError(f"unknown filters {sorted(unknown)}")
    q = Q()
    if spec.get("kind"):
        q &= Q(**{f"{klass}programme__kind__code__in": spec["kind"]})
    if spec.get("grants"):
        q &= Q(**{f"{klass}programme__grants_level__code__in": spec["grants"]})
    if spec.get("place"):
        q &= Q(**{f"{klass}place__in": spec["place"]})
    if "joint" in spec:
        q &= Q(**{f"{klass}is_joint": bool(spec["joint"])})
    if spec.get("study_mode"):
        q &= Q(**{f"{klass}study_mode__in": spec["study_mode"]})
    if klass and spec.get("level"):
        q &= _level_q("unit__", spec["level"])
    if klass and "leader" in spec:
        q &= Q(is_leader=bool(spec["leader"]))
    if not klass and spec.get("organiser"):
        q &= _level_q("organiser__", spec["organiser"])
    return q


def fill_training(form: StatForm, unit: Unit, year: int) -> Filled:
    layout = form.layout
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    turns = Enrolment.unscoped.filter(
        unit_path__startswith=unit.path, completed_on__gte=first, completed_on__lte=last
    ).exclude(training_class__status=ClassStatus.CANCELLED)
    classes = TrainingClass.unscoped.filter(
        organiser__path__startswith=unit.path, end_date__gte=first, end_date__lte=last
    ).exclude(status__in=(ClassStatus.CANCELLED, ClassStatus.PLANNED))
    columns = layout["columns"]
    turn_cols = [(i, c) for i, c in enumerate(columns) if c.get("count") != "classes"]
    class_cols = [(i, c) for i, c in enumerate(columns) if c.get("count") == "classes"]
    rows = []
    for row in layout["rows"]:
        values = [0] * len(columns)
        spec = row.get("filter", {})
        if turn_cols:
            counts = turns.filter(_q(spec, klass="training_class__")).aggregate(
                **{f"c{i}": Count("id", filter=_q(c, klass="training_class__")) for i, c in turn_cols}
            )
            for i, _c in turn_cols:
                values[i] = counts[f"c{i}"]
        if class_cols:
            row_q = _q({k: v for k, v in spec.items() if k not in ("level", "leader")}, klass="")
            counts = classes.filter(row_q).aggregate(
                **{
                    f"c{i}": Count("id", filter=_q({k: v for k, v in c.items() if k != "count"}, klass=""))
                    for i, c in class_cols
                }
            )
            for i, _c in class_cols:
                values[i] = counts[f"c{i}"]
        rows.append({"label": row["label"], "values": values, "bold": row.get("bold"), "indent": row.get("indent", 0)})
    return Filled(
        form,
        unit,
        layout["title"].format(year=year, unit=unit.name),
        layout.get("subtitle", "").format(year=year, unit=unit.name),
        layout["header"],
        rows,
    )


def fill_staff_quality(form: StatForm, unit: Unit, day: datetime.date) -> Filled:
    layout = form.layout
    labels = {
        ladder.code: {lv.code: str(lv) for lv in ladder.levels.all()}
        for ladder in Ladder.objects.prefetch_related("levels")
    }
    top = [{"text": _("Đơn vị"), "rows": 2}]
    second = []
    for col in layout["columns"]:
        if col.get("ladder"):
            top.append({"text": col["text"], "cols": len(col["levels"])})
            second.extend({"text": labels[col["ladder"]].get(code, code)} for code in col["levels"])
        else:
            top.append({"text": col["text"], "rows": 2})
    rows = []
    kept = quality.is_today(day)
    units = [unit, *(u for u in children_in_year(unit, day.year) if u.is_valid_on(day))]
    for n, target in enumerate(units):
        # Today: the kept summaries hold the same figures, without scanning people.
        profile = quality.profile(target) if kept else unit_profile(unit=target, day=day, scope=Scope.everything())
        values = []
        for col in layout["columns"]:
            if col.get("ladder"):
                counts = {lv.code: k for lv, k in profile.ladders[col["ladder"]].counts}
                values.extend(counts.get(code, 0) for code in col["levels"])
            else:
                values.append(getattr(profile, col["key"]))
        rows.append({"label": target.name if n else _("Tổng số"), "values": values, "bold": n == 0, "indent": 0})
    stamp = day.strftime("%d/%m/%Y")
    return Filled(
        form,
        unit,
        layout["title"].format(day=stamp, unit=unit.name),
        layout.get("subtitle", "").format(day=stamp, unit=unit.name),
        [top, second],
        rows,
    )


def fill(form: StatForm, unit: Unit, *, year: int, day: datetime.date | None = None) -> Filled:
    if form.kind == FormKind.STAFF_QUALITY:
        return fill_staff_quality(form, unit, day or min(datetime.date(year, 12, 31), datetime.date.today()))
    return fill_training(form, unit, year)


def _grid(header: list[list[dict]]) -> tuple[list[tuple[int, int, int, int, str]], int]:
    """Place header cells like an HTML table: (first row, first col, last row, last col, text)."""
    taken: set[tuple[int, int]] = set()
    cells = []
    width = 0
    for r, row in enumerate(header):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            rows, cols = cell.get("rows", 1), cell.get("cols", 1)
            for dr in range(rows):
                for dc in range(cols):
                    taken.add((r + dr, c + dc))
            cells.append((r, c, r + rows - 1, c + cols - 1, cell["text"]))
            c += cols
            width = max(width, c)
    return cells, width


def to_xlsx(filled: Filled) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(filled.form.code[:31])
    title = book.add_format({"bold": True, "font_size": 13, "align": "center"})
    plain = book.add_format({"align": "center", "italic": True})
    head = book.add_format(
        {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True, "bg_color": "#DDEBF7"}
    )
    cells, width = _grid(filled.header)
    width = max(width, 1 + max((len(r["values"]) for r in filled.rows), default=0))
    sheet.merge_range(0, 0, 0, width - 1, escape_formula(filled.title), title)
    if filled.subtitle:
        sheet.merge_range(1, 0, 1, width - 1, escape_formula(filled.subtitle), plain)
    top = 3
    for r1, c1, r2, c2, text in cells:
        if (r1, c1) == (r2, c2):
            sheet.write_string(top + r1, c1, escape_formula(text), head)
        else:
            sheet.merge_range(top + r1, c1, top + r2, c2, escape_formula(text), head)
    row = top + len(filled.header)
    formats = {}
    for item in filled.rows:
        key = (bool(item["bold"]), item["indent"])
        if key not in formats:
            formats[key] = (
                book.add_format({"border": 1, "bold": key[0], "indent": key[1]}),
                book.add_format({"border": 1, "bold": key[0], "num_format": "#,##0"}),
            )
        label_fmt, num_fmt = formats[key]
        sheet.write_string(row, 0, escape_formula(item["label"]), label_fmt)
        for col, value in enumerate(item["values"], 1):
            sheet.write_number(row, col, value, num_fmt)
        row += 1
    sheet.set_column(0, 0, 42)
    sheet.set_column(1, width - 1, 12)
    sheet.freeze_panes(top + len(filled.header), 1)
    book.close()
    return out.getvalue()


def to_pdf(filled: Filled, *, base_url: str | None = None) -> bytes:
    """The filled form as an A4 landscape PDF (weasyprint; the header's merged cells as row and
    column spans, Vietnamese number format; the title also the document's title)."""
    from canbo.core.pdf import render_pdf

    return render_pdf("reports/form_print.html", {"filled": filled}, base_url=base_url)
