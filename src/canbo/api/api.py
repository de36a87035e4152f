"""The API assembly: one NinjaAPI, each app's router, and one error format `{"error": ...}`."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import django_auth

from canbo.core.errors import DomainError, NotPermitted, is_permission_refusal
from canbo.orgs.api import router as orgs_router
from canbo.people.api import router as people_router
from canbo.standards.api import router as standards_router
from canbo.training.api import router as training_router

api = NinjaAPI(
    title="canbo API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
    docs_url="/docs",
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
