"""Navigation shown in the shell, filtered by what the user may open."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from canbo.accounts.permissions import Perm, perms_of

NAV = [
    ("home", _("Tổng quan"), "site:home", None, "speedometer2"),
    ("people", _("Hồ sơ cán bộ"), "people:list", Perm.VIEW_PEOPLE, "people"),
    ("import", _("Nhập Excel"), "exchange:import", Perm.IMPORT_PEOPLE, "file-earmark-arrow-up"),
    ("orgs", _("Tổ chức"), "orgs:tree", Perm.VIEW_UNITS, "diagram-3"),
    ("standards", _("Tiêu chuẩn"), "standards:home", Perm.VIEW_STANDARDS, "patch-check"),
    ("training", _("Lớp đào tạo, bồi dưỡng"), "training:classes", Perm.VIEW_TRAINING, "mortarboard"),
    ("my_training", _("Học tập của tôi"), "training:my", None, "journal-bookmark"),
    ("plans", _("Kế hoạch đào tạo"), "plans:index", Perm.VIEW_PLANS, "clipboard-data"),
    ("careers", _("Công tác cán bộ"), "careers:index", (Perm.VIEW_EVALUATIONS, Perm.VIEW_POOLS), "award"),
    ("my_career", _("Đánh giá của tôi"), "careers:mine", Perm.VIEW_OWN_CAREER, "person-badge"),
    ("reports", _("Báo cáo, thống kê"), "reports:dashboard", Perm.VIEW_REPORTS, "bar-chart-line"),
    ("changes", _("Nhật ký thay đổi"), "site:changes", Perm.VIEW_GLOBAL_CHANGELOG, "clock-history"),
]


def _granted(perm, granted) -> bool:
    """No permission needed, the one named, or any of a tuple."""
    if perm is None:
        return True
    if isinstance(perm, tuple):
        return any(p in granted for p in perm)
    return perm in granted


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    granted = perms_of(user)
    items = [
        {"key": key, "label": label, "url": reverse(url), "icon": icon}
        for key, label, url, perm, icon in NAV
        if _granted(perm, granted) and (key not in ("my_training", "my_career") or getattr(user, "person_id", None))
    ]
    for item in items:
        url = item["url"]
        item["active"] = request.path == url if url == "/" else request.path.startswith(url)
    return {"nav_items": items}
