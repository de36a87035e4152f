"""Training pages: the programme catalogue, classes (list, calendar, page), nominations, approval,
attendance, results, the person page's training tab and the learner's own "Học tập của tôi"."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from canbo.accounts.decorators import require_perm
from canbo.accounts.permissions import Perm, can
from canbo.core.errors import DomainError, raise_if_permission_refusal
from canbo.core.forms import apply_domain_error, format_decimal, parse_number
from canbo.core.query import query_id_list, query_int, query_month
from canbo.people import selectors as people_selectors
from canbo.people.choices import Category
from canbo.training import selectors, services
from canbo.training.choices import ClassStatus, EnrolmentStatus, Place, Result
from canbo.training.forms import RESULT_CHOICES, ClassForm, NominateForm, ProgrammeForm, SessionForm
from canbo.training.models import Attendance, ClassSession, Programme, ProgrammeKind

PAGE = 100


def _refusal(request, error: DomainError) -> None:
    raise_if_permission_refusal(error)
    for message in error.messages:
        messages.error(request, message)


@require_perm(Perm.VIEW_TRAINING)
def programme_list(request):
    programmes = Programme.objects.select_related("kind", "grants_level").order_by("kind__order", "name")
    kind = request.GET.get("kind", "")
    if kind:
        programmes = programmes.filter(kind__code=kind)
    return render(
        request,
        "training/programmes.html",
        {
            "programmes": programmes,
            "kinds": ProgrammeKind.objects.all(),
            "kind": kind,
            "can_edit": can(request.user, Perm.MANAGE_PROGRAMMES),
        },
    )


@require_perm(Perm.MANAGE_PROGRAMMES)
def programme_create(request):
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(**form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã thêm chương trình “%(name)s”.") % {"name": programme.name})
            return redirect("training:programmes")
    return render(request, "training/form.html", {"form": form, "heading": _("Thêm chương trình")})


@require_perm(Perm.VIEW_TRAINING)
def class_list(request):
    flt = selectors.ClassFilter.from_params(request.GET)
    query = flt.apply(selectors.classes_for(request.user)).order_by("-start_date", "code")
    if request.GET.get("awaiting") == "1":  # the home's inbox: classes with nominations for the user to approve
        query = query.filter(pk__in=selectors.inbox_nominations(request.user).values("training_class_id"))
    offset = query_int(request.GET, "offset", default=0, low=0)
    rows = selectors.with_counts(query[offset : offset + PAGE + 1])
    params = request.GET.copy()
    params.pop("offset", None)
    return render(
        request,
        "training/classes.html",
        {
            "classes": rows[:PAGE],
            "more": len(rows) > PAGE,
            "next_offset": offset + PAGE,
            "prev_offset": max(offset - PAGE, 0) if offset else None,
            "filters": flt,
            "base_query": params.urlencode(),
            "kinds": ProgrammeKind.objects.all(),
            "statuses": ClassStatus.choices,
            "places": Place.choices,
            "years": range(datetime.date.today().year + 1, 2019, -1),
            "can_create": can(request.user, Perm.MANAGE_CLASSES),
        },
    )


@require_perm(Perm.VIEW_TRAINING)
def class_calendar(request):
    today = datetime.date.today()
    first = query_month(request.GET, default=today.replace(day=1))
    flt = selectors.ClassFilter.from_params(request.GET)
    weeks, classes = selectors.calendar_weeks(flt.apply(selectors.classes_for(request.user)), first.year, first.month)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "training/calendar.html",
        {
            "weeks": weeks,
            "classes": classes,
            "month": first,
            "previous": f"{previous:%Y-%m}",
            "following": f"{following:%Y-%m}",
            "weekdays": [
                _("Thứ hai"),
                _("Thứ ba"),
                _("Thứ tư"),
                _("Thứ năm"),
                _("Thứ sáu"),
                _("Thứ bảy"),
                _("Chủ nhật"),
            ],
        },
    )


def _class_values(data: dict) -> dict:
    data = dict(data)
    data.pop("version", None)
    data["target_categories"] = list(data.get("target_categories") or [])
    return data


@require_perm(Perm.MANAGE_CLASSES)
def class_create(request):
    form = ClassForm(request.POST or None, user=request.user, initial={"organiser": request.user.unit})
    if request.method == "POST" and form.is_valid():
        data = _class_values(form.cleaned_data)
        if not data["target_categories"]:
            data.pop("target_categories")
        try:
            training_class = services.class_create(**data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã mở lớp “%(name)s”.") % {"name": training_class.name})
            return redirect("training:class", code=training_class.code)
    return render(request, "training/form.html", {"form": form, "heading": _("Mở lớp mới")})


@require_perm(Perm.MANAGE_CLASSES)
def class_edit(request, code):
    training_class = selectors.class_get(user=request.user, code=code)
    if not services.may_manage_class(request.user, training_class):
        raise Http404
    initial = {name: getattr(training_class, name) for name in ClassForm.base_fields if hasattr(training_class, name)}
    initial["version"] = training_class.version
    form = ClassForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = _class_values(form.cleaned_data)
        try:
            services.class_update(
                training_class=training_class, expected_version=form.cleaned_data.get("version"), **data
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã lưu lớp."))
            return redirect("training:class", code=data["code"].strip().upper())
    return render(
        request, "training/form.html", {"form": form, "heading": training_class.name, "training_class": training_class}
    )


@require_perm(Perm.VIEW_TRAINING)
def class_detail(request, code):
    user = request.user
    training_class = selectors.class_get(user=user, code=code)
    results = services.may_manage_class(user, training_class, Perm.RECORD_RESULTS)
    run = _certificate_run(request, training_class) if results else None
    if run is not None and request.htmx:  # the progress bar polling
        return render(request, "training/_certificate_run.html", {"c": training_class, "run": run})
    unit_code = request.GET.get("unit", "").strip().upper()
    enrolments = list(
        selectors.enrolments_of(user=user, training_class=training_class, unit_code=unit_code).order_by(
            "status", "waitlist_position", "person__name_key", "pk"
        )
    )
    manage = services.may_manage_class(user, training_class)
    counts = {s: 0 for s in EnrolmentStatus.values}
    for e in enrolments:
        counts[e.status] += 1
    by_unit = selectors.nominations_by_unit(user=user, training_class=training_class)
    # The class's own totals (counts only, whoever reads): the seats line and "Duyệt tất cả N",
    # which approves the whole class, whatever unit the table is filtered on or the reader sent.
    selectors.with_counts([training_class])
    return render(
        request,
        "training/class.html",
        {
            "c": training_class,
            "enrolments": enrolments,
            "counts": counts,
            "passed": sum(1 for e in enrolments if e.result == Result.PASSED),
            "target_group": ", ".join(
                str(Category(v).label) for v in training_class.target_categories if v in Category.values
            ),
            "by_unit": by_unit,
            "unit_filter": next((u for u in by_unit if u["code"] == unit_code), None) if unit_code else None,
            "unit_code": unit_code,
            "run": run,
            "uncertified": services.certificates_pending(training_class).count()
            if results and training_class.programme.grants_certificate
            else 0,
            "can_manage": manage,
            "can_results": results,
            "can_view_quality": services.may_manage_class(user, training_class, Perm.VIEW_TRAINING),
            "can_nominate": can(user, Perm.NOMINATE)
            and training_class.status in (ClassStatus.PLANNED, ClassStatus.OPEN),
            "nominate_form": NominateForm(),
            "sessions": list(training_class.sessions.all()),
            "next_statuses": [
                (s, ClassStatus(s).label) for s in sorted(services.STATUS_FLOW.get(training_class.status, ()))
            ]
            if manage
            else [],
            "rows": _enrolment_rows(
                request,
                training_class,
                enrolments,
                manage=manage,
                results=results,
                certificates={
                    c.enrolment_id: c for c in selectors.class_certificates(user=user, training_class=training_class)
                },
            ),
        },
    )


def _certificate_run(request, training_class):
    """The certificate run named by `?run=` (the progress bar of "cấp chứng chỉ cho tất cả")."""
    from canbo.training.models import CertificateRun

    run_id = request.GET.get("run", "")
    if not run_id:
        return None
    try:
        return CertificateRun.unscoped.filter(pk=run_id, training_class=training_class).first()
    except (ValueError, ValidationError):
        return None


def _enrolment_rows(request, training_class, enrolments, *, manage: bool, results: bool, certificates: dict):
    """The learners' table rows as HTML built here (every text through `escape`), not through a
    template tag per cell: the class page of 500 learners went from 107 to 62 ms of Python CPU
    when these rows became f-strings instead of format_html (`make bench-training`, BENCHMARKS.md)."""
    csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(get_token(request))}">'
    base = escape(reverse("training:class", args=[training_class.code]) + "enrolments/")
    people = escape(reverse("people:list"))
    cert_base = escape(reverse("training:certificate_pdf", args=["NUMBER"]).replace("NUMBER/pdf/", ""))
    labels = {
        "approve": escape(_("Duyệt")),
        "reject": escape(_("Không duyệt")),
        "withdraw": escape(_("Rút")),
        "issue": escape(_("Cấp chứng chỉ")),
        "revoked": escape(_("Đã thu hồi")),
    }
    grants = training_class.programme.grants_certificate
    status_labels = {k: escape(v) for k, v in EnrolmentStatus.choices}
    result_labels = {k: str(v) for k, v in Result.choices}
    unit_names: dict[int, str] = {}

    def button(pk, action, css):
        return (
            f'<form class="d-inline" method="post" action="{base}{pk}/{action}/">{csrf}'
            f'<button class="btn btn-sm {css}" type="submit">{labels[action]}</button></form>'
        )

    choose = escape(_("Chọn %(name)s"))
    rows = []
    for number, e in enumerate(enrolments, 1):
        tick = ""
        if manage and not e.result and e.status in (EnrolmentStatus.NOMINATED, EnrolmentStatus.WAITLISTED):
            label = choose.replace("%(name)s", escape(e.person.full_name))
            tick = (
                f'<input class="form-check-input me-1" type="checkbox" name="enrolment" value="{e.pk}" '
                f'form="approve-selected" aria-label="{label}" data-testid="choose-{e.person_id}">'
            )
        status = status_labels.get(e.status, escape(e.status))
        if e.waitlist_position:
            status += f" ({e.waitlist_position})"
        outcome = ""
        if e.result:
            parts = [result_labels.get(e.result, e.result)]
            if e.score is not None:
                parts.append(format_decimal(e.score))
            if e.grade:
                parts.append(e.grade)
            outcome = escape(" · ".join(parts))
        cert = certificates.get(e.pk)
        if cert is not None:
            number_text = escape(cert.number)
            cert_cell = f'<a href="{cert_base}{number_text}/pdf/">{number_text}</a>'
            if cert.revoked_on:
                cert_cell += f' <span class="badge text-bg-danger">{labels["revoked"]}</span>'
        elif results and e.result == Result.PASSED and grants:
            cert_cell = (
                f'<form method="post" action="{base}{e.pk}/certificate/">{csrf}'
                f'<button class="btn btn-sm btn-link p-0" type="submit">{labels["issue"]}</button></form>'
            )
        else:
            cert_cell = ""
        actions = ""
        if not e.result:
            if manage and e.status in (EnrolmentStatus.NOMINATED, EnrolmentStatus.WAITLISTED):
                actions += button(e.pk, "approve", "btn-outline-success") + button(e.pk, "reject", "btn-outline-danger")
            if e.status in services.ACTIVE_STATUSES:
                actions += button(e.pk, "withdraw", "btn-link")
        unit = unit_names.get(e.unit_id)
        if unit is None:
            unit = unit_names[e.unit_id] = escape(e.unit.name)
        rows.append(
            f'<tr data-testid="enrolment-{e.person_id}"><td class="text-nowrap">{tick}{number}</td>'
            f'<td><a href="{people}{e.person_id}/">{escape(e.person.full_name)}</a></td>'
            f'<td class="small">{unit}</td><td class="small">{escape(e.title)}</td><td class="small">{status}</td>'
            f'<td class="small">{outcome}</td><td class="small">{cert_cell}</td>'
            f'<td class="text-nowrap">{actions}</td></tr>'
        )
    # Every dynamic text above went through escape(); the rest is this function's own markup.
    return mark_safe("\n".join(rows))


@require_POST
@require_perm(Perm.NOMINATE)
def nominate(request, code):
    training_class = selectors.class_get(user=request.user, code=code)
    form = NominateForm(request.POST)
    if form.is_valid():
        try:
            person = selectors.person_candidate(user=request.user, text=form.cleaned_data["person"])
            services.enrolment_nominate(
                training_class=training_class,
                person=person,
                note=form.cleaned_data["note"],
                intended_post=form.cleaned_data["intended_post"],
            )
        except DomainError as error:
            _refusal(request, error)
        else:
            messages.success(request, _("Đã cử %(name)s vào lớp.") % {"name": person.full_name})
    return redirect("training:class", code=training_class.code)


ACTIONS = {
    "approve": services.enrolment_approve,
    "reject": services.enrolment_reject,
    "withdraw": services.enrolment_withdraw,
}


@require_POST
@require_perm(Perm.VIEW_TRAINING)
def enrolment_action(request, code, pk, action):
    training_class = selectors.class_get(user=request.user, code=code)
    enrolment = get_object_or_404(selectors.enrolments_of(user=request.user, training_class=training_class), pk=pk)
    if action not in ACTIONS:
        raise Http404
    try:
        ACTIONS[action](enrolment=enrolment)
    except DomainError as error:
        _refusal(request, error)
    return redirect("training:class", code=training_class.code)


@require_POST
@require_perm(Perm.MANAGE_CLASSES)
def approve_all(request, code):
    """Approve every nominee in nomination order: seats first, then the waiting list."""
    training_class = selectors.class_get(user=request.user, code=code)
    try:
        for enrolment in training_class.enrolments.filter(status=EnrolmentStatus.NOMINATED).order_by(
            "created_at", "pk"
        ):
            services.enrolment_approve(enrolment=enrolment)
    except DomainError as error:
        _refusal(request, error)
    return redirect("training:class", code=training_class.code)


@require_POST
@require_perm(Perm.MANAGE_CLASSES)
def approve_selected(request, code):
    """Approve the ticked nominees in one request; say who was approved, who waits and who was
    refused and why (services.enrolment_approve_many)."""
    training_class = selectors.class_get(user=request.user, code=code)
    if not services.may_manage_class(request.user, training_class):
        raise Http404
    ids = query_id_list(request.POST, "enrolment")
    chosen = list(
        selectors.enrolments_of(user=request.user, training_class=training_class)
        .filter(pk__in=ids)
        .select_related("person")
    )
    if not chosen:
        messages.warning(request, _("Chưa chọn người nào để duyệt."))
        return redirect("training:class", code=training_class.code)
    try:
        report = services.enrolment_approve_many(training_class=training_class, enrolments=chosen)
    except DomainError as error:
        _refusal(request, error)
        return redirect("training:class", code=training_class.code)
    approved = [r["name"] for r in report if r["outcome"] == "approved"]
    if approved:
        messages.success(
            request,
            _("Đã duyệt %(n)s người: %(names)s.") % {"n": len(approved), "names": ", ".join(approved)},
        )
    for row in report:
        if row["outcome"] == "waitlisted":
            messages.info(request, f"{row['name']}: {row['reason']}")
        elif row["outcome"] == "refused":
            messages.error(
                request, _("Không duyệt %(name)s: %(reason)s") % {"name": row["name"], "reason": row["reason"]}
            )
    return redirect("training:class", code=training_class.code)


@require_POST
@require_perm(Perm.RECORD_RESULTS)
def certificates_all(request, code):
    """Issue a certificate to every passed learner still without one: at once for a small class,
    otherwise in the worker while the class page shows the progress."""
    training_class = selectors.class_get(user=request.user, code=code)
    if not services.may_manage_class(request.user, training_class, Perm.RECORD_RESULTS):
        raise Http404
    try:
        run = services.certificate_run_start(training_class=training_class)
    except DomainError as error:
        _refusal(request, error)
        return redirect("training:class", code=training_class.code)
    if run.task_id:  # in the worker: the class page shows its progress
        return redirect(reverse("training:class", args=[training_class.code]) + f"?run={run.pk}")
    _run_messages(request, run)
    return redirect("training:class", code=training_class.code)


def _run_messages(request, run) -> None:
    if run.issued:
        messages.success(request, _("Đã cấp %(n)s chứng chỉ.") % {"n": run.issued})
    for name, reason in run.refused:
        messages.error(request, _("Chưa cấp cho %(name)s: %(reason)s") % {"name": name, "reason": reason})
    if run.failure:
        messages.error(request, _("Lượt cấp bị dừng giữa chừng; bấm lại để cấp cho những người còn lại."))


@require_POST
@require_perm(Perm.MANAGE_CLASSES)
def class_status(request, code):
    training_class = selectors.class_get(user=request.user, code=code)
    if request.POST.get("status") == ClassStatus.CANCELLED:
        # Cancelling is never one click: it goes through the page that says what it does.
        return redirect("training:class_cancel", code=training_class.code)
    try:
        services.class_set_status(training_class=training_class, status=request.POST.get("status", ""))
    except DomainError as error:
        _refusal(request, error)
    return redirect("training:class", code=training_class.code)


@require_perm(Perm.MANAGE_CLASSES)
def class_cancel(request, code):
    """Cancel a class in two steps: the page states what cancelling does and who is enrolled (the
    units to tell); only a POST with `confirm=1` cancels. Anything else changes nothing."""
    training_class = selectors.class_get(user=request.user, code=code)
    if not services.may_manage_class(request.user, training_class):
        raise Http404
    if ClassStatus.CANCELLED not in services.STATUS_FLOW.get(training_class.status, ()):
        messages.error(
            request,
            _("Lớp đang ở trạng thái “%(status)s”, không huỷ được.") % {"status": training_class.get_status_display()},
        )
        return redirect("training:class", code=training_class.code)
    if request.method == "POST" and request.POST.get("confirm") == "1":
        try:
            services.class_set_status(training_class=training_class, status=ClassStatus.CANCELLED)
        except DomainError as error:
            _refusal(request, error)
        else:
            messages.success(request, _("Đã huỷ lớp “%(name)s”.") % {"name": training_class.name})
        return redirect("training:class", code=training_class.code)
    by_unit = list(
        training_class.enrolments.filter(status__in=services.ACTIVE_STATUSES)
        .values("unit__name")
        .annotate(n=Count("pk"))
        .order_by("unit__name")
    )
    context = {"c": training_class, "by_unit": by_unit, "enrolled": sum(row["n"] for row in by_unit)}
    return render(request, "training/class_cancel.html", context)


def _score(raw: str):
    """A score as the offices write it (8,5; also 8.5), read by the forms' shared number parser."""
    try:
        return parse_number(raw)
    except ValidationError as exc:
        raise DomainError({"score": [_("Điểm: %(error)s") % {"error": " ".join(exc.messages)}]}) from exc


@require_perm(Perm.RECORD_RESULTS)
def results(request, code):
    """Results for the whole class on one form; only the rows that changed are written."""
    training_class = selectors.class_get(user=request.user, code=code)
    if not services.may_manage_class(request.user, training_class, Perm.RECORD_RESULTS):
        raise Http404
    enrolments = list(
        training_class.enrolments.filter(status=EnrolmentStatus.APPROVED)
        .select_related("person", "unit")
        .order_by("person__name_key", "pk")
    )
    errors: list[str] = []
    if request.method == "POST":
        rows = []
        for e in enrolments:
            result = request.POST.get(f"result-{e.pk}", "")
            grade = request.POST.get(f"grade-{e.pk}", "").strip()
            try:
                score = _score(request.POST.get(f"score-{e.pk}", ""))
            except DomainError as error:
                errors.extend(f"{e.person.full_name}: {m}" for m in error.messages)
                continue
            if result and (result, score, grade) != (e.result, e.score, e.grade):
                rows.append({"enrolment": e, "result": result, "score": score, "grade": grade})
        if not errors:
            try:
                services.results_record(training_class=training_class, rows=rows)
            except DomainError as error:
                errors.extend(error.messages)
        if not errors:
            messages.success(request, _("Đã lưu kết quả của %(n)s học viên.") % {"n": len(rows)})
            return redirect("training:class", code=training_class.code)
    for e in enrolments:
        # Shown again after a refusal: what was typed in every row, not the stored values.
        if request.method == "POST":
            e.shown_result = request.POST.get(f"result-{e.pk}", "")
            e.shown_score = request.POST.get(f"score-{e.pk}", "")
            e.shown_grade = request.POST.get(f"grade-{e.pk}", "")
        else:
            e.shown_result, e.shown_score, e.shown_grade = e.result, format_decimal(e.score), e.grade
    return render(
        request,
        "training/results.html",
        {"c": training_class, "enrolments": enrolments, "choices": RESULT_CHOICES, "errors": errors},
    )


@require_perm(Perm.VIEW_TRAINING)
def attendance(request, code):
    """Sessions of a class and, for the chosen one, who was present."""
    training_class = selectors.class_get(user=request.user, code=code)
    manage = services.may_manage_class(request.user, training_class, Perm.RECORD_RESULTS)
    if not manage:
        raise Http404
    form = SessionForm(request.POST or None if "add_session" in request.POST else None)
    if request.method == "POST" and "add_session" in request.POST and form.is_valid():
        try:
            session = services.session_add(training_class=training_class, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return redirect(f"{request.path}?session={session.pk}")
    sessions = list(training_class.sessions.all())
    session = None
    if (session_id := query_int(request.GET, "session", low=1)) is not None:
        session = get_object_or_404(ClassSession, pk=session_id, training_class=training_class)
    elif sessions:
        session = sessions[-1]
    enrolments = list(
        training_class.enrolments.filter(status=EnrolmentStatus.APPROVED)
        .select_related("person")
        .order_by("person__name_key", "pk")
    )
    if request.method == "POST" and "save_attendance" in request.POST and session is not None:
        present = set(query_id_list(request.POST, "present"))
        services.attendance_record(session=session, present_ids=present)
        messages.success(request, _("Đã lưu điểm danh buổi %(day)s.") % {"day": f"{session.day:%d/%m/%Y}"})
        return redirect(f"{request.path}?session={session.pk}")
    marked = {}
    if session is not None:
        marked = dict(Attendance.objects.filter(session=session).values_list("enrolment_id", "present"))
    rates = services.attendance_rates(training_class)
    return render(
        request,
        "training/attendance.html",
        {
            "c": training_class,
            "form": form,
            "sessions": sessions,
            "session": session,
            "rows": [(e, marked.get(e.pk), rates.get(e.pk)) for e in enrolments],
        },
    )


@require_perm(Perm.VIEW_PEOPLE)
def person_tab(request, pk):
    """The training tab of the person page (loaded on demand)."""
    person = people_selectors.person_get(user=request.user, pk=pk)
    context = selectors.person_training(person=person)
    context["person"] = person
    return render(request, "training/_person_tab.html", context)


def my_training(request):
    """Học tập của tôi: a cadre's own record, classes, certificates and the surveys still to answer."""
    if not request.user.is_authenticated:
        return redirect(f"/accounts/login/?next={request.path}")
    person = request.user.person if getattr(request.user, "person_id", None) else None
    if person is None:
        raise PermissionDenied
    context = selectors.person_training(person=person)
    context["person"] = person
    context["to_answer"] = [
        e
        for e in context["enrolments"]
        if e.status == EnrolmentStatus.APPROVED
        and e.training_class.start_date <= datetime.date.today()
        and not hasattr(e, "survey_receipt")
    ]
    return render(request, "training/my.html", context)
