"""A long people list exported in the background: start (POST from the page the export link
shows for a long list), a page with a progress bar (htmx polls it), then the download. A job is
its user's only: anyone else gets 404."""

from __future__ import annotations

from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from canbo.accounts.decorators import require_perm
from canbo.accounts.permissions import Perm
from canbo.accounts.services import log_sensitive_access
from canbo.exchange import exports
from canbo.exchange.export import TEMPLATE_FIELDS
from canbo.exchange.models import ExportJob, ExportStatus
from canbo.people import selectors
from canbo.people.sensitive import SENSITIVE_FIELDS, may_see_sensitive


@require_POST
@require_perm(Perm.VIEW_PEOPLE)
def export_start(request):
    user = request.user
    query = request.POST.get("query", "")
    try:
        flt = selectors.PeopleFilter.from_params(QueryDict(query), user=user)
    except selectors.UnitNotResolved:
        return redirect(f"{reverse('people:list')}?{query}")
    qs = flt.apply(selectors.people_for(user))
    total = qs.count()
    if may_see_sensitive(user):
        log_sensitive_access(
            user=user,
            fields=[f for f in TEMPLATE_FIELDS if f in SENSITIVE_FIELDS],
            where="people_export",
            queryset=qs,
            criteria=flt.describe(),
        )
    job = exports.export_start(user=user, query=query, total=total)
    return redirect("people:export_job", job_id=job.pk)


def _job(request, job_id) -> ExportJob:
    job = ExportJob.objects.filter(pk=job_id, user=request.user).first()
    if job is None:
        raise Http404
    return job


@require_perm(Perm.VIEW_PEOPLE)
def export_job(request, job_id):
    return render(request, "people/export_job.html", {"job": _job(request, job_id)})


@require_perm(Perm.VIEW_PEOPLE)
def export_progress(request, job_id):
    return render(request, "people/_export_progress.html", {"job": _job(request, job_id)})


@require_perm(Perm.VIEW_PEOPLE)
def export_file(request, job_id):
    job = _job(request, job_id)
    if job.status != ExportStatus.DONE or not job.file_path:
        raise Http404
    try:
        handle = open(job.file_path, "rb")  # noqa: SIM115 - closed by FileResponse
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=job.file_name)
