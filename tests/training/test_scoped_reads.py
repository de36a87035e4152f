"""Certificates, the survey and self-study evidence are read through the training selectors: an
object outside the user's reach is not found (404), the learner and their unit's HR reach theirs."""

import datetime

import pytest

from canbo.accounts.choices import Role
from canbo.training import records, selectors, services
from canbo.training.certificates import certificate_issue
from canbo.training.models import Certificate
from tests.conftest import _user

D = datetime.date


@pytest.fixture
def learner(personas, people):
    """The cadre persona of commune A is Lò Thị Vân's own account."""
    user = personas["cadre_a"]
    user.person = people["van"]
    user.save()
    return user


@pytest.fixture
def cadre_b(tree, people):
    """Giàng A Páo's own account in commune B."""
    user = _user("cadre_b", tree["b"], Role.CADRE, first="Giàng A", last="Páo")
    user.person = people["pao"]
    user.save()
    return user


@pytest.fixture
def commune_class(update_course, make_class, tree):
    """A class organised by commune A, which started yesterday."""
    return make_class(update_course, organiser=tree["a"], start=datetime.date.today() - datetime.timedelta(days=1))


def _enrol(cls, person, *, passed=True):
    enrolment = services.enrolment_approve(enrolment=services.enrolment_nominate(training_class=cls, person=person))
    if passed:
        enrolment = services.enrolment_record_result(enrolment=enrolment, result="passed")
    return enrolment


@pytest.fixture
def van_cert(people, commune_class):
    return certificate_issue(enrolment=_enrol(commune_class, people["van"]))


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_a_certificate_pdf_is_404_outside_reach_and_200_for_the_learner_and_the_units_hr(
    client, personas, learner, cadre_b, van_cert
):
    url = f"/training/certificates/{van_cert.number}/pdf/"
    assert _get(client, personas["officer_b"], url).status_code == 404
    assert _get(client, cadre_b, url).status_code == 404
    for user in (learner, personas["officer_a"], personas["province_admin"]):
        response = _get(client, user, url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_learner_still_reaches_their_certificate_after_moving_to_another_commune(client, tree, learner, van_cert):
    learner.unit = tree["b"]
    learner.save()
    assert _get(client, learner, f"/training/certificates/{van_cert.number}/pdf/").status_code == 200


def test_a_cadre_does_not_reach_a_fellow_learners_certificate_of_their_communes_class(
    client, learner, people, commune_class, van_cert
):
    other = certificate_issue(enrolment=_enrol(commune_class, people["minh"]))
    assert _get(client, learner, f"/training/certificates/{other.number}/pdf/").status_code == 404
    assert list(selectors.certificates_for(learner)) == [van_cert]


def test_revoking_a_certificate_outside_reach_is_404_and_changes_nothing(client, personas, van_cert):
    client.force_login(personas["officer_b"])
    response = client.post(f"/training/certificates/{van_cert.number}/revoke/", {"reason": "Cấp nhầm"})
    assert response.status_code == 404
    assert Certificate.unscoped.get(pk=van_cert.pk).revoked_on is None
    client.force_login(personas["officer_a"])
    response = client.post(f"/training/certificates/{van_cert.number}/revoke/", {"reason": "Cấp nhầm"})
    assert response.status_code == 302
    assert Certificate.unscoped.get(pk=van_cert.pk).revoked_reason == "Cấp nhầm"


def test_a_provincial_class_shows_each_commune_only_its_own_certificates(
    login, people, personas, update_course, make_class
):
    cls = make_class(update_course)
    van = certificate_issue(enrolment=_enrol(cls, people["van"]))
    pao = certificate_issue(enrolment=_enrol(cls, people["pao"]))
    assert list(selectors.class_certificates(user=personas["officer_b"], training_class=cls)) == [pao]
    assert set(selectors.class_certificates(user=personas["province_admin"], training_class=cls)) == {van, pao}
    page = login("officer_b").get(f"/training/classes/{cls.code}/").content.decode()
    assert pao.number in page and van.number not in page


def test_the_survey_is_404_for_anyone_but_the_learner(client, personas, learner, cadre_b, people, commune_class):
    enrolment = _enrol(commune_class, people["van"], passed=False)
    url = f"/training/survey/{enrolment.pk}/"
    for user in (personas["officer_b"], cadre_b, personas["officer_a"]):
        assert _get(client, user, url).status_code == 404
    assert _get(client, learner, url).status_code == 200


def test_self_study_evidence_is_404_outside_reach(client, personas, learner, cadre_b, people, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    item = records.self_study_submit(
        person=people["van"],
        title="Khóa học trực tuyến",
        start_date=D(2025, 3, 1),
        end_date=D(2025, 3, 2),
        periods=8,
        evidence="Giấy chứng nhận",
        evidence_file=SimpleUploadedFile("chung-nhan.pdf", b"%PDF-1.4 minh chung"),
    )
    url = f"/training/self-study/{item.pk}/evidence/"
    for user in (personas["officer_b"], cadre_b):
        assert _get(client, user, url).status_code == 404
    for user in (learner, personas["officer_a"]):
        response = _get(client, user, url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 minh chung"


def test_the_public_verification_page_reads_by_token_only(client, van_cert):
    assert client.get(f"/training/verify/{van_cert.token}/").status_code == 200
    assert client.get(f"/training/verify/{van_cert.number}/").status_code == 404
    assert selectors.certificate_for_verification(token=van_cert.token) == van_cert
