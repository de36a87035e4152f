"""The user's own account pages: change of password and the second factor (enrolment, check)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from canbo.accounts import services, twofactor
from canbo.accounts.forms import PasswordChangeForm, TokenForm


def _next_url(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return wanted
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters()
@never_cache
@login_required
def password_change(request):
    """Any user changes their own password; forced on first log-in with an administrator's one."""
    form = PasswordChangeForm(request.user, request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        services.user_password_change(user=request.user, new_password=form.cleaned_data["new_password1"])
        # Other sessions of this user end (their auth hash no longer matches); this one stays.
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc."))
        return redirect(_next_url(request))
    forced = request.user.must_change_password
    return render(
        request, "accounts/password_change.html", {"form": form, "forced": forced, "next": _next_url(request)}
    )


@sensitive_post_parameters()
@never_cache
@login_required
def otp_setup(request):
    """Enrol an authenticator app: QR code and secret, confirmed by a first code; on success
    the ten recovery codes are shown on the answer page, once."""
    verified_elsewhere = twofactor.confirmed_device(request.user) is not None and not twofactor.is_verified(request)
    if verified_elsewhere:
        # Replacing an authenticator needs the current one first (or a recovery code).
        return redirect("accounts:otp_verify")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.totp_confirm(request=request, token=form.cleaned_data["token"])
        if codes is not None:
            return render(request, "accounts/otp_recovery_codes.html", {"codes": codes, "next": _next_url(request)})
        form.add_error("token", _("Mã xác thực không đúng hoặc đã hết hạn; hãy nhập mã đang hiện trên ứng dụng."))
    device = twofactor.pending_device(request.user)
    context = {
        "form": form,
        "qr_svg": twofactor.qr_svg(device),
        "secret": twofactor.secret_text(device),
        "required": twofactor.required_for(request.user),
        "next": _next_url(request),
    }
    return render(request, "accounts/otp_setup.html", context)


@sensitive_post_parameters()
@never_cache
@login_required
def otp_verify(request):
    """The second step of log-in for users with an authenticator."""
    if twofactor.confirmed_device(request.user) is None:
        return redirect("accounts:otp_setup")
    if twofactor.is_verified(request):
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.verify(request=request, token=form.cleaned_data["token"]):
            return redirect(_next_url(request))
        form.add_error("token", _("Mã xác thực hoặc mã khôi phục không đúng, hoặc đã thử sai quá nhiều lần."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})
