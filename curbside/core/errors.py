"""Coded errors raised by services and selectors.

Each carries a stable ``code`` for machines and a ``message`` a person can act on.
The API maps them to HTTP in one place (``curbside.api.errors``); web views show the
message in the form or as a page.
"""

from django.utils.translation import gettext_lazy as _


class CurbsideError(Exception):
    code = "error"
    status = 400
    default_message = _("Something is wrong with this request.")

    def __init__(self, message=None, *, code: str | None = None, field=None):
        self.message = message or self.default_message
        if code:
            self.code = code
        self.field = field
        super().__init__(str(self.message))


class NotFound(CurbsideError):
    code = "not_found"
    status = 404
    default_message = _("This page does not exist, or it was removed.")


class Forbidden(CurbsideError):
    code = "forbidden"
    status = 403
    default_message = _("You are not allowed to do this.")


class Invalid(CurbsideError):
    code = "invalid"
    status = 400
    default_message = _("Please correct the highlighted fields.")

    def __init__(self, message=None, *, code=None, field=None, errors=None):
        super().__init__(message, code=code, field=field)
        self.errors = errors or {}


class Conflict(CurbsideError):
    code = "conflict"
    status = 409
    default_message = _("This was already done.")


class RateLimited(CurbsideError):
    code = "rate_limited"
    status = 429
    default_message = _("Too many requests. Please wait a while and try again.")


def invalid_from_validation_error(exc) -> Invalid:
    """Turn a Django ``ValidationError`` into an ``Invalid`` with per-field messages."""
    if hasattr(exc, "message_dict"):
        errors = {field: list(msgs) for field, msgs in exc.message_dict.items()}
        first = next(iter(errors.values()))[0] if errors else None
        return Invalid(first, code="invalid", errors=errors)
    return Invalid(" ".join(exc.messages), code="invalid")
