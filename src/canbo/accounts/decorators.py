"""View guards: log-in required, then a permission; refusals render the Vietnamese 403 page."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from canbo.accounts.permissions import Perm, perms_of


def require_perm(perm: Perm):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if perm not in perms_of(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
