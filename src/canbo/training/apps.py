from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "canbo.training"
    label = "training"
    verbose_name = _("Đào tạo, bồi dưỡng")

    def ready(self):
        """Explicit hooks, not signals: accepted self-study counts toward the duty; moving a subtree
        moves the copied unit paths of its enrolments, certificates and self-study records."""
        from canbo.orgs import services as org_services
        from canbo.training import records, services

        if records.self_study_contributions not in services.DUTY_SOURCES:
            services.DUTY_SOURCES.append(records.self_study_contributions)
        if services.unit_moved not in org_services.PATH_MOVE_HOOKS:
            org_services.PATH_MOVE_HOOKS.append(services.unit_moved)
