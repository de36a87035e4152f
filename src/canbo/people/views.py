"""Pages of the registry: the people list (filters, keyset pages, columns, export), the person page
shaped like Mẫu 2C, and the create / edit forms with the stale-edit check."""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from canbo.accounts.decorators import require_perm
from canbo.accounts.permissions import Perm, can
from canbo.accounts.services import log_sensitive_access
from canbo.core import audit
from canbo.core.changelog import redacted, sensitive_shown
from canbo.core.dates import today
from canbo.core.errors import DomainError
from canbo.core.forms import apply_domain_error
from canbo.core.history import readable
from canbo.core.views import download_and_delete
from canbo.people import selectors, services, transfers
from canbo.people.choices import Category, Gender
from canbo.people.forms import NewPersonForm, PersonForm
from canbo.people.models import Ethnicity, Ladder, Level, Qualification
from canbo.people.sensitive import SENSITIVE_FIELDS, may_see_sensitive, sensitive_names

COLUMNS = {
    "birth": gettext_lazy("Ngày sinh"),
    "gender": gettext_lazy("Giới tính"),
    "id_number": gettext_lazy("Số định danh"),
    "unit": gettext_lazy("Đơn vị"),
    "category": gettext_lazy("Loại"),
    "title": gettext_lazy("Chức vụ, chức danh"),
    "professional": gettext_lazy("Chuyên môn"),
    "politics": gettext_lazy("LLCT"),
    "state_mgmt": gettext_lazy("QLNN"),
    "ethnicity": gettext_lazy("Dân tộc"),
    "party": gettext_lazy("Đảng viên"),
}
# The Person field each column shows: the sensitive ones are derived from people/sensitive.py.
COLUMN_FIELDS = {
    "birth": "birth_date",
    "gender": "gender",
    "id_number": "id_number",
    "unit": "unit",
    "category": "assignments",
    "title": "assignments",
    "professional": "qualifications",
    "politics": "qualifications",
    "state_mgmt": "qualifications",
    "ethnicity": "ethnicity",
    "party": "party_member",
}
SENSITIVE_COLUMNS = sensitive_names(COLUMN_FIELDS)
DEFAULT_COLUMNS = ["birth", "gender", "unit", "title", "professional", "politics"]


def _level(levels: dict, ladder: str, with_field: bool = False) -> str:
    pl = levels.get(ladder)
    if pl is None:
        return ""
    if with_field and pl.field:
        return format_html('{} <span class="text-muted small">{}</span>', pl.level.label, pl.field)
    return pl.level.label


def _gender_label(value: str) -> str:
    return _gender_labels(get_language())[value] if value in Gender.values else value


@functools.lru_cache(maxsize=8)
def _gender_labels(language: str) -> dict[str, str]:
    """Translated once per language: a lazy label costs a translation lookup at every cell."""
    return {value: str(label) for value, label in Gender.choices}


def _cell(column: str, person, assignment, levels: dict):
    """One cell of the people table, computed here rather than by a chain of template tags:
    50 rows × the chosen columns is most of the page's rendering time otherwise."""
    if column == "birth":
        return person.birth_display()
    if column == "gender":
        return _gender_label(person.gender) if person.gender else ""
    if column == "id_number":
        return person.id_number or ""
    if column == "unit":
        return person.unit.name if person.unit_id else ""
    if column == "category":
        return assignment.get_category_display() if assignment and assignment.category else ""
    if column == "title":
        return assignment.title if assignment else ""
    if column == "professional":
        return _level(levels, "professional", with_field=True)
    if column in ("politics", "state_mgmt"):
        return _level(levels, column)
    if column == "ethnicity":
        return person.ethnicity.name if person.ethnicity_id else ""
    if column == "party":
        return _("Có") if person.party_member else ""
    return ""


def _options(pairs, selected: str):
    """<option>s of a filter, built here: 54 ethnicities and every ladder's levels rendered by
    template loops (or format_html per option) cost more than the page's queries."""
    return mark_safe(
        "".join(
            f'<option value="{escape(value)}"{" selected" if value == selected else ""}>{escape(label)}</option>'
            for value, label in pairs
        )
    )


def _level_options(flt):
    groups: dict[tuple[str, str], list[str]] = {}
    rows = Level.objects.order_by("ladder__order", "order").values_list(
        "ladder__code", "ladder__short_name", "code", "label"
    )
    for ladder_code, short_name, code, label in rows:
        chosen = " selected" if flt.ladder == ladder_code and flt.level == code else ""
        groups.setdefault((ladder_code, short_name), []).append(
            f'<option value="{escape(code)}" data-ladder="{escape(ladder_code)}"{chosen}>{escape(label)}</option>'
        )
    return mark_safe(
        "".join(
            f'<optgroup label="{escape(short)}">{"".join(options)}</optgroup>'
            for (_c, short), options in groups.items()
        )
    )


def _columns(request) -> list[str]:
    chosen = [c for c in request.GET.getlist("cols") if c in COLUMNS]
    if chosen:
        request.session["people_cols"] = chosen
    chosen = chosen or request.session.get("people_cols") or DEFAULT_COLUMNS
    if not may_see_sensitive(request.user):
        chosen = [c for c in chosen if c not in SENSITIVE_COLUMNS]
    return chosen


def _unit_error(unresolved) -> str:
    if unresolved.candidates:
        return _("“%(text)s” khớp với nhiều đơn vị: %(units)s. Hãy gõ tên đầy đủ hơn hoặc mã đơn vị.") % {
            "text": unresolved.text,
            "units": "; ".join(u.name for u in unresolved.candidates[:5]),
        }
    return _("Không tìm thấy đơn vị “%(text)s” trong phạm vi quản lý của bạn.") % {"text": unresolved.text}


def _page_number(value: str, after: str) -> int:
    """The page's number, carried in the link beside the keyset cursor (the cursor alone does not
    say how many rows precede it, and counting them would be an OFFSET in disguise)."""
    if not after:
        return 1
    return int(value) if value.isdigit() and int(value) > 1 else 2


def _prev_query(params, cursor: str | None, number: int) -> str | None:
    """The query of the "Trang trước" link: the filters, and the previous page's cursor and number
    unless it is the first page; None when there is no previous page to link to."""
    if cursor is None:
        return None
    query = params.copy()
    query.pop("after", None)
    query.pop("p", None)
    if cursor and number > 2:
        query["after"], query["p"] = cursor, str(number - 1)
    return query.urlencode()


def _filters_or_back(request):
    """The filters of an export, or a redirect to the list (which says why) when the unit filter
    names no unit or several: an export never widens to the whole reach."""
    try:
        return selectors.PeopleFilter.from_params(request.GET, user=request.user), None
    except selectors.UnitNotResolved:
        return None, redirect(f"{reverse('people:list')}?{request.GET.urlencode()}")


@require_perm(Perm.VIEW_PEOPLE)
def people_list(request):
    user = request.user
    size = settings.CANBO_PAGE_SIZE
    unit_error = ""
    try:
        flt = selectors.PeopleFilter.from_params(request.GET, user=user)
    except selectors.UnitNotResolved as unresolved:
        # Nobody rather than the whole reach: the officer sees why, and the export links refuse too.
        unit_error = _unit_error(unresolved)
        params = request.GET.copy()
        params.pop("unit", None)
        flt = selectors.PeopleFilter.from_params(params, user=user)
        flt.unit_text = unresolved.text
    after = "" if unit_error else request.GET.get("after", "")
    page = selectors.list_page(
        flt, selectors.people_for(user).none() if unit_error else selectors.people_for(user), after=after, size=size
    )
    number = _page_number(request.GET.get("p", ""), after)
    pages = max(1, -(-page.estimate // size)) if not (page.capped or page.approximate or page.starting_with) else None
    ids = [p.pk for p in page.rows]
    can_sensitive = may_see_sensitive(user)
    columns = _columns(request)
    shown_sensitive = [COLUMN_FIELDS[c] for c in columns if c in SENSITIVE_COLUMNS]
    if shown_sensitive:
        log_sensitive_access(user=user, people=page.rows, fields=shown_sensitive, where="people_list")
    params = request.GET.copy()
    params.pop("after", None)
    params.pop("p", None)
    assignments, levels = selectors.current_assignments(ids), selectors.levels_of(ids)
    detail = reverse("people:detail", args=[0]).removesuffix("0/")  # one reverse() for the page, not per row
    first = (number - 1) * size
    # "Trang trước": the reverse cursor the selector took (`selectors._before`), the first page
    # from page 2 whatever happens; None leaves "Trang đầu" alone.
    prev_cursor = page.prev_cursor if after else None
    if after and prev_cursor is None and number == 2:
        prev_cursor = ""
    context = {
        "page": page,
        "page_number": number,
        "page_count": pages,
        "prev_query": _prev_query(request.GET, prev_cursor, number),
        "unit_error": unit_error,
        "filters": flt,
        "table_rows": [
            (
                first + i,
                p,
                f"{detail}{p.pk}/",
                [_cell(c, p, assignments.get(p.pk), levels.get(p.pk, {})) for c in columns],
            )
            for i, p in enumerate(page.rows, start=1)
        ],
        "column_labels": [COLUMNS[c] for c in columns],
        "columns": columns,
        "all_columns": [(k, v) for k, v in COLUMNS.items() if k not in SENSITIVE_COLUMNS or can_sensitive],
        "base_query": params.urlencode(),
        "categories": Category.choices,
        "genders": Gender.choices,
        "ethnicity_options": _options(Ethnicity.objects.values_list("code", "name"), flt.ethnicity),
        "ladder_options": _options(Ladder.objects.values_list("code", "name"), flt.ladder),
        "level_options": _level_options(flt),
        "age_bands": list(selectors.AGE_BANDS),
        "can_create": can(user, Perm.MANAGE_PEOPLE),
        "can_sensitive": can_sensitive,
    }
    if request.htmx and request.htmx.target == "people-rows":
        return render(request, "people/list.html#rows", context)
    if context["can_create"]:
        context["pending_transfers"] = transfers.pending_for(user).count()
    return render(request, "people/list.html", context)


UNIT_SUGGESTIONS = 15


@require_perm(Perm.VIEW_PEOPLE)
def unit_suggestions(request):
    """The units the list's unit box suggests as the officer types ("thanh nua" → Xã Thanh Nưa,
    P-THANHNUA, Xã): the options of its <datalist>, fetched by htmx (no script of our own, CSP).

    Only today's units within the user's reach (`search_units` reads `units_for(user)`), so the box
    never names a unit the list would refuse; the option's value is the unit's code, which the
    filter resolves without ambiguity."""
    from canbo.orgs.selectors import search_units

    text = request.GET.get("unit", "").strip()
    units = search_units(user=request.user, query=text, day=today(), limit=UNIT_SUGGESTIONS) if len(text) >= 2 else []
    return render(request, "people/_unit_options.html", {"units": units})


@require_perm(Perm.VIEW_PEOPLE)
def people_export(request):
    """The filtered list as xlsx, in the import template's columns (so it can be re-imported)."""
    from canbo.exchange.export import TEMPLATE_FIELDS as EXPORTED_FIELDS
    from canbo.exchange.export import export_people_xlsx

    user = request.user
    flt, back = _filters_or_back(request)
    if back is not None:
        return back
    qs = flt.apply(selectors.people_for(user))
    total = qs.count()
    if total > settings.CANBO_EXPORT_INLINE_ROWS:
        # A long list is written by the worker (a province's took 20 s in the request): a page
        # offers to start it, then shows its progress and the download (people/views_exports.py).
        context = {"total": total, "query": request.GET.urlencode(), "criteria": flt.describe()}
        return render(request, "people/export_start.html", context)
    include_sensitive = may_see_sensitive(user)
    path = export_people_xlsx(qs, include_sensitive=include_sensitive)
    if include_sensitive:
        log_sensitive_access(
            user=user,
            fields=[f for f in EXPORTED_FIELDS if f in SENSITIVE_FIELDS],
            where="people_export",
            queryset=qs,
            criteria=flt.describe(),
        )
    return download_and_delete(path, f"danh-sach-can-bo-{today():%Y%m%d}.xlsx")


OFFICIAL_PREVIEW_ROWS = 200


@require_perm(Perm.VIEW_PEOPLE)
def people_official_list(request, fmt="xlsx"):
    """The filtered list as the paper an office prints and signs ("danh sách trích ngang"), issued
    by the unit filtered on, else the user's own unit. Same reach and sensitive-data rule as the
    data export: Dân tộc and Đảng viên only for a role that may see them, and then logged."""
    from django.http import HttpResponse

    from canbo.exchange import official

    user = request.user
    flt, back = _filters_or_back(request)
    if back is not None:
        return back
    qs = flt.apply(selectors.people_for(user))
    unit = flt.unit or user.unit
    if unit is None:  # a system account without a unit: the top unit it reaches
        from canbo.orgs.models import Unit

        unit = Unit.objects.for_user(user).filter(parent__isnull=True).order_by("path").first()
    if unit is None:
        raise Http404
    include_sensitive = may_see_sensitive(user)
    doc = official.official_list(
        qs,
        unit=unit,
        include_sensitive=include_sensitive,
        as_of=today(),
        prepared_by=user.get_full_name(),
    )
    name = f"danh-sach-trich-ngang-{unit.code.lower()}-{today():%Y%m%d}"
    if fmt == "html":  # the paper on screen before it is downloaded (its first rows)
        context = official.official_context(doc, limit=OFFICIAL_PREVIEW_ROWS)
        response = render(request, "people/official_preview.html", {**context, "query": request.GET.urlencode()})
    elif fmt == "pdf":
        try:
            response = HttpResponse(official.render_official_pdf(doc), content_type="application/pdf")
        except official.TooLongToPrint as too_long:
            messages.error(
                request,
                _(
                    "Bản PDF in được tối đa %(n)s người; hãy lọc theo đơn vị hoặc tải bản Excel "
                    "(Danh sách trích ngang (bản in), .xlsx)."
                )
                % {"n": too_long.limit},
            )
            return redirect(f"{reverse('people:list')}?{request.GET.urlencode()}")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    else:
        response = download_and_delete(official.write_official_xlsx(doc), f"{name}.xlsx")
    if include_sensitive:
        log_sensitive_access(
            user=user,
            fields=list(official.SENSITIVE_FIELDS),
            where=f"people_official_{fmt}",
            queryset=qs,
            criteria=flt.describe(),
        )
    return response


@require_perm(Perm.VIEW_PEOPLE)
def person_detail(request, pk):
    user = request.user
    person = selectors.person_get(user=user, pk=pk)
    show_sensitive = may_see_sensitive(user, person)
    if show_sensitive:
        log_sensitive_access(user=user, people=[person], fields=list(SENSITIVE_FIELDS), where="person_page")
    assignments = list(person.assignments.select_related("unit").order_by("-start_date", "-id"))
    qualifications = list(
        person.qualifications.select_related("ladder", "level").order_by("ladder__order", "-level__rank")
    )
    levels = selectors.levels_of([person.pk]).get(person.pk, {})
    open_release = transfers.open_release_of(person)
    context = {
        "open_release": open_release,
        "can_cancel_release": bool(open_release) and can(user, Perm.MANAGE_PEOPLE, open_release.from_unit),
        "person": person,
        "show_sensitive": show_sensitive,
        "assignments": assignments,
        "current": next((a for a in assignments if a.is_main and a.end_date is None), None),
        "qualifications": qualifications,
        "levels": levels,
        "ladders": Ladder.objects.all(),
        "memberships": person.memberships.select_related("body"),
        "can_edit": can(user, Perm.MANAGE_PEOPLE, person.unit) if person.unit else False,
        "can_history": can(user, Perm.VIEW_CHANGELOG),
        "age": person.age_on(today()),
    }
    return render(request, "people/detail.html", context)


@require_perm(Perm.VIEW_CHANGELOG)
def person_history(request, pk):
    person = selectors.person_get(user=request.user, pk=pk)
    entries = audit.history_around(person, deletions=(Qualification,))
    entries = redacted(entries, may_see=lambda who: may_see_sensitive(request.user, who))
    shown = sensitive_shown(entries)
    if shown:
        log_sensitive_access(user=request.user, people=[person], fields=shown, where="person_history")
    return render(request, "core/_history.html", {"entries": readable(entries), "object": person})


@require_perm(Perm.MANAGE_PEOPLE)
def person_create(request):
    form = NewPersonForm(request.POST or None, user=request.user, initial={"unit": request.user.unit})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        unit = data.pop("unit")
        assignment = {k: data.pop(k) for k in ("category", "title", "start_date")}
        try:
            person = services.person_create(unit=unit, assignment=assignment, **data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã tạo hồ sơ “%(name)s”.") % {"name": person.full_name})
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "creating": True})


@require_perm(Perm.MANAGE_PEOPLE)
def person_edit(request, pk):
    user = request.user
    person = selectors.person_get(user=user, pk=pk)
    if not can(user, Perm.MANAGE_PEOPLE, person.unit):
        raise PermissionDenied
    show_sensitive = may_see_sensitive(user, person)
    initial = {f: getattr(person, f) for f in services.PERSON_FIELDS} | {"version": person.version}
    form = PersonForm(request.POST or None, initial=initial, show_sensitive=show_sensitive)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        changed = {k: v for k, v in data.items() if k in form.changed_data}
        try:
            person = services.person_update(person=person, expected_version=version, **changed)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã lưu hồ sơ “%(name)s”.") % {"name": person.full_name})
            return redirect("people:detail", pk=person.pk)
    if show_sensitive:  # the form shows the record's sensitive values
        log_sensitive_access(user=user, people=[person], fields=list(SENSITIVE_FIELDS), where="person_edit")
    return render(request, "people/form.html", {"form": form, "person": person, "creating": False})


@require_perm(Perm.VIEW_PEOPLE)
def profile(request):
    """Qualification profile of a unit's subtree at a date (staff whose main post was there then)."""
    from canbo.core.dates import parse_day
    from canbo.core.scope import Scope
    from canbo.orgs.selectors import unit_get

    user = request.user
    code = request.GET.get("unit") or (user.unit.code if user.unit else "")
    if not code:
        raise PermissionDenied
    unit = unit_get(user=user, code=code)
    day = parse_day(request.GET.get("day"), today())
    data = selectors.unit_profile(unit=unit, day=day, scope=Scope.for_user(user))
    bodies = selectors.bodies_for(user).filter(unit__path__startswith=unit.path)[:50]
    return render(request, "people/profile.html", {"unit": unit, "day": day, "profile": data, "bodies": bodies})


@require_perm(Perm.VIEW_PEOPLE)
def body_detail(request, pk):
    body = selectors.bodies_for(request.user).filter(pk=pk).first()
    if body is None:
        from django.http import Http404

        raise Http404(pk)
    members = body.memberships.select_related("person").order_by("order")
    data = selectors.body_profile(body=body)
    can_edit = can(request.user, Perm.MANAGE_PEOPLE, body.unit)
    return render(
        request, "people/body.html", {"body": body, "members": members, "profile": data, "can_edit": can_edit}
    )


def _editable_person(request, pk):
    person = selectors.person_get(user=request.user, pk=pk)
    if not person.unit or not can(request.user, Perm.MANAGE_PEOPLE, person.unit):
        raise PermissionDenied
    return person


@require_perm(Perm.MANAGE_PEOPLE)
def qualification_add(request, pk):
    from canbo.people.forms import QualificationForm

    person = _editable_person(request, pk)
    form = QualificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.qualification_add(person=person, source="declared", **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã thêm trình độ cho “%(name)s”.") % {"name": person.full_name})
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/subform.html", {"form": form, "person": person, "title": _("Thêm trình độ")})


@require_perm(Perm.MANAGE_PEOPLE)
def qualification_remove(request, pk, qualification_id):
    person = _editable_person(request, pk)
    qualification = person.qualifications.filter(pk=qualification_id).first()
    if qualification is None:
        from django.http import Http404

        raise Http404(qualification_id)
    if request.method == "POST":
        services.qualification_remove(qualification=qualification)
        messages.success(request, _("Đã xóa trình độ “%(q)s”.") % {"q": qualification})
    return redirect("people:detail", pk=person.pk)


@require_perm(Perm.MANAGE_PEOPLE)
def assignment_add(request, pk):
    from canbo.people.forms import AssignmentForm

    person = _editable_person(request, pk)
    form = AssignmentForm(request.POST or None, user=request.user, initial={"unit": person.unit})
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_start(person=person, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã cập nhật quá trình công tác của “%(name)s”.") % {"name": person.full_name})
            return redirect("people:detail", pk=person.pk)
    return render(
        request,
        "people/subform.html",
        {"form": form, "person": person, "title": _("Điều động, bổ nhiệm, chuyển vị trí")},
    )


@require_perm(Perm.MANAGE_PEOPLE)
def assignment_end(request, pk, assignment_id):
    """End an open assignment (retirement, leaving the service); the history keeps it."""
    from canbo.people.forms import AssignmentEndForm

    person = _editable_person(request, pk)
    assignment = person.assignments.select_related("unit").filter(pk=assignment_id, end_date__isnull=True).first()
    if assignment is None:
        raise Http404(assignment_id)
    form = AssignmentEndForm(request.POST or None, initial={"end_date": today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_end(assignment=assignment, end_date=form.cleaned_data["end_date"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Đã ghi nhận “%(name)s” thôi công tác tại %(unit)s từ ngày %(day)s.")
                % {
                    "name": person.full_name,
                    "unit": assignment.unit.name,
                    "day": f"{form.cleaned_data['end_date']:%d/%m/%Y}",
                },
            )
            return redirect("people:detail", pk=person.pk)
    title = _("Kết thúc vị trí công tác")
    return render(
        request,
        "people/subform.html",
        {
            "form": form,
            "person": person,
            "title": title,
            "lead": f"{assignment.title or assignment.get_category_display()} — {assignment.unit.name}",
        },
    )


@require_perm(Perm.MANAGE_PEOPLE)
def assignment_category(request, pk, assignment_id):
    """Correct the category of an open assignment (imported without "Loại", or inferred wrongly
    from the title): without one, no class accepts the person."""
    from canbo.people.forms import AssignmentCategoryForm

    person = _editable_person(request, pk)
    assignment = person.assignments.select_related("unit").filter(pk=assignment_id, end_date__isnull=True).first()
    if assignment is None:
        raise Http404(assignment_id)
    form = AssignmentCategoryForm(request.POST or None, initial={"category": assignment.category})
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_set_category(assignment=assignment, category=form.cleaned_data["category"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã sửa loại cán bộ của “%(name)s”.") % {"name": person.full_name})
            return redirect("people:detail", pk=person.pk)
    return render(
        request,
        "people/subform.html",
        {
            "form": form,
            "person": person,
            "title": _("Sửa loại cán bộ"),
            "lead": f"{assignment.title or assignment.get_category_display()} — {assignment.unit.name}",
        },
    )


@require_perm(Perm.MANAGE_PEOPLE)
def body_create(request):
    from canbo.people.forms import BodyForm

    form = BodyForm(request.POST or None, user=request.user, initial={"unit": request.user.unit})
    if request.method == "POST" and form.is_valid():
        try:
            body = services.body_create(**form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return redirect("people:body", pk=body.pk)
    return render(request, "people/body_form.html", {"form": form})


@require_perm(Perm.MANAGE_PEOPLE)
def member_add(request, pk):
    from canbo.core.scope import Scope
    from canbo.people.forms import MemberForm

    body = selectors.bodies_for(request.user).filter(pk=pk).first()
    if body is None:
        from django.http import Http404

        raise Http404(pk)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.member_candidate(
                body=body, text=form.cleaned_data["person"], scope=Scope.for_user(request.user)
            )
            order = body.memberships.count() + 1
            services.membership_add(body=body, person=person, role=form.cleaned_data["role"], order=order)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã thêm “%(name)s” vào tập thể.") % {"name": person.full_name})
            return redirect("people:body", pk=body.pk)
    return render(request, "people/body_form.html", {"form": form, "body": body})


@require_perm(Perm.MANAGE_PEOPLE)
def member_remove(request, pk, membership_id):
    body = selectors.bodies_for(request.user).filter(pk=pk).first()
    membership = body.memberships.filter(pk=membership_id).first() if body else None
    if membership is None:
        from django.http import Http404

        raise Http404(membership_id)
    if request.method == "POST":
        services.membership_remove(membership=membership)
        messages.success(request, _("Đã bỏ “%(name)s” khỏi tập thể.") % {"name": membership.person.full_name})
    return redirect("people:body", pk=body.pk)
