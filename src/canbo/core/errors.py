"""Domain errors shared by services, views, the API and commands, mapped to responses in one place."""

from django.core.exceptions import PermissionDenied, ValidationError


class DomainError(ValidationError):
    """A refusal the user can act on; its message is already translated.

    It is a ValidationError so that forms show it beside the field it names.
    """


class StaleEdit(DomainError):
    """The record changed after the form was opened; the message says who changed what."""

    def __init__(self, message, *, changes=None):
        super().__init__(message, code="stale")
        self.changes = changes or []


class ContextMissing(RuntimeError):
    """Code touched scoped data or wrote without saying who acts: a programming error, never shown."""


def is_permission_refusal(error: DomainError) -> bool:
    """A service refused because of who asks (code "permission"), not because of what was sent:
    views and the API answer it like any other refusal of access (403), never as a form error."""
    if hasattr(error, "error_dict"):
        errors = [e for field_errors in error.error_dict.values() for e in field_errors]
    else:
        errors = error.error_list
    return any(e.code == "permission" for e in errors)


def raise_if_permission_refusal(error: DomainError) -> None:
    if is_permission_refusal(error):
        raise PermissionDenied
