"""Editing the optimised proposal on the page before accepting it: a proposed place moved to
another eligible class, a person the solver left out added to a class with seats, and edits the
class cannot take (full, not open to the person's unit, no gap closed) refused with the reason —
everything through `plans:propose` / `plans:propose_accept` as the officer uses them."""

import datetime

import pytest
from django.urls import reverse

from canbo.plans.models import ProposalRun
from canbo.training import services as training
from canbo.training.models import Enrolment
from tests.standards.conftest import *  # noqa: F403  (seeded rules, make_person)
from tests.training.conftest import *  # noqa: F403  (programme kinds, LLCT, make_class)

D = datetime.date


@pytest.fixture
def world(make_person, llct, make_class, tree, kinds, update_course):
    """Two chairmen of commune A short of Trung cấp LLCT (commune A has 2 staff: the proposal
    sends one, at most 20 % away at a time); two LLCT classes of the province in 2027 with seats,
    a full one, one open to A's office only, and a knowledge update that closes no gap."""
    short = [
        make_person("Chủ tịch Ủy ban nhân dân", levels=[("general_education", "thpt")], name=name)
        for name in ("Lò Văn Một", "Lò Văn Hai")
    ]
    first = make_class(llct, start=D(2027, 3, 1), days=200, capacity=5, cost=50_000_000)
    second = make_class(llct, start=D(2027, 3, 10), days=40, capacity=5)
    full = make_class(llct, start=D(2027, 3, 10), days=40, capacity=1)
    outsider = make_person("Chủ tịch Ủy ban nhân dân", unit="b", name="Xã Bê")
    training.enrolment_nominate(training_class=full, person=outsider)
    office = make_class(llct, start=D(2027, 3, 10), days=40, capacity=5, open_to=tree["a_office"])
    update = make_class(update_course, start=D(2027, 5, 4), days=3, capacity=10)
    return {"short": short, "first": first, "second": second, "full": full, "office": office, "update": update}


def _run(client):
    response = client.post(reverse("plans:propose_start"), {"unit": "P-THANHNUA", "year": 2027}, follow=True)
    assert response.status_code == 200
    run = ProposalRun.unscoped.latest("created_at")
    return run, response.content.decode()


def _accept(client, run, **data):
    return client.post(
        reverse("plans:propose_accept"), {"unit": "P-THANHNUA", "year": 2027, "run": str(run.pk), **data}, follow=True
    )


def _proposed(run):
    (place,) = [(p["person_id"], g["class_id"]) for g in run.result["groups"] for p in g["places"]]
    return place


def test_the_page_offers_moves_and_additions_within_eligible_classes(world, login):
    client = login("officer_a")
    run, body = _run(client)
    person_id, class_id = _proposed(run)
    groups = {g["class_id"]: g for g in run.result["groups"]}
    (place,) = groups[class_id]["places"]
    moves = {m["class_id"] for m in place["moves"]}
    # the other LLCT class with seats; not the full one, not the office's, not the knowledge update
    assert moves == {world["first"].pk, world["second"].pk} - {class_id}
    assert f'name="move-{person_id}-{class_id}"' in body
    left_out = ({p.pk for p in world["short"]} - {person_id}).pop()
    # the one the solver left out may be added to either LLCT class with seats, never to the others
    for cls in (world["first"], world["second"]):
        assert [a["person_id"] for a in groups[cls.pk]["add"]] == [left_out]
        assert f'value="{left_out}:{cls.pk}"' in body
    assert world["full"].pk not in groups and world["office"].pk not in groups and world["update"].pk not in groups


def test_moving_a_place_and_adding_a_person_become_nominations(world, login):
    client = login("officer_a")
    run, _body = _run(client)
    person_id, class_id = _proposed(run)
    other = world["second"] if class_id == world["first"].pk else world["first"]
    left_out = ({p.pk for p in world["short"]} - {person_id}).pop()
    response = _accept(
        client,
        run,
        place=[f"{person_id}:{class_id}"],
        **{f"move-{person_id}-{class_id}": str(other.pk)},
        add=[f"{left_out}:{class_id}"],
    )
    text = response.content.decode()
    import re

    assert "Đã cử 2 người đi học" in text, re.findall(r"alert[^>]*>([^<]*)", text)
    assert Enrolment.unscoped.filter(person_id=person_id, training_class=other, status="nominated").exists()
    assert not Enrolment.unscoped.filter(person_id=person_id, training_class_id=class_id).exists()
    assert Enrolment.unscoped.filter(person_id=left_out, training_class_id=class_id, status="nominated").exists()


def test_a_move_to_a_full_class_is_refused_with_the_reason(world, login):
    client = login("officer_a")
    run, _body = _run(client)
    person_id, class_id = _proposed(run)
    full = world["full"]
    text = _accept(
        client, run, place=[f"{person_id}:{class_id}"], **{f"move-{person_id}-{class_id}": str(full.pk)}
    ).content.decode()
    name = next(p.full_name for p in world["short"] if p.pk == person_id)
    assert f"{name} — lớp {full.code}" in text
    assert f"Lớp “{full.name}” đã hết chỗ (1/1 học viên)." in text
    assert not Enrolment.unscoped.filter(person_id=person_id).exists()  # nothing else nominated instead


def test_a_move_to_a_class_not_open_to_the_unit_is_refused_with_the_reason(world, login):
    client = login("officer_a")
    run, _body = _run(client)
    person_id, class_id = _proposed(run)
    office = world["office"]
    text = _accept(
        client, run, place=[f"{person_id}:{class_id}"], **{f"move-{person_id}-{class_id}": str(office.pk)}
    ).content.decode()
    assert f"Lớp “{office.name}” chỉ nhận học viên của Văn phòng HĐND và UBND xã Thanh Nưa." in text
    assert not Enrolment.unscoped.filter(person_id=person_id).exists()


def test_adding_someone_to_a_class_that_closes_no_gap_or_out_of_reach_is_refused(world, login, make_person):
    client = login("officer_a")
    run, _body = _run(client)
    person_id, class_id = _proposed(run)
    left_out = next(p for p in world["short"] if p.pk != person_id)
    update = world["update"]
    stranger = make_person("Chủ tịch Ủy ban nhân dân", unit="b", levels=[("general_education", "thpt")], name="Người B")
    text = _accept(client, run, add=[f"{left_out.pk}:{update.pk}", f"{stranger.pk}:{class_id}"]).content.decode()
    assert f"Lớp “{update.name}” không bù thiếu hụt nào của {left_out.full_name}." in text
    assert "Không thuộc phạm vi của bạn" in text
    assert not Enrolment.unscoped.filter(person__in=[left_out, stranger]).exists()
