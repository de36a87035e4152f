"""Requirement rules as data: validation, the overlap refusal, rights, the change log."""

import datetime

import pytest

from canbo.accounts.choices import Role
from canbo.core.context import acting_as
from canbo.core.errors import DomainError
from canbo.core.models import ChangeLogEntry
from canbo.standards import services
from canbo.standards.models import Requirement
from canbo.standards.selectors import duty_periods_required

D = datetime.date


def test_the_seeded_rules_cite_their_clause_and_say_whether_it_was_confirmed(rule):
    chairman = rule("XA-CTUBND-CM")
    assert chairman.min_level.code == "dai_hoc" and chairman.ladder.code == "professional"
    assert chairman.source.startswith("NĐ 33/2023/NĐ-CP, Điều 8 khoản 3 điểm c") and chairman.confirmed is True
    assert chairman.valid_to == D(2025, 6, 30)
    assert (chairman.transition_held_on, chairman.transition_until) == (D(2023, 8, 1), D(2028, 8, 1))
    assert list(chairman.closing_kinds.values_list("code", flat=True)) == ["degree"]
    successor = rule("XA-CTUBND-CM-2025")
    assert successor.valid_from == D(2025, 7, 1) and successor.confirmed is False and "CV 11/CV-BCĐ" in successor.source
    assert "NĐ 33" not in successor.source and successor.note.startswith("Chưa xác nhận")
    front = rule("XA-CTMTTQ-CM")  # Điều 8 khoản 2: its text was not found
    assert front.confirmed is False and "Điều 8 khoản 2" in front.source and "khoản 2" in front.note
    duty = rule("CC-BOIDUONG")
    assert duty.kind == "duty" and duty.periods == 40 and duty.category == "cong_chuc"


def test_every_rule_cites_a_clause_and_no_nd33_rule_runs_past_the_reform():
    from canbo.standards.reference_data import RULES

    for spec in RULES:
        assert "Điều 8–10" not in spec.source and "chưa xác định điều khoản" not in spec.source, spec.code
        if spec.confirmed:
            assert "Điều" in spec.source and "khoản" in spec.source, spec.code
        if spec.source.startswith("NĐ 33/2023"):
            assert spec.valid_to == D(2025, 6, 30), spec.code
        if not spec.confirmed:
            assert spec.note, spec.code


def test_training_reads_the_annual_duty_from_the_rule_row(rule):
    assert duty_periods_required(category="cong_chuc", day=D(2026, 1, 1)) == 40
    assert duty_periods_required(category="vien_chuc", day=D(2026, 1, 1)) == 0
    services.rule_update(rule=rule("CC-BOIDUONG"), periods=56)
    assert duty_periods_required(category="cong_chuc", day=D(2026, 1, 1)) == 56


def test_it_refuses_a_different_minimum_for_the_same_title_and_ladder_over_overlapping_dates(title, level, rule):
    with pytest.raises(DomainError) as e:
        services.rule_create(
            name="Chủ tịch UBND xã: cao đẳng trở lên",
            title=title("XA-CTUBND"),
            ladder=level("professional", "cao_dang").ladder,
            min_level=level("professional", "cao_dang"),
            valid_from=D(2025, 1, 1),
        )
    message = " ".join(e.value.message_dict["valid_from"])
    assert "Mâu thuẫn với tiêu chuẩn “Chủ tịch UBND xã: đại học trở lên”" in message
    assert "Cao đẳng" in message and "Đại học" in message
    assert not Requirement.objects.filter(name__contains="cao đẳng").exists()


def test_a_new_minimum_is_accepted_once_the_old_rule_ends_the_day_before(title, level, rule):
    old = services.rule_end(rule=rule("XA-CTUBND-CM-2025"), valid_to=D(2026, 6, 30))
    new = services.rule_create(
        name="Chủ tịch UBND xã: thạc sĩ trở lên",
        title=title("XA-CTUBND"),
        ladder=level("professional", "thac_si").ladder,
        min_level=level("professional", "thac_si"),
        valid_from=D(2026, 7, 1),
    )
    assert old.valid_to == D(2026, 6, 30) and new.pk
    assert list(new.closing_kinds.values_list("code", flat=True)) == ["degree"]  # from the ladder


def test_the_same_title_on_another_ladder_is_no_overlap(title, level):
    rule = services.rule_create(
        name="Chủ tịch UBND xã: QLNN chuyên viên",
        title=title("XA-CTUBND"),
        ladder=level("state_mgmt", "chuyen_vien").ladder,
        min_level=level("state_mgmt", "chuyen_vien"),
        valid_from=D(2025, 1, 1),
    )
    assert rule.pk


def test_it_refuses_a_level_of_another_ladder_and_a_rule_for_nobody(title, level):
    with pytest.raises(DomainError) as e:
        services.rule_create(
            name="Sai thang",
            title=title("XA-CTUBND"),
            ladder=level("politics", "trung_cap").ladder,
            min_level=level("professional", "dai_hoc"),
            valid_from=D(2025, 1, 1),
        )
    assert "không thuộc thang" in " ".join(e.value.message_dict["min_level"])
    with pytest.raises(DomainError) as e:
        services.rule_create(
            name="Cho ai?",
            ladder=level("politics", "trung_cap").ladder,
            min_level=level("politics", "trung_cap"),
            valid_from=D(2025, 1, 1),
        )
    assert "áp dụng cho ai" in " ".join(e.value.message_dict["title"])


def test_a_duty_rule_needs_periods_and_dates_in_order(seeded):
    with pytest.raises(DomainError) as e:
        services.rule_create(
            name="Viên chức: bồi dưỡng",
            kind="duty",
            category="vien_chuc",
            valid_from=D(2026, 1, 1),
            valid_to=D(2025, 1, 1),
        )
    assert set(e.value.message_dict) == {"periods", "valid_to"}


def test_only_standards_managers_may_change_rules(personas, rule):
    with acting_as(personas["officer_a"], origin="web"), pytest.raises(DomainError):
        services.rule_update(rule=rule("XA-CTUBND-CM"), grace_months=6)
    assert Role.PROVINCE_HR_ADMIN in personas["province_admin"].roles
    with acting_as(personas["province_admin"], origin="web"):
        services.rule_update(rule=rule("XA-CTUBND-CM"), grace_months=6)
    entry = ChangeLogEntry.unscoped.filter(object_repr="Chủ tịch UBND xã: đại học trở lên").first()
    assert entry.action == "update" and entry.before["grace_months"] == 0 and entry.after["grace_months"] == 6


def test_a_stale_rule_edit_is_refused(rule):
    current = rule("XA-CTUBND-CM")
    services.rule_update(rule=current, expected_version=1, grace_months=3)
    with pytest.raises(DomainError) as e:
        services.rule_update(rule=current, expected_version=1, grace_months=9)
    assert "đã được sửa sau khi bạn mở biểu mẫu" in e.value.messages[0]
