"""Filing a topic under another: a condition goes under its specialty, and the tree
never loops back on itself."""

import pytest

from curbside.core.errors import Invalid
from curbside.topics.models import Topic
from curbside.topics.services import topic_set_parent
from tests import factories


def test_it_files_a_condition_under_a_specialty(dermatology):
    acne = factories.TopicFactory(name="Acne", kind=Topic.Kind.GENERAL)

    topic_set_parent(topic=acne, parent=dermatology, kind=Topic.Kind.CONDITION)

    acne.refresh_from_db()
    assert acne.parent == dermatology
    assert acne.kind == Topic.Kind.CONDITION
    assert list(dermatology.children.all()) == [acne]


def test_it_keeps_the_kind_when_none_is_given(dermatology, eczema):
    topic_set_parent(topic=eczema, parent=None)

    eczema.refresh_from_db()
    assert eczema.parent is None
    assert eczema.kind == Topic.Kind.CONDITION


def test_it_refuses_to_file_a_topic_under_its_own_subtopic(dermatology, eczema):
    with pytest.raises(Invalid) as caught:
        topic_set_parent(topic=dermatology, parent=eczema)

    assert caught.value.code == "topic_cycle"
    dermatology.refresh_from_db()
    assert dermatology.parent is None


def test_it_refuses_to_file_a_topic_under_itself(eczema):
    with pytest.raises(Invalid):
        topic_set_parent(topic=eczema, parent=eczema)
