"""Domain errors shared by services, views, the API and commands, mapped to responses in one place."""

from django.core.exceptions import ValidationError


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
