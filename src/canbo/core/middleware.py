"""Per-request set-up: the actor context (who acts, their reach, a request id) and the language."""

import re

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from canbo.core import context
from canbo.core.scope import Scope

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
