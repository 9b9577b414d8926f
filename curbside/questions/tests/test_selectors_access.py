"""Who can open a question or an answer; removed content is for staff only."""

import pytest
from django.contrib.auth.models import AnonymousUser

from curbside.core.errors import NotFound
from curbside.questions.selectors import access_answer, access_question
from tests import factories


def test_everyone_opens_a_visible_question(question, outsider):
    for viewer in (AnonymousUser(), outsider):
        assert access_question(viewer, question.pk) == question


def test_a_removed_question_is_not_found_by_visitors_members_or_the_asker(
    question, patient, outsider
):
    question.is_removed = True
    question.save()

    for viewer in (AnonymousUser(), outsider, patient):
        with pytest.raises(NotFound):
            access_question(viewer, question.pk)


def test_a_moderator_still_sees_a_removed_question(question, moderator):
    question.is_removed = True
    question.save()

    assert access_question(moderator, question.pk) == question


def test_an_unknown_question_is_not_found(db, moderator):
    with pytest.raises(NotFound):
        access_question(moderator, 987654)


def test_an_answer_is_hidden_once_it_or_its_question_is_removed(
    question, verified_physician
):
    answer = factories.AnswerFactory(question=question, physician=verified_physician)
    assert access_answer(AnonymousUser(), answer.pk) == answer

    answer.is_removed = True
    answer.save()
    with pytest.raises(NotFound):
        access_answer(AnonymousUser(), answer.pk)

    answer.is_removed = False
    answer.save()
    question.is_removed = True
    question.save()
    with pytest.raises(NotFound):
        access_answer(AnonymousUser(), answer.pk)
