"""The demo pools on a small tree: posts filled from the commune's own staff through the checks,
and a second run writes nothing (the full demo is not loaded here)."""

import datetime

from canbo.careers import demo_pools, pool_rules
from canbo.careers.models import PoolMember, SuccessionPost
from canbo.core.models import ChangeLogEntry
from tests.careers import pools_world as _world
from tests.standards import conftest as _standards

pools, seeded = _world.pools, _standards.seeded
D = datetime.date


def test_the_demo_fills_posts_through_the_checks_and_is_idempotent(pools, tree):
    person = pools["person"]
    staff = [
        person("Phó Bí thư", title="Phó Bí thư Đảng ủy", category="can_bo", birth=D(1978, 3, 1)),
        person("Phó Chủ tịch", title="Phó Chủ tịch Ủy ban nhân dân", category="can_bo", birth=D(1982, 3, 1)),
        person("Già", title="Phó Chủ tịch Hội đồng nhân dân", category="can_bo", birth=D(1964, 3, 1)),
        person("Đoàn", title="Bí thư Đoàn TNCS Hồ Chí Minh", category="can_bo", birth=D(1992, 3, 1)),
    ]
    first = demo_pools.load()
    assert first["posts"] > 0 and first["places"] > 0
    members = list(PoolMember.unscoped.select_related("post", "post__term", "person"))
    assert {m.person for m in members} <= set(staff)
    assert "Già" not in {m.person.full_name for m in members}  # retires in 2026: refused by the age rule
    for m in members:  # every place passes the checks as they stand (a second look finds only itself)
        others = [r for r in pool_rules.checks(post=m.post, person=m.person, day=m.added_on) if r.kind != "duplicate"]
        assert others == [], [str(r) for r in others]
    posts, log = SuccessionPost.unscoped.count(), ChangeLogEntry.unscoped.count()
    assert demo_pools.load() == {"posts": 0, "places": 0}
    assert (SuccessionPost.unscoped.count(), ChangeLogEntry.unscoped.count()) == (posts, log)
