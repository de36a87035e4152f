"""Fixtures of the succession-pool tests: a pool officer, a 2025–2030 term, posts of commune A
and people able to be pooled (imported by the test modules)."""

import datetime

import pytest

from canbo.accounts.choices import Role
from canbo.careers import pool_services as services
from canbo.careers.pool_seed import seed_pool_rules
from canbo.people import services as people_services
from canbo.people.models import Ethnicity
from tests.conftest import _user

D = datetime.date


@pytest.fixture
def pool_officer(tree):
    return _user("bantochuc", tree["province"], Role.POOL_OFFICER, first="Vàng Thị", last="Mai")


@pytest.fixture
def pools(tree, seeded, reference, level):
    """Term 2025–2030, the posts of commune A (Bí thư, Chủ tịch and Phó Chủ tịch UBND, Chủ tịch
    HĐND), the approving decision and a helper making people."""
    from canbo.standards.models import Title

    seed_pool_rules()
    term = services.term_create(code="2025-2030", name="2025–2030", start_date=D(2025, 10, 1), end_date=D(2030, 9, 30))
    titles = {t.code: t for t in Title.objects.filter(code__in=["XA-BT", "XA-CTUBND", "XA-PCTUBND", "XA-CTHDND"])}
    posts = {code: services.post_create(term=term, unit=tree["a"], title=titles[code]) for code in titles}
    decision = services.decision_create(
        term=term, unit=tree["a"], number="125-QĐ/TU", date=D(2025, 11, 20), issuer="Ban Thường vụ Tỉnh ủy"
    )
    kinh = Ethnicity.objects.get(code="01")
    thai = Ethnicity.objects.get(code="03")

    def person(
        name,
        *,
        title="Công chức Văn phòng - thống kê",
        category="cong_chuc",
        gender="male",
        birth="1985-06-01",
        birth_year=None,
        ethnicity=thai,
        unit="a",
        levels=(),
        id_number=None,
    ):
        made = people_services.person_create(
            unit=tree[unit],
            assignment={"category": category, "title": title, "start_date": D(2020, 1, 1)},
            full_name=name,
            gender=gender,
            birth_date=None if birth_year or birth is None else D.fromisoformat(str(birth)),
            birth_year=birth_year,
            ethnicity=ethnicity,
            id_number=id_number,
        )
        for ladder, code, *rest in levels:
            people_services.qualification_add(
                person=made, level=level(ladder, code), field=rest[0] if rest else "", year=2010
            )
        return made

    return {"term": term, "posts": posts, "decision": decision, "person": person, "kinh": kinh, "thai": thai}
