"""Certificates: numbered per institution, printed as PDF (weasyprint) with a QR code (segno) that
opens the public verification page. What the paper says is frozen in `Certificate.printed`, so
the page can show every printed field, and nothing else, to anyone holding the paper."""

from __future__ import annotations

import datetime
import secrets

from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.accounts.permissions import Perm
from canbo.core import audit, papers
from canbo.core.errors import DomainError
from canbo.core.pdf import render_pdf
from canbo.core.text import nfc
from canbo.training.choices import Result
from canbo.training.models import Certificate, CertificateSeries, Enrolment
from canbo.training.services import _check_class, _locked_class

# The printed fields, in the order the paper and the verification page show them.
PRINTED_FIELDS = (
    ("number", gettext_lazy("Số hiệu")),
    ("holder", gettext_lazy("Họ và tên")),
    ("birth", gettext_lazy("Ngày sinh")),
    ("programme", gettext_lazy("Chương trình")),
    ("class_name", gettext_lazy("Lớp")),
    ("period", gettext_lazy("Thời gian học")),
    ("periods", gettext_lazy("Thời lượng (tiết)")),
    ("result", gettext_lazy("Kết quả")),
    ("institution", gettext_lazy("Cơ sở đào tạo cấp")),
    ("issued_on", gettext_lazy("Ngày cấp")),
    ("signer_title", gettext_lazy("Chức vụ người ký")),
    ("signer_name", gettext_lazy("Người ký")),
)
# Printed in the signature block, not in the certificate's table of particulars.
SIGNATURE_FIELDS = ("signer_title", "signer_name")


def _d(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _series_for(institution) -> CertificateSeries:
    series, _created = CertificateSeries.objects.get_or_create(
        institution=institution, defaults={"prefix": institution.code}
    )
    return CertificateSeries.objects.select_for_update().get(pk=series.pk)


@transaction.atomic
def certificate_issue(*, enrolment: Enrolment, issued_on: datetime.date | None = None) -> Certificate:
    """Issue the next number of the institution's series to a passed learner (once)."""
    training_class = _locked_class(enrolment.training_class)
    _check_class(training_class, Perm.RECORD_RESULTS)
    enrolment = Enrolment.unscoped.select_related("person").get(pk=enrolment.pk)
    if enrolment.result != Result.PASSED:
        raise DomainError(_("Chỉ cấp chứng chỉ cho học viên đã hoàn thành khóa học."))
    if not training_class.programme.grants_certificate:
        raise DomainError(_("Chương trình này không cấp chứng chỉ."))
    if Certificate.unscoped.filter(enrolment=enrolment).exists():
        raise DomainError(_("Học viên này đã được cấp chứng chỉ."))
    institution = training_class.institution or training_class.organiser
    series = _series_for(institution)
    issued_on = issued_on or datetime.date.today()
    number = f"{series.prefix}-{issued_on.year}-{series.next_number:05d}"
    series.next_number += 1
    series.save(update_fields=["next_number"])
    person = enrolment.person
    grade = f" ({enrolment.grade})" if enrolment.grade else ""
    printed = {
        "number": number,
        "holder": person.full_name,
        "birth": person.birth_display(),
        "programme": training_class.programme.name,
        "class_name": training_class.name,
        "period": f"{_d(training_class.start_date)} – {_d(training_class.end_date)}",
        "periods": str(training_class.programme.periods or ""),
        "result": f"{enrolment.get_result_display()}{grade}",
        "institution": institution.name,
        "issued_on": _d(issued_on),
        "signer_title": (series.signer_title or papers.HEAD).upper(),
        "signer_name": series.signer_name,
    }
    certificate = Certificate.unscoped.create(
        enrolment=enrolment,
        person=person,
        unit_path=enrolment.unit_path,
        series=series,
        number=number,
        token=secrets.token_urlsafe(18),
        issued_on=issued_on,
        printed=printed,
    )
    audit.log_create(certificate)
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, day: datetime.date | None = None) -> Certificate:
    certificate = (
        Certificate.unscoped.select_for_update(of=("self",))
        .select_related("enrolment__training_class")
        .get(pk=certificate.pk)
    )
    _check_class(certificate.enrolment.training_class, Perm.RECORD_RESULTS)
    if certificate.revoked_on:
        raise DomainError(_("Chứng chỉ đã bị thu hồi trước đó."))
    reason = nfc(reason).strip()
    if not reason:
        raise DomainError({"reason": [_("Cần ghi lý do thu hồi.")]})
    before = audit.snapshot(certificate)
    certificate.revoked_on = day or datetime.date.today()
    certificate.revoked_reason = reason[:255]
    certificate.save(update_fields=["revoked_on", "revoked_reason"])
    audit.log_update(certificate, before)
    return certificate


def printed_rows(certificate: Certificate) -> list[tuple[str, str]]:
    """What the paper says, for the verification page; a field an older certificate did not print
    (the signer before it was recorded) is left out."""
    return [
        (str(label), certificate.printed.get(key, ""))
        for key, label in PRINTED_FIELDS
        if key in certificate.printed or key not in SIGNATURE_FIELDS
    ]


def certificate_paper(certificate: Certificate) -> papers.Paper:
    """The certificate as an administrative paper (NĐ 30/2020): the institution under its superior
    body left with the number under it, the national motto right, the place and date of issue, and
    the signer over the seal ("(Ký tên, đóng dấu)"). A certificate issued before the signer was
    recorded prints the series' signer of today."""
    institution = certificate.series.institution
    printed, series = certificate.printed, certificate.series
    return papers.Paper(
        left=papers.issued_by(institution),
        right=[papers.NATION, papers.MOTTO],
        number=certificate.number,
        place_date=papers.place_date_line(papers.place_of(institution), certificate.issued_on),
        signers=[
            papers.Signer(
                printed.get("signer_title") or (series.signer_title or papers.HEAD).upper(),
                papers.HEAD_SIGN,
                printed.get("signer_name", series.signer_name),
            )
        ],
    )


def verify_url(request, certificate: Certificate) -> str:
    return request.build_absolute_uri(reverse("training:verify", args=[certificate.token]))


def qr_svg(url: str) -> str:
    """The QR code as an SVG data URI (weasyprint and browsers both draw it)."""
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def certificate_pdf(request, certificate: Certificate) -> bytes:
    url = verify_url(request, certificate)
    particulars = [
        (str(label), certificate.printed.get(key, "")) for key, label in PRINTED_FIELDS if key not in SIGNATURE_FIELDS
    ]
    return render_pdf(
        "training/certificate_pdf.html",
        {
            "cert": certificate,
            "rows": particulars,
            "paper": certificate_paper(certificate),
            "qr": qr_svg(url),
            "url": url,
        },
        request=request,
    )
