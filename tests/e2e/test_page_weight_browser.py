"""Page weight on a mountain connection (issue 15, item 12): every main page, opened with an empty
cache, transfers at most 500 KB (HTML, styles, scripts, fonts: what the browser receives, headers
included), and an htmx update at most 50 KB.

The live server here serves static files the way `make run` and production do, through WhiteNoise
with the pre-compressed .br/.gz copies `make setup` writes (pytest-django's own live server would
serve them uncompressed through Django's static view)."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.plans import conftest as _plans

programmes, make_class, kinds = _plans.programmes, _plans.make_class, _plans.kinds

FIRST_PAGE_BUDGET = 500 * 1024
HTMX_BUDGET = 50 * 1024


@pytest.fixture
def compressed_server(transactional_db, settings):
    from pytest_django.live_server_helper import LiveServer

    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    server = LiveServer("localhost", start=False)
    server.thread.static_handler = lambda application: application  # static files: WhiteNoise's
    server._live_server_modified_settings.enable()
    server.start()
    yield server
    server.stop()
    server._live_server_modified_settings.disable()


class Meter:
    """Bytes the browser received per request (Chrome DevTools Protocol: encodedDataLength counts
    the compressed body and the headers), and which requests htmx made."""

    def __init__(self, page):
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        self.urls: dict[str, str] = {}
        self.htmx: set[str] = set()
        self.sizes: dict[str, int] = {}
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.loadingFinished", self._finished)

    def _sent(self, event):
        rid = event["requestId"]
        self.urls[rid] = event["request"]["url"]
        if any(name.lower() == "hx-request" for name in event["request"].get("headers", {})):
            self.htmx.add(rid)

    def _finished(self, event):
        self.sizes[event["requestId"]] = int(event["encodedDataLength"])

    def reset(self):
        self.urls.clear()
        self.htmx.clear()
        self.sizes.clear()

    def total(self) -> int:
        return sum(size for rid, size in self.sizes.items() if rid not in self.htmx)

    def settle(self, page) -> None:
        """Wait until every request seen has finished loading (its size is known)."""
        for _ in range(50):
            if set(self.urls) <= set(self.sizes):
                return
            page.wait_for_timeout(100)

    def htmx_sizes(self) -> dict[str, int]:
        return {self.urls[rid]: self.sizes.get(rid, 0) for rid in self.htmx}

    def biggest(self) -> list[tuple[int, str]]:
        return sorted(((size, self.urls.get(rid, "?")) for rid, size in self.sizes.items()), reverse=True)[:5]


def test_every_main_page_fits_the_budget_compressed(browser, compressed_server, people, personas, make_class, tree):
    cls = make_class(tree["a"], people=[people["van"], people["minh"]])
    context = browser.new_context(base_url=compressed_server.url, locale="vi-VN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("province")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/")
    meter = Meter(page)
    pages = {
        "home": "/",
        "people list": "/people/",
        "person": f"/people/{people['van'].pk}/",
        "standards": "/standards/units/P/",
        "plan vs actual": "/plans/units/P/?year=2021",
        "class list": "/training/",
        "class": f"/training/classes/{cls.code}/",
        "dashboard": "/reports/?year=2021",
        "reports": "/reports/units/P/forms/?year=2021",
    }
    weights = {}
    for name, url in pages.items():
        meter.reset()
        response = page.goto(url, wait_until="networkidle")
        assert response.status == 200, (name, url, response.status)
        meter.settle(page)
        weights[name] = meter.total()
        assert 10_000 < weights[name] <= FIRST_PAGE_BUDGET, (name, weights[name], meter.biggest())
        for htmx_url, size in meter.htmx_sizes().items():
            assert 0 < size <= HTMX_BUDGET, (htmx_url, size)
    print("transferred (bytes):", weights)
    # The dashboard draws its charts with the trimmed ECharts build, compressed: not the 1.1 MB one.
    assert weights["dashboard"] > weights["class list"]
    meter.reset()
    page.goto("/reports/?year=2021", wait_until="networkidle")
    # The trimmed build draws all three charts (bar and line on a grid) on canvases.
    for chart in ("kinds", "ranked", "years"):
        expect(page.locator(f"[data-chart={chart}] canvas")).to_have_count(1)
    assert page.evaluate("typeof echarts.init === 'function' && typeof echarts.use === 'function'")
    meter.reset()
    year = page.locator("#d-year")
    year.select_option(year.locator("option").nth(1).get_attribute("value"))
    expect(page.get_by_test_id("dashboard")).to_be_visible()
    page.wait_for_load_state("networkidle")
    meter.settle(page)
    updates = meter.htmx_sizes()
    print("htmx updates (bytes):", updates)
    assert updates and all(0 < size <= HTMX_BUDGET for size in updates.values()), updates
    context.close()


def test_static_files_travel_compressed(browser, compressed_server):
    """The biggest library, fetched as a browser does: brotli-compressed, a seventh of its size."""
    import urllib.request

    url = f"{compressed_server.url}/static/vendor/echarts/echarts.custom.min.js"
    plain = urllib.request.urlopen(url).read()
    packed = urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": "br"}))
    assert packed.headers["Content-Encoding"] == "br"
    assert len(packed.read()) < len(plain) / 3
    assert b"echarts" in plain


def test_long_pages_fold_and_the_calendar_is_a_list_on_phones(log_in, people, make_class, tree):
    import datetime

    cls = make_class(tree["a"], end=datetime.date(2026, 6, 15), people=[people["van"], people["minh"]])
    page = log_in("province")
    # Plan vs actual: the province's own rows by programme kind open, each commune's folded.
    page.goto("/plans/units/P/?year=2026")
    expect(page.get_by_test_id("pva-kinds-P")).to_be_visible()
    commune = page.get_by_test_id("pva-kinds-P-THANHNUA")
    expect(commune).to_be_hidden()
    expect(page.get_by_test_id("turns-P-THANHNUA")).to_have_text("2")
    page.get_by_test_id("pva-toggle-P-THANHNUA").click()
    expect(commune).to_be_visible()
    expect(commune).to_contain_text("Lý luận chính trị")
    # The class calendar: a grid on a desktop, a list on a phone, the same class in both.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/training/calendar/?month=2026-06")
    expect(page.get_by_test_id("calendar-grid")).to_be_visible()
    expect(page.get_by_test_id("calendar-list")).to_be_hidden()
    expect(page.get_by_test_id("calendar-grid")).to_contain_text(cls.name)
    page.set_viewport_size({"width": 375, "height": 800})
    expect(page.get_by_test_id("calendar-grid")).to_be_hidden()
    listed = page.get_by_test_id("calendar-list")
    expect(listed).to_be_visible()
    expect(listed).to_contain_text(f"{cls.start_date:%d/%m/%Y} – 15/06/2026")
    expect(listed.get_by_role("link", name=cls.name, exact=False)).to_have_attribute(
        "href", f"/training/classes/{cls.code}/"
    )
