"""The one place that turns errors into HTTP responses for the API.

Every error answer has the same JSON shape::

    {"code": "not_found", "message": "This question does not exist, ...",
     "errors": {"title": ["Write your question in at least 10 characters."]}}

``code`` is stable for machines, ``message`` is for people, ``errors`` lists
messages per input field (empty when the problem is not about one field).

Bad input of any kind (a schema the request does not match, a service's
``Invalid``, a body that is not JSON) is ``400``; nothing a client sends can
produce a ``500``.
"""

import logging
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from curbside.core.errors import CurbsideError, Invalid

logger = logging.getLogger(__name__)

#: Where a parameter came from in ninja's error locations; not part of the name.
PARAM_SOURCES = frozenset({"body", "query", "path", "header", "cookie", "form", "file"})
#: Names of handler arguments that hold a whole schema (not a field of it).
CONTAINER_PARAMS = frozenset({"payload", "filters", "ninja_pagination"})
NON_FIELD = "__all__"

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    429: "rate_limited",
}


class ErrorOut(Schema):
    """The body of every 4xx answer."""

    code: str
    message: str
    errors: dict[str, list[str]] = {}


#: Add to an operation's ``response`` so the OpenAPI document shows the errors.
def error_responses(*statuses: int) -> dict[int, type[ErrorOut]]:
    return dict.fromkeys(statuses, ErrorOut)


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    *,
    status: int,
    code: str,
    message: str,
    errors: dict[str, list[str]] | None = None,
) -> HttpResponse:
    body = {"code": code, "message": str(message), "errors": errors or {}}
    return api.create_response(request, body, status=status)


def _field_name(loc) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in PARAM_SOURCES:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in CONTAINER_PARAMS:
        parts = parts[1:]
    return ".".join(parts) or NON_FIELD


def field_errors(exc: ValidationError) -> dict[str, list[str]]:
    """ninja's list of pydantic errors as ``{field: [messages]}``."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field_name(error.get("loc", ())), []).append(
            str(error.get("msg", _("This value is not valid.")))
        )
    return errors


def _curbside_error(api, request, exc: CurbsideError) -> HttpResponse:
    errors = dict(getattr(exc, "errors", None) or {})
    if not errors and exc.field:
        errors = {exc.field: [str(exc.message)]}
    errors = {field: [str(m) for m in msgs] for field, msgs in errors.items()}
    return error_response(
        api, request, status=exc.status, code=exc.code, message=exc.message,
        errors=errors,
    )  # fmt: skip


def _validation_error(api, request, exc: ValidationError) -> HttpResponse:
    return error_response(
        api, request, status=Invalid.status, code=Invalid.code,
        message=Invalid.default_message, errors=field_errors(exc),
    )  # fmt: skip


def _authentication_error(api, request, exc: AuthenticationError) -> HttpResponse:
    response = error_response(
        api, request, status=401, code="unauthorized",
        message=_("Send a valid API token in the header "
                  "“Authorization: Bearer <token>”. Create a token on your "
                  "account page."),
    )  # fmt: skip
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def _http_error(api, request, exc: HttpError) -> HttpResponse:
    status = exc.status_code
    # ninja raises 400 only for a body it cannot parse.
    message = _("The request body is not valid JSON.") if status == 400 else str(exc)
    return error_response(
        api, request, status=status, code=HTTP_CODES.get(status, "error"),
        message=message,
    )  # fmt: skip


def _not_found(api, request, exc: Http404) -> HttpResponse:
    return error_response(
        api, request, status=404, code="not_found",
        message=_("There is nothing at this address in the API."),
    )  # fmt: skip


def _unexpected(api, request, exc: Exception) -> HttpResponse:
    logger.exception("Unexpected error in %s %s", request.method, request.path)
    return error_response(
        api, request, status=500, code="server_error",
        message=_("Something went wrong on our side. Please try again later."),
    )  # fmt: skip


def json_method_not_allowed(view):
    """Wrap a URL's view so that ninja's plain-text 405 becomes our JSON error.

    ninja answers a known path called with another method before any exception
    handler runs, so this is the one error that needs a wrapper.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 405 or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        allowed = response.get("Allow", "")
        message = _("This endpoint does not accept %(method)s; it accepts %(allowed)s.")
        body = {
            "code": HTTP_CODES[405],
            "message": message % {"method": request.method, "allowed": allowed},
            "errors": {},
        }
        replacement = JsonResponse(body, status=405)
        replacement["Allow"] = allowed
        return replacement

    return wrapped


def install_error_handlers(api: NinjaAPI) -> None:
    """Replace ninja's default handlers with the ones above."""
    handlers = {
        CurbsideError: _curbside_error,
        ValidationError: _validation_error,
        AuthenticationError: _authentication_error,
        HttpError: _http_error,
        Http404: _not_found,
        Exception: _unexpected,
    }
    for exc_class, handler in handlers.items():
        api.add_exception_handler(
            exc_class, lambda request, exc, handler=handler: handler(api, request, exc)
        )
