"""Turning request values into domain objects, with errors that name the field."""

from django.utils.translation import gettext as _

from curbside.core.errors import Invalid, NotFound
from curbside.topics.models import Topic
from curbside.topics.selectors import access_topic


def _unknown_topic(slug: str) -> str:
    return _("There is no topic “%(slug)s”. GET /api/v1/topics lists them.") % {
        "slug": slug[:80]
    }


def topic_param(slug: str, *, field: str = "topic") -> Topic:
    """The topic a filter names; an unknown slug is a 400 naming ``field``."""
    try:
        return access_topic(slug)
    except NotFound:
        message = _unknown_topic(slug)
        raise Invalid(message, errors={field: [message]}) from None


def topics_param(slugs: list[str], *, field: str = "topics") -> list[Topic]:
    """The topics a question is filed under, in the order given, without repeats."""
    topics, unknown = [], []
    for slug in dict.fromkeys(s.strip() for s in slugs):
        try:
            topics.append(access_topic(slug))
        except NotFound:
            unknown.append(_unknown_topic(slug))
    if unknown:
        raise Invalid(unknown[0], errors={field: unknown})
    return topics
