"""Gaps against a post a person does not hold (a pooled post): the post's rules, the person's own
levels, nothing stored and nothing of the person's current post."""

import datetime

from canbo.core.dates import today
from canbo.standards import engine
from canbo.standards.choices import GapStatus
from canbo.standards.models import Requirement

D = datetime.date


def _by_rule(rows) -> dict[str, tuple[int, int]]:
    codes = dict(Requirement.objects.values_list("pk", "code"))
    return {codes[r[1]]: (r[5], r[8]) for r in rows}


def test_a_specialist_pooled_for_chairman_is_measured_by_the_chairmans_rules(make_person, title, tree, level):
    person = make_person(
        "Công chức Văn phòng - thống kê",
        category="cong_chuc",
        start=D(2023, 9, 1),
        levels=[("professional", "dai_hoc", "Luật")],
    )
    chair = title("XA-CTUBND")
    rows = engine.gaps_for_posts(today(), [(person.pk, tree["a"], chair.pk, "can_bo")])
    gaps = _by_rule(rows)
    assert {r[0] for r in rows} == {person.pk}
    assert {r[4] for r in rows} == {chair.pk}  # every row is about the pooled post
    assert gaps["XA-CTUBND-CM-2025"] == (GapStatus.MET, 0)  # a university degree
    assert gaps["XA-CTUBND-LLCT-2025"] == (GapStatus.UNMET, 2)  # no political theory at all
    # Stored gaps (of the current post) are untouched.
    assert not engine.Gap.objects.filter(person_id=person.pk, rule__code="XA-CTUBND-LLCT-2025").exists()


def test_two_posts_of_one_person_and_nobody_give_their_own_rows(make_person, title, tree):
    person = make_person("Công chức Văn phòng - thống kê", category="cong_chuc", start=D(2023, 9, 1))
    posts = [
        (person.pk, tree["a"], title("XA-CTUBND").pk, "can_bo"),
        (person.pk, tree["a"], title("XA-BT").pk, "can_bo"),
    ]
    rows = engine.gaps_for_posts(today(), posts)
    assert {r[4] for r in rows} == {title("XA-CTUBND").pk, title("XA-BT").pk}
    assert engine.gaps_for_posts(today(), []) == []
