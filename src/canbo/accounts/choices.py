from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")
    PROVINCE_HR_ADMIN = "province_hr_admin", _("Quản trị nhân sự cấp tỉnh")
    UNIT_HR_OFFICER = "unit_hr_officer", _("Cán bộ tổ chức của đơn vị")
    TRAINING_OFFICER = "training_officer", _("Cán bộ cơ sở đào tạo")
    LEADER = "leader", _("Lãnh đạo (chỉ xem)")
    POOL_OFFICER = "pool_officer", _("Cán bộ phụ trách công tác quy hoạch")
    CADRE = "cadre", _("Cán bộ, công chức, viên chức (hồ sơ của mình)")
