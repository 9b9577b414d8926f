"""Who is calling: a personal API token in ``Authorization: Bearer <token>``.

Writes require a token (``token_auth``). Reads work without one (``read_auth``);
when a token is sent it must be valid, and its user is the viewer (a moderator
then sees removed content). Cookies and sessions are ignored, so no API call
needs a CSRF token.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer

from curbside.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        return api_token_authenticate(raw=token.strip())


def anonymous_reader(request: HttpRequest):
    """An anonymous viewer, but only when no token was sent at all: a wrong or
    revoked token is refused, so a client notices it."""
    if "Authorization" in request.headers:
        return None
    return AnonymousUser()


token_auth = TokenAuth()
read_auth = [token_auth, anonymous_reader]

#: For reads: tells the OpenAPI document the token is optional (ninja adds the
#: token scheme itself; an empty requirement means "or nothing").
OPTIONAL_TOKEN = {"security": [{}]}
