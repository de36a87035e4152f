"""The scoping primitive: scoped managers filter by the actor's reach and refuse to run blind."""

import pytest

from canbo.core.context import acting_as, current, reset, set_for_request
from canbo.core.errors import ContextMissing
from canbo.core.scope import Scope
from canbo.orgs.models import Unit


def test_it_refuses_a_scoped_query_without_an_actor(tree):
    token = set_for_request(None)
    try:
        assert current() is None
        with pytest.raises(ContextMissing):
            list(Unit.objects.all())
    finally:
        reset(token)


def test_it_filters_by_the_acting_users_reach(personas, tree):
    with acting_as(personas["officer_a"], origin="test"):
        codes = set(Unit.objects.values_list("code", flat=True))
    assert codes == {"P-THANHNUA", "P-THANHNUA-VP"}


def test_a_cadre_reaches_only_their_own_unit(personas):
    assert set(Unit.objects.for_user(personas["cadre_a"]).values_list("code", flat=True)) == {"P-THANHNUA"}


def test_a_province_admin_reaches_the_whole_subtree(personas, tree):
    assert Unit.objects.for_user(personas["province_admin"]).count() == len(tree)


def test_an_anonymous_scope_reaches_nothing(tree):
    assert Unit.objects.within(Scope.nothing()).count() == 0


def test_a_sibling_path_prefix_is_not_inside(tree):
    """/1/ must not match /10/: paths end with a slash."""
    scope = Scope.subtree("/1/")
    assert scope.contains_path("/1/5/")
    assert not scope.contains_path("/10/")
