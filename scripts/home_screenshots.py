"""Screenshots of each demo role's home for the README (docs/screenshots/home-<user>.png).

Against a server running the demo, for instance:

    export DATABASE_URL=sqlite:////tmp/canbo-demo.sqlite3 CANBO_DEBUG=1
    .venv/bin/canbo migrate && .venv/bin/canbo demo --demo-accounts
    .venv/bin/canbo runserver 127.0.0.1:8765 &
    .venv/bin/python scripts/home_screenshots.py http://127.0.0.1:8765

Chromium at /usr/bin/chromium (or $CANBO_CHROMIUM), 1280 px wide, the whole page, Vietnamese.
PNGs are kept small (a palette of 256 colours) so the repository stays light.
"""

import io
import os
import shutil
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

PASSWORD = "canbo-demo-2025"
USERS = ("sonoivu", "thanhnua", "truongchinhtri", "canbo")
OUT = Path(__file__).resolve().parents[1] / "docs/screenshots"
CHROMIUM = os.environ.get("CANBO_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def shoot(browser, base: str, username: str) -> Path:
    context = browser.new_context(base_url=base, locale="vi-VN", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")
    page.wait_for_load_state("networkidle")
    png = page.screenshot(full_page=True)
    context.close()
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256)
    target = OUT / f"home-{username}.png"
    image.save(target, optimize=True)
    return target


def main(argv: list[str]) -> int:
    base = (argv[1] if len(argv) > 1 else "http://127.0.0.1:8765").rstrip("/")
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        for username in USERS:
            target = shoot(browser, base, username)
            print(f"{target.relative_to(OUT.parents[1])}: {target.stat().st_size // 1024} KB")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
