from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "canbo.plans"
    label = "plans"
    verbose_name = _("Kế hoạch đào tạo, bồi dưỡng")

    def ready(self):
        """Publish the plan reports under `canbo report` and the plan-vs-actual summaries under
        `canbo summaries` (what plans listen to is in canbo/events.py)."""
        from canbo.core.reports import register_report, register_summary

        register_summary("training", "canbo.plans.summaries", by_year=True)
        register_report("summary", "canbo.plans.report_commands.SummaryReport")
        register_report("plan-vs-actual", "canbo.plans.report_commands.PlanVsActualReport")
