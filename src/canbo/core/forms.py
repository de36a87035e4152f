"""Form helpers shared by every app's views."""

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
