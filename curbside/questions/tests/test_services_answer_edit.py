"""The author of an answer edits it, or confirms it is still current."""

from datetime import timedelta
from unittest import mock

import pytest

from curbside.core.clock import now
from curbside.core.errors import Forbidden
from curbside.questions.services import answer_edit, answer_mark_reviewed, answer_post

ADVICE = "This looks like contact dermatitis. Try a fragrance-free moisturiser."
REVISED = "This looks like contact dermatitis. Use a thick, fragrance-free emollient."


@pytest.fixture
def answer(question, verified_physician):
    return answer_post(question=question, author=verified_physician.user, body=ADVICE)


def _later(days):
    return mock.patch(
        "curbside.core.clock.timezone.now", return_value=now() + timedelta(days=days)
    )


def test_the_author_edits_the_answer_and_it_counts_as_reviewed(
    answer, verified_physician
):
    with _later(days=30):
        edited = answer_edit(
            answer=answer, editor=verified_physician.user, body=REVISED
        )

    edited.refresh_from_db()
    assert edited.body == REVISED
    assert "thick, fragrance-free emollient" in edited.body_html
    assert edited.edited_at == edited.last_reviewed_at
    assert edited.last_reviewed_at - edited.created_at >= timedelta(days=30)


@pytest.mark.parametrize("who", ["second_physician", "patient", "moderator"])
def test_nobody_else_can_edit_an_answer(request, answer, who):
    person = request.getfixturevalue(who)

    with pytest.raises(Forbidden):
        answer_edit(answer=answer, editor=getattr(person, "user", person), body=REVISED)

    answer.refresh_from_db()
    assert answer.body == ADVICE
    assert answer.edited_at is None


def test_the_author_confirms_an_answer_is_current_without_changing_it(
    answer, verified_physician
):
    with _later(days=365):
        answer_mark_reviewed(answer=answer, reviewer=verified_physician.user)

    answer.refresh_from_db()
    assert answer.body == ADVICE
    assert answer.edited_at is None
    assert answer.last_reviewed_at - answer.created_at >= timedelta(days=365)


def test_nobody_else_can_mark_an_answer_reviewed(answer, second_physician):
    with pytest.raises(Forbidden):
        answer_mark_reviewed(answer=answer, reviewer=second_physician.user)
