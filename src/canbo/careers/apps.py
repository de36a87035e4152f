from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareersConfig(AppConfig):
    name = "canbo.careers"
    label = "careers"
    verbose_name = _("Đánh giá, quy hoạch và bố trí cán bộ")
