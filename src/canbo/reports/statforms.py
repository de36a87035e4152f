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
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from canbo.core import papers
from canbo.core.dates import today
from canbo.core.spreadsheet import escape_formula
from canbo.core.text import format_number, round_half_up
from canbo.orgs.choices import COMMUNE_LEVEL
from canbo.orgs.models import Unit
from canbo.people.models import Ladder
from canbo.people.selectors import subtree_profiles
from canbo.plans.selectors import children_in_year
from canbo.reports import quality
from canbo.reports.models import FormKind, StatForm
from canbo.training.choices import ClassStatus
from canbo.training.models import Enrolment, ProgrammeKind, TrainingClass

KNOWN_FILTERS = {"kind", "grants", "place", "joint", "study_mode", "level", "leader", "count", "organiser"}


@dataclass
class Filled:
    form: StatForm
    unit: Unit
    title: str
    subtitle: str
    header: list[list[dict]]
    rows: list[dict]  # {"tt", "label", "values": [...], "bold", "indent", "heading"}
    heading_left: list[str] = field(default_factory=list)
    heading_right: list[str] = field(default_factory=list)
    numbering: list[str] = field(default_factory=list)
    text_columns: int = 1
    unmapped: list[dict] = field(default_factory=list)  # {"label", "turns"/"people", "classes"}
    notes: list[str] = field(default_factory=list)
    footer: dict = field(default_factory=dict)
    # The people behind each cell of a staff-quality form: (row index, column index) → person ids.
    people: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    paper: papers.Paper = field(default_factory=papers.Paper)


# ---------------------------------------------------------------- layout helpers


def _nodes(rows: list[dict]) -> list[dict]:
    """The layout's nested rows in print order, each with its depth, its children's indexes, the
    filter it inherits (its ancestors' merged with its own) and the programme kinds of its block."""
    out: list[dict] = []

    def walk(items, depth, inherited, kinds):
        for row in items:
            spec = {**inherited, **row.get("filter", {})}
            own_kinds = row.get("kinds", kinds)
            node = {"row": row, "depth": depth, "spec": spec, "kinds": own_kinds, "children": []}
            out.append(node)
            index = len(out) - 1
            start = len(out)
            walk(row.get("children", []), depth + 1, spec, own_kinds)
            node["children"] = [i for i in range(start, len(out)) if out[i]["depth"] == depth + 1]
            node["index"] = index

    walk(rows, 0, {}, None)
    return out


def _kind_rows(nodes: list[dict]) -> dict[str, str]:
    """Programme kind → the label of the one row that takes it; a kind in two rows is an error."""
    mapping: dict[str, str] = {}
    for node in nodes:
        for kind in node["row"].get("kinds", []):
            if kind in mapping:
                raise ValueError(f"programme kind {kind!r} is in two rows: {mapping[kind]!r}, {node['row']['label']!r}")
            mapping[kind] = node["row"]["label"]
    return mapping


def _sum_columns(values: list, columns: list[dict]) -> None:
    """Fill the columns that add up others (3=4+6+8), innermost first."""
    for i in reversed(range(len(columns))):
        if "sum" in columns[i]:
            values[i] = sum(values[j] or 0 for j in columns[i]["sum"])


def _roll_up(nodes: list[dict], values: list[list], columns: list[dict]) -> None:
    """A row with children is the sum of its children (unless it is only a heading)."""
    for node in reversed(nodes):
        if node["children"] and not node["row"].get("heading"):
            values[node["index"]] = [sum(values[c][i] or 0 for c in node["children"]) for i in range(len(columns))]
            _sum_columns(values[node["index"]], columns)


def _out_rows(nodes: list[dict], values: list[list]) -> list[dict]:
    rows = []
    for node in nodes:
        row = node["row"]
        heading = bool(row.get("heading"))
        rows.append(
            {
                "tt": row.get("tt", ""),
                "label": row["label"],
                "values": [None] * len(values[node["index"]]) if heading else values[node["index"]],
                "bold": row.get("bold", bool(node["children"]) or node["depth"] == 0),
                "indent": row.get("indent", node["depth"]),
                "heading": heading,
            }
        )
    return rows


def _place(unit: Unit, prefixes: list) -> tuple[str, str]:
    """(the unit's name without its kind prefix, the committee named from it): "Tỉnh Điện Biên" →
    ("Điện Biên", "TỈNH ỦY ĐIỆN BIÊN")."""
    for prefix, committee in prefixes:
        if unit.name.startswith(prefix):
            place = unit.name[len(prefix) :].strip()
            # A unit named by a number keeps its kind where the committee's name lacks it:
            # "QUẬN ỦY QUẬN 3", but "ĐẢNG ỦY PHƯỜNG 1".
            lead = committee.split("{place}")[0].strip()
            if place[:1].isdigit() and not lead.endswith(prefix.strip().upper()):
                place = unit.name
            return place, committee.format(place=place.upper())
    return unit.name, unit.name.upper()


def _decorate(filled: Filled, layout: dict, **fmt) -> Filled:
    """Heading, numbering and footer of the layout, their placeholders filled from the unit, and
    the paper they make (`core.papers`): a layout with "motto" is a state paper (issuing body left,
    national motto right, "form_number" over it); the others keep their own right block."""
    _name, committee = _place(filled.unit, layout.get("committee", []))
    committee = layout.get("issuer") or committee
    place = papers.place_of(filled.unit)
    left = papers.issued_by(filled.unit)
    values = {
        "committee": committee,
        "place_name": place,
        "place_date": papers.place_date_line(place, today()),
        "superior": left[0] if len(left) > 1 else "",
        "issuer": left[-1],
        "unit": filled.unit.name,
        "unit_upper": filled.unit.name.upper(),
        **fmt,
    }
    filled.heading_left = [t for line in layout.get("heading_left", []) for t in [line.format(**values)] if t]
    filled.heading_right = [line.format(**values) for line in layout.get("heading_right", [])]
    filled.numbering = list(layout.get("numbering", []))
    filled.text_columns = layout.get("text_columns", 1)
    footer = layout.get("footer") or {}
    if footer:
        filled.footer = {
            "place_date": footer.get("place_date", "").format(**values),
            "signers": [list(s) for s in footer.get("signers", [])],
        }
    right = filled.heading_right
    if layout.get("motto"):
        right = [papers.NATION, papers.MOTTO, *right]
    filled.paper = papers.Paper(
        left=filled.heading_left,
        right=right,
        form_number=layout.get("form_number", "") if layout.get("motto") else "",
        title=filled.title,
        subtitle=[filled.subtitle] if filled.subtitle else [],
        place_date=filled.footer.get("place_date", ""),
        signers=[papers.Signer(*s[:3]) for s in filled.footer.get("signers", [])],
    )
    return filled


def unit_levels(root: Unit) -> dict[int, str]:
    """Province, district or commune level of every unit in `root`'s subtree, closed ones too: a
    unit under a commune (or a commune) is commune level, else under a district district level,
    else province level — from all its ancestors, so a unit two steps under a district counts there."""
    kinds = dict(Unit.unscoped.filter(pk__in=root.ancestor_ids()).values_list("pk", "kind"))
    units = list(Unit.unscoped.filter(path__startswith=root.path).values_list("pk", "kind", "path"))
    kinds.update({pk: kind for pk, kind, _p in units})
    levels = {}
    for pk, _kind, path in units:
        chain = [kinds.get(int(part)) for part in path.strip("/").split("/") if part]
        if any(k in COMMUNE_LEVEL for k in chain):
            levels[pk] = "commune"
        elif "district" in chain:
            levels[pk] = "district"
        else:
            levels[pk] = "province"
    return levels


def _q(spec: dict, *, klass: str, levels: dict[int, str] | None = None) -> Q:
    """A filter of the layout as a query on enrolments (klass="training_class__") or classes (klass="")."""
    unknown = set(spec) - KNOWN_FILTERS
    if unknown:
        raise ValueError(f"unknown filters {sorted(unknown)}")
    q = Q()
    if spec.get("kind") is not None:
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
        q &= Q(unit_id__in=[pk for pk, lv in (levels or {}).items() if lv == spec["level"]])
    if klass and "leader" in spec:
        q &= Q(is_leader=bool(spec["leader"]))
    if not klass and spec.get("organiser"):
        q &= Q(organiser_id__in=[pk for pk, lv in (levels or {}).items() if lv == spec["organiser"]])
    return q


def _leaf_spec(node: dict) -> dict:
    spec = dict(node["spec"])
    if node["kinds"] is not None:
        spec["kind"] = list(node["kinds"])
    return spec


# ---------------------------------------------------------------- training forms


def fill_training(form: StatForm, unit: Unit, year: int) -> Filled:
    layout = form.layout
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    levels = unit_levels(unit)
    turns = Enrolment.unscoped.filter(
        unit_path__startswith=unit.path, completed_on__gte=first, completed_on__lte=last
    ).exclude(training_class__status=ClassStatus.CANCELLED)
    classes = TrainingClass.unscoped.filter(
        organiser__path__startswith=unit.path, end_date__gte=first, end_date__lte=last
    ).exclude(status__in=(ClassStatus.CANCELLED, ClassStatus.PLANNED))
    columns = layout["columns"]
    nodes = _nodes(layout["rows"])
    _kind_rows(nodes)
    turn_cols = [(i, c) for i, c in enumerate(columns) if c.get("count") != "classes" and "sum" not in c]
    class_cols = [(i, c) for i, c in enumerate(columns) if c.get("count") == "classes" and "sum" not in c]
    values: list[list] = [[0] * len(columns) for _n in nodes]
    leaf_turns, leaf_classes = Q(pk__in=[]), Q(pk__in=[])
    for node in nodes:
        if node["children"]:
            continue
        spec = _leaf_spec(node)
        turn_q = _q(spec, klass="training_class__", levels=levels)
        class_q = _q({k: v for k, v in spec.items() if k not in ("level", "leader")}, klass="", levels=levels)
        leaf_turns |= turn_q
        leaf_classes |= class_q
        row = values[node["index"]]
        if turn_cols:
            counts = turns.filter(turn_q).aggregate(
                **{f"c{i}": Count("id", filter=_q(c, klass="training_class__", levels=levels)) for i, c in turn_cols}
            )
            for i, _c in turn_cols:
                row[i] = counts[f"c{i}"]
        if class_cols:
            counts = classes.filter(class_q).aggregate(
                **{
                    f"c{i}": Count(
                        "id", filter=_q({k: v for k, v in c.items() if k != "count"}, klass="", levels=levels)
                    )
                    for i, c in class_cols
                }
            )
            for i, _c in class_cols:
                row[i] = counts[f"c{i}"]
        _sum_columns(row, columns)
    _roll_up(nodes, values, columns)
    filled = Filled(
        form,
        unit,
        layout["title"].format(year=year, unit=unit.name),
        layout.get("subtitle", "").format(year=year, unit=unit.name),
        layout["header"],
        _out_rows(nodes, values),
    )
    filled.unmapped = _unmapped(turns.exclude(leaf_turns), classes.exclude(leaf_classes))
    listed = {item["kind"] for item in filled.unmapped}
    mapping = _kind_rows(nodes)
    if mapping:  # a layout that maps kinds names every kind it leaves out, even with no turns
        for name in (
            ProgrammeKind.objects.exclude(code__in=mapping).exclude(name__in=listed).values_list("name", flat=True)
        ):
            filled.unmapped.append({"kind": name, "label": name, "turns": 0, "classes": 0})
    organisers = {lv for c in columns if c.get("count") == "classes" for lv in [c.get("organiser")] if lv}
    if organisers:
        others = classes.filter(leaf_classes).exclude(
            organiser_id__in=[pk for pk, lv in levels.items() if lv in organisers]
        )
        n = others.count()
        if n:
            filled.notes.append(
                _("%(n)s lớp do đơn vị cấp xã hoặc đơn vị khác mở, không thuộc cột cấp ủy cấp tỉnh, cấp huyện mở.")
                % {"n": format_number(n)}
            )
    return _decorate(filled, layout, year=year)


def _unmapped(turns, classes) -> list[dict]:
    """Turns and classes that no row of the form takes, by programme kind and level granted."""
    found: dict[tuple[str, str], dict] = {}
    for kind, level, n in (
        turns.values_list("training_class__programme__kind__name", "training_class__programme__grants_level__label")
        .annotate(n=Count("id"))
        .order_by()
    ):
        found.setdefault((kind, level or ""), {"turns": 0, "classes": 0})["turns"] += n
    for kind, level, n in (
        classes.values_list("programme__kind__name", "programme__grants_level__label")
        .annotate(n=Count("id"))
        .order_by()
    ):
        found.setdefault((kind, level or ""), {"turns": 0, "classes": 0})["classes"] += n
    return [
        {"kind": kind, "label": f"{kind} — {level}" if level else kind, **counts}
        for (kind, level), counts in sorted(found.items())
    ]


def fill_staff_quality(form: StatForm, unit: Unit, day: datetime.date) -> Filled:
    """A row per subordinate unit (the Ministry-style form), or rows of criteria (Biểu 8B)."""
    layout = form.layout
    if layout.get("rows"):
        return fill_criteria(form, unit, day)
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
    # Today: the kept summaries hold the same figures, without scanning people; a past day: every
    # row from one set-based pass over that day's assignments.
    profiles = [quality.profile(target) for target in units] if kept else subtree_profiles(units, day)
    for n, (target, profile) in enumerate(zip(units, profiles, strict=True)):
        values = []
        for col in layout["columns"]:
            if col.get("ladder"):
                counts = {lv.code: k for lv, k in profile.ladders[col["ladder"]].counts}
                values.extend(counts.get(code, 0) for code in col["levels"])
            else:
                values.append(getattr(profile, col["key"]))
        rows.append({"label": target.name if n else _("Tổng số"), "values": values, "bold": n == 0, "indent": 0})
    stamp = day.strftime("%d/%m/%Y")
    filled = Filled(
        form,
        unit,
        layout["title"].format(day=stamp, unit=unit.name),
        layout.get("subtitle", "").format(day=stamp, unit=unit.name),
        [top, second],
        rows,
    )
    return _decorate(filled, layout, year=day.year, day=stamp)


CRITERIA = {
    "category",
    "contract",
    "female",
    "minority",
    "party",
    "age",
    "rank",
    "ladder",
    "levels",
    "average_age",
    "none",
}
CONTRACT = r"\b(68|111)\b"


def _bloc(unit_id: int, units: dict[int, tuple[str, int | None]], blocs: dict) -> str | None:
    """The bloc of the form a unit belongs to (see `form_data.PARTY_QUALITY`), or None (out of scope)."""
    kind, parent = units.get(unit_id, ("", None))
    for code, rule in blocs.items():
        if kind not in rule.get("kinds", []):
            continue
        if "under" not in rule:
            return code
        while parent is not None and units.get(parent, ("", None))[0] in rule["kinds"]:
            parent = units[parent][1]
        if parent is not None and units.get(parent, ("", None))[0] in rule["under"]:
            return code
    return None


def _meets(spec: dict, person: dict, year: int) -> bool:
    """Whether one person (their main assignment on the day) meets a row's criteria."""
    import re

    unknown = set(spec) - CRITERIA
    if unknown:
        raise ValueError(f"unknown criteria {sorted(unknown)}")
    if spec.get("none"):
        return False
    if "category" in spec and person["category"] not in spec["category"]:
        return False
    if "contract" in spec:
        text = " ".join((person["title"], person["rank"], person["note"]))
        if bool(re.search(CONTRACT, text)) != bool(spec["contract"]):
            return False
    if "female" in spec and (person["gender"] == "female") != bool(spec["female"]):
        return False
    if "minority" in spec and person["minority"] != bool(spec["minority"]):
        return False
    if "party" in spec and person["party"] != bool(spec["party"]):
        return False
    if "age" in spec:
        if person["birth_year"] is None:
            return False
        lo, hi = spec["age"]
        if not lo <= year - person["birth_year"] <= hi:
            return False
    if "rank" in spec and not any(re.search(pattern, person["rank"].strip()) for pattern in spec["rank"]):
        return False
    return "ladder" not in spec or person["levels"].get(spec["ladder"]) in spec.get("levels", [])


def _staff_on(unit_ids: list[int], day: datetime.date) -> list[dict]:
    """Everyone whose main assignment on `day` was in one of these units, with what the criteria read."""
    from canbo.people.models import Assignment, Qualification

    people: dict[int, dict] = {}
    rows = (
        Assignment.unscoped.filter(is_main=True, unit_id__in=unit_ids)
        .valid_on(day)
        .order_by("person_id", "-start_date")
        .values_list(
            "person_id",
            "unit_id",
            "category",
            "title",
            "rank",
            "note",
            "person__gender",
            "person__ethnicity__is_majority",
            "person__party_member",
            "person__party_joined_on",
            "person__birth_date",
            "person__birth_year",
        )
    )
    for pid, unit_id, category, title, rank, note, gender, majority, party, joined, born, born_year in rows:
        if pid in people:
            continue
        people[pid] = {
            "id": pid,
            "unit": unit_id,
            "category": category,
            "title": title or "",
            "rank": rank or "",
            "note": note or "",
            "gender": gender,
            "minority": majority is False,
            "party": bool(party) and (joined is None or joined <= day),
            "birth_year": born.year if born else born_year,
            "levels": {},
        }
    best: dict[tuple[int, str], tuple[int, str]] = {}
    quals = (
        Qualification.unscoped.filter(person_id__in=list(people))
        .filter(Q(year__isnull=True) | Q(year__lte=day.year))
        .values_list("person_id", "ladder__code", "level__code", "level__rank")
    )
    for pid, ladder, level, rank in quals:
        if (pid, ladder) not in best or rank > best[(pid, ladder)][0]:
            best[(pid, ladder)] = (rank, level)
    for (pid, ladder), (_rank, level) in best.items():
        people[pid]["levels"][ladder] = level
    return list(people.values())


def fill_criteria(form: StatForm, unit: Unit, day: datetime.date) -> Filled:
    """Rows of criteria × columns of level and bloc (Biểu 8B-BTCTW): every cell keeps the ids of
    the people it counts, so a cell drills down to them."""
    layout = form.layout
    columns = layout["columns"]
    levels = unit_levels(unit)
    units = {
        pk: (kind, parent)
        for pk, kind, parent in Unit.unscoped.filter(path__startswith=unit.path).values_list("pk", "kind", "parent_id")
    }
    units.update(
        {
            pk: (kind, parent)
            for pk, kind, parent in Unit.unscoped.filter(pk__in=unit.ancestor_ids()).values_list(
                "pk", "kind", "parent_id"
            )
        }
    )
    # Only the units the form covers are read (the bloc is a few per cent of a province's staff).
    placed = {
        pk: (levels.get(pk, ""), bloc)
        for pk in levels
        for bloc in [_bloc(pk, units, layout.get("blocs", {}))]
        if bloc is not None and levels.get(pk) != "commune"
    }
    staff = _staff_on(list(placed), day)
    place = {person["id"]: placed[person["unit"]] for person in staff}
    from canbo.people.models import Assignment

    outside = (
        Assignment.unscoped.filter(is_main=True, unit__path__startswith=unit.path)
        .valid_on(day)
        .exclude(unit_id__in=list(placed))
        .values("person_id")
        .distinct()
        .count()
    )
    in_column = {
        i: [p for p in staff if place[p["id"]] == (c.get("level"), c.get("bloc"))]
        for i, c in enumerate(columns)
        if "sum" not in c
    }
    nodes = _nodes(layout["rows"])
    values: list[list] = [[0] * len(columns) for _n in nodes]
    cells: dict[tuple[int, int], list[int]] = {}
    year = day.year
    for node in nodes:
        if node["children"]:
            continue
        spec = node["spec"]
        row = values[node["index"]]
        for i, members in in_column.items():
            if spec.get("average_age"):
                ages = [year - p["birth_year"] for p in members if p["birth_year"]]
                row[i] = round_half_up(sum(ages) / len(ages), 1) if ages else None
                continue
            ids = [p["id"] for p in members if _meets(spec, p, year)]
            row[i] = len(ids)
            cells[(node["index"], i)] = ids
        if spec.get("average_age"):
            for i in reversed(range(len(columns))):
                if "sum" in columns[i]:
                    members = _members(i, columns, in_column)
                    ages = [year - p["birth_year"] for p in members if p["birth_year"]]
                    row[i] = round_half_up(sum(ages) / len(ages), 1) if ages else None
        else:
            _sum_columns(row, columns)
    _roll_up(nodes, values, columns)
    for node in nodes:
        for i in range(len(columns)):
            if node["children"] or "sum" in columns[i]:
                leaves = [node["index"]] if not node["children"] else node["children"]
                cols = [j for j in _leaf_columns(i, columns)]
                cells[(node["index"], i)] = [pid for r in leaves for j in cols for pid in cells.get((r, j), [])]
    stamp = day.strftime("%d/%m/%Y")
    filled = Filled(
        form,
        unit,
        layout["title"].format(year=year, day=stamp, unit=unit.name),
        layout.get("subtitle", "").format(year=year, day=stamp, unit=unit.name),
        layout["header"],
        _out_rows(nodes, values),
        people=cells,
    )
    # The people a sum row counts no child of (a category with no line, no birth year): listed.
    for node in nodes:
        if not node["children"] or node["row"].get("heading"):
            continue
        taken = {pid for c in node["children"] for i in in_column for pid in cells.get((c, i), [])}
        left = [p for i, members in in_column.items() for p in members if p["id"] not in taken]
        if left:
            filled.unmapped.append({"label": node["row"]["label"], "people": len(left), "ids": [p["id"] for p in left]})
    if outside:
        filled.notes.append(
            _("%(n)s người thuộc các đơn vị ngoài phạm vi biểu (khối nhà nước, cấp xã) không được tính.")
            % {"n": format_number(outside)}
        )
    return _decorate(filled, layout, year=year, day=stamp)


def _leaf_columns(i: int, columns: list[dict]) -> list[int]:
    """The filtering columns a column adds up (itself when it filters)."""
    if "sum" not in columns[i]:
        return [i]
    return [j for k in columns[i]["sum"] for j in _leaf_columns(k, columns)]


def _members(i: int, columns: list[dict], in_column: dict[int, list]) -> list:
    return [p for j in _leaf_columns(i, columns) for p in in_column[j]]


def _descendant_leaves(nodes: list[dict], index: int) -> list[dict]:
    depth, leaves = nodes[index]["depth"], []
    for node in nodes[index:]:
        if node["index"] > index and node["depth"] <= depth:
            break
        if not node["children"]:
            leaves.append(node)
    return leaves


def cell_records(form: StatForm, unit: Unit, *, year: int, row: int, col: int):
    """What one cell of a filled form counts, for its drill-down: ("turns", enrolments) or
    ("classes", classes) of a training form, ("people", person ids) of a criteria form; None for a
    cell with nothing behind it that can be listed (the per-unit quality form's kept summaries)."""
    layout = form.layout
    columns = layout.get("columns", [])
    if form.kind == FormKind.STAFF_QUALITY:
        if not layout.get("rows"):
            return None
        filled = fill(form, unit, year=year)
        if (row, col) not in filled.people:
            return None
        return "people", filled.people[(row, col)]
    nodes = _nodes(layout["rows"])
    if not (0 <= row < len(nodes) and 0 <= col < len(columns)):
        return None
    levels = unit_levels(unit)
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    specs = [_leaf_spec(node) for node in _descendant_leaves(nodes, row)]
    cols = [columns[j] for j in _leaf_columns(col, columns)]
    if all(c.get("count") == "classes" for c in cols):
        row_q = Q(pk__in=[])
        for spec in specs:
            row_q |= _q({k: v for k, v in spec.items() if k not in ("level", "leader")}, klass="", levels=levels)
        col_q = Q(pk__in=[])
        for c in cols:
            col_q |= _q({k: v for k, v in c.items() if k != "count"}, klass="", levels=levels)
        classes = TrainingClass.unscoped.filter(
            organiser__path__startswith=unit.path, end_date__gte=first, end_date__lte=last
        ).exclude(status__in=(ClassStatus.CANCELLED, ClassStatus.PLANNED))
        return "classes", classes.filter(row_q).filter(col_q)
    row_q, col_q = Q(pk__in=[]), Q(pk__in=[])
    for spec in specs:
        row_q |= _q(spec, klass="training_class__", levels=levels)
    for c in cols:
        col_q |= _q(c, klass="training_class__", levels=levels)
    turns = Enrolment.unscoped.filter(
        unit_path__startswith=unit.path, completed_on__gte=first, completed_on__lte=last
    ).exclude(training_class__status=ClassStatus.CANCELLED)
    return "turns", turns.filter(row_q).filter(col_q)


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


def _below(filled: Filled) -> list[str]:
    """The lines printed under the table: what no row takes ("chưa xếp vào dòng nào"), then notes."""
    lines = []
    if filled.unmapped:
        lines.append(_("Chưa xếp vào dòng nào của biểu (không bỏ sót, cần xếp dòng hoặc bổ sung biểu):"))
        for item in filled.unmapped:
            if "people" in item:
                lines.append(
                    _("– %(label)s: %(n)s người chưa xếp vào dòng nào")
                    % {"label": item["label"], "n": format_number(item["people"])}
                )
            else:
                lines.append(
                    _("– %(label)s: %(turns)s lượt người, %(classes)s lớp")
                    % {
                        "label": item["label"],
                        "turns": format_number(item["turns"]),
                        "classes": format_number(item["classes"]),
                    }
                )
    return lines + list(filled.notes)


def to_xlsx(filled: Filled) -> bytes:
    """The filled form as the paper form prints (`core.papers`): heading blocks, title, merged header
    with its numbering row repeated on every page, A4 landscape fitted to the page width, the rows no
    line takes, the place and date line and the signature blocks under the table."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(filled.form.code[:31])
    left = book.add_format({"text_wrap": False})
    head = book.add_format(
        {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True, "bg_color": "#DDEBF7"}
    )
    numbering = book.add_format({"italic": True, "border": 1, "align": "center", "font_size": 9})
    cells, width = _grid(filled.header)
    texts = filled.text_columns
    width = max(width, texts + max((len(r["values"]) for r in filled.rows), default=0))
    on_paper = papers.SheetPaper(book, sheet, filled.paper, width=width)
    top = on_paper.heading() + 1
    for r1, c1, r2, c2, text in cells:
        if (r1, c1) == (r2, c2):
            sheet.write_string(top + r1, c1, escape_formula(text), head)
        else:
            sheet.merge_range(top + r1, c1, top + r2, c2, escape_formula(text), head)
    row = top + len(filled.header)
    if filled.numbering:
        for col, text in enumerate(filled.numbering):
            sheet.write_string(row, col, text, numbering)
        row += 1
    last_title_row = row - 1
    formats = {}
    for item in filled.rows:
        key = (bool(item["bold"]), min(item["indent"], 5))
        if key not in formats:
            formats[key] = (
                book.add_format({"border": 1, "bold": key[0], "indent": key[1], "text_wrap": True}),
                book.add_format({"border": 1, "bold": key[0], "num_format": papers.VN_INT}),
                book.add_format({"border": 1, "bold": key[0], "num_format": "0.0"}),
                # The TT marks "+" and "-" of the paper form stay as typed: a text cell with a quote
                # prefix (never a formula), not the apostrophe escape_formula would add.
                book.add_format({"border": 1, "bold": key[0], "align": "center", "quote_prefix": True}),
            )
        label_fmt, num_fmt, dec_fmt, tt_fmt = formats[key]
        if texts == 2:
            sheet.write_string(row, 0, item.get("tt", ""), tt_fmt)
        sheet.write_string(row, texts - 1, escape_formula(item["label"]), label_fmt)
        for col, value in enumerate(item["values"], texts):
            if value is None:
                sheet.write_blank(row, col, None, num_fmt)
            else:
                sheet.write_number(row, col, value, num_fmt if float(value).is_integer() else dec_fmt)
        row += 1
    row += 1
    for line in _below(filled):
        sheet.write_string(row, 0, escape_formula(line), left)
        row += 1
    last_row = on_paper.footer(row + 1) - 1
    if texts == 2:
        sheet.set_column(0, 0, 5)
        sheet.set_column(1, 1, 44)
    else:
        sheet.set_column(0, 0, 42)
    sheet.set_column(texts, width - 1, 11)
    sheet.freeze_panes(last_title_row + 1, texts)
    # Print as the paper form: A4 landscape, header rows on every page, one page wide.
    widths = ([5, 44] if texts == 2 else [42]) + [11] * (width - texts)
    papers.xlsx_print_setup(
        sheet,
        landscape=papers.is_landscape(widths),
        title_rows=(top, last_title_row),
        last_row=last_row,
        last_col=width - 1,
    )
    book.close()
    return out.getvalue()


def to_pdf(filled: Filled, *, base_url: str | None = None) -> bytes:
    """The filled form as an A4 landscape PDF (weasyprint; the header's merged cells as row and
    column spans, Vietnamese number format; the title also the document's title)."""
    from canbo.core.pdf import render_pdf

    return render_pdf("reports/form_print.html", print_context(filled), base_url=base_url)


def _shown(value) -> str:
    """A cell as the paper writes it: 1.200 people, an average age 45,3; blank for a heading row."""
    if value is None:
        return ""
    return format_number(value) if float(value).is_integer() else format_number(value, 1)


def print_context(filled: Filled) -> dict:
    rows = [{**item, "shown": [_shown(v) for v in item["values"]]} for item in filled.rows]
    return {"filled": filled, "rows": rows, "below": _below(filled)}
