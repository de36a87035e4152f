"""The pages that gather every app: the home dashboard and the global change log."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.accounts.choices import Role
from canbo.accounts.decorators import require_perm
from canbo.accounts.permissions import Perm, perms_of
from canbo.core import audit
from canbo.core.dates import parse_day, today
from canbo.core.models import ChangeAction, ChangeLogEntry, ChangeOrigin
from canbo.core.query import query_int
from canbo.core.scope import Scope
from canbo.orgs.selectors import home_unit, unit_counts


@dataclass
class InboxItem:
    """One line of "Việc cần làm": how many things wait, and the list that shows exactly them."""

    key: str
    label: str
    count: int
    url: str
    icon: str


def inbox_of(user) -> list[InboxItem]:
    """The work waiting for `user`, one line per kind the user's roles handle (a zero stays, so
    the user sees that nothing waits), each counted through the owning app's scoped selector."""
    from canbo.exchange.selectors import inbox_imports
    from canbo.plans.selectors import inbox_plans_to_review
    from canbo.training.selectors import inbox_nominations, inbox_own_classes, inbox_self_study, inbox_surveys

    granted = perms_of(user)
    items: list[InboxItem] = []

    def add(key, label, query, url, icon):
        items.append(InboxItem(key, label, query.count(), url, icon))

    if Perm.APPROVE_PLANS in granted:
        add(
            "plans",
            _("Kế hoạch đang chờ bạn duyệt (mọi năm)"),
            inbox_plans_to_review(user),
            reverse("plans:index") + "?review=1",
            "clipboard-check",
        )
    if Perm.MANAGE_CLASSES in granted and not Scope.for_user(user).person_only:
        add(
            "nominations",
            _("Người được cử học đang chờ bạn duyệt"),
            inbox_nominations(user),
            reverse("training:classes") + "?awaiting=1",
            "person-check",
        )
    if Perm.MANAGE_PEOPLE in granted:
        add(
            "self_study",
            _("Khai báo tự học đang chờ xác nhận"),
            inbox_self_study(user),
            reverse("training:self_study") + "?status=submitted",
            "journal-check",
        )
    if Perm.IMPORT_PEOPLE in granted:
        add(
            "imports",
            _("Lượt nhập Excel đang chờ bạn xử lý"),
            inbox_imports(user),
            reverse("exchange:import") + "?waiting=1",
            "file-earmark-arrow-up",
        )
    if getattr(user, "person_id", None):
        # One's own learning: always on a cadre's home, on an officer's only when something waits.
        own_only = Scope.for_user(user).person_only
        my = reverse("training:my")
        for item in (
            InboxItem(
                "surveys", _("Phiếu đánh giá khóa học đang chờ bạn"), inbox_surveys(user).count(), my, "ui-checks"
            ),
            InboxItem(
                "my_classes", _("Lớp bạn được cử hoặc đang học"), inbox_own_classes(user).count(), my, "mortarboard"
            ),
        ):
            if own_only or item.count:
                items.append(item)
    return items


def _board(user):
    """The dashboard's headline figures for the user's unit, of the latest year with data."""
    from canbo.plans.selectors import plan_vs_actual
    from canbo.reports.dashboard import dashboard_year

    if Perm.VIEW_REPORTS not in perms_of(user):
        return None
    unit = home_unit(user)
    if unit is None:
        return None
    year = dashboard_year(unit)
    return {"unit": unit, "year": year, "total": plan_vs_actual(user=user, unit=unit, year=year).total}


@login_required
def home(request):
    """Each role's home: its inbox, its dashboard of the latest year with data, its shortcuts; the
    system administrator's counters last."""
    user = request.user
    day = today()
    counts = unit_counts(user=user, day=day)
    admin = None
    if user.has_role(Role.SYSTEM_ADMIN):
        since = timezone.now() - datetime.timedelta(days=7)
        scope = Scope.for_user(user)
        admin = {
            "users": get_user_model().objects.filter(scope.q("unit__path"), is_active=True).count(),
            "changes_week": ChangeLogEntry.objects.within(scope).filter(time__gte=since).count(),
        }
    inbox = inbox_of(user)
    context = {
        "counts": counts,
        "day": day,
        "inbox": inbox,
        "waiting": sum(item.count for item in inbox),
        "board": _board(user),
        "admin": admin,
        "own_only": Scope.for_user(user).person_only,
    }
    return render(request, "site/home.html", context)


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
