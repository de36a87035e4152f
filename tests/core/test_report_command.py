"""`canbo report NAME …` hands its options to the sub-command an app registered."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from canbo.core.cli import EXIT_USAGE, CanboCommand
from canbo.core.reports import REPORTS, register_report


class EchoReport(CanboCommand):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        self.stdout.write(f"year={options['year']} json={options['json']} lang={options['lang']}")


@pytest.fixture
def echo_report():
    register_report("echo-test", "tests.core.test_report_command.EchoReport")
    yield
    REPORTS.pop("echo-test", None)


def test_options_reach_the_registered_report(echo_report):
    out = StringIO()
    call_command("report", "echo-test", "--year", "2021", "--json", stdout=out)
    assert out.getvalue().strip() == "year=2021 json=True lang=vi"


def test_unknown_report_is_a_usage_error_naming_it(echo_report):
    with pytest.raises(CommandError) as e:
        call_command("report", "khong-co")
    assert e.value.returncode == EXIT_USAGE
    assert "khong-co" in str(e.value) and "echo-test" in str(e.value)
