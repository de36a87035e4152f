"""The API assembly: one NinjaAPI, each app's router, and one error format `{"error": ...}`."""

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.openapi.docs import Swagger
from ninja.security import django_auth

from canbo.core.errors import DomainError, NotPermitted, is_permission_refusal
from canbo.orgs.api import router as orgs_router
from canbo.people.api import router as people_router
from canbo.standards.api import router as standards_router
from canbo.training.api import router as training_router


class LocalSwagger(Swagger):
    """Swagger UI served from canbo's static files (vendored from npm by `make setup`), started by
    a static script, so the docs page needs no CDN and no inline script under the CSP."""

    def render_page(self, request, api, **kwargs):
        config = self.settings | {"url": self.get_openapi_url(api, kwargs), "validatorUrl": None}
        # Session-authenticated calls from the page need the CSRF token (ninja's django_auth checks it).
        auths = api.auth if isinstance(api.auth, (list, tuple)) else ()
        add_csrf = any(getattr(auth, "csrf", False) for auth in auths)
        context = {"swagger_config": config, "api": api, "add_csrf": add_csrf}
        return render(request, "api/swagger.html", context)


def signed_in_only(view):
    """The API's description lists every route and field: only for signed-in users. The docs page
    sends visitors to log in; openapi.json answers 401 like the rest of the API."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.resolver_match and request.resolver_match.url_name == "openapi-json":
            return JsonResponse({"error": _("Bạn cần đăng nhập.")}, status=401)
        return redirect_to_login(request.get_full_path())

    return wrapped


api = NinjaAPI(
    title="canbo API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
    docs=LocalSwagger(settings={"deepLinking": True, "layout": "BaseLayout"}),
    docs_url="/docs",
    docs_decorator=signed_in_only,
)
api.add_router("/", orgs_router)
api.add_router("/", people_router)
api.add_router("/", standards_router)
api.add_router("/", training_router)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"error": _("Không tìm thấy.")}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    message = getattr(exc, "user_message", "") or _("Bạn không có quyền thực hiện thao tác này.")
    return api.create_response(request, {"error": message}, status=403)


@api.exception_handler(NotPermitted)
def not_permitted(request, exc):
    """Within reach but not granted (authorize): 403 with the reason, before DomainError's 400."""
    return api.create_response(request, {"error": " ".join(exc.messages)}, status=403)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"error": _("Bạn cần đăng nhập.")}, status=401)


@api.exception_handler(DomainError)
def refused(request, exc):
    if is_permission_refusal(exc):
        return forbidden(request, exc)
    body = {"error": " ".join(exc.messages)}
    if hasattr(exc, "error_dict"):
        body["fields"] = exc.message_dict
    return api.create_response(request, body, status=400)
