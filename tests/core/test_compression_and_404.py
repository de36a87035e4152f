"""Light on a slow connection: pages and fragments travel gzip-compressed (not downloads that are
compressed already), and `make run` (debug) answers a missing page with canbo's Vietnamese 404."""

import gzip

import pytest
from django.test import override_settings
from django.urls import reverse


def test_a_page_travels_gzip_compressed_and_reads_back_the_same(login, tree):
    client = login("province_admin")
    plain = client.get(reverse("orgs:detail", args=["P-THANHNUA"]))
    packed = client.get(reverse("orgs:detail", args=["P-THANHNUA"]), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert "Xã Thanh Nưa" in html
    assert len(packed.content) < len(plain.content) / 2


def test_a_spreadsheet_download_is_not_compressed_again(login, tree):
    response = login("province_admin").get(reverse("people:export") + "?unit=P-THANHNUA", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "Content-Encoding" not in response
    assert b"".join(response.streaming_content if response.streaming else [response.content])[:2] == b"PK"


@pytest.mark.parametrize("path", ["/no-such-page/", "/units/NO-SUCH-UNIT/"])
def test_debug_mode_shows_the_vietnamese_404_not_the_technical_page(login, tree, path):
    client = login("province_admin")
    with override_settings(DEBUG=True):
        response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html and "Về trang chủ" in html
    assert "URLconf" not in html and "DEBUG = True" not in html


def test_debug_mode_leaves_the_apis_json_404_alone(login, tree):
    client = login("province_admin")
    with override_settings(DEBUG=True):
        response = client.get("/api/v1/units/NO-SUCH-UNIT")
    assert response.status_code == 404
    assert "Không tìm thấy trang" not in response.content.decode()
