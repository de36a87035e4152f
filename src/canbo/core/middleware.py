"""Per-request set-up: the actor context (who acts, their reach, a request id) and the language."""

import re

from django.conf import settings
from django.http import Http404
from django.middleware.gzip import GZipMiddleware
from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation

from canbo.core import context
from canbo.core.scope import Scope
from canbo.core.views import error_404

# What a client-supplied X-Request-ID may keep: a short token of safe characters, nothing else.
_CLIENT_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._:-]")


def client_request_label(value: str) -> str:
    """The client's own X-Request-ID as a change-log label: never our request id (a client could
    otherwise forge or merge audit trails), cut to 64 safe characters."""
    cleaned = _CLIENT_ID_UNSAFE.sub("", value)[:64]
    return f"X-Request-ID {cleaned}" if cleaned else ""


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = context.new_request_id()
        user = request.user if request.user.is_authenticated else None
        origin = "api" if request.path.startswith("/api/") else "web"
        ctx = context.ActorContext(
            user=user,
            origin=origin,
            request_id=request_id,
            label=client_request_label(request.headers.get("X-Request-ID", "")),
            # Anonymous visitors reach nothing; a user reaches their subtree, computed on first use.
            scope_factory=(lambda: Scope.for_user(user)) if user else Scope.nothing,
        )
        request.request_id = request_id
        token = context.set_for_request(ctx)
        try:
            response = self.get_response(request)
        finally:
            context.reset(token)
        response["X-Request-ID"] = request_id
        return response


class LanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose otherwise with the language switch (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an officer with an
    English-language browser would get English; canbo's users expect Vietnamese first.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set: a Content-Security-Policy that allows
    only canbo's own scripts, styles and images (no inline script, no third-party origin), and a
    Permissions-Policy that turns off device features canbo never uses."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CANBO_CONTENT_SECURITY_POLICY
        self.permissions = settings.CANBO_PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.setdefault("Content-Security-Policy", self.policy)
        if self.permissions:
            response.setdefault("Permissions-Policy", self.permissions)
        return response


# Media types worth compressing: the pages, htmx fragments, the API's JSON, CSV and the like.
# Spreadsheets, PDFs and images are compressed already (gzip over them only costs CPU and drops
# the Content-Length a download's progress needs).
_COMPRESSIBLE = re.compile(r"^(text/|application/(json|javascript|xml|xhtml\+xml)|image/svg\+xml)", re.IGNORECASE)


class GZipTextMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its BREACH mitigation: random bytes in the gzip header since
    Django 4.2), for text responses only. A page of plan vs actual is 180 KB as HTML and about
    11 KB compressed: what counts on a mountain commune's connection. Static files never reach it:
    WhiteNoise, above it, serves their pre-compressed .br/.gz copies."""

    def process_response(self, request, response):
        if not _COMPRESSIBLE.match(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)


class NotFoundPageMiddleware:
    """In debug mode (`make run`) Django answers a missing page with its English technical page
    (the URL patterns, the settings' name); users trying canbo locally should see canbo's own
    Vietnamese 404, as in production. Outside debug it does nothing: Django then uses handler404
    itself. Static files are WhiteNoise's, and the API answers its own JSON 404s."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DEBUG and not request.path.startswith("/api/"):
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404 as exc:
                return error_404(request, exc)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404) and not request.path.startswith("/api/"):
            return error_404(request, exception)
        return None
