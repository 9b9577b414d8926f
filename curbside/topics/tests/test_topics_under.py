"""The topics a specialty covers: itself and two levels of topics beneath it."""

import pytest

from curbside.core.errors import NotFound
from curbside.topics.selectors import access_topic, topics_under
from tests import factories


def test_it_includes_the_specialty_its_children_and_grandchildren(dermatology, eczema):
    hand_eczema = factories.TopicFactory(name="Hand eczema", parent=eczema)
    cardiology = factories.SpecialtyFactory(name="Cardiology")
    factories.TopicFactory(name="Arrhythmia", parent=cardiology)

    assert set(topics_under([dermatology])) == {dermatology, eczema, hand_eczema}


def test_it_covers_several_specialties_at_once(dermatology, eczema):
    cardiology = factories.SpecialtyFactory(name="Cardiology")
    arrhythmia = factories.TopicFactory(name="Arrhythmia", parent=cardiology)

    assert set(topics_under([dermatology, cardiology])) == {
        dermatology,
        eczema,
        cardiology,
        arrhythmia,
    }


def test_a_child_topic_covers_only_itself_and_below(dermatology, eczema):
    assert set(topics_under([eczema])) == {eczema}


def test_no_specialties_cover_nothing(eczema):
    assert list(topics_under([])) == []


def test_a_topic_is_found_by_its_slug(eczema):
    assert access_topic("eczema") == eczema
    with pytest.raises(NotFound):
        access_topic("no-such-topic")
