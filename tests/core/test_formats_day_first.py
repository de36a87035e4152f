"""Django's own date and time fields (the admin, any form not using core.forms) read day-first in
both languages: Django's English defaults would read 12/07/2026 10:00 as 7 December."""

import datetime

import pytest
from django import forms
from django.utils import translation


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_typed_date_and_time_is_day_first_in_every_language(language):
    with translation.override(language):
        moment = forms.DateTimeField().clean("12/07/2026 10:00")
        day = forms.DateField().clean("12/07/2026")
    assert (moment.day, moment.month, moment.hour) == (12, 7, 10)
    assert day == datetime.date(2026, 7, 12)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_two_digit_year_is_refused_in_every_language(language):
    with translation.override(language), pytest.raises(forms.ValidationError):
        forms.DateTimeField().clean("12/07/26 10:00")
