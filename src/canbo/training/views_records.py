"""Pages for certificates (issue, PDF, the public verification page), the class survey,
inspections and the quality report, self-study records and placement after training."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from canbo.accounts.decorators import require_perm
from canbo.accounts.permissions import Perm, can
from canbo.core.errors import DomainError, raise_if_permission_refusal
from canbo.core.forms import apply_domain_error
from canbo.core.query import query_int, query_year
from canbo.core.scope import Scope
from canbo.orgs.models import Unit
from canbo.training import certificates, quality, records, selectors, services
from canbo.training.forms import InspectionForm, PlacementForm, SelfStudyForm
from canbo.training.models import Enrolment, SelfStudy, SelfStudyStatus


@require_POST
@require_perm(Perm.RECORD_RESULTS)
def certificate_issue(request, code, pk):
    training_class = selectors.class_get(user=request.user, code=code)
    enrolment = get_object_or_404(training_class.enrolments, pk=pk)
    try:
        cert = certificates.certificate_issue(enrolment=enrolment)
    except DomainError as error:
        raise_if_permission_refusal(error)
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã cấp chứng chỉ số %(n)s.") % {"n": cert.number})
    return redirect("training:class", code=training_class.code)


@login_required
def certificate_pdf(request, number):
    cert = selectors.certificate_get(user=request.user, number=number)
    response = HttpResponse(certificates.certificate_pdf(request, cert), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="chung-chi-{cert.number}.pdf"'
    return response


@require_POST
@require_perm(Perm.RECORD_RESULTS)
def certificate_revoke(request, number):
    cert = selectors.certificate_get(user=request.user, number=number)
    try:
        certificates.certificate_revoke(certificate=cert, reason=request.POST.get("reason", ""))
    except DomainError as error:
        raise_if_permission_refusal(error)
        for message in error.messages:
            messages.error(request, message)
    return redirect("training:quality", code=cert.enrolment.training_class.code)


@never_cache
def verify(request, token):
    """Public: anyone holding the paper sees what it says and whether it is valid. No log-in, no
    service call (an anonymous request must never act as the system), nothing beyond the paper."""
    cert = selectors.certificate_for_verification(token=token)
    if cert is None:
        return render(request, "training/verify.html", {"cert": None}, status=404)
    return render(request, "training/verify.html", {"cert": cert, "rows": certificates.printed_rows(cert)})


@login_required
def survey(request, pk):
    """The learner's own survey for one of their classes (anonymous towards the organiser)."""
    enrolment = selectors.own_enrolment_get(user=request.user, pk=pk)
    if not quality.may_answer(request.user, enrolment):
        raise Http404
    answered = hasattr(enrolment, "survey_receipt")
    error = None
    if request.method == "POST" and not answered:
        try:
            response = quality.survey_submit(
                enrolment=enrolment,
                answers={code: request.POST.get(code) for code in quality.CODES},
                comments=request.POST.get("comments", ""),
            )
        except DomainError as exc:
            error = " ".join(exc.messages)
        else:
            if response.is_valid:
                messages.success(request, _("Cảm ơn bạn đã gửi phiếu đánh giá."))
            else:
                messages.warning(
                    request,
                    _(
                        "Đã nhận phiếu, nhưng phiếu bỏ trống quá 5 phần trăm số câu "
                        "nên không được tính (TT 10/2017/TT-BNV)."
                    ),
                )
            return redirect("training:my")
    return render(
        request,
        "training/survey.html",
        {
            "e": enrolment,
            "answered": answered,
            "error": error,
            "questions": [(str(quality.GROUPS[g]), code, text) for g, code, text in quality.QUESTIONS],
            "scale": quality.SCALE,
        },
    )


@require_perm(Perm.VIEW_TRAINING)
def class_quality(request, code):
    training_class = selectors.class_get(user=request.user, code=code)
    if not services.may_manage_class(request.user, training_class, Perm.VIEW_TRAINING):
        raise Http404
    form = InspectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            quality.inspection_record(training_class=training_class, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã ghi kết quả kiểm tra, giám sát."))
            return redirect("training:quality", code=training_class.code)
    sheets, valid, learners = quality.survey_counts(training_class)
    return render(
        request,
        "training/quality.html",
        {
            "c": training_class,
            "q": quality.class_quality(training_class),
            "sheets": sheets,
            "valid": valid,
            "learners": learners,
            "inspections": training_class.inspections.all(),
            "form": form,
            "can_manage": services.may_manage_class(request.user, training_class),
            "can_revoke": services.may_manage_class(request.user, training_class, Perm.RECORD_RESULTS),
            "certificates": selectors.class_certificates(user=request.user, training_class=training_class).order_by(
                "number"
            ),
        },
    )


@require_perm(Perm.VIEW_TRAINING)
def quality_report(request):
    """Quality across the classes the user sees: by institution and by programme, for a year."""
    year = query_year(request.GET)
    classes = selectors.classes_for(request.user)
    if year is not None:
        classes = classes.filter(start_date__year=year)
    by = request.GET.get("by", "institution")
    if by not in ("institution", "programme"):
        by = "institution"
    return render(
        request,
        "training/quality_report.html",
        {"rows": quality.quality_by(classes, by), "by": by, "year": year or "", "groups": list(quality.GROUPS.items())},
    )


@login_required
def self_study_new(request):
    person = request.user.person if getattr(request.user, "person_id", None) else None
    if person is None:
        raise Http404
    form = SelfStudyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            records.self_study_submit(person=person, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã gửi; số tiết được tính khi đơn vị xác nhận minh chứng."))
            return redirect("training:my")
    return render(request, "training/form.html", {"form": form, "heading": _("Khai báo tự học, học tập bên ngoài")})


@require_perm(Perm.MANAGE_PEOPLE)
def self_study_list(request):
    items = SelfStudy.objects.for_user(request.user).select_related("person").order_by("status", "-end_date")
    if request.GET.get("status") == SelfStudyStatus.SUBMITTED:  # the home's inbox: waiting for confirmation
        items = selectors.inbox_self_study(request.user).select_related("person").order_by("-end_date")
    items = items[:300]
    if request.method == "POST":
        item = get_object_or_404(SelfStudy.objects.for_user(request.user), pk=request.POST.get("item"))
        try:
            records.self_study_review(item=item, accept=request.POST.get("decision") == "accept")
        except DomainError as error:
            raise_if_permission_refusal(error)
            for message in error.messages:
                messages.error(request, message)
        return redirect("training:self_study")
    return render(request, "training/self_study.html", {"items": items, "submitted": SelfStudyStatus.SUBMITTED})


@require_perm(Perm.RECORD_RESULTS)
def enrolment_upload(request, code):
    """The class's learner / result list from Excel, through the same importer as
    `canbo import enrolments`: checked first ("Chỉ kiểm tra"), written only when every row is valid."""
    import os
    import tempfile

    from canbo.training.imports import import_enrolments

    training_class = selectors.class_get(user=request.user, code=code)
    if not services.may_manage_class(request.user, training_class, Perm.RECORD_RESULTS):
        raise Http404
    result = None
    upload = request.FILES.get("file")
    if request.method == "POST" and upload is not None:
        suffix = os.path.splitext(upload.name)[1].lower()[:5] or ".xlsx"
        with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            result = import_enrolments(handle.name, training_class=training_class, dry_run="check" in request.POST)
        finally:
            os.unlink(handle.name)
        if result.written:
            messages.success(
                request,
                _("Đã nhập %(c)s học viên mới, cập nhật %(u)s học viên.") % {"c": result.created, "u": result.updated},
            )
            return redirect("training:class", code=training_class.code)
    return render(request, "training/upload.html", {"c": training_class, "result": result})


@login_required
def self_study_evidence(request, pk):
    """The evidence file, only to the learner and to those who see the learner's record (never a
    public media URL: it is personal data). Always a download, typed by the kind checked at upload,
    never sniffed, never run as a page: whatever was stored cannot act in canbo's origin."""
    import os

    from django.http import FileResponse

    from canbo.core.uploads import content_type_for

    item = selectors.self_study_get(user=request.user, pk=pk)
    if not item.evidence_file:
        raise Http404
    name = os.path.basename(item.evidence_file.name)
    response = FileResponse(
        item.evidence_file.open("rb"), as_attachment=True, filename=name, content_type=content_type_for(name)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_perm(Perm.VIEW_PEOPLE)
def placements(request):
    months = query_int(request.GET, "months", low=1, high=1200) or records.placement_months()
    rows = list(records.not_placed(scope=Scope.for_user(request.user), months=months)[:500])
    # People in succession pools and their readiness for the pooled post: only for VIEW_POOLS (None
    # otherwise), and every display is logged.
    from canbo.careers import placement as pool_placement

    pools = pool_placement.pool_readiness(user=request.user)
    if pools:
        pool_placement.log_view(user=request.user, lines=pools)
    response = render(
        request,
        "training/placements.html",
        {"rows": rows, "months": months, "can_place": can(request.user, Perm.MANAGE_PEOPLE), "pools": pools},
    )
    if pools is not None:  # confidential: kept by no cache
        response["Cache-Control"] = "private, no-store"
    return response


@require_perm(Perm.MANAGE_PEOPLE)
def placement_new(request, pk):
    enrolment = get_object_or_404(Enrolment.objects.for_user(request.user).select_related("person"), pk=pk)
    form = PlacementForm(request.POST or None, initial={"post": enrolment.intended_post, "unit": enrolment.person.unit})
    # Only units the officer reaches: the form listed every open unit in the database.
    form.fields["unit"].queryset = Unit.objects.for_user(request.user).filter(valid_to__isnull=True).order_by("path")
    if request.method == "POST" and form.is_valid():
        try:
            records.placement_record(enrolment=enrolment, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã ghi bố trí sau đào tạo."))
            return redirect("training:placements")
    return render(
        request,
        "training/form.html",
        {"form": form, "heading": _("Bố trí sau đào tạo: %(name)s") % {"name": enrolment.person.full_name}},
    )
