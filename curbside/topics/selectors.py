"""Reads of topics."""

from django.db.models import QuerySet

from curbside.core.errors import NotFound
from curbside.topics.models import Topic


def access_topic(slug: str) -> Topic:
    topic = Topic.objects.filter(slug=slug).select_related("parent").first()
    if topic is None:
        raise NotFound()
    return topic


def topics_under(specialties) -> QuerySet[Topic]:
    """The given specialty topics and every topic filed beneath them (two levels)."""
    ids = [t.pk for t in specialties]
    return (
        Topic.objects.filter(pk__in=ids)
        | Topic.objects.filter(parent_id__in=ids)
        | Topic.objects.filter(parent__parent_id__in=ids)
    )
