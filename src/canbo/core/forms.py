"""Form helpers shared by every app's views."""

from django import forms

from canbo.core.errors import DomainError, raise_if_permission_refusal


def apply_domain_error(form, error: DomainError) -> None:
    """Show a service's refusal on the form: beside the field it names, or above the form; a refusal
    of access (the user may see the page but not make this change) is a 403 instead."""
    raise_if_permission_refusal(error)
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def version_missing_message() -> str:
    from django.utils.translation import gettext as _

    return _(
        "Thiếu số phiên bản của hồ sơ đang sửa (trường “version”), nên không kiểm tra được có ai sửa "
        "hồ sơ này sau khi bạn mở biểu mẫu hay không. Thay đổi chưa được lưu; hãy mở lại biểu mẫu."
    )


class VersionField(forms.IntegerField):
    """The hidden version of the record being edited: without it a stale edit would silently
    overwrite someone else's, so an edit form must send it (required once the form is an edit)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)

    def validate(self, value):
        if value in self.empty_values and self.required:
            raise forms.ValidationError(version_missing_message(), code="required")
        super().validate(value)


def require_version_when_editing(form) -> None:
    """An edit form (its initial data carries the record's version) must post the version back."""
    if "version" in form.fields and form.initial.get("version") is not None:
        form.fields["version"].required = True
