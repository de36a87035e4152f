from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "canbo.standards"
    label = "standards"
    verbose_name = _("Tiêu chuẩn chức danh, vị trí việc làm")

    def ready(self):
        """Listen to the people writers (explicit hooks, not signals): a changed person, assignment or
        qualification re-checks that person's standards; and publish `canbo report standards`."""
        from canbo.core.reports import register_report
        from canbo.people import services as people_services
        from canbo.standards import engine

        if engine.on_people_changed not in people_services.PEOPLE_CHANGED_HOOKS:
            people_services.PEOPLE_CHANGED_HOOKS.append(engine.on_people_changed)
        register_report("standards", "canbo.standards.report_command.StandardsReport")
