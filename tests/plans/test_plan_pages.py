"""The plan pages: create, edit targets, submit, return, approve; plan vs actual with drill-down."""

import datetime
import io

import pytest
from django.urls import reverse

from canbo.plans.choices import PlanStatus
from canbo.plans.models import Plan

pytestmark = pytest.mark.django_db
D2020 = datetime.date(2020, 1, 1)


def formset(rows, **fields):
    data = {"t-TOTAL_FORMS": str(len(rows)), "t-INITIAL_FORMS": "0", **fields}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"t-{i}-{key}"] = value
    return data


def test_an_officer_drafts_edits_and_submits_and_the_province_approves(login, tree, kinds):
    client = login("officer_a")
    response = client.post(reverse("plans:create"), {"unit": tree["a"].pk, "year": 2026})
    plan = Plan.unscoped.get(unit=tree["a"], year=2026)
    assert response["Location"] == reverse("plans:edit", args=[plan.pk])
    assert client.get(response["Location"]).status_code == 200
    rows = [
        {"kind": kinds["politics"].pk, "group": "can_bo", "place": "in_province", "classes": "1", "turns": "12"},
        {"kind": kinds["defence"].pk, "group": "commune", "place": "in_province", "classes": "", "turns": "30"},
        {"kind": "", "group": "other", "place": "in_province", "classes": "", "turns": ""},
    ]
    response = client.post(reverse("plans:edit", args=[plan.pk]), formset(rows, version="1", title="KH 2026"))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "KH 2026" and sorted(plan.targets.values_list("turns", flat=True)) == [12, 30]
    # A second save on the stale version is refused, naming the change.
    stale = client.post(reverse("plans:edit", args=[plan.pk]), formset(rows, version="1", title="Cũ"))
    assert stale.status_code == 200 and "đã được sửa sau khi bạn mở biểu mẫu" in stale.content.decode()
    client.post(reverse("plans:transition", args=[plan.pk, "submit"]), {"version": plan.version})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'data-testid="review-form"' not in page  # nobody reviews their own unit's plan

    admin = login("province_admin")
    page = admin.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'data-testid="review-form"' in page
    admin.post(reverse("plans:transition", args=[plan.pk, "return"]), {"version": plan.version, "comment": ""})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED  # a return needs a comment
    admin.post(reverse("plans:transition", args=[plan.pk, "return"]), {"version": plan.version, "comment": "Thêm QLNN"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED
    assert "Thêm QLNN" in login("officer_a").get(reverse("plans:detail", args=[plan.pk])).content.decode()
    login("officer_a").post(reverse("plans:transition", args=[plan.pk, "submit"]), {"version": plan.version})
    plan.refresh_from_db()
    login("province_admin").post(reverse("plans:transition", args=[plan.pk, "approve"]), {"version": plan.version})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert [e.action for e in plan.events.all()] == ["create", "edit", "submit", "return", "submit", "approve"]


def test_an_officer_of_another_commune_cannot_see_the_plan(login, tree, kinds):
    login("officer_a").post(reverse("plans:create"), {"unit": tree["a"].pk, "year": 2026})
    plan = Plan.unscoped.get(unit=tree["a"])
    assert login("officer_b").get(reverse("plans:detail", args=[plan.pk])).status_code == 404
    assert login("officer_b").get(reverse("plans:edit", args=[plan.pk])).status_code == 404


@pytest.fixture
def results(district, make_person, make_class):
    from canbo.core.context import acting_as
    from canbo.plans import services

    tn = [make_person(district["tn"], f"Người TN {i}") for i in range(3)]
    make_class(district["district"], "politics", people=[*tn, make_person(district["tl"], "=HYPERLINK(1)")])
    with acting_as(None, origin="test"):
        services.plan_create(unit=district["district"], year=2021, targets=[{"kind": "politics", "turns": 5}])
    return district


def test_plan_vs_actual_links_every_figure_to_the_enrolments(login, results):
    client = login("province_admin")
    page = client.get(reverse("plans:unit_pva", args=["P-HDB"]), {"year": 2021}).content.decode()
    assert "80,0%" in page  # 4 of 5 turns
    drill = reverse("plans:unit_actual", args=["P-HDB"]) + "?year=2021"
    assert drill.replace("&", "&amp;") in page
    listing = client.get(drill).content.decode()
    assert listing.count("Người TN") == 3 and "Tổng số: 4 lượt người." in listing
    kind_listing = client.get(reverse("plans:unit_actual", args=["P-HDB-THANHNUA"]), {"year": 2021, "kind": "politics"})
    assert kind_listing.content.decode().count("Người TN") == 3
    classes = client.get(reverse("plans:unit_actual", args=["P-HDB"]), {"year": 2021, "what": "classes"})
    assert "1 lớp." in classes.content.decode()


def test_the_xlsx_escapes_formulas_and_the_pdf_renders(login, results, make_person, make_class):
    from python_calamine import CalamineWorkbook

    from canbo.orgs import services as org_services

    odd = org_services.unit_create(
        code="P-HDB-ODD",
        name="=HYPERLINK(1)",
        kind="commune",
        parent=results["district"],
        valid_from=D2020,
        valid_to=datetime.date(2025, 6, 30),
    )
    make_class(odd, "politics", people=[make_person(odd, "Odd")])
    client = login("province_admin")
    response = client.get(reverse("plans:unit_xlsx", args=["P-HDB"]), {"year": 2021})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    header = next(i for i, r in enumerate(rows) if r[1] == "Đơn vị")
    assert rows[header + 1][:5] == ["1", "Huyện Điện Biên", "Tổng số", 5.0, 5.0]
    assert ["'=HYPERLINK(1)", "Tổng số"] in [r[1:3] for r in rows]
    pdf = client.get(reverse("plans:unit_pdf", args=["P-HDB"]), {"year": 2021})
    assert pdf.content.startswith(b"%PDF")


def test_the_summary_page_shows_the_paragraph_with_a_copy_button(login, results):
    page = login("province_admin").get(reverse("plans:unit_summary", args=["P-HDB"]), {"year": 2021}).content.decode()
    assert "4 lượt người (4 người), đạt 80% kế hoạch" in page
    assert 'id="copy-narrative"' in page
