"""One load of `canbo demo` for every test of this package.

The demo is the slowest fixture of the suite (20–40 s a load on PostgreSQL, ~200,000 rows), and a
dozen tests used to load it each; the rolled-back rows of those loads also slowed every later test
on PostgreSQL. Here it is loaded once, inside a transaction held open for the package and rolled back
at its end; each test's `db` runs in a savepoint of it, so every test starts from the same demo.
Tests that need an empty database (e.g. the refusal with debug off) stay outside this package.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="package")
def demo_load(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = io.StringIO()
            call_command("demo", demo_accounts=True, stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(db, demo_load):
    """What `canbo demo --demo-accounts` printed; the database holds the demo."""
    return demo_load
