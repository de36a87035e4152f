"""Careers in a real browser, one job per role, on a small world built through the services (no demo):

(a) a commune's HR officer records an evaluation step by step (Vietnamese dates typed dd/mm/yyyy, a
    score "85,5" under the scored scheme), sees the distribution and opens the people behind a figure;
(b) the pool officer opens a commune's pool, adds a person to a post, is refused a 4th person with the
    rule and its source, sees the gaps against the pooled post; the province's HR admin gets 404 there;
(c) a commune's officer opens next year's proposal, reads the places with their explanations, unticks
    one, moves another to a different class and accepts: the class lists the nomination;
(d) a cadre opens "Đánh giá của tôi": their own results and training priority, no pool words."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from canbo.core.dates import today
from tests.careers import conftest as _careers
from tests.careers import pools_world as _pools
from tests.standards import conftest as _standards
from tests.training import conftest as _training

# Fixtures of the careers, pools, standards and training tests, shared here without a conftest.
schemes, pools, pool_officer = _careers.schemes, _pools.pools, _pools.pool_officer
seeded, make_person = _standards.seeded, _standards.make_person
kinds, llct, make_class = _training.kinds, _training.llct, _training.make_class

D = datetime.date
NAV = "Điều hướng chính"


def _careers_hub(page, key):
    page.get_by_role("navigation", name=NAV).get_by_role("link", name="Công tác cán bộ").click()
    page.locator(f"[data-testid='careers-links'] [data-key='{key}']").click()


def _type(page, label, text):
    field = page.get_by_label(label, exact=True)
    field.fill("")
    field.press_sequentially(text)


# ------------------------------------------------------------------ (a) evaluations


def test_a_unit_officer_records_evaluations_and_opens_the_people_behind_a_figure(log_in, people, schemes):
    page = log_in("officer_a")
    _careers_hub(page, "evaluations")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xã Thanh Nưa")

    # 2026, under the scored scheme for công chức (NĐ 335/2025): the level follows the score
    form = page.get_by_test_id("new-evaluation")
    form.get_by_label("Người được đánh giá").select_option(label="Lò Thị Vân")
    form.get_by_label("Năm").select_option("2026")
    form.get_by_role("button", name="Mở biểu mẫu").click()
    expect(page.get_by_test_id("scheme")).to_contain_text("chấm điểm theo thang 100")
    _type(page, "Điểm tự chấm", "86")
    _type(page, "Ngày tự đánh giá", "10/11/2026")
    page.get_by_label("Nhận xét của cấp trên trực tiếp").fill("Hoàn thành tốt các nhiệm vụ được giao")
    _type(page, "Ngày nhận xét", "14/11/2026")
    page.get_by_label("Ý kiến của tập thể").fill("Thống nhất mức hoàn thành tốt")
    _type(page, "Ngày họp tập thể", "18/11/2026")
    _type(page, "Điểm (cấp có thẩm quyền)", "85,5")
    page.get_by_label("Người có thẩm quyền quyết định").fill("Chủ tịch UBND xã")
    _type(page, "Ngày quyết định", "24/11/2026")
    page.get_by_label("Số quyết định, văn bản").fill("215/QĐ-UBND")
    page.get_by_role("button", name="Lưu").click()
    row = page.get_by_test_id("evaluations").locator("tr", has_text="Lò Thị Vân").filter(has_text="2026")
    expect(row).to_contain_text("85,5")
    expect(row).to_contain_text("Hoàn thành tốt nhiệm vụ")
    expect(row).to_contain_text("24/11/2026")

    # 2025 (no score that year): the steps with their dates, the level chosen
    form = page.get_by_test_id("new-evaluation")
    form.get_by_label("Người được đánh giá").select_option(label="Lò Thị Vân")
    form.get_by_label("Năm").select_option("2025")
    form.get_by_role("button", name="Mở biểu mẫu").click()
    page.get_by_label("Tự xếp loại").select_option(label="Hoàn thành tốt nhiệm vụ")
    _type(page, "Ngày tự đánh giá", "08/12/2025")
    _type(page, "Ngày nhận xét", "12/12/2025")
    _type(page, "Ngày họp tập thể", "16/12/2025")
    page.get_by_label("Xếp loại", exact=True).select_option(label="Hoàn thành tốt nhiệm vụ")
    _type(page, "Ngày quyết định", "22/12/2025")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("evaluations").locator("tr", has_text="2025")).to_contain_text("22/12/2025")

    # the distribution, and the list of the people behind one figure
    page.get_by_test_id("to-distribution").click()
    cell = page.get_by_test_id("cell-P-THANHNUA-2025-good")
    expect(cell).to_have_text("1")
    cell.click()
    expect(page.get_by_test_id("total")).to_contain_text("1 kết quả")
    table = page.get_by_test_id("evaluations")
    expect(table).to_contain_text("Lò Thị Vân")
    expect(table.locator("td[data-level]")).to_have_text(["Hoàn thành tốt nhiệm vụ"])


# ------------------------------------------------------------------ (b) succession pools


def test_the_pool_officer_fills_a_post_and_the_hr_admin_gets_404(log_in, session, pools, pool_officer, tree):
    from canbo.careers import pool_services

    post = pools["posts"]["XA-CTUBND"]
    for name in ("Lò Văn Một", "Lò Văn Hai"):
        pool_services.pool_member_add(post=post, person=pools["person"](name), decision=pools["decision"])
    third = pools["person"]("Quàng Thị Ba", gender="female", birth=D(1990, 4, 2))
    fourth = pools["person"]("Cà Văn Bốn", birth=D(1989, 8, 8))

    page = log_in("bantochuc")
    _careers_hub(page, "pools")
    page.get_by_role("link", name="2025–2030").click()
    page.get_by_role("link", name="Xã Thanh Nưa").click()
    unit_url = page.url
    section = page.get_by_test_id(f"post-{post.pk}")
    section.locator(f"select[name='add{post.pk}-person']").select_option(str(third.pk))
    section.locator(f"select[name='add{post.pk}-decision']").select_option(str(pools["decision"].pk))
    section.get_by_role("button", name="Đưa vào quy hoạch").click()
    section = page.get_by_test_id(f"post-{post.pk}")
    member = section.get_by_test_id(f"member-{third.pk}")
    expect(member).to_contain_text("Quàng Thị Ba")
    # the gaps against the pooled post (Chủ tịch UBND xã), in words
    expect(member).to_contain_text(re.compile("lý luận chính trị", re.IGNORECASE))

    section.locator(f"select[name='add{post.pk}-person']").select_option(str(fourth.pk))
    section.locator(f"select[name='add{post.pk}-decision']").select_option(str(pools["decision"].pk))
    section.get_by_role("button", name="Đưa vào quy hoạch").click()
    refusal = page.locator("#messages")
    expect(refusal).to_contain_text("không quá 3 người")
    expect(refusal).to_contain_text("377-QĐ/TW")
    expect(page.get_by_test_id(f"member-{fourth.pk}")).to_have_count(0)

    admin = session("province")
    response = admin.goto(unit_url)
    assert response.status == 404
    expect(admin.locator("body")).not_to_contain_text("Quàng Thị Ba")


# ------------------------------------------------------------------ (c) the optimised proposal


@pytest.fixture
def proposal_world(make_person, llct, make_class, tree, seeded):
    """Two chairmen of commune A short of Trung cấp LLCT, three LLCT classes of the province next
    year at different times: the proposal sends both (one at a time from a commune of 2)."""
    from canbo.careers.priority_data import seed_priority_weights

    seed_priority_weights()
    year = today().year + 1
    people = [
        make_person("Chủ tịch Ủy ban nhân dân", levels=[("general_education", "thpt")], name=name)
        for name in ("Lò Văn Một", "Lò Văn Hai")
    ]
    classes = [make_class(llct, start=D(year, month, 2), days=40, capacity=5, cost=20_000_000) for month in (3, 6, 9)]
    return {"people": people, "classes": classes, "year": year}


def test_a_unit_officer_edits_and_accepts_next_years_proposal(log_in, proposal_world):
    from canbo.training.models import Enrolment

    page = log_in("officer_a")
    _careers_hub(page, "propose")
    expect(page.get_by_label("Năm")).to_have_value(str(proposal_world["year"]))
    page.get_by_role("button", name="Lập đề xuất").click()
    expect(page.get_by_test_id("proposal-summary")).to_contain_text("2 chỗ học")
    form = page.get_by_test_id("accept-form")
    expect(form).to_contain_text("Lý luận chính trị")  # the gap each place closes, in words
    # and why the person comes first: each reason with its points
    for row in form.locator("tbody tr").all():
        expect(row.locator("td").nth(4)).to_contain_text(re.compile(r"\(\+\d+\)"))
    boxes = form.locator("input[name='place']")
    expect(boxes).to_have_count(2)
    unticked = boxes.nth(0).get_attribute("value")
    kept = boxes.nth(1).get_attribute("value")
    boxes.nth(0).uncheck()
    person_id, class_id = (int(v) for v in kept.split(":"))
    move = form.locator(f"select[name='move-{person_id}-{class_id}']")
    # move the kept place to a class the proposal did not use
    used = {int(v.split(":")[1]) for v in (unticked, kept)}
    target = next(c for c in proposal_world["classes"] if c.pk not in used)
    move.select_option(str(target.pk))
    form.get_by_test_id("accept").click()
    expect(page.locator("#messages")).to_contain_text("Đã cử 1 người đi học theo đề xuất")

    page.goto(f"/training/classes/{target.code}/")
    person = next(p for p in proposal_world["people"] if p.pk == person_id)
    expect(page.get_by_test_id("enrolments")).to_contain_text(person.full_name)
    assert list(Enrolment.unscoped.values_list("person_id", "training_class_id", "status")) == [
        (person_id, target.pk, "nominated")
    ]


# ------------------------------------------------------------------ (d) a cadre's own page


def test_a_cadre_sees_own_evaluations_and_priority_without_pool_words(log_in, personas, people, schemes, pools):
    from canbo.careers import pool_services, services
    from canbo.careers.priority_data import seed_priority_weights

    seed_priority_weights()
    van = people["van"]
    services.evaluation_record(person=van, year=2024, level="good", today=D(2025, 3, 1))
    services.evaluation_record(person=van, year=2025, level="done", today=D(2026, 3, 1))
    services.evaluation_record(person=people["pao"], year=2023, level="failed", today=D(2026, 3, 1))
    # Vân is in the pool for Phó Chủ tịch UBND: that part of her priority is never shown to her
    pool_services.pool_member_add(post=pools["posts"]["XA-PCTUBND"], person=van, decision=pools["decision"])
    cadre = personas["cadre_a"]
    cadre.person = van
    cadre.save()

    page = log_in("cadre_a")
    page.get_by_role("navigation", name=NAV).get_by_role("link", name="Đánh giá của tôi").click()
    table = page.get_by_test_id("my-evaluations")
    expect(table.locator("td[data-level]")).to_have_text(["Hoàn thành nhiệm vụ", "Hoàn thành tốt nhiệm vụ"])
    expect(table.locator("tbody tr td:first-child")).to_have_text(["2025", "2024"])  # Páo's 2023 is not hers
    priority = page.get_by_test_id("own-priority")
    expect(priority).to_contain_text("Ưu tiên cử đi học của tôi")
    expect(priority).to_contain_text("điểm")
    main = page.locator("main")
    expect(main).not_to_contain_text(re.compile("quy hoạch", re.IGNORECASE))
    expect(page.locator("body")).not_to_contain_text(re.compile("quy hoạch", re.IGNORECASE))
