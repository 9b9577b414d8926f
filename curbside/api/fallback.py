"""Anything under /api/v1/ that is not an endpoint answers a JSON 404."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from curbside.core.errors import NotFound

router = Router()

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


@router.api_operation(METHODS, "/{path:rest}", include_in_schema=False)
def unknown(request: HttpRequest, rest: str):
    raise NotFound(
        _("There is no such endpoint. The list is at /api/v1/docs."),
        code="unknown_endpoint",
    )
