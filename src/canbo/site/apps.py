from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The site: what puts the apps together (home page, navigation, global change log, admin
    site, demo loader, worker's periodic jobs). It may import every app; `core` imports none."""

    name = "canbo.site"
    label = "site"
    verbose_name = _("Trang chung")
