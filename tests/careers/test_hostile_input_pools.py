"""Hostile input to succession pools and the retirement roadmap: votes above the total or negative,
dates after the term or before the approving decision, the roadmap's month steps at their edges."""

import datetime

import pytest

from canbo.careers import pool_services
from canbo.careers.models import IntroductionVote, PoolMember
from canbo.core.errors import DomainError
from canbo.people.retirement import retirement
from tests.careers import pools_world as _world
from tests.standards import conftest as _standards

pools, seeded, title = _world.pools, _standards.seeded, _standards.title

D = datetime.date


def _add(pools, person, **kw):
    return pool_services.pool_member_add(
        post=pools["posts"]["XA-CTUBND"], person=person, decision=pools["decision"], **kw
    )


@pytest.mark.parametrize(
    ("added_on", "words"),
    [
        (D(2030, 10, 1), "Ngày quy hoạch 01/10/2030 sau khi nhiệm kỳ 2025–2030 kết thúc (30/09/2030)."),
        (D(2025, 11, 19), "Ngày quy hoạch 19/11/2025 trước ngày quyết định 125-QĐ/TU (20/11/2025)."),
    ],
)
def test_a_place_dated_after_the_term_or_before_its_decision_is_refused(pools, added_on, words):
    person = pools["person"]("Lò Văn Sớm")
    with pytest.raises(DomainError) as refused:
        _add(pools, person, added_on=added_on)
    assert words in refused.value.messages
    assert not PoolMember.unscoped.exists()
    assert _add(pools, person, added_on=D(2030, 9, 30)).added_on == D(2030, 9, 30)  # the term's last day


def test_votes_above_the_total_or_negative_are_refused_and_the_form_reads_1_200(pools, tree):
    from canbo.careers.pool_forms import RoundForm, VoteForm

    rnd = pool_services.round_create(
        post=pools["posts"]["XA-CTUBND"], name="Hội nghị cán bộ chủ chốt", held_on=D(2025, 9, 1), total_votes=40
    )
    person = pools["person"]("Lò Văn Phiếu")
    for votes in (41, -1):
        with pytest.raises(DomainError) as refused:
            pool_services.vote_record(round=rnd, person=person, votes=votes)
        assert f"Số phiếu ({votes}) phải từ 0 đến tổng số phiếu của hội nghị (40)." in refused.value.messages
    assert not IntroductionVote.objects.exists()
    assert pool_services.vote_record(round=rnd, person=person, votes=40).votes == 40
    form = RoundForm({"name": "Hội nghị", "held_on": "01/09/2025", "total_votes": "1.200"})
    assert form.is_valid() and form.cleaned_data["total_votes"] == 1200
    assert form.cleaned_data["held_on"] == D(2025, 9, 1)
    assert not RoundForm({"name": "Hội nghị", "held_on": "01/09/2025", "total_votes": "0"}).is_valid()
    from canbo.people.models import Person

    votes = VoteForm({"person": person.pk, "votes": "-3"}, people=Person.unscoped.all())
    assert not votes.is_valid() and "votes" in votes.errors


@pytest.mark.parametrize(
    ("gender", "birth", "age", "retires"),
    [
        ("male", D(1960, 12, 31), "60 tuổi", D(2020, 12, 31)),  # the 2012 Code's age, last month of it
        ("male", D(1961, 1, 1), "60 tuổi 3 tháng", D(2021, 4, 30)),
        ("male", D(1966, 3, 31), "61 tuổi 9 tháng", D(2027, 12, 31)),  # the last man of the 2027 step
        ("male", D(1966, 4, 1), "62 tuổi", D(2028, 4, 30)),  # the first at 62
        ("male", D(1980, 2, 29), "62 tuổi", D(2042, 2, 28)),
        ("female", D(1965, 12, 1), "55 tuổi", D(2020, 12, 31)),
        ("female", D(1966, 1, 1), "55 tuổi 4 tháng", D(2021, 5, 31)),
        ("female", D(1975, 4, 30), "59 tuổi 8 tháng", D(2034, 12, 31)),  # the last woman of the 2034 step
        ("female", D(1975, 5, 1), "60 tuổi", D(2035, 5, 31)),  # the first at 60
    ],
)
def test_the_retirement_roadmap_at_its_edges(gender, birth, age, retires):
    found = retirement(gender, birth_date=birth)
    assert (found.age_text(), found.date) == (age, retires)


def test_unknown_gender_or_birth_gives_no_retirement_date():
    assert retirement("", birth_date=D(1970, 1, 1)) is None
    assert retirement("male") is None
