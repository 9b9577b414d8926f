"""Follow-ups: the asker adds details and the question waits for physicians again."""

import pytest

from curbside.core.errors import Forbidden, Invalid
from curbside.questions.models import FollowUp
from curbside.questions.services import answer_post, followup_add

DETAILS = "The rash spread to my other arm overnight and now it is warm to touch."


def test_a_follow_up_puts_an_answered_question_back_in_the_queue(
    patient, question, verified_physician
):
    answer_post(
        question=question, author=verified_physician.user,
        body="This sounds like contact dermatitis; try a bland emollient.",
    )  # fmt: skip
    question.refresh_from_db()
    assert question.needs_answer_since is None

    followup = followup_add(question=question, author=patient, body=DETAILS)

    question.refresh_from_db()
    assert question.needs_answer_since == followup.created_at
    assert list(question.followups.all()) == [followup]
    assert followup.author == patient


@pytest.mark.parametrize("who", ["outsider", "moderator"])
def test_only_the_asker_can_add_a_follow_up(request, question, who):
    with pytest.raises(Forbidden):
        followup_add(
            question=question, author=request.getfixturevalue(who), body=DETAILS
        )

    assert not FollowUp.objects.exists()


def test_a_physician_who_answered_cannot_add_a_follow_up(question, verified_physician):
    with pytest.raises(Forbidden):
        followup_add(question=question, author=verified_physician.user, body=DETAILS)


def test_a_follow_up_needs_some_words(patient, question):
    with pytest.raises(Invalid) as caught:
        followup_add(question=question, author=patient, body="  worse  ")

    assert "body" in caught.value.errors
    assert not FollowUp.objects.exists()
