"""The certificate as an administrative paper: issuing body and its number on the left, the national
motto on the right, place and date of issue, the signer's title and name over the seal block, and
the verification QR — read from the PDF's text; the signer is frozen when the certificate is issued."""

import datetime
import shutil
import subprocess

import pytest

from canbo.core.papers import MOTTO, NATION, place_date_line
from canbo.training import services
from canbo.training.models import Certificate, CertificateSeries

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def open_class(update_course, make_class):
    return make_class(update_course, start=D(2025, 9, 8), capacity=1)


def _passed(people, cls):
    enrolment = services.enrolment_approve(
        enrolment=services.enrolment_nominate(training_class=cls, person=people["van"])
    )
    return services.enrolment_record_result(enrolment=enrolment, result="passed", grade="Giỏi")


def _text(pdf: bytes, tmp_path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    target = tmp_path / "c.pdf"
    target.write_bytes(pdf)
    return " ".join(subprocess.run([tool, "-raw", str(target), "-"], capture_output=True, text=True).stdout.split())


def test_the_certificate_prints_the_issuer_number_motto_signer_and_seal_block(
    login, people, open_class, client, tmp_path
):
    institution = open_class.institution or open_class.organiser
    CertificateSeries.objects.create(
        institution=institution, prefix=institution.code, signer_title="Giám đốc", signer_name="Lò Văn Thành"
    )
    enrolment = _passed(people, open_class)
    admin = login("province_admin")
    admin.post(f"/training/classes/{open_class.code}/enrolments/{enrolment.pk}/certificate/")
    cert = Certificate.unscoped.get(enrolment=enrolment)
    assert (cert.printed["signer_title"], cert.printed["signer_name"]) == ("GIÁM ĐỐC", "Lò Văn Thành")

    # A later change of signer does not alter a certificate already issued.
    CertificateSeries.objects.filter(pk=cert.series_id).update(signer_name="Người Khác")
    text = _text(admin.get(f"/training/certificates/{cert.number}/pdf/").content, tmp_path)
    assert text.index(institution.name.upper()) < text.index(f"Số: {cert.number}")
    for expected in (
        NATION,
        MOTTO,
        "Lò Thị Vân",
        place_date_line("Điện Biên", cert.issued_on),
        "GIÁM ĐỐC",
        "(Ký tên, đóng dấu)",
        "Lò Văn Thành",
        "Quét để kiểm tra tính hợp lệ",
        f"/training/verify/{cert.token}/",
    ):
        assert expected in text, expected
    assert "Người Khác" not in text
    assert text.index("GIÁM ĐỐC") < text.index("(Ký tên, đóng dấu)") < text.index("Lò Văn Thành")

    client.logout()
    page = client.get(f"/training/verify/{cert.token}/").content.decode()
    assert "Lò Văn Thành" in page and "GIÁM ĐỐC" in page


def test_a_series_without_a_signer_prints_the_head_of_the_unit(login, people, open_class, tmp_path):
    enrolment = _passed(people, open_class)
    admin = login("province_admin")
    admin.post(f"/training/classes/{open_class.code}/enrolments/{enrolment.pk}/certificate/")
    cert = Certificate.unscoped.get(enrolment=enrolment)
    text = _text(admin.get(f"/training/certificates/{cert.number}/pdf/").content, tmp_path)
    assert "THỦ TRƯỞNG ĐƠN VỊ (Ký tên, đóng dấu)" in text
