from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "canbo.reports"
    label = "reports"
    verbose_name = _("Báo cáo, thống kê")

    def ready(self):
        from canbo.core.reports import register_report

        register_report("form", "canbo.reports.report_command.FormReport")
