"""The optimised proposal, database side: `canbo plan propose` (JSON keys, places, refusals with
their reason and exit 1), the page (reach, accept into nominations, refusals named) and the
priority list."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from canbo.training import services as training
from canbo.training.models import Enrolment
from tests.standards.conftest import *  # noqa: F403  (seeded rules, make_person)
from tests.training.conftest import *  # noqa: F403  (programme kinds, LLCT, make_class)

D = datetime.date


@pytest.fixture
def world(make_person, llct, make_class, tree, kinds):
    """Two commune chairmen of A short of Trung cấp LLCT; one LLCT class of the province in 2027
    with 5 seats at 10,000,000 đồng a place; one person of B."""
    short = [
        make_person("Chủ tịch Ủy ban nhân dân", levels=[("general_education", "thpt")], name=name)
        for name in ("Lò Văn Một", "Lò Văn Hai")
    ]
    other = make_person("Chủ tịch Ủy ban nhân dân", unit="b", levels=[("general_education", "thpt")], name="Xã Bê")
    cls = make_class(llct, start=D(2027, 3, 1), days=200, capacity=5, cost=50_000_000)
    return {"short": short, "other": other, "cls": cls}


def _run(*args):
    out = io.StringIO()
    call_command("plan", "propose", *args, stdout=out)
    return out.getvalue()


def test_json_has_the_issue_keys_and_places(world):
    data = json.loads(_run("--unit", "P-THANHNUA", "--year", "2027", "--json"))
    assert {"assignments", "objective", "greedy_objective", "unassigned_seats", "limits"} <= set(data)
    people = {a["person_id"] for a in data["assignments"]}
    # two people short, but commune A has 2 staff: at most max(1, 20 % of 2) = 1 away at a time
    assert len(people) == 1 and people <= {p.pk for p in world["short"]}
    assert any(limit["limit"] == "away_share" and limit["binding"] for limit in data["limits"])
    first = data["assignments"][0]
    assert first["class_code"] == world["cls"].code
    assert any("Lý luận chính trị" in g for g in first["gap_closed"])
    assert "Ưu tiên" in first["reason"] or "+" in first["reason"]
    assert data["objective"] >= data["greedy_objective"] > 0
    assert data["unassigned_seats"] == {world["cls"].code: 4}
    assert {limit["limit"] for limit in data["limits"]} >= {"seats", "away_share"}


def test_province_includes_both_communes_and_text_is_vietnamese(world):
    text = _run("--unit", "P", "--year", "2027", "--budget", "100000000")
    assert "Đề xuất cử đi học năm 2027" in text
    assert "Xã Bê" in text and ("Lò Văn Một" in text or "Lò Văn Hai" in text)
    data = json.loads(_run("--unit", "P", "--year", "2027", "--budget", "10000000", "--json"))
    assert len(data["assignments"]) == 1  # one place of 10,000,000 đồng
    assert any(limit["limit"] == "budget" and limit["binding"] for limit in data["limits"])


def _refused(*args):
    with pytest.raises(CommandError) as caught:
        _run(*args)
    assert caught.value.returncode == 1
    return str(caught.value)


def test_budget_below_every_class_is_refused(world):
    assert "Kinh phí 1.000 đồng thấp hơn" in _refused("--unit", "P-THANHNUA", "--year", "2027", "--budget", "1000")


def test_no_seats_is_refused(world, make_person):
    full = world["cls"]
    for n in range(5):
        person = make_person("Chủ tịch Ủy ban nhân dân", unit="b", name=f"Người {n}")
        training.enrolment_nominate(training_class=full, person=person)
    assert "hết chỗ" in _refused("--unit", "P-THANHNUA", "--year", "2027")


def test_nobody_eligible_is_refused(make_person, update_course, make_class):
    # the only class is a knowledge update, which closes no standard the chairman lacks
    make_person("Chủ tịch Ủy ban nhân dân", unit="b", levels=[("general_education", "thpt")], name="Xã Bê")
    make_class(update_course, start=D(2027, 4, 5), capacity=10)
    message = _refused("--unit", "P-MUONGNHE", "--year", "2027")
    assert "Không ai trong 1 người được xét có thiếu hụt" in message


def test_usage_errors_exit_2(world):
    with pytest.raises(CommandError) as caught:
        _run("--unit", "NOPE", "--year", "2027")
    assert caught.value.returncode == 2
    with pytest.raises(CommandError) as caught:
        _run("--unit", "P", "--year", "1800")
    assert caught.value.returncode == 2


# ---------------------------------------------------------------- the page


def test_out_of_reach_unit_is_404(world, login):
    client = login("officer_b")
    response = client.post(reverse("plans:propose_start"), {"unit": "P-THANHNUA", "year": 2027})
    assert response.status_code == 404


def test_page_shows_places_and_accept_creates_nominations(world, login):
    client = login("officer_a")
    response = client.post(reverse("plans:propose_start"), {"unit": "P-THANHNUA", "year": 2027}, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert world["cls"].code in body and ("Lò Văn Một" in body or "Lò Văn Hai" in body)
    assert 'name="place"' in body and "Lý luận chính trị" in body
    assert "Xã Bê" not in body
    one, two = world["short"]
    cls = world["cls"]
    response = client.post(
        reverse("plans:propose_accept"),
        {"unit": "P-THANHNUA", "year": 2027, "place": [f"{one.pk}:{cls.pk}"]},
    )
    assert response.status_code == 302
    assert Enrolment.unscoped.filter(training_class=cls, person=one, status="nominated").exists()
    assert not Enrolment.unscoped.filter(training_class=cls, person=two).exists()  # unticked
    # the same place again is refused, named with its reason
    response = client.post(
        reverse("plans:propose_accept"),
        {"unit": "P-THANHNUA", "year": 2027, "place": [f"{one.pk}:{cls.pk}"]},
        follow=True,
    )
    text = response.content.decode()
    assert "Lò Văn Một" in text and "đã có tên trong lớp này" in text


def test_a_place_naming_another_communes_person_is_refused(world, login):
    client = login("officer_a")
    cls = world["cls"]
    response = client.post(
        reverse("plans:propose_accept"),
        {"unit": "P-THANHNUA", "year": 2027, "place": [f"{world['other'].pk}:{cls.pk}"]},
        follow=True,
    )
    assert "Không thuộc phạm vi của bạn" in response.content.decode()
    assert not Enrolment.unscoped.filter(person=world["other"]).exists()


def test_refusal_is_shown_on_the_page(world, login):
    client = login("officer_a")
    response = client.post(
        reverse("plans:propose_start"), {"unit": "P-THANHNUA", "year": 2027, "budget": 5}, follow=True
    )
    assert response.status_code == 200
    assert "thấp hơn học phí một chỗ" in response.content.decode()


def test_leader_may_not_propose(world, login):
    assert login("leader").get(reverse("plans:propose")).status_code == 403


def test_priority_list_ranks_and_exports(world, login):
    client = login("officer_a")
    response = client.get(reverse("plans:priority", kwargs={"code": "P-THANHNUA"}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Lò Văn Một" in body and "Thiếu trình độ Trung cấp (Lý luận chính trị)" in body
    xlsx = client.get(reverse("plans:priority_xlsx", kwargs={"code": "P-THANHNUA"}))
    assert xlsx.status_code == 200
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Lò Văn Một" in names
    assert login("officer_b").get(reverse("plans:priority", kwargs={"code": "P-THANHNUA"})).status_code == 404


def test_a_class_for_another_target_group_gets_nobody(world, llct, make_class):
    """A politics class for viên chức only closes the chairmen's LLCT gap by kind, but the
    nomination would refuse them: the proposal does not offer it to them."""
    other_group = make_class(llct, start=D(2027, 2, 1), days=3, capacity=5, target_categories=["vien_chuc"])
    data = json.loads(_run("--unit", "P", "--year", "2027", "--json"))
    codes = {a["class_code"] for a in data["assignments"]}
    assert codes == {world["cls"].code}
    assert data["unassigned_seats"][other_group.code] == 5


def test_a_large_subtree_runs_in_the_worker_and_the_run_is_its_owners(world, login, monkeypatch, personas):
    from canbo.plans import propose
    from canbo.plans.models import ProposalRun

    monkeypatch.setattr(propose, "INLINE_PEOPLE", 0)  # every subtree "large": queued (run at once in tests)
    client = login("province_admin")
    response = client.post(reverse("plans:propose_start"), {"unit": "P", "year": 2027})
    assert response.status_code == 302 and "?run=" in response["Location"]
    run = ProposalRun.unscoped.get()
    assert run.task_id and run.finished_at and run.result["places"] == 2
    body = client.get(response["Location"]).content.decode()
    assert world["cls"].code in body and "Xã Bê" in body
    # another officer cannot open it
    assert login("officer_a").get(response["Location"]).status_code == 404
    assert client.get(reverse("plans:propose"), {"run": "not-a-uuid"}).status_code == 404
