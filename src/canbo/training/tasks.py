"""Background tasks of training, run by `canbo worker` (django-tasks' database backend)."""

from django.utils.translation import gettext as _
from django_tasks import task

from canbo.core.context import acting_as


@task()
def issue_certificates(run_id: str) -> None:
    """The certificates of a large class (services.certificate_run_start), as the officer who asked."""
    from canbo.training.models import CertificateRun
    from canbo.training.services import certificate_run_execute

    run = CertificateRun.unscoped.select_related("user", "training_class").get(pk=run_id)
    label = _("Cấp chứng chỉ lớp %(code)s") % {"code": run.training_class.code}
    with acting_as(run.user, origin="task", label=label, request_id=run.pk.hex):
        certificate_run_execute(run_id=run.pk)
