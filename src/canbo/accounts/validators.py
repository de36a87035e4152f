"""Password rules with canbo's own Vietnamese text where Django's catalogue lags behind."""

from django.contrib.auth.password_validation import MinimumLengthValidator as BaseMinimumLengthValidator
from django.utils.translation import gettext as _


class MinimumLengthValidator(BaseMinimumLengthValidator):
    """Django's length rule; its Vietnamese translation no longer matches Django 5.2's message."""

    def get_error_message(self):
        return _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}

    def get_help_text(self):
        return _("Mật khẩu cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}
