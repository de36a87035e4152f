"""The demo shows the standardisation rates of xã Thanh Nưa and of the province, with drill-down
and weak sectors."""

from django.urls import reverse

from canbo.accounts.models import User
from canbo.core.dates import today
from canbo.orgs.models import Unit
from canbo.people.models import Assignment
from canbo.standards import selectors
from canbo.standards.models import Gap


def test_the_demo_shows_rates_drill_down_and_weak_sectors(demo, client):
    # The synthetic titles were linked to the catalogue (one UPDATE per entry) and checked.
    assert Assignment.unscoped.filter(catalog_title__code="XA-CTUBND").exists()
    thanh_nua = Unit.unscoped.get(code="DB-THANHNUA")
    rates = selectors.unit_rates(user=None, unit=thanh_nua, day=today())
    assert {r.ladder_code for r in rates} >= {"professional", "politics", "duty"}
    assert all(0 <= r.met <= r.applicable for r in rates) and sum(r.applicable for r in rates) > 40  # 42–50 staff
    weak = selectors.weak_sectors(user=None, unit=Unit.unscoped.get(code="DB"), day=today())
    assert weak["sectors"] and weak["sectors"][0].rate <= weak["sectors"][-1].rate

    client.force_login(User.objects.get(username="thanhnua"))
    html = client.get(reverse("standards:unit", args=["DB-THANHNUA"])).content.decode()
    assert "Đạt chuẩn chức danh: Xã Thanh Nưa" in html and "Lĩnh vực còn yếu" in html
    chairman = next(r for r in rates if r.title == "Chủ tịch Ủy ban nhân dân xã" and r.ladder_code == "professional")
    url = reverse("standards:people", args=["DB-THANHNUA"])
    params = {"rules": ",".join(map(str, chairman.rule_ids)), "title": chairman.title_key, "status": 0}
    page = client.get(url, params).content.decode()
    unmet = Gap.objects.filter(rule_id__in=chairman.rule_ids, unit_path__startswith=thanh_nua.path, status=0)
    first = unmet.order_by("person_id").first()
    if first is not None:
        from canbo.people.models import Person

        assert Person.unscoped.get(pk=first.person_id).full_name in page

    client.force_login(User.objects.get(username="sonoivu"))
    html = client.get(reverse("standards:unit", args=["DB"])).content.decode()
    assert "Tỉnh Điện Biên" in html and 'data-testid="needs-by-unit"' in html and "Xã Thanh Nưa" in html
    # A mountainous commune's lowered floor is listed with the rule.
    assert "Ngoại lệ Xã Mường Nhé: Trung cấp" in client.get(reverse("standards:rules")).content.decode()
