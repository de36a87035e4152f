"""Self-study evidence uploaded through the page: the type is read from the content (a program
renamed .pdf is refused and nothing is stored), the size is capped, and the file comes back only
through the scoped download, as an attachment that the browser may not sniff or run."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from canbo.training.models import SelfStudy

URL = "/training/self-study/new/"
# A complete one-page PDF (header, catalogue, page tree, trailer), as small as the format allows.
SMALL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40


def _office(main_type, extra=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/word/document.xml" ContentType="{main_type}"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
        for name in extra:
            archive.writestr(name, b"\x00")
    return buffer.getvalue()


DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


@pytest.fixture
def learner(personas, people, settings, tmp_path):
    """Lò Thị Vân's own account (the cadre persona of commune A), uploading into a clean folder."""
    settings.MEDIA_ROOT = tmp_path
    user = personas["cadre_a"]
    user.person = people["van"]
    user.save()
    return user


def _post(client, user, name, content):
    client.force_login(user)
    data = {
        "title": "Bồi dưỡng kỹ năng số",
        "provider": "Học viện Hành chính",
        "start_date": "2025-03-01",
        "end_date": "2025-03-02",
        "periods": "8",
        "evidence": "Giấy chứng nhận số 12",
        "evidence_file": SimpleUploadedFile(name, content),
    }
    return client.post(URL, data)


def _stored_files(tmp_path):
    return [p for p in tmp_path.rglob("*") if p.is_file()]


def test_it_refuses_a_program_renamed_pdf_and_stores_nothing(client, learner, tmp_path):
    response = _post(client, learner, "bang-tot-nghiep.pdf", WINDOWS_PROGRAM)
    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["evidence_file"])
    assert "bang-tot-nghiep.pdf" in message and "chương trình Windows" in message and "10 MB" in message
    assert not SelfStudy.unscoped.exists() and _stored_files(tmp_path) == []


def test_it_refuses_a_file_over_the_size_limit(client, learner, tmp_path, settings):
    settings.CANBO_UPLOAD_MAX_MB = 1
    response = _post(client, learner, "scan.pdf", SMALL_PDF + b"%" * (1024 * 1024))
    message = " ".join(response.context["form"].errors["evidence_file"])
    assert "scan.pdf" in message and "tài liệu PDF" in message and "giới hạn 1 MB" in message
    assert not SelfStudy.unscoped.exists() and _stored_files(tmp_path) == []


@pytest.mark.parametrize(
    "name, content, found",
    [
        ("ghi-chu.pdf", b"<html><script>alert(1)</script></html>", "trang HTML"),
        ("so-lieu.xlsx", _office(DOCM_MAIN, ["word/vbaProject.bin"]), "có macro"),
        ("anh.pdf", b"GIF89a" + b"\x00" * 20, "ảnh GIF"),
        ("nen.docx", _office("application/zip"), "tệp nén ZIP"),
    ],
)
def test_it_refuses_other_contents_whatever_their_name(client, learner, tmp_path, name, content, found):
    message = " ".join(_post(client, learner, name, content).context["form"].errors["evidence_file"])
    assert name in message and found in message
    assert not SelfStudy.unscoped.exists() and _stored_files(tmp_path) == []


def test_it_accepts_a_small_pdf_and_serves_it_only_as_a_download_within_reach(client, learner, personas, tmp_path):
    response = _post(client, learner, "chung-nhan.pdf", SMALL_PDF)
    assert response.status_code == 302
    item = SelfStudy.unscoped.get()
    url = f"/training/self-study/{item.pk}/evidence/"

    client.force_login(personas["officer_a"])
    download = client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == SMALL_PDF
    assert download["Content-Disposition"] == 'attachment; filename="chung-nhan.pdf"'
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]

    client.force_login(personas["officer_b"])
    assert client.get(url).status_code == 404


def test_a_file_is_named_for_what_it_contains(client, learner):
    assert _post(client, learner, "anh-chup.pdf", PNG).status_code == 302
    assert SelfStudy.unscoped.get().evidence_file.name.endswith("anh-chup.png")
    assert _post(client, learner, "bao-cao.docx", _office(DOCX_MAIN)).status_code == 302


def test_uploaded_files_have_no_public_address(client, learner, personas):
    _post(client, learner, "chung-nhan.pdf", SMALL_PDF)
    stored = SelfStudy.unscoped.get().evidence_file.name
    client.force_login(personas["province_admin"])
    for url in (f"/media/{stored}", f"/{stored}", f"/static/{stored}"):
        assert client.get(url).status_code == 404, url
