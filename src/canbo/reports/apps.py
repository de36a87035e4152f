from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "canbo.reports"
    label = "reports"
    verbose_name = _("Báo cáo, thống kê")

    def ready(self):
        """Publish `canbo report form` and the staff-quality summaries under `canbo summaries`
        (what keeps them in step with people is in canbo/events.py)."""
        from canbo.core.reports import register_report, register_summary

        register_summary("quality", "canbo.reports.quality")
        register_report("form", "canbo.reports.report_command.FormReport")
        register_report("emulation", "canbo.reports.report_emulation.EmulationReport")
