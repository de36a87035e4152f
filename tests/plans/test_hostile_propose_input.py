"""Hostile input to `canbo plan propose`: a budget written the Vietnamese way ("1.200.000"), a budget
or a year that is not a number, an unknown unit, year 1800, a unit with nobody: exit 0 with places,
exit 2 with a Vietnamese usage message, or exit 1 with the reason — never an English argparse error."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.standards.conftest import *  # noqa: F403  (seeded rules, make_person)
from tests.training.conftest import *  # noqa: F403  (programme kinds, LLCT, make_class)

D = datetime.date


@pytest.fixture
def world(make_person, llct, make_class, tree, kinds):
    """Two chairmen of A and one of B short of Trung cấp LLCT; an LLCT class in 2027, 10,000,000 đồng a place."""
    for name, unit in (("Lò Văn Một", "a"), ("Lò Văn Hai", "a"), ("Xã Bê", "b")):
        make_person("Chủ tịch Ủy ban nhân dân", unit=unit, levels=[("general_education", "thpt")], name=name)
    return make_class(llct, start=D(2027, 3, 1), days=200, capacity=5, cost=50_000_000)


def _run(*args):
    out = io.StringIO()
    call_command("plan", "propose", *args, stdout=out)
    return out.getvalue()


def _exit(code, *args):
    with pytest.raises(CommandError) as caught:
        _run(*args)
    assert caught.value.returncode == code
    return str(caught.value)


@pytest.mark.parametrize("written", ["10.000.000", "10 000 000", "10000000"])
def test_a_budget_written_with_thousands_dots_is_read(world, written):
    data = json.loads(_run("--unit", "P", "--year", "2027", "--budget", written, "--json"))
    assert data["budget"] == 10_000_000
    assert len(data["assignments"]) == 1  # one place of 10.000.000 đồng
    assert any(limit["limit"] == "budget" and limit["binding"] for limit in data["limits"])


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--budget", "abc"), "Kinh phí «abc» không phải là số tiền"),
        (("--budget", "1,5"), "Kinh phí «1,5» không phải là số tiền"),
        (("--budget", "-5"), "Kinh phí phải là số không âm."),
    ],
)
def test_a_budget_that_is_not_an_amount_is_a_usage_error_in_vietnamese(world, args, words):
    assert words in _exit(2, "--unit", "P", "--year", "2027", *args)


def test_a_year_that_is_not_a_number_is_a_usage_error_in_vietnamese(world):
    assert "Năm «abc» không hợp lệ" in _exit(2, "--unit", "P", "--year", "abc")
    assert "Năm 1800 không hợp lệ" in _exit(2, "--unit", "P", "--year", "1800")


def test_unknown_unit_is_exit_2_and_an_empty_unit_exit_1_with_the_reason(world):
    assert "Không có đơn vị nào có mã “NOPE”" in _exit(2, "--unit", "NOPE", "--year", "2027")
    message = _exit(1, "--unit", "P-THANHNUA-VP", "--year", "2027")
    assert message.startswith("Không có ai làm việc tại")


@pytest.mark.parametrize("written", ["-5", "0", "nan", "abc"])
def test_a_time_limit_that_is_not_a_positive_number_of_seconds_is_a_usage_error(world, written):
    message = _exit(2, "--unit", "P", "--year", "2027", "--time-limit", written)
    assert message == f"Thời gian giải «{written}» không hợp lệ: ghi số giây lớn hơn 0, tối đa 3.600."


def test_a_time_limit_with_a_decimal_comma_is_read(world):
    data = json.loads(_run("--unit", "P", "--year", "2027", "--time-limit", "2,5", "--json"))
    assert len(data["assignments"]) >= 1


def test_the_page_reads_a_budget_with_thousands_dots_and_says_when_it_cannot(world, login):
    from django.urls import reverse

    from canbo.plans.models import ProposalRun

    client = login("officer_a")
    url = reverse("plans:propose_start")
    response = client.post(url, {"unit": "P-THANHNUA", "year": "2027", "budget": "10.000.000"}, follow=True)
    assert response.status_code == 200
    assert ProposalRun.unscoped.get().budget == 10_000_000
    assert 'value="10.000.000"' in response.content.decode()
    for written in ("abc", "1,5", "-5"):
        response = client.post(url, {"unit": "P-THANHNUA", "year": "2027", "budget": written})
        assert response.status_code == 400
        assert f"«{written}»" in response.content.decode()  # never run without a budget, silently
    assert ProposalRun.unscoped.count() == 1
