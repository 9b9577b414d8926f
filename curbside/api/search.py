"""Full-text search over questions and their answers."""

from django.http import HttpRequest
from ninja import Field, Query, Router

from curbside.api.auth import OPTIONAL_TOKEN, read_auth
from curbside.api.errors import error_responses
from curbside.api.pagination import PageInput
from curbside.api.params import topic_param
from curbside.api.schemas import SearchOut
from curbside.search.selectors import search_questions
from curbside.topics.selectors import topics_under

router = Router(tags=["search"], auth=read_auth)


class SearchFilters(PageInput):
    q: str = Field(description="The words to look for.")
    topic: str | None = Field(
        None, description="A topic slug; includes the topics filed under it."
    )
    answered: bool | None = None


@router.get(
    "",
    response={200: SearchOut, **error_responses(400)},
    summary="Search questions",
    openapi_extra=OPTIONAL_TOKEN,
)
def search(request: HttpRequest, filters: Query[SearchFilters]):
    topic_ids: tuple[int, ...] = ()
    if filters.topic:
        topic = topic_param(filters.topic)
        topic_ids = tuple(topics_under([topic]).values_list("pk", flat=True))
    found = search_questions(
        filters.q, topic_ids=topic_ids, answered=filters.answered,
        limit=filters.page_size, offset=filters.offset,
    )  # fmt: skip
    return {
        "query": found.query,
        "count": found.total,
        "page": filters.page,
        "page_size": filters.page_size,
        "items": found.results,
    }
