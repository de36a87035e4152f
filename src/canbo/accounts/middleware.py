"""Session rules applied to every request of a logged-in user: idle and absolute time-outs, then
the gates that keep a user on one page until done (new password, second factor)."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from canbo.accounts import twofactor

LAST_SEEN = "canbo_last_seen"
STARTED = "canbo_session_started"
# Activity is written at most once a minute, so reading a page does not write the session each time.
TOUCH_SECONDS = 60


class SessionLifetimeMiddleware:
    """Log out after CANBO_SESSION_IDLE_MINUTES without a request (htmx requests count), and after
    SESSION_COOKIE_AGE in all: the session's own expiry slides whenever it is saved, so the
    absolute limit is kept here from the session's first authenticated request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.get(STARTED)
            last_seen = session.get(LAST_SEEN)
            idle = settings.CANBO_SESSION_IDLE_MINUTES * 60
            if last_seen is not None and now - last_seen > idle:
                return self._ended(
                    request,
                    _("Phiên làm việc đã kết thúc vì không hoạt động quá %(minutes)d phút.")
                    % {"minutes": settings.CANBO_SESSION_IDLE_MINUTES},
                )
            if started is not None and now - started > settings.SESSION_COOKIE_AGE:
                return self._ended(request, _("Phiên làm việc đã quá thời hạn tối đa."))
            if started is None:
                session[STARTED] = now
            if last_seen is None or now - last_seen >= TOUCH_SECONDS:
                session[LAST_SEEN] = now
        return self.get_response(request)

    def _ended(self, request, reason: str):
        logout(request)
        if request.path.startswith("/api/"):
            return self.get_response(request)  # now anonymous: the API answers its own 401
        messages.info(request, reason + " " + _("Vui lòng đăng nhập lại."))
        login = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(login)
        return HttpResponseRedirect(login)


class AccountGateMiddleware:
    """Until a user has verified the second factor (when required), changed an administrator-set
    password and enrolled an authenticator (when required), every other page sends them there."""

    ALWAYS_OPEN = ("accounts:logout", "accounts:login")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            target = self._gate(request)
            if target is not None and request.path != reverse(target) and not self._open(request):
                return self._send(request, target)
        return self.get_response(request)

    @staticmethod
    def _gate(request) -> str | None:
        user = request.user
        verified = twofactor.is_verified(request)
        # Anyone with a confirmed authenticator uses it, whether or not their role requires one, and
        # however it was confirmed (an enrolment here or a device added in the admin: asking such a
        # user to enrol again would send them between the two pages for ever).
        if not verified and twofactor.confirmed_device(user) is not None:
            return "accounts:otp_verify"
        if user.must_change_password:
            return "accounts:password_change"
        if not verified and twofactor.required_for(user):
            return "accounts:otp_setup"
        return None

    def _open(self, request) -> bool:
        if request.path.startswith((settings.STATIC_URL, "/i18n/", "/jsi18n/")):
            return True
        return any(request.path == reverse(name) for name in self.ALWAYS_OPEN)

    @staticmethod
    def _send(request, target: str):
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"error": _("Cần hoàn tất đăng nhập (đổi mật khẩu hoặc xác thực hai lớp).")}, status=403
            )
        url = reverse(target)
        if request.method == "GET" and not getattr(request, "htmx", False):
            url += "?" + urlencode({"next": request.get_full_path()})
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return HttpResponseRedirect(url)
