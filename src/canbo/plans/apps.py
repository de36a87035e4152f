from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "canbo.plans"
    label = "plans"
    verbose_name = _("Kế hoạch đào tạo, bồi dưỡng")

    def ready(self):
        """Keep the plan-vs-actual summaries in step with every class change and subtree move (explicit hooks), and
        publish the plan reports under `canbo report`."""
        from canbo.core.reports import register_report, register_summary
        from canbo.orgs import services as org_services
        from canbo.plans import summaries
        from canbo.training import services as training_services

        if summaries.classes_changed not in training_services.CLASS_CHANGED_HOOKS:
            training_services.CLASS_CHANGED_HOOKS.append(summaries.classes_changed)
        # After the training app's own hook has rewritten the enrolments' paths (apps load in order).
        if summaries.unit_moved not in org_services.PATH_MOVE_HOOKS:
            org_services.PATH_MOVE_HOOKS.append(summaries.unit_moved)
        register_summary("training", "canbo.plans.summaries", by_year=True)
        register_report("summary", "canbo.plans.report_commands.SummaryReport")
        register_report("plan-vs-actual", "canbo.plans.report_commands.PlanVsActualReport")
