"""The lists on the home and topic pages."""

from datetime import timedelta

from curbside.core.clock import now
from curbside.questions.selectors import (
    answers_by_physician,
    most_helpful,
    questions_in_topic,
    recently_answered,
    unanswered_count,
)
from curbside.questions.services import answer_post, helpful_mark
from tests import factories

ADVICE = "This looks like contact dermatitis. Try a fragrance-free moisturiser."


def test_recently_answered_lists_answered_questions_newest_answer_first(
    verified_physician, eczema
):
    first, second, never = factories.QuestionFactory.create_batch(3, topics=[eczema])
    removed = factories.QuestionFactory(topics=[eczema])
    answer_post(question=second, author=verified_physician.user, body=ADVICE)
    answer_post(question=removed, author=verified_physician.user, body=ADVICE)
    answer_post(question=first, author=verified_physician.user, body=ADVICE)
    removed.is_removed = True
    removed.save()

    assert list(recently_answered()) == [first, second]


def test_most_helpful_lists_questions_by_helpful_votes(
    verified_physician, patient, outsider, eczema
):
    one_vote, two_votes, no_votes = factories.QuestionFactory.create_batch(
        3, topics=[eczema]
    )
    answers = {
        q.pk: answer_post(question=q, author=verified_physician.user, body=ADVICE)
        for q in (one_vote, two_votes, no_votes)
    }
    helpful_mark(answer=answers[one_vote.pk], user=patient)
    helpful_mark(answer=answers[two_votes.pk], user=patient)
    helpful_mark(answer=answers[two_votes.pk], user=outsider)

    assert list(most_helpful()) == [two_votes, one_vote]


def test_unanswered_count_counts_visible_questions_still_waiting(
    verified_physician, eczema
):
    waiting, answered = factories.QuestionFactory.create_batch(2, topics=[eczema])
    factories.QuestionFactory(is_removed=True)
    answer_post(question=answered, author=verified_physician.user, body=ADVICE)

    assert unanswered_count() == 1


def test_a_topic_page_lists_questions_in_the_topic_and_the_topics_beneath_it(
    dermatology, eczema
):
    cardiology = factories.SpecialtyFactory(name="Cardiology")
    earlier = now() - timedelta(days=1)
    in_specialty = factories.QuestionFactory(topics=[dermatology], created_at=earlier)
    in_child = factories.QuestionFactory(topics=[eczema])
    in_both = factories.QuestionFactory(
        topics=[dermatology, eczema], created_at=earlier - timedelta(days=1)
    )
    factories.QuestionFactory(topics=[cardiology])
    factories.QuestionFactory(topics=[eczema], is_removed=True)

    assert list(questions_in_topic(dermatology)) == [in_child, in_specialty, in_both]
    assert list(questions_in_topic(eczema)) == [in_child, in_both]


def test_a_physicians_answers_leave_out_removed_ones(
    verified_physician, second_physician, eczema
):
    kept, removed_answer, removed_question = factories.QuestionFactory.create_batch(
        3, topics=[eczema]
    )
    answers = [
        answer_post(question=q, author=verified_physician.user, body=ADVICE)
        for q in (kept, removed_answer, removed_question)
    ]
    answer_post(question=kept, author=second_physician.user, body=ADVICE)
    answers[1].is_removed = True
    answers[1].save()
    removed_question.is_removed = True
    removed_question.save()

    assert list(answers_by_physician(verified_physician)) == [answers[0]]
