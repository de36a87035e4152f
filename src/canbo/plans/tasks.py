"""Background tasks of plans, run by `canbo worker` (django-tasks' database backend)."""

from django.utils.translation import gettext as _
from django_tasks import task

from canbo.core.context import acting_as


@task()
def run_proposal(run_id: str) -> None:
    """The optimised proposal of a large subtree (propose.run_start), as the officer who asked."""
    from canbo.plans.models import ProposalRun
    from canbo.plans.propose import run_execute

    run = ProposalRun.unscoped.select_related("user", "unit").get(pk=run_id)
    label = _("Lập đề xuất cử đi học %(unit)s năm %(year)s") % {"unit": run.unit.code, "year": run.year}
    with acting_as(run.user, origin="task", label=label, request_id=run.pk.hex):
        run_execute(run_id=run.pk)
