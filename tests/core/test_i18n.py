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
    # The project catalogue and every app's own (makemessages files each string in the nearest one).
    catalogues = sorted(copy.rglob(str(PO)))
    assert copy / PO in catalogues
    for po in catalogues:
        stats = _statistics(po)
        where = po.relative_to(copy)
        assert "untranslated" not in stats and "fuzzy" not in stats, (
            f"{where}: {stats.strip()} — run `make makemessages` and translate the new entries"
        )
