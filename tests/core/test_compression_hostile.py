"""The gzip middleware, checked from the outside: the length it announces is the length it sends,
a streamed text still streams (chunk by chunk, no length), downloads and short answers pass as they
are, and each compressed answer differs in length (Django's BREACH padding)."""

import gzip

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from canbo.core.middleware import GZipTextMiddleware

PAGE = ("<tr><td>Xã Thanh Nưa</td><td>27.071</td></tr>" * 400).encode()


def _through(response, accept="gzip, deflate, br"):
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING=accept)
    return GZipTextMiddleware(lambda r: response).process_response(request, response)


def test_a_page_announces_the_length_it_sends_and_reads_back():
    response = _through(HttpResponse(PAGE, content_type="text/html; charset=utf-8"))
    assert response["Content-Encoding"] == "gzip"
    assert int(response["Content-Length"]) == len(response.content) < len(PAGE) / 10
    assert gzip.decompress(response.content) == PAGE


def test_each_answer_is_padded_differently_against_breach():
    lengths = {len(_through(HttpResponse(PAGE, content_type="text/html")).content) for _ in range(12)}
    assert len(lengths) > 1


def test_a_streamed_text_still_streams_without_a_length():
    chunks = [PAGE[i : i + 4096] for i in range(0, len(PAGE), 4096)]
    response = _through(StreamingHttpResponse(iter(chunks), content_type="text/csv"))
    assert response.streaming and "Content-Length" not in response
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(b"".join(response.streaming_content)) == PAGE


def test_downloads_and_clients_without_gzip_pass_unchanged(tmp_path):
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 5000)
    handle = open(path, "rb")  # noqa: SIM115 - closed by the FileResponse
    download = _through(FileResponse(handle, as_attachment=True, filename="danh-sach.xlsx"))
    assert "Content-Encoding" not in download and int(download["Content-Length"]) == 5004
    handle.close()  # not download.close(): that sends request_finished, which touches the database
    pdf = _through(HttpResponse(b"%PDF-1.7" + b"x" * 5000, content_type="application/pdf"))
    assert "Content-Encoding" not in pdf and pdf.content.startswith(b"%PDF")
    plain = _through(HttpResponse(PAGE, content_type="text/html"), accept="identity")
    assert "Content-Encoding" not in plain and plain.content == PAGE
    assert "Accept-Encoding" in plain["Vary"]
