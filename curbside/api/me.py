"""The caller: who the token belongs to."""

from django.http import HttpRequest
from ninja import Router

from curbside.api.auth import token_auth
from curbside.api.errors import error_responses
from curbside.api.schemas import MeOut

router = Router(tags=["me"], auth=token_auth)


@router.get(
    "", response={200: MeOut, **error_responses(401)}, summary="The token's user"
)
def me(request: HttpRequest):
    return request.auth
