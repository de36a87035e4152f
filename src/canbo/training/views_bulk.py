"""Bulk nomination pages: paste a column of ID numbers or names on a class's "Cử nhiều người" page,
or tick people on a list (the standards page's needs) and send them to a class; one request either
way, through `training.bulk.enrolment_nominate_many`."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from canbo.accounts.decorators import require_perm
from canbo.accounts.permissions import Perm
from canbo.core.query import query_id_list
from canbo.people.models import Person
from canbo.training import bulk, selectors
from canbo.training.choices import ClassStatus


def _report(request, result: bulk.BulkResult) -> None:
    if result.nominated:
        messages.success(request, _("Đã cử %(n)s người vào lớp.") % {"n": len(result.nominated)})
    for refusal in result.refused:
        messages.error(request, f"{refusal.label}: {refusal.reason}" if refusal.label else refusal.reason)


@require_perm(Perm.NOMINATE)
def nominate_many(request, code):
    """GET: a textarea for a column of ID numbers (CCCD / CMND) or full names. POST: each line
    resolved to one person within reach, then everyone resolved nominated; the page shows who
    was nominated and each refused line with its reason, and keeps the refused lines to fix."""
    training_class = selectors.class_get(user=request.user, code=code)
    text, note, result, unresolved = "", "", None, []
    if request.method == "POST":
        text = request.POST.get("lines", "")
        note = request.POST.get("note", "").strip()
        people, unresolved = bulk.resolve_lines(user=request.user, text=text)
        result = bulk.enrolment_nominate_many(training_class, people, note=note)
        # What is left to fix goes back into the box: the unresolved lines and the refused people.
        text = "\n".join(
            [r.line for r in unresolved if r.line]
            + [r.person.id_number or r.person.full_name for r in result.refused if r.person is not None]
        )
    return render(
        request,
        "training/nominate_many.html",
        {
            "c": training_class,
            "open": training_class.status in (ClassStatus.PLANNED, ClassStatus.OPEN),
            "text": text,
            "note": note,
            "result": result,
            "unresolved": unresolved,
            "refused_count": len(unresolved) + (len(result.refused) if result else 0),
        },
    )


@require_POST
@require_perm(Perm.NOMINATE)
def nominate_selected(request):
    """The people ticked on a list (person ids) nominated to the chosen class (its code) in one
    request; back to the class page, which lists them, with the refusals as messages."""
    code = request.POST.get("training_class", "").strip()
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    ids = query_id_list(request.POST, "person")
    if not code or not ids:
        messages.error(request, _("Hãy chọn lớp và ít nhất một người."))
        return redirect(back or "training:classes")
    training_class = selectors.class_get(user=request.user, code=code)
    people = list(Person.objects.for_user(request.user).filter(pk__in=ids).order_by("sort_key", "pk"))
    result = bulk.enrolment_nominate_many(training_class, people)
    missing = len(ids) - len(people)
    if missing:
        result.refused.insert(
            0, bulk.Refusal("", _("%(n)s người đã chọn không thuộc phạm vi của bạn, không cử được.") % {"n": missing})
        )
    _report(request, result)
    return redirect("training:class", code=training_class.code)
