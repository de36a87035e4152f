"""The import registry: each app declares its kinds; the command and the upload dispatch through it."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from canbo.tabular import registry


def test_every_apps_kind_is_registered_and_resolves():
    kinds = registry.kinds()
    assert {"people", "classes", "enrolments"} <= set(kinds)
    assert kinds["people"].upload and kinds["people"].needs_unit
    assert not kinds["enrolments"].needs_unit
    for kind in kinds.values():
        assert callable(kind.runner()), kind.run


def test_a_kind_cannot_be_registered_twice_with_another_runner():
    with pytest.raises(ValueError, match="registered twice"):
        registry.register(registry.ImportKind(name="people", label="x", run="canbo.training.imports.run_classes"))


def test_the_command_offers_exactly_the_registered_kinds(capsys):
    with pytest.raises(CommandError) as refused:
        call_command("import", "payroll", "f.xlsx")
    message = str(refused.value)
    assert "payroll" in message
    for name in registry.kinds():
        assert name in message
