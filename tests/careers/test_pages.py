"""The evaluation pages through the test client: reach (404 outside it and for those who may not see
evaluations), the record form, the distribution figures and the people behind them, the Excel copy,
the person's section, and a cadre's own page (only their own results)."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from canbo.careers import services
from canbo.careers.models import Evaluation

D = datetime.date
TODAY = D(2027, 3, 1)


@pytest.fixture
def results(tree, people, staff):
    """2024 in commune A: Vân xuất sắc, five "tốt", Minh (the office) "hoàn thành"; 2023: Vân "tốt";
    commune B: Páo "tốt" in 2024."""
    team = staff(5)
    for person in team:
        services.evaluation_record(person=person, year=2024, level="good", today=TODAY)
    services.evaluation_record(person=people["van"], year=2024, level="excellent", today=TODAY)
    services.evaluation_record(person=people["van"], year=2023, level="good", today=TODAY)
    services.evaluation_record(person=people["minh"], year=2024, level="done", today=TODAY)
    services.evaluation_record(person=people["pao"], year=2024, level="good", today=TODAY)
    return team


@pytest.mark.django_db
def test_the_list_is_scoped_by_reach_and_role(login, tree, people, results):
    url = reverse("careers:evaluations", args=["P-THANHNUA"])
    page = login("officer_a").get(url, {"year": 2024})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Lò Thị Vân" in text and "Lò Văn Minh" in text and "Giàng A Páo" not in text
    assert page.context["page"].paginator.count == 7
    only_excellent = login("officer_a").get(url, {"year": 2024, "level": "excellent"})
    assert [e.person_id for e in only_excellent.context["page"]] == [people["van"].pk]
    direct = login("officer_a").get(url, {"year": 2024, "direct": "1"})
    assert people["minh"].pk not in [e.person_id for e in direct.context["page"]]
    assert login("leader").get(url).status_code == 200  # the province's leader reads within reach
    assert login("officer_b").get(url).status_code == 404
    assert login("cadre_a").get(url).status_code == 404  # a cadre never sees a unit's results
    assert login("cadre_a").get(reverse("careers:distribution", args=["P-THANHNUA"])).status_code == 404


@pytest.mark.django_db
def test_the_distribution_counts_and_shares_with_the_people_behind_them(login, tree, people, results):
    page = login("province_admin").get(reverse("careers:distribution", args=["P"]))
    assert page.status_code == 200
    rows = {row.unit.code: row for row in page.context["rows"]}
    province, a, b = rows["P"].years[2024], rows["P-THANHNUA"].years[2024], rows["P-MUONGNHE"].years[2024]
    assert (province.total, province.counts) == (8, {"excellent": 1, "good": 6, "done": 1})
    assert (a.total, a.counts) == (7, {"excellent": 1, "good": 5, "done": 1})
    assert a.share("excellent") == Decimal("14.3") and a.share("good") == Decimal("71.4")
    assert (b.total, b.counts) == (1, {"good": 1})
    assert rows["P"].years[2023].total == 1 and rows["P"].years[2025].total == 0
    assert "P-HDB" not in rows  # a closed district without results of these years is left out
    # each figure links to the list of the people behind it
    text = page.content.decode()
    link = reverse("careers:evaluations", args=["P-THANHNUA"]) + "?year=2024&amp;level=excellent"
    assert link in text
    behind = login("province_admin").get(
        reverse("careers:evaluations", args=["P-THANHNUA"]), {"year": 2024, "level": "excellent"}
    )
    assert [e.person.full_name for e in behind.context["page"]] == ["Lò Thị Vân"]
    # commune A's officer sees only the subtree of A
    mine = login("officer_a").get(reverse("careers:distribution", args=["P-THANHNUA"]))
    assert [row.unit.code for row in mine.context["rows"]] == ["P-THANHNUA", "P-THANHNUA-VP"]
    assert mine.context["rows"][1].years[2024].counts == {"done": 1}
    assert login("officer_a").get(reverse("careers:distribution", args=["P"])).status_code == 404


@pytest.mark.django_db
def test_the_distribution_in_excel(login, tree, people, results):
    response = login("officer_a").get(reverse("careers:distribution_xlsx", args=["P-THANHNUA"]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    a_row = next(r for r in values if r[0] == "Xã Thanh Nưa")
    # 2024 is the fourth year block: total, then (count, share) for each of the four levels
    first = 1 + 3 * 9
    expected = (7, 1, pytest.approx(1 / 7, abs=0.001), 5, pytest.approx(5 / 7, abs=0.001))
    assert tuple(a_row[first : first + 5]) == expected


@pytest.mark.django_db
def test_the_record_form_creates_refuses_and_edits(login, tree, people, results):
    url = reverse("careers:evaluation_edit", args=[people["minh"].pk, 2025])
    client = login("officer_a")
    assert client.get(url).status_code == 200
    refused = client.post(url, {"unit": tree["a_office"].pk, "level": "good", "sanction": "warning"})
    assert refused.status_code == 200 and "Bị kỷ luật “Cảnh cáo”" in refused.content.decode()
    assert not Evaluation.unscoped.filter(person=people["minh"], year=2025).exists()
    saved = client.post(
        url,
        {
            "unit": tree["a_office"].pk,
            "self_level": "good",
            "self_assessed_on": "10/12/2025",
            "superior_on": "15/12/2025",
            "superior_comment": "Hoàn thành các nhiệm vụ được giao",
            "collective_on": "20/12/2025",
            "level": "done",
            "decided_on": "26/12/2025",
            "decision_number": "125/QĐ-UBND",
        },
    )
    assert saved.status_code == 302
    stored = Evaluation.unscoped.get(person=people["minh"], year=2025)
    assert (stored.level, stored.decided_on, stored.decision_number, stored.superior_on) == (
        "done",
        D(2025, 12, 26),
        "125/QĐ-UBND",
        D(2025, 12, 15),
    )
    # an edit with the version read, then a second one from the same (now stale) form: refused
    opened = stored.version
    edited = client.post(url, {"unit": tree["a_office"].pk, "level": "good", "version": opened})
    assert edited.status_code == 302 and Evaluation.unscoped.get(pk=stored.pk).level == "good"
    stale = client.post(url, {"unit": tree["a_office"].pk, "level": "failed", "version": opened})
    assert stale.status_code == 200 and "đã được sửa sau khi bạn mở biểu mẫu" in stale.content.decode()
    assert Evaluation.unscoped.get(pk=stored.pk).level == "good"
    assert login("officer_b").get(url).status_code == 404
    assert login("leader").get(url).status_code == 404  # reads, never records


@pytest.mark.django_db
def test_the_section_on_the_persons_page(login, tree, people, results):
    detail = login("officer_a").get(reverse("people:detail", args=[people["van"].pk]))
    assert reverse("careers:person_evaluations", args=[people["van"].pk]) in detail.content.decode()
    panel = login("officer_a").get(reverse("careers:person_evaluations", args=[people["van"].pk]))
    assert [e.year for e in panel.context["items"]] == [2024, 2023]
    assert "Hoàn thành xuất sắc nhiệm vụ" in panel.content.decode()
    assert login("officer_b").get(reverse("careers:person_evaluations", args=[people["van"].pk])).status_code == 404


@pytest.mark.django_db
def test_a_cadre_sees_only_their_own_results_and_no_pools(login, personas, tree, people, results):
    cadre = personas["cadre_a"]
    cadre.person = people["van"]
    cadre.save()
    page = login("cadre_a").get(reverse("careers:mine"))
    assert page.status_code == 200
    van = people["van"].pk
    assert [(e.person_id, e.year) for e in page.context["items"]] == [(van, 2024), (van, 2023)]
    text = page.content.decode()
    assert "Đánh giá và ưu tiên bồi dưỡng của tôi" in text and "quy hoạch" not in text.lower()
    own_panel = login("cadre_a").get(reverse("careers:person_evaluations", args=[people["van"].pk]))
    assert len(own_panel.context["items"]) == 2
    # someone else's section: not reached (404) — never their results
    other = login("cadre_a").get(reverse("careers:person_evaluations", args=[people["minh"].pk]))
    assert other.status_code == 404
    # a cadre with no record of their own sees nobody's
    cadre.person = None
    cadre.save()
    empty = login("cadre_a").get(reverse("careers:mine"))
    assert empty.context["items"] == []


@pytest.mark.django_db
def test_the_import_page_checks_then_writes(login, tree, people, results, tmp_path):
    import xlsxwriter

    path = tmp_path / "kq.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for col, text in enumerate(["STT", "Họ và tên", "Số định danh cá nhân", "Năm", "Xếp loại"]):
        sheet.write(0, col, text)
    for col, value in enumerate([1, "Lò Thị Vân", "011188001234", 2022, "HTTNV"]):
        sheet.write(1, col, value)
    book.close()
    url = reverse("careers:evaluation_import", args=["P-THANHNUA"])
    client = login("officer_a")
    with open(path, "rb") as handle:
        checked = client.post(url, {"file": handle, "check": "on"})
    assert checked.status_code == 200 and checked.context["result"].valid == 1
    assert not Evaluation.unscoped.filter(year=2022).exists()
    with open(path, "rb") as handle:
        written = client.post(url, {"file": handle})
    assert written.status_code == 302
    assert Evaluation.unscoped.get(year=2022).level == "good"
    assert login("leader").get(url).status_code == 404


@pytest.mark.django_db
def test_system_admins_edit_the_schemes_in_the_admin(login, schemes):
    from canbo.careers.models import EvaluationScheme

    scheme = EvaluationScheme.objects.get(code="ND335-2025-CC")
    client = login("system_admin")
    listing = client.get(reverse("admin:careers_evaluationscheme_changelist"))
    assert listing.status_code == 200 and "NĐ 335/2025/NĐ-CP (công chức)" in listing.content.decode()
    change = client.get(reverse("admin:careers_evaluationscheme_change", args=[scheme.pk]))
    assert change.status_code == 200 and 'name="bands-0-min_score"' in change.content.decode()
    assert login("province_admin").get(reverse("admin:careers_evaluationscheme_changelist")).status_code in (302, 403)
