"""The demo command's refusal on an empty database (the demo itself is tested in tests/demo/)."""

import io

import pytest
from django.core.management import CommandError, call_command

from canbo.accounts.models import User
from canbo.orgs.models import Unit


def test_it_refuses_to_create_the_public_demo_accounts_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError) as refused:
        call_command("demo", stdout=io.StringIO())
    assert refused.value.returncode == 2
    assert "--demo-accounts" in str(refused.value) and "CANBO_DEBUG=0" in str(refused.value)
    assert not Unit.unscoped.exists() and not User.objects.exists()
