"""Background tasks run by `canbo worker` (django-tasks' database backend)."""

from django_tasks import task

from canbo.exchange.services import run_job


@task()
def validate_import(job_id: str) -> None:
    run_job(job_id, commit=False, heartbeat=True)


@task()
def commit_import(job_id: str) -> None:
    run_job(job_id, commit=True, heartbeat=True)


@task()
def export_people(job_id: str) -> None:
    from canbo.exchange.exports import run_export

    run_export(job_id)
