"""Sets the actor context for each request: who acts, their reach, and a request id for the log."""

from canbo.core import context
from canbo.core.scope import Scope


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.headers.get("X-Request-ID", "")[:64] or context.new_request_id()
        user = request.user if request.user.is_authenticated else None
        origin = "api" if request.path.startswith("/api/") else "web"
        ctx = context.ActorContext(
            user=user,
            origin=origin,
            request_id=request_id,
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
