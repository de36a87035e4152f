from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeGroup(models.TextChoices):
    """Đào tạo grants a diploma level; bồi dưỡng updates knowledge and skills (REFERENCE.md §6)."""

    DAO_TAO = "dao_tao", _("Đào tạo")
    BOI_DUONG = "boi_duong", _("Bồi dưỡng")


class Place(models.TextChoices):
    IN_PROVINCE = "in_province", _("Trong tỉnh")
    IN_COUNTRY = "in_country", _("Ngoài tỉnh (trong nước)")
    ABROAD = "abroad", _("Nước ngoài")


class StudyMode(models.TextChoices):
    """Biểu số 10-BTCTW splits political-theory training into full-time and part-time."""

    FULL_TIME = "full_time", _("Tập trung")
    PART_TIME = "part_time", _("Không tập trung")


class Funding(models.TextChoices):
    STATE_BUDGET = "state_budget", _("Ngân sách nhà nước")
    AGENCY = "agency", _("Cơ quan, đơn vị")
    LEARNER = "learner", _("Người học")
    SPONSOR = "sponsor", _("Tài trợ")
    MIXED = "mixed", _("Nhiều nguồn")


class ClassStatus(models.TextChoices):
    PLANNED = "planned", _("Dự kiến")
    OPEN = "open", _("Đang nhận cử học viên")
    RUNNING = "running", _("Đang học")
    FINISHED = "finished", _("Đã kết thúc")
    CANCELLED = "cancelled", _("Đã hủy")


class EnrolmentStatus(models.TextChoices):
    NOMINATED = "nominated", _("Được cử, chờ duyệt")
    APPROVED = "approved", _("Được duyệt")
    WAITLISTED = "waitlisted", _("Danh sách chờ")
    REJECTED = "rejected", _("Không được duyệt")
    WITHDRAWN = "withdrawn", _("Rút khỏi lớp")


class Result(models.TextChoices):
    PASSED = "passed", _("Hoàn thành")
    FAILED = "failed", _("Không hoàn thành")
