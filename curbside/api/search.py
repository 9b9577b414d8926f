"""Search over questions and their answers, by words and by meaning."""

from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from curbside.api.auth import OPTIONAL_TOKEN, read_auth
from curbside.api.errors import error_responses
from curbside.api.pagination import PageInput
from curbside.api.params import topic_param
from curbside.api.schemas import QuestionSummary, SearchHit
from curbside.core.errors import Invalid
from curbside.questions.models import BODY_MAX, TITLE_MAX
from curbside.search.selectors import Sort, search_questions, similar_questions
from curbside.topics.selectors import topics_under

router = Router(tags=["search"], auth=read_auth)

# The longest question a patient can post: what is typed is never longer.
MAX_TITLE = TITLE_MAX
MAX_DETAILS = BODY_MAX


class SearchFilters(PageInput):
    q: str = Field(description="A question or the words to look for.")
    topic: str | None = Field(
        None, description="A topic slug; includes the topics filed under it."
    )
    answered: bool | None = None
    specialty: str | None = Field(
        None,
        description="A specialty's topic slug: only questions answered by a "
        "physician of that specialty.",
    )
    sort: Literal["relevance", "newest", "helpful"] = Sort.RELEVANCE


class MatchedHit(SearchHit):
    matched: Literal["words", "meaning", "both"] = Field(
        description="Which ranking found it: the words, the meaning, or both."
    )


class SearchResultsOut(Schema):
    query: str
    count: int = Field(description="Matches listed (at most 200: refine the words "
                       "or filter for more precise results).")  # fmt: skip
    page: int
    page_size: int
    items: list[MatchedHit]


@router.get(
    "",
    response={200: SearchResultsOut, **error_responses(400)},
    summary="Search questions",
    description="Questions that use the words of `q` or ask the same thing in other "
    "words, best first (or newest / most helpful first).",
    openapi_extra=OPTIONAL_TOKEN,
)
def search(request: HttpRequest, filters: Query[SearchFilters]):
    topic_ids: tuple[int, ...] = ()
    if filters.topic:
        topic = topic_param(filters.topic)
        topic_ids = tuple(topics_under([topic]).values_list("pk", flat=True))
    specialty_ids: tuple[int, ...] = ()
    if filters.specialty:
        specialty = topic_param(filters.specialty, field="specialty")
        specialty_ids = (specialty.pk,)
    found = search_questions(
        filters.q, topic_ids=topic_ids, answered=filters.answered,
        specialty_ids=specialty_ids, sort=filters.sort,
        limit=filters.page_size, offset=filters.offset,
    )  # fmt: skip
    return {
        "query": found.query,
        "count": found.total,
        "page": filters.page,
        "page_size": filters.page_size,
        "items": found.results,
    }


class SimilarInput(Schema):
    title: str = Field(description="The question as the patient has typed it so far.")
    details: str = Field("", description="Its details, if any.")
    limit: int = Field(5, ge=1, le=10)


class SimilarHit(Schema):
    question: QuestionSummary
    score: float
    top_specialty: str = Field(
        description="Specialty of the physician whose answer readers found most "
        "helpful; empty when unknown."
    )


class SimilarOut(Schema):
    items: list[SimilarHit]


@router.get(
    "/similar",
    response={200: SimilarOut, **error_responses(400)},
    summary="Answered questions like this one",
    description="What the ask page shows while a patient types: answered questions "
    "that ask the same thing, best first (none when nothing is close enough).",
    openapi_extra=OPTIONAL_TOKEN,
)
def similar(request: HttpRequest, params: Query[SimilarInput]):
    errors = {}
    if len(params.title) > MAX_TITLE:
        errors["title"] = [
            _("Keep the title under %(n)d characters.") % {"n": MAX_TITLE}
        ]
    if len(params.details) > MAX_DETAILS:
        errors["details"] = [
            _("Keep the details under %(n)d characters.") % {"n": MAX_DETAILS}
        ]
    if errors:
        raise Invalid(next(iter(errors.values()))[0], errors=errors)
    found = similar_questions(params.title, params.details, limit=params.limit)
    return {"items": found}
