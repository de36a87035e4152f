"""Test settings: canbo's own settings with test-only values forced (not defaulted) before import."""

import os

os.environ["CANBO_DEBUG"] = "false"
os.environ["CANBO_HTTPS"] = "false"
os.environ["CANBO_SECRET_KEY"] = "test-secret-key-that-is-long-enough-for-django-checks-0123456789"
os.environ["CANBO_TASKS_IMMEDIATE"] = "true"
# Two-factor is off for the suite's force_login personas; tests/accounts/test_two_factor.py turns
# it on (the gate is one middleware, the same for every page, so it is tested there).
os.environ["CANBO_REQUIRE_2FA"] = "false"
os.environ["CANBO_ALLOWED_HOSTS"] = "localhost,127.0.0.1,testserver"
os.environ.setdefault("CANBO_VAR_DIR", os.path.join(os.path.dirname(__file__), "..", "var", "test"))

from canbo.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
os.makedirs(STATIC_ROOT, exist_ok=True)  # noqa: F405
