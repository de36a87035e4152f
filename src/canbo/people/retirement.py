"""Retirement age and date (tuổi nghỉ hưu, thời điểm nghỉ hưu) by gender and birth date.

Bộ luật Lao động 2019, Điều 169 khoản 2: from 2021 the retirement age in normal working conditions is
60 years 3 months for men and 55 years 4 months for women, then 3 months (men) and 4 months (women)
more each year, up to 62 for men in 2028 and 60 for women in 2035. NĐ 135/2020/NĐ-CP gives the
roadmap by month and year of birth (Phụ lục I) and says when one retires:

- "Thời điểm nghỉ hưu là kết thúc ngày cuối cùng của tháng đủ tuổi nghỉ hưu" — the last day of
  the month in which the person reaches the age (born 01/1961, a man: 60 y 3 m in 04/2021, retires
  at the end of 30/04/2021; pension from 01/05/2021);
- a record without day and month of birth, only the year, counts from 01/01 of that year; a record
  with the month but not the day, from the first of that month.

The age that applies is the first one the person reaches in a calendar year where it is in force (ROADMAP):
a man born 09/1961 reaches 60 y 3 m in 12/2021 (the 2021 age); one born 10/1961 would reach it in
01/2022, when the age is already 60 y 6 m, so he retires in 04/2022. Before 2021 (Bộ luật Lao động
2012) the ages were 60 and 55.

Early or late retirement (hazardous work, areas with special difficulties, high qualifications)
is not modelled: the normal-conditions age is what succession planning measures against.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

SOURCE = "Bộ luật Lao động 2019, Điều 169; NĐ 135/2020/NĐ-CP, Điều 3, Điều 4 và Phụ lục I"

MALE, FEMALE = "male", "female"

# (first calendar year, months of age) per gender: the age applies to whoever reaches it in that
# year or later, until the next row. The first row is the 2012 Code's age (60 / 55).
ROADMAP: dict[str, list[tuple[int, int]]] = {
    MALE: [
        (0, 60 * 12),
        (2021, 60 * 12 + 3),
        (2022, 60 * 12 + 6),
        (2023, 60 * 12 + 9),
        (2024, 61 * 12),
        (2025, 61 * 12 + 3),
        (2026, 61 * 12 + 6),
        (2027, 61 * 12 + 9),
        (2028, 62 * 12),
    ],
    FEMALE: [
        (0, 55 * 12),
        (2021, 55 * 12 + 4),
        (2022, 55 * 12 + 8),
        (2023, 56 * 12),
        (2024, 56 * 12 + 4),
        (2025, 56 * 12 + 8),
        (2026, 57 * 12),
        (2027, 57 * 12 + 4),
        (2028, 57 * 12 + 8),
        (2029, 58 * 12),
        (2030, 58 * 12 + 4),
        (2031, 58 * 12 + 8),
        (2032, 59 * 12),
        (2033, 59 * 12 + 4),
        (2034, 59 * 12 + 8),
        (2035, 60 * 12),
    ],
}


@dataclass(frozen=True)
class Retirement:
    age_months: int  # the retirement age that applies, in months
    reached: datetime.date  # the month (first day) the age is reached
    date: datetime.date  # the retirement date: the last day of that month

    @property
    def age_years(self) -> int:
        return self.age_months // 12

    @property
    def age_extra_months(self) -> int:
        return self.age_months % 12

    def age_text(self) -> str:
        from django.utils.translation import gettext as _

        if self.age_extra_months:
            return _("%(years)s tuổi %(months)s tháng") % {"years": self.age_years, "months": self.age_extra_months}
        return _("%(years)s tuổi") % {"years": self.age_years}


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _age_for_year(gender: str, year: int) -> int:
    months = ROADMAP[gender][0][1]
    for first_year, age in ROADMAP[gender]:
        if year >= first_year:
            months = age
    return months


def retirement(
    gender: str,
    *,
    birth_date: datetime.date | None = None,
    birth_year: int | None = None,
    birth_month: int | None = None,
) -> Retirement | None:
    """The retirement age and date of a person, or None when gender or the birth year is unknown.

    Only the month and year of birth count (the day never moves the date: one retires at the end
    of the month); an unknown month counts as January (NĐ 135/2020)."""
    if gender not in ROADMAP:
        return None
    if birth_date is not None:
        year, month = birth_date.year, birth_date.month
    elif birth_year:
        year, month = birth_year, birth_month or 1
    else:
        return None
    # The first age in the roadmap that the person reaches in a year where it is the age in force
    # (born 09/1961: 60 y 3 m in 12/2021, though 60 y 6 m would also fall in 2022).
    for _first_year, age in ROADMAP[gender]:
        reach_year, reach_month = _add_months(year, month, age)
        if _age_for_year(gender, reach_year) == age:
            break
    last = calendar.monthrange(reach_year, reach_month)[1]
    return Retirement(
        age_months=age,
        reached=datetime.date(reach_year, reach_month, 1),
        date=datetime.date(reach_year, reach_month, last),
    )


def retirement_of(person) -> Retirement | None:
    """`retirement` for a Person (gender, birth_date or birth_year)."""
    return retirement(person.gender, birth_date=person.birth_date, birth_year=person.birth_year)
