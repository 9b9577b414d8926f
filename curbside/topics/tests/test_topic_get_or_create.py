"""Finding or creating a topic by name, as an import does."""

import pytest

from curbside.core.errors import Invalid
from curbside.topics.models import Topic
from curbside.topics.services import topic_get_or_create


def test_it_creates_a_missing_topic_with_a_slug(dermatology):
    topic = topic_get_or_create(
        name="Contact  dermatitis", kind=Topic.Kind.CONDITION, parent=dermatology
    )

    assert topic.name == "Contact dermatitis"
    assert topic.slug == "contact-dermatitis"
    assert topic.kind == Topic.Kind.CONDITION
    assert topic.parent == dermatology


def test_it_finds_an_existing_topic_by_name_whatever_the_case(eczema):
    assert topic_get_or_create(name="ECZEMA") == eczema
    assert Topic.objects.filter(name__iexact="eczema").count() == 1


def test_it_finds_an_existing_topic_by_slug(db):
    original = Topic.objects.create(name="Skin & hair", slug="skin-hair")

    assert topic_get_or_create(name="Skin hair") == original


def test_it_does_not_change_an_existing_topic(eczema):
    found = topic_get_or_create(name="Eczema", kind=Topic.Kind.SPECIALTY)

    assert found.kind == Topic.Kind.CONDITION
    assert found.parent_id == eczema.parent_id


@pytest.mark.parametrize("name", ["", "   ", "!!!"])
def test_it_needs_letters_or_digits_in_the_name(db, name):
    with pytest.raises(Invalid):
        topic_get_or_create(name=name)
    assert not Topic.objects.exists()
