from django.db import models
from django.utils.translation import gettext_lazy as _


class EvaluationLevel(models.TextChoices):
    """The four levels of the annual classification (NĐ 90/2020, NĐ 48/2023, NĐ 335/2025)."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    DONE = "done", _("Hoàn thành nhiệm vụ")
    FAILED = "failed", _("Không hoàn thành nhiệm vụ")


class Sanction(models.TextChoices):
    """A disciplinary sanction taking effect in the evaluated year (the heaviest one)."""

    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    SALARY_DOWN = "salary_down", _("Hạ bậc lương")
    DEMOTION = "demotion", _("Giáng chức")
    REMOVAL = "removal", _("Cách chức")
    DISMISSAL = "dismissal", _("Buộc thôi việc")


class CapBasis(models.TextChoices):
    """What the cap on "xuất sắc" is a share of, within a unit and year."""

    GOOD = "good", _("số được xếp loại hoàn thành tốt nhiệm vụ")
    TOTAL = "total", _("tổng số người được đánh giá")


class PoolRuleKind(models.TextChoices):
    """Checks on succession pools, kept as data with their source (Quy định 377-QĐ/TW and the
    province's own targets)."""

    MAX_PEOPLE_PER_POST = "max_people_per_post", _("Số người tối đa quy hoạch vào một chức danh")
    MAX_POSTS_PER_PERSON = "max_posts_per_person", _("Số chức danh tối đa một người được quy hoạch")
    MIN_YEARS_TO_SERVE = "min_years_to_serve", _("Số năm công tác tối thiểu còn lại tính từ đầu nhiệm kỳ")
    MIN_VOTE_PERCENT = "min_vote_percent", _("Tỷ lệ phiếu giới thiệu tối thiểu (%)")
    UNDER_40_PERCENT = "under_40_percent", _("Tỷ lệ cán bộ trẻ (dưới 40 tuổi) tối thiểu (%)")
    WOMEN_PERCENT = "women_percent", _("Tỷ lệ cán bộ nữ tối thiểu (%)")
    MINORITY_PERCENT = "minority_percent", _("Tỷ lệ cán bộ người dân tộc thiểu số tối thiểu (%)")


class PoolExit(models.TextChoices):
    """Why a person leaves a pool at the annual review (đưa ra khỏi quy hoạch)."""

    APPOINTED = "appointed", _("Đã được bổ nhiệm, bầu vào chức danh quy hoạch")
    AGE = "age", _("Không còn đủ tuổi công tác")
    EVALUATION = "evaluation", _("Không hoàn thành nhiệm vụ")
    DISCIPLINE = "discipline", _("Bị kỷ luật")
    HEALTH = "health", _("Sức khỏe không bảo đảm")
    MOVED = "moved", _("Chuyển công tác")
    OTHER = "other", _("Lý do khác")
