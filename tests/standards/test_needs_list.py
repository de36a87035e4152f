"""From a need to a list to an action (issue 15, item 3): every need on the standards page opens the
people behind it, within the reader's reach; the list exports to Excel and, ticked, goes to a class
or to the unit's plan."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from canbo.core.context import acting_as
from canbo.core.dates import today
from canbo.core.errors import DomainError
from canbo.plans import services as plan_services
from canbo.plans.models import PlanNominee
from canbo.standards.selectors import need_people, needs_by_kind
from canbo.training.models import Enrolment
from tests.training.conftest import kinds, llct, make_class

# The training tests' fixtures, shared here (pytest finds fixtures by module-level name).
kinds, llct, make_class = kinds, llct, make_class

D = datetime.date


def _world(make_person):
    """Commune A: two people without LLCT (one of them also without a degree), one who has it;
    commune B: one without LLCT."""
    return {
        "thieu": make_person("Chủ tịch Ủy ban nhân dân", unit="a", name="Quàng Văn Thiếu"),
        "bun": make_person(
            "Phó Chủ tịch Ủy ban nhân dân", unit="a", name="Bạc Thị Bun", levels=[("professional", "dai_hoc")]
        ),
        "du": make_person(
            "Phó Chủ tịch Ủy ban nhân dân",
            unit="a",
            name="Lò Văn Đủ",
            levels=[("professional", "dai_hoc"), ("politics", "trung_cap")],
        ),
        "xa": make_person("Chủ tịch Ủy ban nhân dân", unit="b", name="Giàng A Xa"),
    }


def _names(lines):
    return [line.person.full_name for line in lines]


def test_the_list_holds_exactly_the_people_the_need_counts_within_reach(make_person, tree, personas):
    _world(make_person)
    day = today()
    lines = need_people(user=personas["officer_a"], unit=tree["a"], day=day, kind_code="politics")
    # Vietnamese order: by given name (Bun before Thiếu), then family name.
    assert _names(lines) == ["Bạc Thị Bun", "Quàng Văn Thiếu"]
    assert len(lines) == needs_by_kind(user=personas["officer_a"], unit=tree["a"], day=day)["politics"] == 2
    assert "chính trị" in lines[0].rules_text.lower() and lines[0].status_text
    province = need_people(user=personas["province_admin"], unit=tree["province"], day=day, kind_code="politics")
    assert _names(province) == ["Bạc Thị Bun", "Quàng Văn Thiếu", "Giàng A Xa"]
    # Commune B's officer asking about the province sees commune B's person only.
    other = need_people(user=personas["officer_b"], unit=tree["province"], day=day, kind_code="politics")
    assert _names(other) == ["Giàng A Xa"]
    assert need_people(user=personas["officer_b"], unit=tree["a"], day=day, kind_code="politics") == []
    # A past date is computed from that date's rules: before NĐ 33/2023 nobody needed anything.
    assert need_people(user=None, unit=tree["province"], day=D(2022, 1, 1), kind_code="politics") == []
    past = need_people(user=None, unit=tree["a"], day=D(2024, 1, 1), kind_code="politics")
    assert sorted(_names(past)) == ["Bạc Thị Bun", "Quàng Văn Thiếu"]


def test_every_need_on_the_standards_page_is_a_link_to_its_people(login, make_person):
    _world(make_person)
    client = login("officer_a")
    html = client.get(reverse("standards:unit", args=["P-THANHNUA"])).content.decode()
    link = reverse("standards:needs", args=["P-THANHNUA"]) + "?kind=politics&day="
    assert link in html and 'data-testid="need-link-politics"' in html
    assert "<details" in html and "<summary>" in html  # the sections collapse
    province = login("province_admin").get(reverse("standards:unit", args=["P"])).content.decode()
    # Needs by unit: each commune's figure opens that commune's list.
    assert reverse("standards:needs", args=["P-MUONGNHE"]) + "?kind=politics" in province

    page = client.get(reverse("standards:needs", args=["P-THANHNUA"]), {"kind": "politics"}).content.decode()
    assert "Quàng Văn Thiếu" in page and "Bạc Thị Bun" in page
    assert "Lò Văn Đủ" not in page and "Giàng A Xa" not in page
    assert "2 người" in page
    assert page.index("Bạc Thị Bun") < page.index("Quàng Văn Thiếu")
    # No open class and no plan yet: nothing to do with a selection, so no checkboxes.
    assert 'name="training_class"' not in page and "data-select-all" not in page


def test_the_list_is_scoped_and_needs_a_known_kind(login, make_person):
    _world(make_person)
    url = reverse("standards:needs", args=["P-THANHNUA"])
    assert login("officer_b").get(url, {"kind": "politics"}).status_code == 404
    assert login("officer_a").get(url, {"kind": "khong-co"}).status_code == 404
    assert login("officer_a").get(url).status_code == 404


def test_the_list_exports_to_excel(login, make_person, tree):
    people = _world(make_person)
    with acting_as(None):
        from canbo.people import services as people_services

        people_services.person_update(
            person=people["thieu"], id_number="011190009999", birth_date=D(1990, 5, 2), expected_version=None
        )
    client = login("officer_a")
    response = client.get(reverse("standards:needs_xlsx", args=["P-THANHNUA"]), {"kind": "politics"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "nhu-cau-politics-P-THANHNUA" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Danh sách người cần bồi dưỡng: Lý luận chính trị"
    assert sheet["A2"].value.startswith("Xã Thanh Nưa, tại ngày")
    assert sheet["A3"].value == "Tổng số: 2 người"
    assert [c.value for c in sheet[5]] == [
        "STT",
        "Họ và tên",
        "Ngày sinh",
        "Số định danh cá nhân",
        "Đơn vị",
        "Tiêu chuẩn chưa đạt",
        "Kết quả",
    ]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=6)]
    assert [r[:5] for r in rows] == [
        [1, "Bạc Thị Bun", "1985", "", "Xã Thanh Nưa"],
        [2, "Quàng Văn Thiếu", "02/05/1990", "011190009999", "Xã Thanh Nưa"],
    ]
    assert all(r[5] and r[6].startswith("Chưa đạt") for r in rows)


def test_ticked_people_are_nominated_to_a_class_in_one_request(login, make_person, tree, llct, make_class):
    people = _world(make_person)
    cls = make_class(llct, start=today() + datetime.timedelta(days=30))
    client = login("officer_a")
    page = client.get(reverse("standards:needs", args=["P-THANHNUA"]), {"kind": "politics"}).content.decode()
    assert f'<option value="{cls.code}">' in page  # the open LLCT class is offered
    assert 'data-select-all="person"' in page and f'name="person" value="{people["thieu"].pk}"' in page
    response = client.post(
        reverse("training:nominate_selected"),
        {"training_class": cls.code, "person": [people["thieu"].pk, people["bun"].pk]},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("training:class", args=[cls.code])
    assert set(Enrolment.unscoped.filter(training_class=cls).values_list("person__full_name", flat=True)) == {
        "Quàng Văn Thiếu",
        "Bạc Thị Bun",
    }
    html = response.content.decode()
    assert "Đã cử 2 người vào lớp." in html
    assert "Quàng Văn Thiếu" in html and "Bạc Thị Bun" in html


def test_a_ticked_person_out_of_reach_is_refused_and_the_others_nominated(login, make_person, llct, make_class):
    people = _world(make_person)
    cls = make_class(llct, start=today() + datetime.timedelta(days=30))
    response = login("officer_a").post(
        reverse("training:nominate_selected"),
        {"training_class": cls.code, "person": [people["thieu"].pk, people["xa"].pk]},
        follow=True,
    )
    html = response.content.decode()
    assert list(Enrolment.unscoped.filter(training_class=cls).values_list("person__full_name", flat=True)) == [
        "Quàng Văn Thiếu"
    ]
    assert "1 người đã chọn không thuộc phạm vi của bạn, không cử được." in html
    assert "Giàng A Xa" not in html and "Mường Nhé" not in html


def test_ticked_people_are_added_to_the_units_plan(login, make_person, tree, kinds):
    people = _world(make_person)
    with acting_as(None):
        plan = plan_services.plan_create(unit=tree["a"], year=today().year + 1)
    client = login("officer_a")
    page = client.get(reverse("standards:needs", args=["P-THANHNUA"]), {"kind": "politics"}).content.decode()
    assert f'<option value="{plan.pk}">' in page
    response = client.post(
        reverse("plans:nominees_add"),
        {"plan": plan.pk, "kind": "politics", "person": [people["thieu"].pk, people["bun"].pk]},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("plans:detail", kwargs={"plan_id": plan.pk})
    rows = PlanNominee.unscoped.filter(plan=plan).order_by("person__full_name")
    assert [(n.person.full_name, n.kind.code) for n in rows] == [
        ("Bạc Thị Bun", "politics"),
        ("Quàng Văn Thiếu", "politics"),
    ]
    assert "Đã thêm 2 người vào kế hoạch" in response.content.decode()
    # Again with one more: the two already there are said so, not added twice.
    client.post(
        reverse("plans:nominees_add"),
        {"plan": plan.pk, "kind": "politics", "person": [people["thieu"].pk, people["du"].pk]},
    )
    assert PlanNominee.unscoped.filter(plan=plan).count() == 3


def test_the_plan_refuses_a_person_out_of_reach_and_a_submitted_plan(login, make_person, tree, kinds):
    people = _world(make_person)
    with acting_as(None):
        plan = plan_services.plan_create(unit=tree["a"], year=today().year + 1)
    client = login("officer_a")
    url = reverse("plans:nominees_add")
    response = client.post(
        url, {"plan": plan.pk, "kind": "politics", "person": [people["thieu"].pk, people["xa"].pk]}, follow=True
    )
    assert PlanNominee.unscoped.filter(plan=plan).count() == 0  # all or nothing
    assert "1 người đã chọn không thuộc phạm vi của bạn; chưa thêm ai vào kế hoạch." in response.content.decode()
    # Commune B's officer cannot reach commune A's plan at all.
    assert (
        login("officer_b").post(url, {"plan": plan.pk, "kind": "politics", "person": [people["xa"].pk]}).status_code
        == 404
    )
    with acting_as(None):
        submitted = plan_services.plan_create(
            unit=tree["a"], year=today().year + 2, targets=[{"kind": "politics", "turns": 2}]
        )
        plan_services.plan_submit(plan=submitted)
    response = login("officer_a").post(
        url, {"plan": submitted.pk, "kind": "politics", "person": [people["thieu"].pk]}, follow=True
    )
    assert PlanNominee.unscoped.filter(plan=submitted).count() == 0
    assert "Kế hoạch đã trình hoặc đã duyệt" in response.content.decode()


def test_plan_nominees_add_refuses_a_person_outside_the_plans_unit(make_person, tree, kinds, personas):
    people = _world(make_person)
    with acting_as(None):
        plan = plan_services.plan_create(unit=tree["a"], year=today().year + 1)
    with acting_as(personas["province_admin"]), pytest.raises(DomainError) as refused:
        plan_services.plan_nominees_add(plan=plan, people=[people["thieu"], people["xa"]], kind=kinds["politics"])
    assert "Giàng A Xa không thuộc “Xã Thanh Nưa”" in " ".join(refused.value.messages)
    assert PlanNominee.unscoped.filter(plan=plan).count() == 0


def test_the_transition_figure_and_a_units_own_line_open_their_own_people(make_person, tree, personas, login):
    _world(make_person)
    day = today()
    # Both commune A leaders held their posts before NĐ 33/2023: in the transition to 01/08/2028.
    transition = need_people(user=None, unit=tree["a"], day=day, kind_code="politics", status=3, until=D(2028, 8, 1))
    assert _names(transition) == ["Bạc Thị Bun", "Quàng Văn Thiếu"]
    assert need_people(user=None, unit=tree["a"], day=day, kind_code="politics", status=0) == []
    assert need_people(user=None, unit=tree["a"], day=day, kind_code="politics", until=D(2030, 1, 1)) == []
    html = login("officer_a").get(reverse("standards:unit", args=["P-THANHNUA"])).content.decode()
    assert "?kind=politics&status=3&until=2028-08-01&day=" in html
    # "Needs by unit" gives a unit's own staff a line of its own: the province has none of its
    # own, its subtree three; commune A's two are its own staff.
    assert need_people(user=None, unit=tree["province"], day=day, kind_code="politics", direct=True) == []
    assert len(need_people(user=None, unit=tree["province"], day=day, kind_code="politics")) == 3
    direct = need_people(user=None, unit=tree["a"], day=day, kind_code="politics", direct=True)
    assert _names(direct) == ["Bạc Thị Bun", "Quàng Văn Thiếu"]
