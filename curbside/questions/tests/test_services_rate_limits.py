"""Each member may do only so much per hour; the limits come from settings."""

from datetime import timedelta
from unittest import mock

import pytest

from curbside.core.clock import now
from curbside.core.errors import RateLimited
from curbside.questions.models import Question
from curbside.questions.services import (
    agreement_set,
    answer_post,
    helpful_mark,
    question_create,
)
from tests import factories

BODY = "It started a week ago, it itches at night and it is slowly spreading."
ADVICE = "This looks like contact dermatitis. Try a fragrance-free moisturiser."


@pytest.fixture
def limits(settings):
    settings.RATE_LIMITS = {"question": 2, "answer": 2, "vote": 2}
    return settings.RATE_LIMITS


def _ask(user, n):
    return question_create(
        asker=user, title=f"Question number {n} about a rash", body=BODY
    )


def test_a_member_who_asks_too_often_is_told_to_wait(limits, patient):
    _ask(patient, 1)
    _ask(patient, 2)

    with pytest.raises(RateLimited) as caught:
        _ask(patient, 3)

    assert caught.value.status == 429
    assert Question.objects.count() == 2


def test_one_members_limit_does_not_hold_back_another(limits, patient, outsider):
    _ask(patient, 1)
    _ask(patient, 2)

    _ask(outsider, 3)

    assert Question.objects.filter(asker=outsider).count() == 1


def test_the_limit_resets_in_the_next_hour(limits, patient):
    _ask(patient, 1)
    _ask(patient, 2)

    with mock.patch(
        "curbside.core.clock.timezone.now", return_value=now() + timedelta(hours=1)
    ):
        _ask(patient, 3)

    assert Question.objects.count() == 3


def test_answering_is_limited(limits, verified_physician, eczema):
    questions = factories.QuestionFactory.create_batch(3, topics=[eczema])
    for question in questions[:2]:
        answer_post(question=question, author=verified_physician.user, body=ADVICE)

    with pytest.raises(RateLimited):
        answer_post(question=questions[2], author=verified_physician.user, body=ADVICE)


def test_votes_and_agreements_share_one_limit(
    limits, verified_physician, second_physician, eczema
):
    answers = [
        factories.AnswerFactory(
            physician=verified_physician,
            question=factories.QuestionFactory(topics=[eczema]),
        )
        for _ in range(3)
    ]
    helpful_mark(answer=answers[0], user=second_physician.user)
    agreement_set(
        answer=answers[1], physician_user=second_physician.user, stance="agree"
    )

    with pytest.raises(RateLimited):
        helpful_mark(answer=answers[2], user=second_physician.user)


def test_an_action_without_a_limit_is_never_held_back(settings, patient):
    settings.RATE_LIMITS = {}

    for n in range(12):
        _ask(patient, n)

    assert Question.objects.count() == 12
