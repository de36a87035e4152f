"""Production serves static files under hashed names (a year-long immutable cache): collectstatic
must build the manifest from the vendored files (every source map a CSS or JS names is there), and
every file a template names must be in it, or that page would fail with a 500 in production only.
(The compression of the same storage is WhiteNoise's, left out here to keep the test quick.)"""

import json
import re
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

import canbo

STATIC_TAG = re.compile(r"""\{%\s*static\s+['"]([^'"]+)['"]""")


def test_collectstatic_builds_the_hashed_manifest_and_every_template_reference_is_in_it(tmp_path):
    from canbo import settings as production

    assert production.STORAGES["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    named = {
        match
        for template in Path(canbo.__file__).parent.rglob("*.html")
        for match in STATIC_TAG.findall(template.read_text(encoding="utf-8"))
    }
    assert "vendor/echarts/echarts.custom.min.js" in named and "vendor/bootstrap/bootstrap.min.css" in named
    missing = sorted(name for name in named if name not in manifest)
    assert not missing, missing
    hashed = manifest["vendor/echarts/echarts.custom.min.js"]
    assert re.fullmatch(r"vendor/echarts/echarts\.custom\.min\.[0-9a-f]{12}\.js", hashed)
    assert (tmp_path / hashed).stat().st_size > 100_000
