"""The one password check of canbo (log-in page, admin log-in, any future form): throttled."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from canbo.accounts import throttle


class ThrottledModelBackend(ModelBackend):
    """Django's user/password check behind the lock-out of throttle.py, recording every attempt.

    Sitting in the backend rather than in one form, it also guards /admin/login/. While locked,
    the password is not even checked, so a lock cannot be used to test guesses.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self.UserModel.USERNAME_FIELD)
        if username is None or password is None:
            return None
        address = throttle.client_address(request)
        until = throttle.locked_until(username, address)
        if until is not None:
            throttle.record(username, address, throttle.Outcome.LOCKED)
            if request is not None:
                request.canbo_login_locked_until = until
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            throttle.record(username, address, throttle.Outcome.FAILED)
            until = throttle.locked_until(username, address)
            if until is not None and request is not None:
                request.canbo_login_locked_until = until
            return None
        throttle.record(username, address, throttle.Outcome.SUCCEEDED)
        return user
