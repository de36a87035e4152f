"""Domain errors shared by services, views, the API and commands, mapped to responses in one place."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404


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


class OutOfReach(Http404):
    """The object lies outside the actor's reach: answered exactly like a missing one (404), so
    that a refusal never confirms that the object exists or says whose it is."""


class NotPermitted(DomainError, PermissionDenied):
    """The object is within reach but the actor's roles do not grant the action (403 where nothing
    catches it; forms that catch DomainError show the message beside the field)."""

    def __init__(self, message, code="permission"):
        super().__init__(message, code=code)


class ReachViolation(RuntimeError):
    """A bulk write touched a row outside the actor's reach although every row was checked first:
    a programming error; raising it rolls the write back."""


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
