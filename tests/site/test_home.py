"""Each role's home: the inbox ("Việc cần làm") counted through the apps' scoped selectors, every
count a link to the list of exactly those items; the dashboard of the latest year with data; the
administrator's counters only for system administrators."""

import datetime
import re

import pytest
from django.urls import reverse

from canbo.exchange.models import ImportJob
from canbo.exchange.selectors import inbox_imports
from canbo.plans import services as plan_services
from canbo.plans.models import Plan
from canbo.plans.selectors import inbox_plans_to_review
from canbo.training.models import Enrolment, SelfStudy
from canbo.training.selectors import inbox_nominations, inbox_self_study, inbox_surveys
from tests.plans import conftest as _plans

kinds, make_class, make_person, programmes, district = (
    _plans.kinds,
    _plans.make_class,
    _plans.make_person,
    _plans.programmes,
    _plans.district,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def _submitted(unit, year):
    plan = plan_services.plan_create(unit=unit, year=year, targets=[{"kind": "politics", "turns": 5}])
    return plan_services.plan_submit(plan=plan)


def _inbox(html: str) -> dict[str, tuple[str, str]]:
    """{key: (count, link)} of the home's inbox lines."""
    found = re.findall(r'href="([^"]+)" data-testid="inbox-(\w+)">.*?data-testid="inbox-\2-count">([^<]*)<', html, re.S)
    return {key: (count, link.replace("&amp;", "&")) for link, key, count in found}


@pytest.fixture
def plans(tree, kinds):
    """Submitted plans of two years (and a draft, which waits for nobody)."""
    return {
        "province": _submitted(tree["province"], 2026),
        "a": _submitted(tree["a"], 2027),
        "a_office": _submitted(tree["a_office"], 2025),
        "b": _submitted(tree["b"], 2026),
        "b_draft": plan_services.plan_create(unit=tree["b"], year=2027, targets=[{"kind": "politics", "turns": 1}]),
    }


def test_the_plans_waiting_for_approval_are_those_the_user_may_review_of_every_year(personas, plans):
    expected = {
        "system_admin": {"province", "a", "a_office", "b"},
        "province_admin": {"province", "a", "a_office", "b"},  # the root's plan is the province's
        "officer_a": {"a_office"},  # never the commune's own plan
        "officer_b": set(),
        "leader": set(),
        "cadre_a": set(),
    }
    names = {plan.pk: name for name, plan in plans.items()}
    for persona, names_expected in expected.items():
        user = personas[persona]
        got = {names[pk] for pk in inbox_plans_to_review(user).values_list("pk", flat=True)}
        assert got == names_expected, persona
        # The same set as the approval check itself.
        assert got == {n for n, p in plans.items() if p.status == "submitted" and plan_services.can_review(user, p)}


def test_the_approvers_home_counts_plans_of_every_year_and_links_to_exactly_them(login, plans):
    client = login("province_admin")
    inbox = _inbox(client.get(reverse("site:home")).content.decode())
    assert inbox["plans"] == ("4", "/plans/?review=1")
    listed = client.get(inbox["plans"][1]).content.decode()
    for name in ("province", "a", "a_office", "b"):
        assert f'href="/plans/{plans[name].pk}/"' in listed, name
    assert f'href="/plans/{plans["b_draft"].pk}/"' not in listed
    # The plans page of one year says how many wait in every year, as a link.
    page = client.get(reverse("plans:index"), {"year": 2026}).content.decode()
    assert re.search(r'data-testid="to-review"><a class="alert-link" href="/plans/\?review=1">4 kế hoạch', page)


def test_a_commune_officer_sees_its_units_plan_not_its_own(login, plans):
    client = login("officer_a")
    inbox = _inbox(client.get(reverse("site:home")).content.decode())
    assert inbox["plans"] == ("1", "/plans/?review=1")
    listed = client.get(inbox["plans"][1]).content.decode()
    assert f'href="/plans/{plans["a_office"].pk}/"' in listed
    assert f'href="/plans/{plans["a"].pk}/"' not in listed


@pytest.fixture
def nominations(tree, make_class, make_person):
    """Nominees to the province's open class (2) and to commune A's (1); one to a finished class."""
    day = datetime.date.today() + datetime.timedelta(days=60)
    province_class = make_class(tree["province"], end=day, status="open")
    a_class = make_class(tree["a"], end=day, status="open")
    over = make_class(tree["a"], end=D(2021, 6, 30), status="finished")
    for cls, n in ((province_class, 2), (a_class, 1), (over, 1)):
        for i in range(n):
            person = make_person(tree["a"], f"Người được cử {cls.code} {i}")
            Enrolment.unscoped.create(
                training_class=cls,
                person=person,
                unit=person.unit,
                unit_path=person.unit_path,
                category="cong_chuc",
                status="nominated",
            )
    return {"province": province_class, "a": a_class, "over": over}


def test_nominations_to_approve_count_the_classes_the_user_runs(login, personas, nominations):
    assert inbox_nominations(personas["province_admin"]).count() == 3
    assert inbox_nominations(personas["officer_a"]).count() == 1
    assert inbox_nominations(personas["officer_b"]).count() == 0
    assert inbox_nominations(personas["cadre_a"]).count() == 0
    client = login("officer_a")
    inbox = _inbox(client.get(reverse("site:home")).content.decode())
    assert inbox["nominations"] == ("1", "/training/?awaiting=1")
    listed = client.get(inbox["nominations"][1]).content.decode()
    assert nominations["a"].name in listed
    assert nominations["province"].name not in listed and nominations["over"].name not in listed


def test_self_study_and_imports_waiting(login, personas, tree, make_person):
    person = make_person(tree["a"], "Lò Văn Tự Học")
    for status, title in (("submitted", "Khóa học trực tuyến"), ("accepted", "Khóa đã xác nhận")):
        SelfStudy.unscoped.create(
            person=person,
            unit_path=person.unit_path,
            title=title,
            start_date=D(2026, 3, 1),
            end_date=D(2026, 3, 5),
            periods=20,
            evidence="GCN 12",
            status=status,
        )
    officer = personas["officer_a"]
    for name, status, user in (
        ("cho-xac-nhan.xlsx", "validated", officer),
        ("loi.xlsx", "failed", officer),
        ("xong.xlsx", "done", officer),
        ("cua-nguoi-khac.xlsx", "validated", personas["province_admin"]),
    ):
        ImportJob.unscoped.create(user=user, unit=tree["a"], file_name=name, file_path="/nowhere", status=status)
    assert inbox_self_study(officer).count() == 1
    assert inbox_self_study(personas["officer_b"]).count() == 0
    assert set(inbox_imports(officer).values_list("file_name", flat=True)) == {"cho-xac-nhan.xlsx", "loi.xlsx"}

    client = login("officer_a")
    inbox = _inbox(client.get(reverse("site:home")).content.decode())
    assert inbox["self_study"] == ("1", "/training/self-study/?status=submitted")
    assert inbox["imports"] == ("2", "/exchange/import/?waiting=1")
    listed = client.get(inbox["self_study"][1]).content.decode()
    assert "Khóa học trực tuyến" in listed and "Khóa đã xác nhận" not in listed
    listed = client.get(inbox["imports"][1]).content.decode()
    assert "cho-xac-nhan.xlsx" in listed and "loi.xlsx" in listed
    assert "xong.xlsx" not in listed and "cua-nguoi-khac.xlsx" not in listed


def test_a_cadres_home_shows_their_own_learning_and_no_unit_figures(login, personas, tree, make_class, make_person):
    person = make_person(tree["a"], "Lường Văn Tiến")
    personas["cadre_a"].person = person
    personas["cadre_a"].save()
    make_class(tree["a"], end=D(2026, 6, 30), people=[person])  # approved, started, not surveyed
    assert inbox_surveys(personas["cadre_a"]).count() == 1
    html = login("cadre_a").get(reverse("site:home")).content.decode()
    inbox = _inbox(html)
    assert set(inbox) == {"surveys", "my_classes"}
    assert inbox["surveys"] == ("1", "/training/me/")
    assert inbox["my_classes"] == ("0", "/training/me/")  # the class is over
    assert "Phạm vi của bạn: hồ sơ của chính bạn." in html
    assert 'data-testid="home-board"' not in html and 'data-testid="admin-counters"' not in html


def test_administrator_counters_only_for_system_administrators(login, tree):
    html = login("province_admin").get(reverse("site:home")).content.decode()
    assert "Tài khoản người dùng" not in html and "Thay đổi trong 7 ngày qua" not in html
    html = login("system_admin").get(reverse("site:home")).content.decode()
    assert re.search(r'data-testid="kpi-users">6<', html)  # the six personas
    assert 'href="/changes/" data-testid="kpi-changes"' in html


@pytest.fixture
def trained(tree, district, make_class, make_person):
    """Training done in 2021 only: 3 people through a politics class of the old district."""
    people = [make_person(district["tn"], f"Học viên {i}") for i in range(3)]
    make_class(district["district"], "politics", people=people)
    plan_services.plan_create(unit=tree["province"], year=2021, targets=[{"kind": "politics", "turns": 6}])


def test_the_dashboard_opens_on_the_latest_year_with_data(login, trained):
    client = login("province_admin")
    response = client.get(reverse("reports:dashboard"))
    assert response.context["year"] == 2021
    assert response.context["board"].pva.total.turns == 3
    assert '<option value="2021" selected>' in response.content.decode()
    # A year asked for is kept, even without data.
    assert client.get(reverse("reports:dashboard"), {"year": 2024}).context["year"] == 2024

    html = client.get(reverse("site:home")).content.decode()
    assert "Đào tạo, bồi dưỡng năm 2021 — Tỉnh Điện Biên" in html
    assert 'href="/reports/?year=2021&amp;unit=P" data-testid="board-link"' in html
    assert re.search(r'data-testid="board-planned">6<', html)
    assert re.search(r'href="/plans/units/P/actual/\?year=2021" data-testid="board-turns">3<', html)
    assert re.search(r'data-testid="board-percent">50,0%<', html)


def test_the_leader_has_the_dashboard_and_shortcuts_but_no_work_queue(login, trained):
    html = login("leader").get(reverse("site:home")).content.decode()
    assert _inbox(html) == {}
    assert 'data-testid="inbox-empty"' in html
    assert "Đào tạo, bồi dưỡng năm 2021" in html
    for key in ("people", "standards", "plans", "reports", "training"):
        assert f'data-testid="shortcut-{key}"' in html, key
    assert 'data-testid="shortcut-import"' not in html


def test_no_plan_of_another_status_leaks_into_the_review_list(login, plans):
    Plan.unscoped.filter(pk=plans["b"].pk).update(status="approved")
    client = login("province_admin")
    assert _inbox(client.get(reverse("site:home")).content.decode())["plans"][0] == "3"
    listed = client.get("/plans/?review=1&status=approved").content.decode()  # the status filter is ignored
    assert f'href="/plans/{plans["b"].pk}/"' not in listed
