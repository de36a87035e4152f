from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Category(models.TextChoices):
    """The legal categories of staff (Luật Cán bộ, công chức; Luật Viên chức)."""

    CAN_BO = "can_bo", _("Cán bộ")
    CONG_CHUC = "cong_chuc", _("Công chức")
    VIEN_CHUC = "vien_chuc", _("Viên chức")
    KHONG_CHUYEN_TRACH = "khong_chuyen_trach", _("Người hoạt động không chuyên trách")
    HOP_DONG = "hop_dong", _("Hợp đồng lao động")


class QualificationSource(models.TextChoices):
    DECLARED = "declared", _("Tự khai")
    IMPORT = "import", _("Nhập từ tệp")
    TRAINING = "training", _("Hoàn thành khóa đào tạo")


class MemberRole(models.TextChoices):
    SECRETARY = "secretary", _("Bí thư")
    DEPUTY_SECRETARY = "deputy_secretary", _("Phó Bí thư")
    STANDING = "standing", _("Ủy viên Ban Thường vụ")
    MEMBER = "member", _("Ủy viên")
    CHAIR = "chair", _("Chủ tịch")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch")


class TransferStatus(models.TextChoices):
    RELEASED = "released", _("Chờ đơn vị nhận tiếp nhận")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    DECLINED = "declined", _("Đơn vị nhận từ chối")
    CANCELLED = "cancelled", _("Đơn vị chuyển đã hủy")
