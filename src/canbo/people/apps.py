from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "canbo.people"
    label = "people"
    verbose_name = _("Cán bộ, công chức, viên chức")

    def ready(self):
        """Register with the org services (explicit hooks, not signals): closing a unit with staff
        is refused, and moving a subtree moves its people's copied paths."""
        from canbo.orgs import services as org_services
        from canbo.people import services

        if services.open_staff_check not in org_services.CLOSE_CHECKS:
            org_services.CLOSE_CHECKS.append(services.open_staff_check)
        if services.unit_moved not in org_services.PATH_MOVE_HOOKS:
            org_services.PATH_MOVE_HOOKS.append(services.unit_moved)
