"""The rules every person record obeys, whichever way it arrives: a form, the API, a service call,
a file import. One list of fields and one validator, so the import cannot drift from the services
(it did: a second copy of these checks is how a wrong change-log snapshot and a reach hole
happened). Pure functions over plain values — no database: the ID-number clash is the caller's,
since a service checks one row against the table and an import a whole file at once.
"""

from __future__ import annotations

import datetime
from collections.abc import MutableMapping
from typing import Any

from django.utils.translation import gettext as _

from canbo.core.text import foreign_digits
from canbo.tabular import normalise as norm

# The fields of a person that services, forms, the API and imports write (the one list).
PERSON_FIELDS = (
    "full_name",
    "gender",
    "birth_date",
    "birth_year",
    "id_number",
    "old_id_number",
    "ethnicity",
    "religion",
    "party_member",
    "party_joined_on",
    "home_town",
    "phone",
    "email",
    "health_note",
)

# The fields check_person reads (the foreign keys are checked by their own lookups).
CHECKED_FIELDS = tuple(f for f in PERSON_FIELDS if f not in ("ethnicity", "religion", "gender", "health_note"))

MIN_AGE, MAX_AGE = 15, 100
PARTY_MIN_AGE = 16


def check_person(values: MutableMapping[str, Any], *, today: datetime.date) -> dict[str, list[str]]:
    """{field: [reasons]} for a person's values; empty when they obey every rule.

    Normalises in place what has one right form: the birth year follows the birth date, an
    admission date makes a Party member, a phone number is stored as digits, an e-mail address
    without the "mailto:" or brackets around it. Fields absent from `values` are not checked, so
    a partial update is checked on what it holds together with what the record already had.
    """
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if "full_name" in values and not (values.get("full_name") or "").strip():
        add("full_name", _("Thiếu họ và tên."))
    birth_date = values.get("birth_date")
    if birth_date:
        values["birth_year"] = birth_date.year
    birth_year = values.get("birth_year")
    if not values.get("id_number") and not values.get("old_id_number") and not birth_year:
        add("birth_year", _("Cần có số định danh cá nhân hoặc ngày sinh (hoặc năm sinh)."))
    if birth_year and not (today.year - MAX_AGE <= birth_year <= today.year - MIN_AGE):
        add(
            "birth_year",
            _("Năm sinh %(year)s không hợp lý (tuổi phải từ 15 đến 100).") % {"year": birth_year},
        )
    if birth_date and birth_date > today:
        add("birth_date", _("Ngày sinh ở tương lai."))
    number = values.get("id_number")
    if number:
        if foreign_digits(number):
            add(
                "id_number",
                _(
                    "Số định danh cá nhân chỉ gồm các chữ số 0–9; “%(value)s” có chữ số kiểu khác (chữ số toàn "
                    "khổ hoặc chữ số Ả Rập, thường do bộ gõ hoặc sao chép từ tệp PDF). Hãy gõ lại bằng các phím số."
                )
                % {"value": number},
            )
        elif not (len(number) == 12 and number.isdigit()):
            add("id_number", _("Số định danh cá nhân phải có đúng 12 chữ số."))
    old = values.get("old_id_number")
    if old and not (len(old) == 9 and old.isdigit() and old.isascii()):
        add("old_id_number", _("Số CMND cũ phải có đúng 9 chữ số."))
    joined = values.get("party_joined_on")
    if joined:
        values["party_member"] = True
        if joined > today:
            add("party_joined_on", _("Ngày vào Đảng ở tương lai."))
        if birth_year and joined.year - birth_year < PARTY_MIN_AGE:
            add("party_joined_on", _("Ngày vào Đảng khi chưa đủ 16 tuổi."))
    for field, parse in (("phone", norm.parse_phone), ("email", norm.parse_email)):
        if values.get(field):
            try:
                values[field] = parse(values[field])
            except ValueError as refused:
                add(field, str(refused))
    return errors
