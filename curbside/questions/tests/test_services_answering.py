"""Answering: only verified physicians, once per question, never their own."""

import pytest
from django.contrib.auth.models import AnonymousUser

from curbside.core.errors import Conflict, Forbidden, Invalid, NotFound
from curbside.questions.models import Answer
from curbside.questions.services import answer_post
from tests import factories

ADVICE = "This looks like contact dermatitis. Try a fragrance-free moisturiser."


def test_a_verified_physician_answers_and_the_counters_follow(
    question, verified_physician
):
    answer = answer_post(question=question, author=verified_physician.user, body=ADVICE)

    question.refresh_from_db()
    verified_physician.refresh_from_db()
    assert answer.physician == verified_physician
    assert answer.body_html == f"<p>{ADVICE}</p>\n"
    assert answer.last_reviewed_at == answer.created_at
    assert question.answer_count == 1
    assert question.last_answered_at == answer.created_at
    assert question.needs_answer_since is None
    assert verified_physician.answer_count == 1


def test_several_physicians_answer_the_same_question(
    question, verified_physician, second_physician
):
    answer_post(question=question, author=verified_physician.user, body=ADVICE)
    answer_post(question=question, author=second_physician.user, body=ADVICE)

    question.refresh_from_db()
    assert question.answer_count == 2


def test_a_second_answer_from_the_same_physician_is_a_conflict(
    question, verified_physician
):
    answer_post(question=question, author=verified_physician.user, body=ADVICE)

    with pytest.raises(Conflict) as caught:
        answer_post(question=question, author=verified_physician.user, body=ADVICE)

    assert caught.value.code == "already_answered"
    question.refresh_from_db()
    verified_physician.refresh_from_db()
    assert question.answer_count == 1
    assert verified_physician.answer_count == 1


def test_a_physician_waiting_for_verification_cannot_answer(
    question, unverified_physician
):
    with pytest.raises(Forbidden) as caught:
        answer_post(question=question, author=unverified_physician.user, body=ADVICE)

    assert caught.value.code == "physician_required"
    assert not Answer.objects.exists()


def test_a_physician_whose_verification_was_revoked_cannot_answer(
    question, verified_physician
):
    verified_physician.status = "rejected"
    verified_physician.save()

    with pytest.raises(Forbidden) as caught:
        answer_post(question=question, author=verified_physician.user, body=ADVICE)

    assert caught.value.code == "physician_required"


@pytest.mark.parametrize("who", ["patient", "outsider", "moderator"])
def test_members_who_are_not_physicians_cannot_answer(request, question, who):
    with pytest.raises(Forbidden) as caught:
        answer_post(question=question, author=request.getfixturevalue(who), body=ADVICE)

    assert caught.value.code == "physician_required"


def test_a_visitor_cannot_answer(question):
    with pytest.raises(Forbidden):
        answer_post(question=question, author=AnonymousUser(), body=ADVICE)


def test_a_physician_cannot_answer_their_own_question(verified_physician, eczema):
    own = factories.QuestionFactory(asker=verified_physician.user, topics=[eczema])

    with pytest.raises(Forbidden):
        answer_post(question=own, author=verified_physician.user, body=ADVICE)
    assert not Answer.objects.exists()


def test_a_removed_question_cannot_be_answered(question, verified_physician):
    question.is_removed = True
    question.save()

    with pytest.raises(NotFound):
        answer_post(question=question, author=verified_physician.user, body=ADVICE)


def test_a_too_short_answer_is_refused(question, verified_physician):
    with pytest.raises(Invalid) as caught:
        answer_post(question=question, author=verified_physician.user, body="See GP.")

    assert "body" in caught.value.errors
    question.refresh_from_db()
    assert question.answer_count == 0


def test_markup_in_an_answer_is_rendered_safely(question, verified_physician):
    answer = answer_post(
        question=question, author=verified_physician.user,
        body="**Do not** scratch. <script>alert('x')</script> [NHS](javascript:x)",
    )  # fmt: skip

    assert "<strong>Do not</strong>" in answer.body_html
    assert "<script" not in answer.body_html
    assert 'href="javascript' not in answer.body_html
