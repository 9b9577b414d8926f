"""Writes to topics."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from curbside.core.errors import Invalid, invalid_from_validation_error
from curbside.topics.models import Topic


def topic_get_or_create(
    *, name: str, kind: str = Topic.Kind.GENERAL, parent: Topic | None = None
) -> Topic:
    """The topic with this name or slug, created when missing (used by import)."""
    name = " ".join(name.split())
    slug = slugify(name)[:80]
    if not slug:
        raise Invalid(_("A topic needs a name with letters or digits."), field="name")
    existing = (
        Topic.objects.filter(slug=slug).first()
        or Topic.objects.filter(name__iexact=name).first()
    )
    if existing:
        return existing
    topic = Topic(name=name[:80], slug=slug, kind=kind, parent=parent)
    try:
        topic.full_clean()
    except ValidationError as exc:
        raise invalid_from_validation_error(exc) from None
    topic.save()
    return topic


def topic_set_parent(
    *, topic: Topic, parent: Topic | None, kind: str | None = None
) -> Topic:
    """File ``topic`` under ``parent`` (``None`` makes it a root), optionally
    changing its kind, e.g. a condition under the specialty that treats it.

    Refuses to make a topic its own ancestor, which would hide it from the tree.
    """
    ancestor = parent
    while ancestor is not None:
        if ancestor.pk == topic.pk:
            raise Invalid(
                _("A topic cannot be filed under itself or one of its own subtopics."),
                code="topic_cycle",
                field="parent",
            )
        ancestor = ancestor.parent
    topic.parent = parent
    if kind is not None:
        topic.kind = kind
    try:
        topic.full_clean()
    except ValidationError as exc:
        raise invalid_from_validation_error(exc) from None
    topic.save(update_fields=["parent", "kind"])
    return topic
