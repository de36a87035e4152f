from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    """Draft → submitted → approved (or returned to the unit with comments) → closed."""

    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã trình, chờ duyệt")
    RETURNED = "returned", _("Bị trả lại để sửa")
    APPROVED = "approved", _("Đã phê duyệt")
    CLOSED = "closed", _("Đã kết thúc")


class TargetGroup(models.TextChoices):
    """Who a target trains: the legal categories, and commune-level staff as their own group."""

    CAN_BO = "can_bo", _("Cán bộ")
    CONG_CHUC = "cong_chuc", _("Công chức")
    VIEN_CHUC = "vien_chuc", _("Viên chức")
    COMMUNE = "commune", _("Cán bộ, công chức cấp xã")
    OTHER = "other", _("Đối tượng khác")


class PlanAction(models.TextChoices):
    CREATE = "create", _("Lập kế hoạch")
    EDIT = "edit", _("Sửa kế hoạch")
    SUBMIT = "submit", _("Trình duyệt")
    RETURN = "return", _("Trả lại")
    APPROVE = "approve", _("Phê duyệt")
    CLOSE = "close", _("Kết thúc")
    REOPEN = "reopen", _("Mở lại để sửa")
