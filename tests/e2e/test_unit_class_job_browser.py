"""Job (c) of issue 15 in a real browser: a commune finds the Political School's class and
nominates two of its people; the school sees them under the commune, approves both in one
action, records that everyone passed, issues the certificates for all in one action, and anyone
holding a certificate checks it on the public page."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.training.conftest import *  # noqa: F403  (programme kinds and the class factory)

D = datetime.date


@pytest.fixture
def world(transactional_db, tree, personas, kinds, make_class):
    from canbo.accounts.choices import Role
    from canbo.orgs import services as org_services
    from canbo.people import services as people_services
    from canbo.training import services
    from tests import conftest

    school = org_services.unit_create(
        code="P-TCT",
        name="Trường Chính trị tỉnh",
        kind="training_institution",
        parent=tree["province"],
        valid_from=D(2004, 1, 1),
    )
    conftest._user("truongchinhtri", school, Role.TRAINING_OFFICER, first="Quàng Văn", last="Thanh")
    course = services.programme_create(
        code="BD-LLCT",
        name="Bồi dưỡng lý luận chính trị",
        kind=kinds["politics"],
        periods=40,
        duty_periods=40,
        target_categories=["can_bo", "cong_chuc"],
    )
    cls = make_class(course, organiser=school, institution=school, capacity=40, start=D(2025, 10, 6), days=5)
    staff = [
        people_services.person_create(
            unit=tree["a"],
            assignment={"category": "cong_chuc", "title": title, "start_date": D(2025, 7, 1)},
            full_name=name,
            gender="female",
            birth_year=1992,
            id_number=number,
        )
        for name, number, title in (
            ("Lò Thị Hằng", "011192000011", "Công chức Văn hóa - xã hội"),
            ("Quàng Văn Toàn", "011192000012", "Công chức Tư pháp - hộ tịch"),
        )
    ]
    return {"cls": cls, "staff": staff}


def test_a_commune_fills_the_political_schools_class_and_the_school_certifies_everyone(session, world):
    from canbo.training.models import Certificate

    cls, staff = world["cls"], world["staff"]

    commune = session("officer_a")
    commune.get_by_role("link", name="Lớp đào tạo, bồi dưỡng").first.click()
    commune.get_by_label("Tên hoặc mã lớp").fill("lý luận chính trị")
    commune.get_by_role("button", name="Lọc").click()
    expect(commune.get_by_test_id(f"free-{cls.code}")).to_have_text("40")
    commune.get_by_role("link", name=cls.name).click()
    expect(commune.get_by_test_id("free-seats")).to_have_text("40")
    expect(commune.get_by_test_id("open-to")).to_contain_text("Tỉnh Điện Biên")
    for person in staff:
        commune.get_by_label("Học viên").fill(person.id_number)
        commune.get_by_role("button", name="Cử đi học").click()
        expect(commune.get_by_test_id(f"enrolment-{person.pk}")).to_contain_text("chờ duyệt")
    expect(commune.get_by_role("button", name="Duyệt những người đã chọn")).to_have_count(0)

    school = session("truongchinhtri")
    school.goto(f"/training/classes/{cls.code}/")
    by_commune = school.get_by_test_id("by-unit-P-THANHNUA")
    expect(by_commune).to_contain_text("Xã Thanh Nưa")
    expect(by_commune.locator("td").nth(1)).to_have_text("2")
    expect(by_commune.locator("td").nth(2)).to_have_text("2")
    by_commune.get_by_role("link", name="Xã Thanh Nưa").click()
    expect(school.get_by_test_id("unit-filter")).to_contain_text("Xã Thanh Nưa")
    school.get_by_role("button", name="Chọn tất cả người chờ duyệt").click()
    for person in staff:
        expect(school.get_by_test_id(f"choose-{person.pk}")).to_be_checked()
    school.get_by_role("button", name="Duyệt những người đã chọn").click()
    expect(school.get_by_text("Đã duyệt 2 người: Lò Thị Hằng, Quàng Văn Toàn.")).to_be_visible()
    for person in staff:
        expect(school.get_by_test_id(f"enrolment-{person.pk}")).to_contain_text("Được duyệt")
    expect(school.get_by_test_id("free-seats")).to_have_text("38")

    school.get_by_role("link", name="Nhập kết quả").click()
    school.get_by_role("button", name="Tất cả hoàn thành").click()
    for person in staff:
        expect(school.get_by_label(f"Kết quả {person.full_name}")).to_have_value("passed")
    school.get_by_role("button", name="Lưu kết quả").click()
    expect(school.get_by_text("Đã lưu kết quả của 2 học viên.")).to_be_visible()

    school.get_by_role("button", name="Cấp chứng chỉ cho tất cả 2 học viên đạt").click()
    expect(school.get_by_text("Đã cấp 2 chứng chỉ.")).to_be_visible()
    certificates = {c.person_id: c for c in Certificate.unscoped.filter(enrolment__training_class=cls)}
    assert sorted(certificates) == sorted(p.pk for p in staff)
    for person in staff:
        expect(school.get_by_test_id(f"enrolment-{person.pk}")).to_contain_text(certificates[person.pk].number)
    expect(school.get_by_test_id("certificates-all")).to_have_count(0)

    anyone = session()
    cert = certificates[staff[1].pk]
    anyone.goto(f"/training/verify/{cert.token}/")
    expect(anyone.get_by_test_id("verify-status")).to_contain_text("Hợp lệ")
    expect(anyone.get_by_test_id("verify-fields")).to_contain_text("Quàng Văn Toàn")
    expect(anyone.get_by_test_id("verify-fields")).to_contain_text(cert.number)
