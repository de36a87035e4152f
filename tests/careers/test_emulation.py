"""Emulation (thi đua): subordinate units ranked for a year by plan completion, standardisation
rate and evaluation results with shown weights; the best learners of the year; the Excel workbook
for the emulation council; reach."""

import datetime
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from canbo.careers import emulation
from canbo.careers.models import Evaluation
from canbo.people import services as people_services
from canbo.plans.models import Plan, PlanTarget
from canbo.standards import selectors as standards_selectors
from canbo.training.models import Enrolment
from tests.plans.conftest import *  # noqa: F403  (programme kinds, programmes, make_class)

D = datetime.date
YEAR = 2026
MID = D(YEAR, 6, 30)


def _person(unit, name, title, levels, level):
    person = people_services.person_create(
        unit=unit,
        assignment={"category": "can_bo", "title": title, "start_date": D(2025, 7, 1)},
        full_name=name,
        gender="male",
        birth_year=1985,
    )
    for ladder, code in levels:
        people_services.qualification_add(person=person, level=level(ladder, code), year=2010)
    return person


def _plan(unit, kinds, **turns):
    plan = Plan.unscoped.create(unit=unit, year=YEAR, title=f"Kế hoạch {YEAR}")
    for code, n in turns.items():
        PlanTarget.unscoped.create(plan=plan, kind=kinds[code], turns=n)
    return plan


def _evaluate(person, level):
    return Evaluation.unscoped.create(
        person=person, year=YEAR, unit=person.unit, unit_path=person.unit_path, category="can_bo", level=level
    )


def _scores(cls, **by_person):
    for person, score in by_person.values():
        Enrolment.unscoped.filter(training_class=cls, person=person).update(score=Decimal(score))


@pytest.fixture
def world(tree, kinds, make_class, level):
    a, b = tree["a"], tree["b"]
    full = [("general_education", "thpt"), ("professional", "dai_hoc"), ("politics", "trung_cap")]
    a1 = _person(a, "Lò Văn An", "Chủ tịch Ủy ban nhân dân", full, level)
    a2 = _person(a, "Lò Thị Bình", "Phó Chủ tịch Ủy ban nhân dân", full, level)
    a3 = _person(a, "Quàng Văn Cường", "Phó Chủ tịch Ủy ban nhân dân", full[:2], level)
    b1 = _person(b, "Giàng A Dũng", "Chủ tịch Ủy ban nhân dân", full[:2], level)
    b2 = _person(b, "Sùng A Em", "Phó Chủ tịch Ủy ban nhân dân", full[:1], level)
    # Commune A: planned 4, trained 5 (125 %); commune B: planned 4, trained 2 (50 %).
    _plan(a, kinds, politics=2, knowledge_update=2)
    _plan(b, kinds, politics=4)
    pol_a = make_class(a, "politics", end=MID, people=[a1, a2, a3])
    upd_a = make_class(a, "knowledge_update", end=MID, people=[a1, a2])
    pol_b = make_class(b, "politics", end=MID, people=[b1, b2])
    _scores(pol_a, x=(a1, "9.5"), y=(a2, "8"), z=(a3, "6.5"))
    _scores(upd_a, y=(a2, "7.25"))
    _scores(pol_b, x=(b1, "95"), y=(b2, "70"))  # a class marked out of 100
    for person, lvl in [(a1, "excellent"), (a2, "good"), (a3, "failed"), (b1, "good"), (b2, "done")]:
        _evaluate(person, lvl)
    return {"a1": a1, "a2": a2, "a3": a3, "b1": b1, "b2": b2, "pol_a": pol_a, "pol_b": pol_b}


def test_the_figures_of_each_unit(world, tree, personas):
    em = emulation.ranking(user=personas["province_admin"], unit=tree["province"], year=YEAR)
    rows = {r.unit.code: r for r in em.rows}
    assert set(rows) == {"P-THANHNUA", "P-MUONGNHE"}  # the district closed in 2025 is not ranked
    a, b = rows["P-THANHNUA"], rows["P-MUONGNHE"]
    assert (a.planned_turns, a.turns, round(a.plan_percent, 1)) == (4, 5, 125.0)
    assert (b.planned_turns, b.turns, round(b.plan_percent, 1)) == (4, 2, 50.0)
    # A: all but Cường's political theory (5 of 6); B: Dũng's degree only (1 of 4).
    assert (a.met, a.applicable, b.met, b.applicable) == (5, 6, 1, 4)
    assert (a.evaluated, a.excellent, a.good, a.failed) == (3, 1, 1, 1)
    assert (b.evaluated, b.excellent, b.good, b.failed) == (2, 0, 1, 0)
    assert round(a.good_percent, 2) == 66.67 and round(a.failed_percent, 2) == 33.33
    assert b.good_percent == 50.0 and b.failed_percent == 0.0

    # The standards page's own figures, without the annual duty, say the same.
    for unit, row in ((tree["a"], a), (tree["b"], b)):
        totals = standards_selectors.rate_totals(
            standards_selectors.unit_rates(user=personas["province_admin"], unit=unit, day=em.day)
        )
        level_rates = [t for t in totals if t.ladder_code != "duty"]
        assert (sum(t.met for t in level_rates), sum(t.applicable for t in level_rates)) == (row.met, row.applicable)


def test_combined_score_ranks_with_the_weights(world, tree, personas):
    em = emulation.ranking(user=personas["province_admin"], unit=tree["province"], year=YEAR)
    assert em.weights == {"plan": 40.0, "standards": 30.0, "evaluation": 30.0}
    # A: 40 % × 100 (125 % capped) + 30 % × 83,33 + 30 % × (66,67 − 33,33) = 75
    # B: 40 % × 50 + 30 % × 25 + 30 % × (50 − 0) = 42,5
    assert [(r.unit.code, r.score, r.rank) for r in em.rows] == [("P-THANHNUA", 75.0, 1), ("P-MUONGNHE", 42.5, 2)]
    assert em.rows[0].ranks == {"plan": 1, "standards": 1, "evaluation": 2}
    assert em.rows[1].ranks == {"plan": 2, "standards": 2, "evaluation": 1}


def test_evaluations_alone_reverse_the_order(world, tree, personas, settings):
    settings.CANBO_EMULATION_WEIGHTS = {"plan": 0, "standards": 0, "evaluation": 1}
    em = emulation.ranking(user=personas["province_admin"], unit=tree["province"], year=YEAR)
    assert [(r.unit.code, r.score, r.rank) for r in em.rows] == [("P-MUONGNHE", 50.0, 1), ("P-THANHNUA", 33.33, 2)]


def test_equal_scores_share_a_rank_listed_by_name(world, tree, personas, settings, kinds):
    settings.CANBO_EMULATION_WEIGHTS = {"plan": 1, "standards": 0, "evaluation": 0}
    PlanTarget.unscoped.filter(plan__unit=tree["b"]).update(turns=2)  # B now trained all it planned
    em = emulation.ranking(user=personas["province_admin"], unit=tree["province"], year=YEAR)
    # Both at 100 points (A's 125 % is capped): one rank, Mường Nhé before Thanh Nưa by name.
    assert [(r.unit.code, r.score, r.rank) for r in em.rows] == [("P-MUONGNHE", 100.0, 1), ("P-THANHNUA", 100.0, 1)]
    assert [r.ranks["plan"] for r in em.rows] == [2, 1]  # its own figure still tells 125 % from 100 %


def test_competition_ranks():
    assert emulation.competition_ranks([70.0, 90.0, 90.0, None, 50.0]) == [3, 1, 1, 5, 4]
    assert emulation.competition_ranks([]) == []


def test_a_unit_without_data_counts_zero(tree, personas, kinds):
    em = emulation.ranking(user=personas["province_admin"], unit=tree["province"], year=YEAR)
    assert [(r.score, r.rank, r.plan_percent, r.good_percent) for r in em.rows] == [(0.0, 1, None, None)] * 2
    assert [r.ranks for r in em.rows] == [{"plan": None, "standards": None, "evaluation": None}] * 2


def test_best_learners_per_kind_on_a_10_point_scale_with_ties(world, tree, personas):
    groups = emulation.best_learners(user=personas["province_admin"], unit=tree["province"], year=YEAR, top=1)
    by_kind = {g.kind.code: g for g in groups}
    # 95/100 in B's class is 9,5 and ties with An's 9,5: both kept at rank 1.
    politics = [(x.enrolment.person.full_name, x.mark, x.rank) for x in by_kind["politics"].learners]
    assert politics == [("Lò Văn An", Decimal("9.50"), 1), ("Giàng A Dũng", Decimal("9.50"), 1)]
    update = [(x.enrolment.person.full_name, x.mark) for x in by_kind["knowledge_update"].learners]
    assert update == [("Lò Thị Bình", Decimal("7.25"))]  # An has no score in that class: not ranked
    groups = emulation.best_learners(user=personas["province_admin"], unit=tree["province"], year=YEAR, top=3)
    politics = [(x.enrolment.person.full_name, x.rank) for x in {g.kind.code: g for g in groups}["politics"].learners]
    assert politics == [("Lò Văn An", 1), ("Giàng A Dũng", 1), ("Lò Thị Bình", 3)]
    # Commune A's officer sees only commune A's learners.
    groups = emulation.best_learners(user=personas["officer_a"], unit=tree["a"], year=YEAR, top=5)
    names = {x.enrolment.person.full_name for g in groups for x in g.learners}
    assert names == {"Lò Văn An", "Lò Thị Bình", "Quàng Văn Cường"}
    assert emulation.best_learners(user=personas["province_admin"], unit=tree["province"], year=YEAR - 1) == []


def test_page_shows_figures_in_vietnamese_with_links_and_weights(world, tree, login):
    page = login("province_admin").get(reverse("reports:emulation", args=["P"]) + f"?year={YEAR}")
    assert page.status_code == 200
    body = page.content.decode()
    assert "125,0%" in body and "83,3%" in body and "66,7%" in body and "33,3%" in body and "75,00" in body
    assert "42,50" in body and "25,0%" in body
    assert 'data-testid="emulation-weights"' in body and "40,0%" in body and "30,0%" in body
    assert reverse("plans:unit_pva", args=["P-THANHNUA"]) + f"?year={YEAR}" in body
    assert reverse("plans:unit_actual", args=["P-THANHNUA"]) + f"?year={YEAR}" in body
    assert reverse("standards:unit", args=["P-MUONGNHE"]) in body
    rows = page.context["rows"]
    assert [(r.unit.code, r.rank) for r, _links in rows] == [("P-THANHNUA", 1), ("P-MUONGNHE", 2)]
    assert 'data-testid="best-learners"' in body and "Giàng A Dũng" in body and "9,5" in body
    assert reverse("reports:emulation_xlsx", args=["P"]) in body


def test_excel_for_the_emulation_council(world, tree, login):
    response = login("province_admin").get(reverse("reports:emulation_xlsx", args=["P"]) + f"?year={YEAR}&top=2")
    assert response.status_code == 200
    assert 'filename="thi-dua-P-2026.xlsx"' in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    ranking, learners = book.worksheets
    cells = list(ranking.iter_rows(values_only=True))
    flat = [c for row in cells for c in row if c is not None]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat and "Độc lập - Tự do - Hạnh phúc" in flat
    assert "BẢNG XẾP HẠNG THI ĐUA CÁC ĐƠN VỊ VỀ ĐÀO TẠO, BỒI DƯỠNG NĂM 2026" in flat
    assert "THỦ TRƯỞNG ĐƠN VỊ" in flat and "NGƯỜI LẬP BIỂU" in flat
    assert any(isinstance(c, str) and c.startswith("Trọng số:") and "40,0%" in c for c in flat)
    data = [row for row in cells if row[1] in ("Xã Thanh Nưa", "Xã Mường Nhé")]
    assert [row[0] for row in data] == [1, 2]
    a = data[0]
    assert a[2:5] == (4, 5, 1.25)
    assert (a[5], a[6], round(a[7], 4), a[8], round(a[9], 4), round(a[10], 4), a[11]) == (
        6,
        5,
        0.8333,
        3,
        0.6667,
        0.3333,
        75.0,
    )
    assert ranking.page_setup.paperSize == 9 and ranking.page_setup.orientation == "landscape"
    assert ranking.print_title_rows is not None
    rows = [row for row in learners.iter_rows(values_only=True)]
    flat = [c for row in rows for c in row if c is not None]
    assert "DANH SÁCH HỌC VIÊN CÓ KẾT QUẢ HỌC TẬP XUẤT SẮC NĂM 2026" in flat
    people = [(row[1], row[2], row[6]) for row in rows if row[2] in ("Lò Văn An", "Giàng A Dũng", "Lò Thị Bình")]
    assert people == [(1, "Lò Văn An", 9.5), (1, "Giàng A Dũng", 9.5), (1, "Lò Thị Bình", 7.25)]
    assert learners.page_setup.paperSize == 9


@pytest.mark.parametrize(
    ("persona", "code", "status"),
    [
        ("officer_a", "P", 404),  # the province is above commune A's officer
        ("officer_b", "P-THANHNUA", 404),  # another commune
        ("officer_a", "P-THANHNUA", 200),
        ("leader", "P", 200),
        ("cadre_a", "P-THANHNUA", 403),  # no VIEW_REPORTS
    ],
)
def test_reach(world, login, persona, code, status):
    client = login(persona)
    assert client.get(reverse("reports:emulation", args=[code]) + f"?year={YEAR}").status_code == status
    assert client.get(reverse("reports:emulation_xlsx", args=[code]) + f"?year={YEAR}").status_code == status


def _report(*args):
    out = io.StringIO()
    call_command("report", "emulation", *args, stdout=out)
    return out.getvalue()


def test_command_json_and_table(world, tmp_path):
    data = json.loads(_report("--unit", "P", "--year", str(YEAR), "--json", "--top", "1"))
    assert data["weights"] == {"plan": 40.0, "standards": 30.0, "evaluation": 30.0}
    assert [(u["unit"], u["rank"], u["score"], u["plan_percent"]) for u in data["units"]] == [
        ("P-THANHNUA", 1, 75.0, 125.0),
        ("P-MUONGNHE", 2, 42.5, 50.0),
    ]
    politics = {g["kind"]: g["learners"] for g in data["best_learners"]}["politics"]
    expected = [("Lò Văn An", "9.50", 1), ("Giàng A Dũng", "9.50", 1)]
    assert [(x["name"], x["mark"], x["rank"]) for x in politics] == expected
    table = _report("--unit", "P", "--year", str(YEAR))
    assert "Xã Thanh Nưa" in table and "125,0%" in table and "75,00" in table
    target = tmp_path / "thi-dua.xlsx"
    _report("--unit", "P", "--year", str(YEAR), "--xlsx", str(target))
    assert openpyxl.load_workbook(target).worksheets[0].page_setup.paperSize == 9


@pytest.mark.parametrize("args", [("--unit", "KHONG-CO", "--year", "2026"), ("--unit", "P", "--year", "1800")])
def test_command_usage_errors(tree, args):
    with pytest.raises(CommandError) as exc:
        _report(*args)
    assert exc.value.returncode == 2


def test_evaluation_figures_link_to_the_evaluation_list_of_the_unit_and_year(world, login):
    body = login("province_admin").get(reverse("reports:emulation", args=["P"]) + f"?year={YEAR}").content.decode()
    assert reverse("careers:evaluations", args=["P-THANHNUA"]) + f"?year={YEAR}" in body
