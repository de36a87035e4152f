import io
import json

from django.core.management import call_command

from canbo.accounts.models import User
from canbo.core.models import ChangeLogEntry
from canbo.orgs.models import Unit, UnitSuccession


def test_it_loads_dien_bien_before_and_after_the_reform(demo):
    assert Unit.unscoped.get(code="DB").name == "Tỉnh Điện Biên"
    hdb = Unit.unscoped.get(code="DB-HDB")
    assert str(hdb.valid_to) == "2025-06-30"
    old_tn = Unit.unscoped.get(code="DB-HDB-THANHNUA")
    assert old_tn.parent == hdb and old_tn.name == "Xã Thanh Nưa"
    new_tn = Unit.unscoped.get(code="DB-THANHNUA")
    assert str(new_tn.valid_from) == "2025-07-01" and new_tn.valid_to is None
    assert Unit.unscoped.get(code="DB-MUONGNHE").kind == "commune"
    assert Unit.unscoped.get(code="DB-SNV").name == "Sở Nội vụ"
    assert Unit.unscoped.get(code="DB-TCT").kind == "training_institution"
    current = Unit.unscoped.valid_on(__import__("datetime").date(2026, 1, 1))
    assert current.filter(kind__in=["commune", "ward"]).count() == 45
    assert Unit.unscoped.filter(kind="district").count() == 10
    assert set(UnitSuccession.unscoped.filter(successor=new_tn).values_list("predecessor__code", flat=True)) == {
        "DB-HDB-THANHNUA",
        "DB-HDB-HUATHANH",
        "DB-HDB-THANHLUONG",
        "DB-HDB-THANHHUNG",
        "DB-HDB-THANHCHAN",
    }


def test_it_prints_the_demo_log_ins(demo):
    assert "canbo-demo-2025" in demo
    for username in ("admin", "sonoivu", "thanhnua", "muongnhe", "canbo"):
        assert username in demo
    assert User.objects.get(username="thanhnua").unit.code == "DB-THANHNUA"


def test_it_logs_the_load_as_a_command_and_is_idempotent(demo):
    from canbo.plans.models import Plan
    from canbo.training.models import Enrolment

    entries = ChangeLogEntry.unscoped.filter(origin="command", label="canbo demo")
    first = entries.count()
    assert first >= Unit.unscoped.count()
    assert entries.values("request_id").distinct().count() == 1
    plans, enrolments = Plan.unscoped.count(), Enrolment.unscoped.count()
    call_command("demo", demo_accounts=True, stdout=io.StringIO())
    assert ChangeLogEntry.unscoped.count() == first
    assert (Plan.unscoped.count(), Enrolment.unscoped.count()) == (plans, enrolments)
    assert Unit.unscoped.count() == 208 + 174 * 4  # communes and their schools, health stations


def test_the_units_command_lists_a_subtree_at_a_date_as_json(demo, capsys):
    out = io.StringIO()
    call_command("units", unit="DB-HDB", date="2021-01-01", json=True, stdout=out)
    rows = json.loads(out.getvalue())
    codes = {r["code"] for r in rows}
    assert "DB-HDB-THANHNUA" in codes and "DB-HDB-THANHNUA-TH" in codes
    assert len(rows) == 22 + 21 * 4  # the huyện, its 21 communes and their schools and health stations
    out = io.StringIO()
    call_command("units", unit="DB-HDB", date="2026-01-01", json=True, stdout=out)
    assert json.loads(out.getvalue()) == []


def test_a_second_run_without_the_flag_never_resets_a_changed_password_or_roles(demo, settings):
    settings.DEBUG = True
    admin = User.objects.get(username="admin")
    admin.set_password("a-private-password-2026")
    admin.save()
    officer = User.objects.get(username="thanhnua")
    officer.roles = ["leader"]
    officer.save()
    User.objects.filter(username="canbo").delete()

    out = io.StringIO()
    call_command("demo", stdout=out)
    kept = [line for line in out.getvalue().splitlines() if "giữ nguyên mật khẩu" in line]
    assert any(line.strip().startswith("admin ") for line in kept)
    assert not any(line.strip().startswith("canbo ") for line in kept)

    admin.refresh_from_db()
    officer.refresh_from_db()
    assert admin.check_password("a-private-password-2026")
    assert not admin.check_password("canbo-demo-2025")
    assert officer.roles == ["leader"]
    # A missing demo account is created again.
    assert User.objects.get(username="canbo").check_password("canbo-demo-2025")
