from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitLevel(models.TextChoices):
    """Which tier a title or job position belongs to (a rule may apply to one tier only)."""

    ANY = "any", _("Mọi cấp")
    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE = "commune", _("Cấp xã")


class PositionGroup(models.TextChoices):
    """The four groups of job positions (NĐ 62/2020/NĐ-CP; NĐ 106/2020/NĐ-CP for viên chức)."""

    LEADERSHIP = "leadership", _("Lãnh đạo, quản lý")
    SPECIALIST = "specialist", _("Chuyên môn, nghiệp vụ chuyên ngành")
    SHARED = "shared", _("Chuyên môn, nghiệp vụ dùng chung")
    SUPPORT = "support", _("Hỗ trợ, phục vụ")


class RuleKind(models.TextChoices):
    """A rule either asks for a minimum level on a ladder or for yearly periods of bồi dưỡng."""

    LEVEL = "level", _("Trình độ tối thiểu")
    DUTY = "duty", _("Nghĩa vụ bồi dưỡng hằng năm")


class GapStatus(models.IntegerChoices):
    """Stored as a small integer: the gap table has a row per person and applicable rule."""

    UNMET = 0, _("Chưa đạt")
    MET = 1, _("Đạt")
    GRACE = 2, _("Chưa đạt, trong thời hạn bổ sung")
    # Held the title when the decree took effect: not counted as unmet until the deadline.
    TRANSITION = 3, _("Chưa đạt, trong thời hạn chuẩn hoá")
