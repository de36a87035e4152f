"""Training in a real browser: a commune nominates, the province approves, enters the result and
issues the certificate, anyone verifies it without logging in, and the learner gives feedback."""

import datetime

from playwright.sync_api import expect

from tests.training.conftest import *  # noqa: F403  (programme and class fixtures)

D = datetime.date


def test_nomination_approval_results_certificate_verification_and_feedback(
    session, transactional_db, personas, people, update_course, make_class
):
    from canbo.training.models import Certificate, SurveyResponse

    cls = make_class(update_course, start=D(2025, 9, 8), capacity=5)
    cadre = personas["cadre_a"]
    cadre.person = people["van"]
    cadre.save()

    officer = session("officer_a")
    officer.get_by_role("link", name="Lớp đào tạo, bồi dưỡng").first.click()
    officer.get_by_role("link", name=cls.name).click()
    officer.get_by_label("Học viên").fill("011188001234")
    officer.get_by_role("button", name="Cử đi học").click()
    row = officer.get_by_test_id(f"enrolment-{people['van'].pk}")
    expect(row).to_contain_text("Được cử, chờ duyệt")

    province = session("province")
    province.goto(f"/training/classes/{cls.code}/")
    province.get_by_test_id(f"enrolment-{people['van'].pk}").get_by_role("button", name="Duyệt", exact=True).click()
    expect(province.get_by_test_id(f"enrolment-{people['van'].pk}")).to_contain_text("Được duyệt")
    province.get_by_role("link", name="Nhập kết quả").click()
    province.get_by_label("Kết quả Lò Thị Vân").select_option(label="Hoàn thành")
    province.get_by_label("Xếp loại Lò Thị Vân").fill("Giỏi")
    province.get_by_role("button", name="Lưu kết quả").click()
    row = province.get_by_test_id(f"enrolment-{people['van'].pk}")
    expect(row).to_contain_text("Hoàn thành")
    row.get_by_role("button", name="Cấp chứng chỉ").click()
    cert = Certificate.unscoped.get(person=people["van"])
    expect(province.get_by_test_id(f"enrolment-{people['van'].pk}")).to_contain_text(cert.number)

    anyone = session()
    anyone.goto(f"/training/verify/{cert.token}/")
    expect(anyone.get_by_test_id("verify-status")).to_contain_text("Hợp lệ")
    fields = anyone.get_by_test_id("verify-fields")
    expect(fields).to_contain_text("Lò Thị Vân")
    expect(fields).to_contain_text(cert.number)
    expect(fields).to_contain_text("Hoàn thành (Giỏi)")
    expect(anyone.get_by_text("011188001234")).to_have_count(0)

    learner = session("cadre_a")
    learner.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Học tập của tôi").click()
    expect(learner.get_by_test_id("person-certificates")).to_contain_text(cert.number)
    learner.get_by_test_id("surveys-to-answer").get_by_role("link", name=cls.name).click()
    form = learner.get_by_test_id("survey-form")
    for radio in form.locator("input[type=radio][value='4']").all():
        radio.check()
    learner.get_by_label("Ý kiến khác").fill("Nội dung rất sát thực tế")
    learner.get_by_role("button", name="Gửi phiếu").click()
    expect(learner.get_by_text("Cảm ơn bạn đã gửi phiếu đánh giá.")).to_be_visible()
    sheet = SurveyResponse.objects.get(training_class=cls)
    assert sheet.is_valid and sheet.comments == "Nội dung rất sát thực tế"
