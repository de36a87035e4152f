"""The import pages: upload → preview with every row's status → confirm → progress → result."""

from __future__ import annotations

import os
import tempfile

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.accounts.decorators import require_perm
from canbo.accounts.permissions import Perm
from canbo.accounts.services import log_sensitive_access
from canbo.core.errors import DomainError
from canbo.core.forms import apply_domain_error
from canbo.core.views import download_and_delete
from canbo.exchange import services
from canbo.exchange.export import write_template
from canbo.exchange.forms import ImportForm
from canbo.exchange.models import ImportJob, ImportStatus
from canbo.exchange.selectors import inbox_imports
from canbo.tabular.mapping import DOUBTFUL, column_index

PREVIEW_ROWS = 500


def _job(request, pk) -> ImportJob:
    job = ImportJob.objects.for_user(request.user).select_related("unit").filter(pk=pk).first()
    if job is None or (job.user_id != request.user.pk and not request.user.has_role("system_admin")):
        raise Http404(pk)
    return job


@require_perm(Perm.IMPORT_PEOPLE)
def import_upload(request):
    form = ImportForm(
        request.POST or None, request.FILES or None, user=request.user, initial={"unit": request.user.unit}
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_job_create(
                unit=form.cleaned_data["unit"],
                uploaded=form.cleaned_data["file"],
                skip_invalid=form.cleaned_data["skip_invalid"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return redirect("exchange:detail", pk=job.pk)
    waiting = request.GET.get("waiting") == "1"  # the home's inbox: the uploads still waiting for the user
    if waiting:
        recent = inbox_imports(request.user)[:100]
    else:
        recent = ImportJob.objects.for_user(request.user).filter(user=request.user).select_related("unit")[:10]
    return render(request, "exchange/upload.html", {"form": form, "recent": recent, "waiting": waiting})


def _fresh(job: ImportJob) -> ImportJob:
    """The job, marked failed first when it shows running but its worker's lease ran out."""
    if job.status in services.RUNNING and services.import_jobs_expire(job=job):
        job.refresh_from_db()
    return job


@require_perm(Perm.IMPORT_PEOPLE)
def import_retry(request, pk):
    """Queue a failed job again (nothing of the failed run was written)."""
    job = _job(request, pk)
    if request.method != "POST":
        return redirect("exchange:detail", pk=job.pk)
    try:
        services.import_job_retry(job=job)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("exchange:detail", pk=job.pk)


@require_perm(Perm.IMPORT_PEOPLE)
def import_template(request):
    handle, path = tempfile.mkstemp(prefix="canbo-template-", suffix=".xlsx")
    os.close(handle)
    write_template(path)
    return download_and_delete(path, "mau-nhap-can-bo.xlsx")


@require_perm(Perm.IMPORT_PEOPLE)
def import_detail(request, pk):
    job = _fresh(_job(request, pk))
    rows = job.rows
    show = request.GET.get("show", "invalid" if job.summary.get("invalid") else "all")
    if show == "invalid":
        rows = [r for r in rows if r[1] == "invalid"]
    context = {
        "job": job,
        "rows": rows[:PREVIEW_ROWS],
        "more_rows": max(0, len(rows) - PREVIEW_ROWS),
        "show": show,
        "summary": job.summary,
        "running": job.status in services.RUNNING,
        "retention_days": settings.CANBO_IMPORT_RETENTION_DAYS,
        "can_confirm": job.status == ImportStatus.VALIDATED
        and job.summary.get("valid")
        and (not job.summary.get("invalid") or job.skip_invalid),
        **_mapping_context(job),
    }
    if not context["running"] and job.status not in (ImportStatus.REFUSED, ImportStatus.FAILED):
        _log_preview(request.user, job)
    return render(request, "exchange/detail.html", context)


CONFIDENCE = {
    "exact": gettext_lazy("Khớp tên cột"),
    "loose": gettext_lazy("Gần giống, cần xác nhận"),
    "ambiguous": gettext_lazy("Chưa rõ, cần xác nhận"),
    "unused_data": gettext_lazy("Có dữ liệu nhưng không dùng, cần xác nhận"),
    "chosen": gettext_lazy("Đã chọn"),
}


def _mapping_context(job: ImportJob) -> dict:
    """The preview's column mapping: each column with its select, the reading's confidence, the
    doubt to confirm and sample values; editable while the job waits for confirmation (or was
    refused after a mapping, so the officer can correct it)."""
    columns = job.summary.get("columns") or []
    labels = {code: _(label) for code, label in (job.summary.get("fields") or {}).items()}
    shown = []
    for c in columns:
        doubtful = c.get("confidence") in DOUBTFUL
        shown.append(
            {
                **c,
                "index": column_index(c["column"]),
                "label": labels.get(c["field"], c["field"]) if c["field"] else _("Không dùng"),
                "confidence_label": CONFIDENCE.get(c.get("confidence"), c.get("confidence")),
                "doubtful": doubtful,
            }
        )
    editable = bool(columns) and not job.purged_at and job.status in (ImportStatus.VALIDATED, ImportStatus.REFUSED)
    return {
        "columns": shown,
        "field_choices": list(labels.items()),  # the import template's order: name, gender, birth…
        "mapping_editable": editable,
        "doubt_count": sum(1 for c in shown if c["doubtful"]),
    }


def _posted_mapping(request) -> dict[int, str | None]:
    """The preview's selects: col-<index> = field code, "" for "Không dùng"."""
    posted = {}
    for key, value in request.POST.items():
        if key.startswith("col-") and key[4:].isdigit():
            posted[int(key[4:])] = value or None
    return posted


def _posted_confirmations(request) -> list[int]:
    return [int(v) for v in request.POST.getlist("confirm") if v.isdigit()]


def _log_preview(user, job: ImportJob) -> None:
    """The preview shows the file's values (an error's value, a row's message), sensitive columns
    included: logged once per view, as the rows of this job (they are not all in the registry)."""
    fields = job.summary.get("sensitive_columns") or []
    if fields:
        log_sensitive_access(
            user=user,
            fields=fields,
            where="import_preview",
            count=job.summary.get("rows", 0),
            criteria={"import_job": str(job.pk)},
        )


@require_perm(Perm.IMPORT_PEOPLE)
def import_progress(request, pk):
    job = _fresh(_job(request, pk))
    if job.status not in (ImportStatus.VALIDATING, ImportStatus.IMPORTING):
        response = render(request, "exchange/_progress.html", {"job": job})
        response["HX-Refresh"] = "true"
        return response
    return render(request, "exchange/_progress.html", {"job": job})


@require_perm(Perm.IMPORT_PEOPLE)
def import_confirm(request, pk):
    job = _job(request, pk)
    if request.method != "POST":
        return redirect("exchange:detail", pk=job.pk)
    try:
        job = services.import_job_confirm(
            job=job, confirmed=_posted_confirmations(request), seen=_posted_mapping(request) or None
        )
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if job.status == ImportStatus.DONE:
            messages.success(
                request,
                _("Đã nhập xong: %(c)s hồ sơ mới, %(u)s hồ sơ cập nhật.")
                % {"c": job.summary.get("created", 0), "u": job.summary.get("updated", 0)},
            )
    return redirect("exchange:detail", pk=job.pk)


@require_perm(Perm.IMPORT_PEOPLE)
def import_remap(request, pk):
    """ "Kiểm tra lại": validate the same upload again with the column mapping chosen on the preview."""
    job = _job(request, pk)
    if request.method != "POST":
        return redirect("exchange:detail", pk=job.pk)
    try:
        services.import_job_remap(job=job, choices=_posted_mapping(request), confirmed=_posted_confirmations(request))
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("exchange:detail", pk=job.pk)


@require_perm(Perm.IMPORT_PEOPLE)
def import_sheet(request, pk):
    """Validate the same upload again from the worksheet chosen on the preview."""
    job = _job(request, pk)
    if request.method != "POST":
        return redirect("exchange:detail", pk=job.pk)
    try:
        services.import_job_choose_sheet(job=job, sheet=request.POST.get("sheet", ""))
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("exchange:detail", pk=job.pk)


@require_perm(Perm.IMPORT_PEOPLE)
def import_errors(request, pk):
    job = _job(request, pk)
    if not job.error_file:
        raise Http404(pk)
    name = job.file_name.rsplit(".", 1)[0] + "-loi.xlsx"
    return FileResponse(open(job.error_file, "rb"), as_attachment=True, filename=name)
