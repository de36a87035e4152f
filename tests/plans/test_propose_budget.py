"""The proposal page's budget is typed the Vietnamese way; what cannot be read is said, and no run
starts — never a proposal silently made without the budget the officer meant. Runs are working
papers: the nightly purge deletes them after the retention."""

import pytest
from django.urls import reverse

from canbo.plans.models import ProposalRun
from tests.plans.test_propose import world  # noqa: F401  (the fixture)
from tests.standards.conftest import *  # noqa: F403
from tests.training.conftest import *  # noqa: F403


@pytest.mark.parametrize(
    ("typed", "read"), [("500.000.000", 500_000_000), ("500 000 000", 500_000_000), ("1200000", 1_200_000), ("", None)]
)
def test_a_budget_typed_with_dots_or_spaces_is_read(world, login, typed, read):  # noqa: F811
    client = login("officer_a")
    response = client.post(reverse("plans:propose_start"), {"unit": "P-THANHNUA", "year": 2027, "budget": typed})
    assert response.status_code == 302
    assert ProposalRun.unscoped.latest("created_at").budget == read


@pytest.mark.parametrize("typed", ["năm trăm triệu", "-5", "1.200,5"])
def test_an_unreadable_budget_is_refused_with_the_value_and_no_run(world, login, typed):  # noqa: F811
    client = login("officer_a")
    response = client.post(reverse("plans:propose_start"), {"unit": "P-THANHNUA", "year": 2027, "budget": typed})
    assert response.status_code == 400
    body = response.content.decode()
    assert f"«{typed}»" in body and "is-invalid" in body
    assert not ProposalRun.unscoped.exists()


def test_runs_past_the_retention_are_deleted_by_the_nightly_purge(world, login):  # noqa: F811
    import datetime

    from django.utils import timezone

    from canbo.site import schedule

    client = login("officer_a")
    for _ in range(2):
        client.post(reverse("plans:propose_start"), {"unit": "P-THANHNUA", "year": 2027})
    old, new = ProposalRun.unscoped.order_by("created_at")
    now = timezone.now()
    ProposalRun.unscoped.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=31))
    ProposalRun.unscoped.filter(pk=new.pk).update(created_at=now - datetime.timedelta(days=29))
    at = timezone.localtime(now).replace(hour=3, minute=0)
    purge = tuple(job for job in schedule.JOBS if job.name == "import_files_purge")
    assert schedule.run_due(now=at, jobs=purge) == ["import_files_purge"]
    assert list(ProposalRun.unscoped.values_list("pk", flat=True)) == [new.pk]
    assert client.get(reverse("plans:propose") + f"?run={old.pk}").status_code == 404
