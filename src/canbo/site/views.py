"""The pages that gather every app: the home dashboard and the global change log."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from canbo.accounts.decorators import require_perm
from canbo.accounts.permissions import Perm, perms_of
from canbo.core import audit
from canbo.core.dates import parse_day, today
from canbo.core.models import ChangeAction, ChangeLogEntry, ChangeOrigin
from canbo.core.query import query_int
from canbo.core.scope import Scope
from canbo.orgs.selectors import unit_counts


@login_required
def home(request):
    user = request.user
    scope = Scope.for_user(user)
    day = today()
    counts = unit_counts(user=user, day=day)
    counts["users"] = get_user_model().objects.filter(scope.q("unit__path"), is_active=True).count()
    if Perm.VIEW_CHANGELOG in perms_of(user):
        since = timezone.now() - datetime.timedelta(days=7)
        counts["changes_week"] = ChangeLogEntry.objects.within(scope).filter(time__gte=since).count()
    return render(request, "site/home.html", {"counts": counts, "day": day})


def _changes_filtered(request, scope: Scope):
    qs = ChangeLogEntry.objects.within(scope).select_related("content_type")
    g = request.GET
    if g.get("action") in ChangeAction.values:
        qs = qs.filter(action=g["action"])
    if g.get("origin") in ChangeOrigin.values:
        qs = qs.filter(origin=g["origin"])
    if (model := query_int(g, "model", low=1)) is not None:
        qs = qs.filter(content_type_id=model)
    if g.get("user"):
        qs = qs.filter(user_name__icontains=g["user"].strip())
    if g.get("q"):
        qs = qs.filter(object_repr__icontains=g["q"].strip())
    if g.get("request_id"):
        qs = qs.filter(request_id=g["request_id"].strip())
    start, end = parse_day(g.get("from")), parse_day(g.get("to"))
    if start:
        qs = qs.filter(time__date__gte=start)
    if end:
        qs = qs.filter(time__date__lte=end)
    return qs


@require_perm(Perm.VIEW_GLOBAL_CHANGELOG)
def changes(request):
    """The log for the user's reach, newest first, with keyset pagination (never a COUNT(*))."""
    qs = _changes_filtered(request, Scope.for_user(request.user))
    if (before := query_int(request.GET, "before", low=1)) is not None:
        qs = qs.filter(id__lt=before)
    size = settings.CANBO_PAGE_SIZE
    rows = list(qs.order_by("-id")[: size + 1])
    has_more = len(rows) > size
    rows = rows[:size]
    params = request.GET.copy()
    params.pop("before", None)
    if has_more:
        params["before"] = rows[-1].id
    logged_models = audit.logged_content_types()
    context = {
        "rows": rows,
        "next_query": params.urlencode() if has_more else "",
        "actions": ChangeAction.choices,
        "origins": ChangeOrigin.choices,
        "models": logged_models,
        "filters": request.GET,
    }
    template = "site/changes.html#rows" if request.htmx else "site/changes.html"
    return render(request, template, context)
