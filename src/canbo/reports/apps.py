from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "canbo.reports"
    label = "reports"
    verbose_name = _("Báo cáo, thống kê")

    def ready(self):
        """Keep the staff-quality summaries in step with every change to people (an explicit hook,
        not signals), and publish `canbo report form`."""
        from canbo.core.reports import register_report, register_summary
        from canbo.people import services as people_services
        from canbo.reports import quality

        if quality.on_people_changed not in people_services.PEOPLE_CHANGED_HOOKS:
            people_services.PEOPLE_CHANGED_HOOKS.append(quality.on_people_changed)

        register_summary("quality", "canbo.reports.quality")
        register_report("form", "canbo.reports.report_command.FormReport")
