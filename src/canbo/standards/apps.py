from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "canbo.standards"
    label = "standards"
    verbose_name = _("Tiêu chuẩn chức danh, vị trí việc làm")

    def ready(self):
        """Publish `canbo report standards` (the gap engine's re-check of changed people is in
        canbo/events.py)."""
        from canbo.core.reports import register_report

        register_report("standards", "canbo.standards.report_command.StandardsReport")
