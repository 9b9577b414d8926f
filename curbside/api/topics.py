"""Topics: the subjects questions are filed under."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from curbside.api.auth import OPTIONAL_TOKEN, read_auth
from curbside.api.errors import error_responses
from curbside.api.schemas import TopicDetail, TopicOut
from curbside.core.errors import NotFound
from curbside.questions.selectors import topics_with_counts, visible_questions
from curbside.topics.models import Topic
from curbside.topics.selectors import access_topic

router = Router(tags=["topics"], auth=read_auth)


@router.get(
    "",
    response=list[TopicOut],
    summary="Every topic",
    openapi_extra=OPTIONAL_TOKEN,
)
def list_topics(request: HttpRequest):
    return topics_with_counts(Topic.objects.select_related("parent").order_by("name"))


@router.get(
    "/{slug}",
    response={200: TopicDetail, **error_responses(401, 404)},
    summary="A topic and the topics under it",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_topic(request: HttpRequest, slug: str):
    try:
        topic = access_topic(slug)
    except NotFound:
        raise NotFound(_("There is no topic at this address.")) from None
    topic.question_total = visible_questions().filter(topics=topic).count()
    return topic
