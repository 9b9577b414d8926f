"""Members mark answers helpful: once each, never their own."""

import pytest
from django.contrib.auth.models import AnonymousUser

from curbside.core.errors import Forbidden
from curbside.questions.services import answer_post, helpful_mark, helpful_unmark

ADVICE = "This looks like contact dermatitis. Try a fragrance-free moisturiser."


@pytest.fixture
def answer(question, verified_physician):
    return answer_post(question=question, author=verified_physician.user, body=ADVICE)


def _counts(answer):
    answer.refresh_from_db()
    answer.question.refresh_from_db()
    answer.physician.refresh_from_db()
    return (
        answer.helpful_count,
        answer.question.helpful_count,
        answer.physician.helpful_count,
    )


def test_marking_helpful_counts_for_the_answer_question_and_physician(answer, patient):
    assert helpful_mark(answer=answer, user=patient) is True

    assert _counts(answer) == (1, 1, 1)


def test_marking_twice_counts_once(answer, patient):
    helpful_mark(answer=answer, user=patient)

    assert helpful_mark(answer=answer, user=patient) is False
    assert _counts(answer) == (1, 1, 1)


def test_each_member_counts_once(answer, patient, outsider, second_physician):
    for member in (patient, outsider, second_physician.user):
        helpful_mark(answer=answer, user=member)

    assert _counts(answer) == (3, 3, 3)


def test_unmarking_takes_the_vote_back(answer, patient, outsider):
    helpful_mark(answer=answer, user=patient)
    helpful_mark(answer=answer, user=outsider)

    assert helpful_unmark(answer=answer, user=patient) is True
    assert _counts(answer) == (1, 1, 1)
    assert helpful_unmark(answer=answer, user=patient) is False
    assert _counts(answer) == (1, 1, 1)


def test_a_physician_cannot_mark_their_own_answer(answer, verified_physician):
    with pytest.raises(Forbidden):
        helpful_mark(answer=answer, user=verified_physician.user)

    assert _counts(answer) == (0, 0, 0)


def test_a_visitor_cannot_mark_an_answer(answer):
    with pytest.raises(Forbidden):
        helpful_mark(answer=answer, user=AnonymousUser())
