"""Hostile input to `canbo report emulation`: options that are not numbers or are missing are usage
errors (exit 2) with a Vietnamese lead, as in every other command — not exit 1, the code of refused input."""

import io

import pytest
from django.core.management import CommandError, call_command


def _exit(*args):
    with pytest.raises(CommandError) as caught:
        call_command("report", "emulation", *args, stdout=io.StringIO())
    return caught.value.returncode, str(caught.value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "detail"),
    [
        (("--year", "abc", "--unit", "P"), "argument --year: invalid int value: 'abc'"),
        (("--year", "2025", "--unit", "P", "--top", "abc"), "argument --top: invalid int value: 'abc'"),
        (("--unit", "P"), "the following arguments are required: --year"),
    ],
)
def test_a_bad_or_missing_option_is_a_usage_error(tree, args, detail):
    code, message = _exit(*args)
    assert code == 2
    assert message == f"Tuỳ chọn của báo cáo “emulation” không hợp lệ: {detail}"


@pytest.mark.django_db
def test_a_year_or_top_out_of_range_and_an_unknown_unit_are_usage_errors(tree):
    assert _exit("--year", "1800", "--unit", "P") == (2, "Năm 1800 không hợp lệ.")
    assert _exit("--year", "2025", "--unit", "P", "--top", "0") == (2, "Số học viên tiêu biểu phải từ 1 đến 1000.")
    assert _exit("--year", "2025", "--unit", "NOPE")[0] == 2
