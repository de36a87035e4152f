from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from canbo.accounts import throttle


class LoginForm(AuthenticationForm):
    """Django's log-in form with one message for every failure, so it never tells whether the
    user name exists; a lock-out (throttle.py) has its own message, shown for any name."""

    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tên đăng nhập hoặc mật khẩu không đúng."),
    }

    username = forms.CharField(
        label=_("Tên đăng nhập"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            until = getattr(self.request, "canbo_login_locked_until", None)
            if until is None:
                raise
            raise ValidationError(
                gettext("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)d phút.")
                % {"minutes": throttle.minutes_left(until)},
                code="locked",
            ) from None


class PasswordChangeForm(forms.Form):
    """The user's own change: the current password proves it is them; the new one passes
    AUTH_PASSWORD_VALIDATORS (length, common list, likeness to the user's name)."""

    old_password = forms.CharField(
        label=_("Mật khẩu hiện tại"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    new_password1 = forms.CharField(
        label=_("Mật khẩu mới"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ít nhất 12 ký tự, không phải mật khẩu phổ biến, không giống tên đăng nhập hay họ tên."),
    )
    new_password2 = forms.CharField(
        label=_("Nhập lại mật khẩu mới"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user, *args, request=None, **kwargs):
        self.user = user
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        """Checked through the throttled log-in backend, not `check_password`: a stolen or unattended
        session must not become a way to guess the current password without lock-out or log."""
        from django.contrib.auth import authenticate

        value = self.cleaned_data["old_password"]
        checked = authenticate(self.request, username=self.user.get_username(), password=value)
        if checked is None or checked.pk != self.user.pk:
            until = getattr(self.request, "canbo_login_locked_until", None)
            if until is not None:
                raise ValidationError(
                    gettext("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)d phút.")
                    % {"minutes": throttle.minutes_left(until)},
                    code="locked",
                )
            raise ValidationError(_("Mật khẩu hiện tại không đúng."), code="password_incorrect")
        return value

    def clean(self):
        data = super().clean()
        new1, new2 = data.get("new_password1"), data.get("new_password2")
        if new1 and new2 and new1 != new2:
            self.add_error("new_password2", _("Hai lần nhập mật khẩu mới không khớp nhau."))
        elif new1 and data.get("old_password") and new1 == data["old_password"]:
            self.add_error("new_password1", _("Mật khẩu mới phải khác mật khẩu hiện tại."))
        elif new1:
            try:
                password_validation.validate_password(new1, self.user)
            except ValidationError as error:
                self.add_error("new_password1", error)
        return data


class TokenForm(forms.Form):
    """A six-digit code from the authenticator app, or (on log-in) one of the recovery codes."""

    token = forms.CharField(
        label=_("Mã xác thực"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())
