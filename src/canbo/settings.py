"""Settings for canbo, all read from environment variables (see README, "Configuration").

Defaults suit a laptop demo (SQLite under ./var); production must set CANBO_SECRET_KEY and
CANBO_ALLOWED_HOSTS and should set DATABASE_URL to PostgreSQL. Parsing is strict: a malformed
value stops start-up instead of silently falling back.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from canbo.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = PACKAGE_DIR.parent.parent
# In a source checkout the var/ folder sits beside pyproject.toml; installed elsewhere, in the cwd.
PROJECT_DIR = _SOURCE_ROOT if (_SOURCE_ROOT / "pyproject.toml").exists() else Path.cwd()
VAR_DIR = Path(env_str("CANBO_VAR_DIR") or PROJECT_DIR / "var")

DEBUG = env_bool("CANBO_DEBUG", False)

SECRET_KEY = env_str("CANBO_SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "CANBO_SECRET_KEY must be set when CANBO_DEBUG is off (a random string of 50+ characters); "
            "for a local trial set CANBO_DEBUG=1 instead."
        )
    SECRET_KEY = "insecure-development-key-only-for-canbo-debug-mode-do-not-use-in-production"

ALLOWED_HOSTS = env_list("CANBO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CANBO_CSRF_TRUSTED_ORIGINS")

# HTTPS hardening is on whenever debug is off, unless explicitly disabled (e.g. plain-HTTP
# intranet behind no proxy, or the test suite's live server).
HTTPS = env_bool("CANBO_HTTPS", not DEBUG)
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("CANBO_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("CANBO_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("CANBO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("CANBO_HSTS_PRELOAD", True)
if env_bool("CANBO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Absolute lifetime of a log-in (enforced by accounts.middleware even though the session's own
# expiry slides on save), and the idle time after which the user is logged out.
SESSION_COOKIE_AGE = env_int("CANBO_SESSION_SECONDS", 8 * 3600)
CANBO_SESSION_IDLE_MINUTES = env_int("CANBO_SESSION_IDLE_MINUTES", 30)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Sent on every response by core.middleware.SecurityHeadersMiddleware. Scripts only from canbo's
# own static files (data for scripts travels in json_script tags, htmx runs without eval); styles
# the same, so a style attribute in a template is refused by the browser too; images may be
# data: URIs (Bootstrap's icons, Swagger UI). Nothing from another origin, nothing may frame canbo.
CANBO_CONTENT_SECURITY_POLICY = env_str(
    "CANBO_CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
)
CANBO_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

INSTALLED_APPS = [
    # Before django.contrib.auth so that its `changepassword` (which flags the password as to be
    # changed by its holder) replaces Django's.
    "canbo.accounts",
    "canbo.site.admin_site.CanboAdminConfig",  # django.contrib.admin, for system admins only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # `runserver` (make run) leaves static files to WhiteNoise, which serves the pre-compressed
    # .br/.gz copies `make setup` writes beside the vendored libraries, as in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "canbo.core",
    "canbo.orgs",
    "canbo.people",
    "canbo.standards",
    "canbo.training",
    "canbo.plans",
    "canbo.careers",
    "canbo.reports",
    "canbo.exchange",
    "canbo.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "canbo.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise (static files are served pre-compressed before reaching it), above every
    # middleware that reads or writes a body: it compresses the final HTML/JSON.
    "canbo.core.middleware.GZipTextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "canbo.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "canbo.accounts.middleware.SessionLifetimeMiddleware",
    "canbo.accounts.middleware.AccountGateMiddleware",
    "canbo.core.middleware.RequestContextMiddleware",
    "canbo.core.middleware.NotFoundPageMiddleware",
]

ROOT_URLCONF = "canbo.urls"
WSGI_APPLICATION = "canbo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "canbo.site.context_processors.navigation",
            ],
        },
    }
]

_default_db = f"sqlite:///{VAR_DIR / 'canbo.sqlite3'}"
DATABASE_URL = env_str("DATABASE_URL") or _default_db
if _default_db == DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
_db = dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CANBO_DB_CONN_MAX_AGE", 60))
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["CONN_MAX_AGE"] = 0
    _db.setdefault("OPTIONS", {}).update(
        {
            # IMMEDIATE avoids "database is locked" upgrades when the worker and the web
            # process write at the same time; WAL lets readers proceed during writes.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTHENTICATION_BACKENDS = ["canbo.accounts.backends.ThrottledModelBackend"]
# How far a user reaches (a `canbo.core.scope.Scope` for a user): the roles and units are accounts',
# the scoping is core's, and the kernel imports no domain app, so it is named here, like the backends.
CANBO_REACH = "canbo.accounts.permissions.reach_of"
# Log-in throttling (accounts/throttle.py): after this many failures for one user name within the
# window, that name is locked for the lock-out time; one address gets a higher threshold.
CANBO_LOGIN_MAX_FAILURES = env_int("CANBO_LOGIN_MAX_FAILURES", 5)
CANBO_LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("CANBO_LOGIN_MAX_FAILURES_PER_ADDRESS", 50)
CANBO_LOGIN_FAILURE_WINDOW_MINUTES = env_int("CANBO_LOGIN_FAILURE_WINDOW_MINUTES", 15)
CANBO_LOGIN_LOCKOUT_MINUTES = env_int("CANBO_LOGIN_LOCKOUT_MINUTES", 15)
# The log-in security log (LoginAttempt) is kept this many days, then deleted by `canbo worker` from
# the local hour below, once a day (site/schedule.py): a year is what security audits ask for.
CANBO_LOGIN_LOG_RETENTION_DAYS = env_int("CANBO_LOGIN_LOG_RETENTION_DAYS", 365)
if CANBO_LOGIN_LOG_RETENTION_DAYS < 1:
    raise ImproperlyConfigured(
        f"CANBO_LOGIN_LOG_RETENTION_DAYS must be at least 1 day; got {CANBO_LOGIN_LOG_RETENTION_DAYS}"
    )
CANBO_LOGIN_LOG_PURGE_HOUR = env_int("CANBO_LOGIN_LOG_PURGE_HOUR", 3)
if not 0 <= CANBO_LOGIN_LOG_PURGE_HOUR <= 23:
    raise ImproperlyConfigured(
        f"CANBO_LOGIN_LOG_PURGE_HOUR must be an hour from 0 to 23; got {CANBO_LOGIN_LOG_PURGE_HOUR}"
    )
# Reverse proxies whose X-Forwarded-For is believed for the client address (exact IPs); empty:
# the address is REMOTE_ADDR.
CANBO_TRUSTED_PROXIES = env_list("CANBO_TRUSTED_PROXIES")
# Second factor (TOTP) for system and province HR administrators; off only for a local trial.
CANBO_REQUIRE_2FA = env_bool("CANBO_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = "canbo"
# The admin lists authenticators (to delete a lost one) but never shows their secrets or codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "canbo.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["canbo.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("CANBO_TIME_ZONE", "Asia/Ho_Chi_Minh")

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (collectstatic writes them with .br/.gz copies), served by WhiteNoise with a
    # year-long "immutable" cache: after the first page a browser fetches no style or script again
    # until it changes. Debug mode (`make run`) serves the source files under their plain names.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("CANBO_LOG_LEVEL", "INFO")},
    # WeasyPrint logs each step of every PDF at INFO ("Step 5 - Creating layout"): noise in a
    # command's output and the server log.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# Background work: tasks are stored in the database and run by `canbo worker` (SKIP LOCKED on
# PostgreSQL lets several workers share the queue). CANBO_TASKS_IMMEDIATE=1 runs them inline.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if env_bool("CANBO_TASKS_IMMEDIATE", False)
        else "django_tasks_db.DatabaseBackend",
    }
}

# Imports: uploaded files are checked against these limits before any parsing.
CANBO_IMPORT_MAX_BYTES = env_int("CANBO_IMPORT_MAX_BYTES", 50 * 1024 * 1024)
CANBO_IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("CANBO_IMPORT_MAX_UNCOMPRESSED_BYTES", 500 * 1024 * 1024)
# The filled block of one sheet (rows × columns from the first to the last filled cell), checked
# before the spreadsheet library allocates it (about 32 bytes a cell): 20 M cells ≈ 640 MB.
CANBO_IMPORT_MAX_CELLS = env_int("CANBO_IMPORT_MAX_CELLS", 20_000_000)
# Attachments (self-study evidence): the largest file accepted, in MB (core/uploads.py).
CANBO_UPLOAD_MAX_MB = env_int("CANBO_UPLOAD_MAX_MB", 10)
# Files up to this many rows are validated during the upload request; larger ones by the worker.
CANBO_IMPORT_INLINE_ROWS = env_int("CANBO_IMPORT_INLINE_ROWS", 2000)
# People exports of up to this many rows are written during the request; longer ones by the worker,
# with a progress bar, then downloaded (a province's 20,000 people took 20 s in the request).
CANBO_EXPORT_INLINE_ROWS = env_int("CANBO_EXPORT_INLINE_ROWS", 2000)
# The emulation ranking's weights of plan completion, standardisation rate and evaluation results,
# "40,30,30" by default: a province's emulation council sets its own.
_emulation = env_list("CANBO_EMULATION_WEIGHTS", ["40", "30", "30"])
_emulation = [int(v) if v.isascii() and v.isdigit() else -1 for v in _emulation]
if len(_emulation) != 3 or min(_emulation) < 0 or sum(_emulation) == 0:
    raise ImproperlyConfigured("CANBO_EMULATION_WEIGHTS must be three non-negative integers, e.g. 40,30,30")
CANBO_EMULATION_WEIGHTS = dict(zip(("plan", "standards", "evaluation"), _emulation, strict=True))

# A running import whose worker has not renewed its lease for this long is marked failed (a killed
# worker); the worker renews it every tenth of it.
CANBO_TASK_LEASE_SECONDS = env_int("CANBO_TASK_LEASE_SECONDS", 600)
# Test-only: seconds the import's progress callback sleeps (a test kills the worker meanwhile).
CANBO_IMPORT_PROGRESS_PAUSE = env_int("CANBO_IMPORT_PROGRESS_PAUSE", 0)
# Uploaded import files are deleted this many days after the upload (the job and its summary stay).
CANBO_IMPORT_RETENTION_DAYS = env_int("CANBO_IMPORT_RETENTION_DAYS", 30)
CANBO_IMPORT_PURGE_HOUR = env_int("CANBO_IMPORT_PURGE_HOUR", 3)  # local hour of the daily deletion
if not 0 <= CANBO_IMPORT_PURGE_HOUR <= 23:
    raise ImproperlyConfigured(f"CANBO_IMPORT_PURGE_HOUR must be an hour from 0 to 23; got {CANBO_IMPORT_PURGE_HOUR}")

# Keyset-paginated lists: rows per page.
CANBO_PAGE_SIZE = env_int("CANBO_PAGE_SIZE", 50)
# Months after completing a training for a named post before the person shows as "not placed".
CANBO_PLACEMENT_MONTHS = env_int("CANBO_PLACEMENT_MONTHS", 12)

# Periodic jobs of `canbo worker` (site/schedule.py): the local hour (0–23, TIME_ZONE) from which
# the nightly full gap recompute is due, once a day.
CANBO_GAPS_RECOMPUTE_HOUR = env_int("CANBO_GAPS_RECOMPUTE_HOUR", 2)
if not 0 <= CANBO_GAPS_RECOMPUTE_HOUR <= 23:
    raise ImproperlyConfigured(
        f"CANBO_GAPS_RECOMPUTE_HOUR must be an hour from 0 to 23; got {CANBO_GAPS_RECOMPUTE_HOUR}"
    )
