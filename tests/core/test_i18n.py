"""The English catalogue is complete: every Vietnamese UI string in the code has a translation."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "canbo"
PO = Path("locale/en/LC_MESSAGES/django.po")


def _statistics(po: Path) -> str:
    result = subprocess.run(
        ["msgfmt", "--check-format", "--statistics", "-o", os.devnull, str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stderr


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext (xgettext) is not installed")
def test_every_ui_string_has_an_english_translation(tmp_path):
    copy = tmp_path / "canbo"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("vendor", "__pycache__", "*.mo"))
    env = dict(os.environ, CANBO_DEBUG="1", DJANGO_SETTINGS_MODULE="canbo.settings", CANBO_VAR_DIR=str(tmp_path))
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "canbo", "makemessages", "--locale", "en", "--no-obsolete", "-v0"],
        cwd=copy,
        env=env,
        check=True,
        timeout=300,
    )
    stats = _statistics(copy / PO)
    assert "untranslated" not in stats and "fuzzy" not in stats, (
        f"{stats.strip()} — run `make makemessages` and translate the new entries in {PO}"
    )
