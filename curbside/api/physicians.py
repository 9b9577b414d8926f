"""Physicians: verified (and imported) profiles, with their recent answers."""

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from curbside.api.auth import OPTIONAL_TOKEN, read_auth
from curbside.api.errors import error_responses
from curbside.api.pagination import PagePagination
from curbside.api.schemas import PhysicianDetail, PhysicianSummary
from curbside.physicians.selectors import access_physician, public_physicians
from curbside.questions.selectors import answers_by_physician

router = Router(tags=["physicians"], auth=read_auth)

RECENT_ANSWERS = 10


@router.get(
    "",
    response={200: list[PhysicianSummary], **error_responses(400)},
    summary="Verified and imported physicians",
    openapi_extra=OPTIONAL_TOKEN,
)
@paginate(PagePagination)
def list_physicians(request: HttpRequest):
    return public_physicians().prefetch_related("specialties").order_by("name", "pk")


@router.get(
    "/{slug}",
    response={200: PhysicianDetail, **error_responses(401, 404)},
    summary="A physician's profile and recent answers",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_physician(request: HttpRequest, slug: str):
    profile = access_physician(request.auth, slug)
    profile.recent_answers = list(answers_by_physician(profile)[:RECENT_ANSWERS])
    return profile
