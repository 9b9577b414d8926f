"""A physician's queue: what waits for them, most pressing first."""

from datetime import timedelta

import pytest

from curbside.core.clock import now
from curbside.questions.selectors import physician_queue
from curbside.questions.services import answer_post, followup_add
from tests import factories

ADVICE = "This looks like contact dermatitis. Try a fragrance-free moisturiser."


@pytest.fixture
def cardiology(db):
    return factories.SpecialtyFactory(name="Cardiology", slug="cardiology")


def _waiting(hours_ago, topics=(), **extra):
    return factories.QuestionFactory(
        needs_answer_since=now() - timedelta(hours=hours_ago), topics=list(topics),
        **extra,
    )  # fmt: skip


def test_urgent_first_then_own_specialty_then_oldest_first(
    verified_physician, dermatology, eczema, cardiology
):
    old_heart = _waiting(50, [cardiology])
    new_skin = _waiting(1, [eczema])
    old_skin = _waiting(30, [dermatology])
    urgent_heart = _waiting(2, [cardiology], is_urgent=True)
    no_topic = _waiting(40)

    assert list(physician_queue(verified_physician)) == [
        urgent_heart,
        old_skin,
        new_skin,
        old_heart,
        no_topic,
    ]


def test_topics_two_levels_under_a_specialty_count_as_that_specialty(
    verified_physician, eczema, cardiology
):
    hand_eczema = factories.TopicFactory(name="Hand eczema", parent=eczema)
    heart = _waiting(10, [cardiology])
    hands = _waiting(1, [hand_eczema])

    assert list(physician_queue(verified_physician)) == [hands, heart]


def test_a_question_in_several_topics_is_listed_once(verified_physician, eczema):
    both = _waiting(1, [eczema, eczema.parent])

    assert list(physician_queue(verified_physician)) == [both]


def test_it_leaves_out_what_they_answered_and_what_they_asked(
    verified_physician, second_physician, eczema
):
    answered_by_carol = _waiting(5, [eczema])
    answered_by_bob = _waiting(4, [eczema])
    own = _waiting(3, [eczema], asker=verified_physician.user)
    answer_post(question=answered_by_carol, author=second_physician.user, body=ADVICE)
    answer_post(question=answered_by_bob, author=verified_physician.user, body=ADVICE)
    followup_add(
        question=answered_by_bob, author=answered_by_bob.asker,
        body="It spread to the other arm overnight and is now warm.",
    )  # fmt: skip

    bobs_queue = list(physician_queue(verified_physician))
    carols_queue = list(physician_queue(second_physician))

    assert bobs_queue == []
    assert carols_queue == [own, answered_by_bob]  # the follow-up came in last


def test_it_leaves_out_removed_questions(verified_physician, eczema):
    _waiting(1, [eczema], is_removed=True)

    assert list(physician_queue(verified_physician)) == []


def test_a_follow_up_brings_an_answered_question_back_for_other_physicians(
    verified_physician, second_physician, eczema
):
    question = _waiting(5, [eczema])
    answer_post(question=question, author=second_physician.user, body=ADVICE)
    assert list(physician_queue(verified_physician)) == []

    followup_add(
        question=question, author=question.asker,
        body="It spread to the other arm overnight and is now warm.",
    )  # fmt: skip

    assert list(physician_queue(verified_physician)) == [question]
