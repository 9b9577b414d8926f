"""The asker may edit a question until the first answer arrives."""

import pytest

from curbside.core.errors import Forbidden
from curbside.questions.services import answer_post, question_edit

NEW_TITLE = "Why does the rash on my arm itch more at night?"
NEW_BODY = "It has been three weeks now and the cream from the pharmacy did not help."


def test_the_asker_edits_an_unanswered_question(patient, question, dermatology):
    edited = question_edit(
        question=question, editor=patient, title=NEW_TITLE, body=NEW_BODY,
        topics=[dermatology], sex="female",
    )  # fmt: skip

    edited.refresh_from_db()
    assert edited.title == NEW_TITLE
    assert edited.slug == "why-does-the-rash-on-my-arm-itch-more-at-night"
    assert edited.body == NEW_BODY
    assert edited.sex == "female"
    assert list(edited.topics.all()) == [dermatology]
    assert edited.edited_at is not None


def test_the_asker_cannot_edit_once_a_physician_has_answered(
    patient, question, verified_physician
):
    answer_post(
        question=question, author=verified_physician.user,
        body="This sounds like contact dermatitis; try a bland emollient.",
    )  # fmt: skip

    with pytest.raises(Forbidden) as caught:
        question_edit(question=question, editor=patient, title=NEW_TITLE, body=NEW_BODY)

    assert caught.value.code == "question_answered"
    assert "follow-up" in caught.value.message
    question.refresh_from_db()
    assert question.title != NEW_TITLE


@pytest.mark.parametrize("who", ["outsider", "moderator"])
def test_nobody_else_can_edit_the_question(request, question, who):
    with pytest.raises(Forbidden):
        question_edit(
            question=question, editor=request.getfixturevalue(who),
            title=NEW_TITLE, body=NEW_BODY,
        )  # fmt: skip

    question.refresh_from_db()
    assert question.title != NEW_TITLE
