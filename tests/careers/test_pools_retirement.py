"""Retirement dates by the Labour Code 2019 roadmap (NĐ 135/2020/NĐ-CP Phụ lục I): worked examples
of the decree and its press explanations, and the roadmap's shape for every birth month."""

import datetime

import pytest

from canbo.people.retirement import SOURCE, retirement

D = datetime.date


@pytest.mark.parametrize(
    ("gender", "born", "age", "retires"),
    [
        # The decree's own example: a man born 01/1961 reaches 60 y 3 m in 04/2021.
        ("male", D(1961, 1, 15), "60 tuổi 3 tháng", D(2021, 4, 30)),
        ("male", D(1961, 9, 1), "60 tuổi 3 tháng", D(2021, 12, 31)),
        # Born 10/1961: 60 y 3 m would fall in 01/2022, when the age is already 60 y 6 m.
        ("male", D(1961, 10, 20), "60 tuổi 6 tháng", D(2022, 4, 30)),
        ("male", D(1963, 1, 1), "60 tuổi 9 tháng", D(2023, 10, 31)),
        ("male", D(1963, 4, 1), "61 tuổi", D(2024, 4, 30)),
        ("male", D(1966, 4, 1), "62 tuổi", D(2028, 4, 30)),
        ("male", D(1980, 2, 29), "62 tuổi", D(2042, 2, 28)),
        # A woman born 01/1966: 55 y 4 m, end of 05/2021.
        ("female", D(1966, 1, 10), "55 tuổi 4 tháng", D(2021, 5, 31)),
        ("female", D(1968, 9, 1), "56 tuổi 8 tháng", D(2025, 5, 31)),
        ("female", D(1969, 5, 1), "57 tuổi", D(2026, 5, 31)),
        ("female", D(1975, 5, 1), "60 tuổi", D(2035, 5, 31)),
        ("female", D(1990, 12, 31), "60 tuổi", D(2050, 12, 31)),
        # Before the roadmap (Labour Code 2012): 60 and 55.
        ("male", D(1960, 6, 1), "60 tuổi", D(2020, 6, 30)),
        ("female", D(1965, 8, 1), "55 tuổi", D(2020, 8, 31)),
    ],
)
def test_worked_examples(gender, born, age, retires):
    result = retirement(gender, birth_date=born)
    assert result.age_text() == age
    assert result.date == retires


def test_only_the_year_known_counts_from_the_first_of_january():
    assert retirement("female", birth_year=1966).date == D(2021, 5, 31)
    assert retirement("male", birth_year=1961).date == D(2021, 4, 30)
    assert retirement("male", birth_year=1961, birth_month=10).date == D(2022, 4, 30)


def test_unknown_gender_or_birth_gives_nothing():
    assert retirement("", birth_date=D(1970, 1, 1)) is None
    assert retirement("male") is None


def test_the_roadmap_rises_by_three_and_four_months_a_year_to_its_ceiling():
    for gender, step, first, last in (("male", 3, 60 * 12 + 3, 62 * 12), ("female", 4, 55 * 12 + 4, 60 * 12)):
        previous = None
        for year in range(1955, 1995):
            for month in range(1, 13):
                r = retirement(gender, birth_date=D(year, month, 1))
                assert (r.date + datetime.timedelta(days=1)).day == 1  # the last day of a month
                if r.reached.year >= 2021:
                    assert first <= r.age_months <= last
                    assert (r.age_months - first) % step == 0
                    # The age is the one of the year it is reached in.
                    assert r.age_months == min(last, first + step * (r.reached.year - 2021))
                if previous is not None:
                    assert r.date > previous  # a later birth never retires earlier
                previous = r.date
    assert "135/2020" in SOURCE and "Điều 169" in SOURCE
