from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "canbo.standards"
    label = "standards"
    verbose_name = _("Tiêu chuẩn chức danh, vị trí việc làm")
