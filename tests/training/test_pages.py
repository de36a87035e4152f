"""The training pages, driven through the test client as the personas would use them."""

import datetime

import pytest

from canbo.core.models import ChangeLogEntry
from canbo.training import services
from canbo.training.models import Certificate, Enrolment, SurveyReceipt, SurveyResponse

D = datetime.date


@pytest.fixture
def open_class(update_course, make_class, tree):
    return make_class(update_course, start=D(2025, 9, 8), capacity=1)


def test_the_class_list_calendar_and_catalogue_show_the_class(login, open_class):
    client = login("province_admin")
    page = client.get("/training/?q=phap+luat")
    assert page.status_code == 200 and open_class.name in page.content.decode()
    page = client.get("/training/calendar/?month=2025-09")
    assert open_class.code in page.content.decode()
    assert "Cập nhật kiến thức pháp luật mới" in client.get("/training/programmes/").content.decode()


def test_a_commune_nominates_and_the_province_approves_within_capacity(login, people, open_class, client):
    officer = login("officer_a")
    response = officer.post(f"/training/classes/{open_class.code}/nominate/", {"person": "011188001234"})
    assert response.status_code == 302
    response = officer.post(f"/training/classes/{open_class.code}/nominate/", {"person": "Lò Văn Minh"}, follow=True)
    assert "Lò Văn Minh" in response.content.decode()
    officer.post(f"/training/classes/{open_class.code}/nominate/", {"person": "Không Có Ai"}, follow=True)
    assert open_class.enrolments.count() == 2
    admin = login("province_admin")
    admin.post(f"/training/classes/{open_class.code}/approve-all/")
    statuses = sorted(open_class.enrolments.values_list("status", flat=True))
    assert statuses == ["approved", "waitlisted"]


def test_the_nomination_form_records_the_post_the_person_is_trained_for(login, people, open_class):
    officer = login("officer_a")
    page = officer.get(f"/training/classes/{open_class.code}/").content.decode()
    assert 'name="intended_post"' in page and "Đào tạo để bố trí vào" in page
    officer.post(
        f"/training/classes/{open_class.code}/nominate/",
        {"person": "011188001234", "intended_post": "Phó Chủ tịch Ủy ban nhân dân xã"},
    )
    assert open_class.enrolments.get().intended_post == "Phó Chủ tịch Ủy ban nhân dân xã"


def test_a_missing_or_ambiguous_person_is_refused_with_a_reason(login, people, open_class):
    officer = login("officer_a")
    page = officer.post(f"/training/classes/{open_class.code}/nominate/", {"person": "Không Có Ai"}, follow=True)
    assert "Không tìm thấy “Không Có Ai”" in page.content.decode()


def test_an_officer_of_another_commune_does_not_see_a_commune_class(login, update_course, make_class, tree):
    local = make_class(update_course, organiser=tree["a"])
    assert login("officer_b").get(f"/training/classes/{local.code}/").status_code == 404
    assert login("officer_a").get(f"/training/classes/{local.code}/").status_code == 200


def _passed(people, cls):
    enrolment = services.enrolment_approve(
        enrolment=services.enrolment_nominate(training_class=cls, person=people["van"])
    )
    return services.enrolment_record_result(enrolment=enrolment, result="passed", grade="Giỏi")


def test_results_are_entered_on_one_form(login, people, open_class):
    enrolment = services.enrolment_approve(
        enrolment=services.enrolment_nominate(training_class=open_class, person=people["van"])
    )
    admin = login("province_admin")
    response = admin.post(
        f"/training/classes/{open_class.code}/results/",
        {f"result-{enrolment.pk}": "passed", f"score-{enrolment.pk}": "8,5", f"grade-{enrolment.pk}": "Giỏi"},
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert (enrolment.result, str(enrolment.score), enrolment.grade) == ("passed", "8.50", "Giỏi")
    bad = admin.post(
        f"/training/classes/{open_class.code}/results/",
        {f"result-{enrolment.pk}": "passed", f"score-{enrolment.pk}": "abc"},
    )
    assert "không phải là số" in bad.content.decode()


def test_a_certificate_is_printed_and_verified_publicly(login, people, open_class, client):
    enrolment = _passed(people, open_class)
    admin = login("province_admin")
    admin.post(f"/training/classes/{open_class.code}/enrolments/{enrolment.pk}/certificate/")
    cert = Certificate.unscoped.get(enrolment=enrolment)
    assert cert.number == f"P-{datetime.date.today().year}-00001"
    pdf = admin.get(f"/training/certificates/{cert.number}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    client.logout()
    logged = ChangeLogEntry.unscoped.count()
    page = client.get(f"/training/verify/{cert.token}/")
    text = page.content.decode()
    assert page.status_code == 200 and "Hợp lệ" in text
    for value in cert.printed.values():
        assert str(value) in text
    assert "011188001234" not in text and "Công chức Văn phòng" not in text  # nothing beyond the paper
    assert ChangeLogEntry.unscoped.count() == logged
    assert client.get("/training/verify/not-a-token/").status_code == 404
    admin = login("province_admin")
    assert cert.number in admin.get(f"/training/classes/{open_class.code}/quality/").content.decode()
    admin.post(f"/training/certificates/{cert.number}/revoke/", {"reason": "Cấp nhầm người"})
    client.logout()
    assert "Đã bị thu hồi" in client.get(f"/training/verify/{cert.token}/").content.decode()


def test_the_public_page_says_a_certificate_is_revoked_without_the_internal_reason(login, people, open_class, client):
    enrolment = _passed(people, open_class)
    admin = login("province_admin")
    admin.post(f"/training/classes/{open_class.code}/enrolments/{enrolment.pk}/certificate/")
    cert = Certificate.unscoped.get(enrolment=enrolment)
    reason = "Kỷ luật cảnh cáo theo Quyết định 17/QĐ-UBND, hồ sơ giả mạo"
    admin.post(f"/training/certificates/{cert.number}/revoke/", {"reason": reason})
    assert Certificate.unscoped.get(pk=cert.pk).revoked_reason == reason  # kept for the institution
    client.logout()
    page = client.get(f"/training/verify/{cert.token}/").content.decode()
    assert "Đã bị thu hồi" in page and cert.number in page
    assert "Kỷ luật" not in page and "17/QĐ-UBND" not in page and "giả mạo" not in page


def test_an_outsider_cannot_download_someone_elses_certificate(
    login, people, open_class, update_course, make_class, tree
):
    enrolment = _passed(people, make_class(update_course, organiser=tree["a"]))
    from canbo.training.certificates import certificate_issue

    cert = certificate_issue(enrolment=enrolment)
    assert login("officer_b").get(f"/training/certificates/{cert.number}/pdf/").status_code == 404


@pytest.fixture
def learner(personas, people):
    """The cadre persona is Lò Thị Vân's own account."""
    user = personas["cadre_a"]
    user.person = people["van"]
    user.save()
    return user


def test_a_learner_answers_the_survey_anonymously_once(login, learner, people, open_class):
    enrolment = services.enrolment_approve(
        enrolment=services.enrolment_nominate(training_class=open_class, person=people["van"])
    )
    client = login("cadre_a")
    page = client.get("/training/me/")
    assert f"/training/survey/{enrolment.pk}/" in page.content.decode()
    answers = {code: "4" for code in __import__("canbo.training.quality", fromlist=["CODES"]).CODES}
    answers["comments"] = "Giảng viên nhiệt tình"
    client.post(f"/training/survey/{enrolment.pk}/", answers)
    response = SurveyResponse.objects.get(training_class=open_class)
    assert response.is_valid and response.answers["p1"] == 4
    assert not any(str(enrolment.pk) in str(v) for v in response.answers.values())
    assert SurveyReceipt.objects.filter(enrolment=enrolment).exists()
    logged = ChangeLogEntry.unscoped.filter(object_repr__icontains="Giảng viên nhiệt tình")
    assert not logged.exists()
    client.post(f"/training/survey/{enrolment.pk}/", answers)
    assert SurveyResponse.objects.filter(training_class=open_class).count() == 1
    quality = login("province_admin").get(f"/training/classes/{open_class.code}/quality/").content.decode()
    assert "Giảng viên nhiệt tình" in quality and "1 phiếu hợp lệ" in quality


def test_a_sheet_with_more_than_five_percent_unanswered_is_invalid(login, learner, people, open_class):
    from canbo.training.quality import CODES

    enrolment = services.enrolment_approve(
        enrolment=services.enrolment_nominate(training_class=open_class, person=people["van"])
    )
    answers = {code: "5" for code in CODES[2:]}  # 2 of 20 unanswered: 10 %
    login("cadre_a").post(f"/training/survey/{enrolment.pk}/", answers)
    assert SurveyResponse.objects.get(training_class=open_class).is_valid is False


def test_one_unanswered_question_of_twenty_is_still_valid(learner, people, open_class):
    from canbo.core.context import acting_as
    from canbo.training.quality import CODES, survey_submit

    enrolment = services.enrolment_approve(
        enrolment=services.enrolment_nominate(training_class=open_class, person=people["van"])
    )
    with acting_as(learner, origin="test"):
        sheet = survey_submit(enrolment=enrolment, answers={code: 3 for code in CODES[1:]})
    assert sheet.is_valid


def test_someone_else_cannot_answer_a_learners_survey(login, learner, people, open_class):
    enrolment = services.enrolment_approve(
        enrolment=services.enrolment_nominate(training_class=open_class, person=people["pao"])
    )
    assert login("cadre_a").get(f"/training/survey/{enrolment.pk}/").status_code == 404


def test_the_person_page_has_a_training_tab_with_hours_against_the_duty(login, people, open_class):
    _passed(people, open_class)
    page = login("province_admin").get(f"/training/people/{people['van'].pk}/").content.decode()
    assert open_class.name in page and "2025" in page


def test_the_learners_own_page_lists_classes_and_certificates(login, learner, people, open_class):
    enrolment = _passed(people, open_class)
    from canbo.training.certificates import certificate_issue

    cert = certificate_issue(enrolment=enrolment)
    page = login("cadre_a").get("/training/me/").content.decode()
    assert open_class.name in page and cert.number in page
    assert login("cadre_a").get(f"/training/certificates/{cert.number}/pdf/").status_code == 200
    assert Enrolment.unscoped.count() == 1


def test_a_refused_row_of_the_results_form_writes_none_of_the_rows(login, staff_pair, open_class):
    first, second = staff_pair
    admin = login("province_admin")
    page = admin.post(
        f"/training/classes/{open_class.code}/results/",
        {f"result-{first.pk}": "passed", f"result-{second.pk}": "passed", f"score-{second.pk}": "150"},
    )
    assert "Điểm phải từ 0 đến 100" in page.content.decode()
    assert not Enrolment.unscoped.filter(training_class=open_class).exclude(result="").exists()


@pytest.fixture
def staff_pair(people, open_class):
    open_class.capacity = None
    open_class.save(update_fields=["capacity"])
    return [
        services.enrolment_approve(
            enrolment=services.enrolment_nominate(training_class=open_class, person=people[name])
        )
        for name in ("van", "pao")
    ]


def test_the_learners_table_escapes_what_people_typed(login, tree, reference, open_class):
    from canbo.people import services as people_services

    odd = people_services.person_create(
        unit=tree["a"],
        assignment={"category": "cong_chuc", "title": "<b>Chuyên viên</b>"},
        full_name="Lò <i>Văn</i> A",
        birth_year=1990,
    )
    services.enrolment_nominate(training_class=open_class, person=odd)
    page = login("province_admin").get(f"/training/classes/{open_class.code}/").content.decode()
    assert "Lò &lt;i&gt;Văn&lt;/i&gt; A" in page and "&lt;b&gt;Chuyên viên&lt;/b&gt;" in page
    assert "<i>Văn</i>" not in page


def test_cancelling_a_class_asks_first_and_says_who_is_enrolled(login, people, open_class):
    """Cancelling is not one click: GET asks, a POST without the confirmation changes nothing."""
    officer = login("officer_a")
    officer.post(f"/training/classes/{open_class.code}/nominate/", {"person": "011188001234"})
    admin = login("province_admin")
    detail = admin.get(f"/training/classes/{open_class.code}/").content.decode()
    assert f'href="/training/classes/{open_class.code}/cancel/"' in detail
    assert 'name="status" value="cancelled"' not in detail
    page = admin.get(f"/training/classes/{open_class.code}/cancel/").content.decode()
    assert f"Huỷ lớp “{open_class.name}”?" in page
    assert "1 học viên đã ghi danh" in page and "Xã Thanh Nưa: 1" in page
    open_class.refresh_from_db()
    assert open_class.status == "open"
    # The old one-click form and a POST without the confirmation both leave the class as it was.
    response = admin.post(f"/training/classes/{open_class.code}/status/", {"status": "cancelled"})
    assert response.status_code == 302 and response["Location"].endswith(f"/classes/{open_class.code}/cancel/")
    assert admin.post(f"/training/classes/{open_class.code}/cancel/").status_code == 200
    open_class.refresh_from_db()
    assert open_class.status == "open"
    response = admin.post(f"/training/classes/{open_class.code}/cancel/", {"confirm": "1"}, follow=True)
    open_class.refresh_from_db()
    assert open_class.status == "cancelled"
    assert f"Đã huỷ lớp “{open_class.name}”." in response.content.decode()


def test_a_commune_officer_cannot_open_the_cancel_page_of_the_provinces_class(login, open_class):
    assert login("officer_a").get(f"/training/classes/{open_class.code}/cancel/").status_code == 404
    open_class.refresh_from_db()
    assert open_class.status == "open"
