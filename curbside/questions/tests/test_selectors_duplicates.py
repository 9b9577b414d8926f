"""A duplicate's answers show on its target's page; lists never show duplicates."""

from django.contrib.auth.models import AnonymousUser

from curbside.questions.selectors import (
    access_question,
    answers_for_page,
    most_helpful,
    physician_queue,
    question_page,
    questions_in_topic,
    recently_answered,
    topic_question_counts,
    unanswered,
    visible_questions,
)
from curbside.questions.services import (
    answer_post,
    helpful_mark,
    question_mark_duplicate,
    question_unmark_duplicate,
)
from tests import factories

ADVICE = "This looks like contact dermatitis. Try a fragrance-free moisturiser."
OTHER = "Winter air is dry: use a humidifier and a thick cream every night."


def test_the_target_shows_the_duplicates_answers_marked_as_merged(
    moderator, original, repeat, verified_physician, second_physician
):
    own = answer_post(question=original, author=verified_physician.user, body=ADVICE)
    merged = answer_post(question=repeat, author=second_physician.user, body=OTHER)
    question_mark_duplicate(moderator=moderator, question=repeat, target=original)

    answers = answers_for_page(original)

    assert {a.pk for a in answers} == {own.pk, merged.pk}
    by_pk = {a.pk: a for a in answers}
    assert by_pk[own.pk].merged_from is None
    assert by_pk[merged.pk].merged_from == repeat


def test_undoing_the_mark_takes_the_answers_back(
    moderator, original, repeat, second_physician
):
    merged = answer_post(question=repeat, author=second_physician.user, body=OTHER)
    question_mark_duplicate(moderator=moderator, question=repeat, target=original)
    question_unmark_duplicate(moderator=moderator, question=repeat)

    assert answers_for_page(original) == []
    assert [a.pk for a in answers_for_page(repeat)] == [merged.pk]


def test_removed_answers_and_removed_duplicates_stay_hidden(
    moderator, original, repeat, verified_physician, second_physician
):
    answer_post(question=repeat, author=second_physician.user, body=OTHER)
    gone = factories.QuestionFactory()
    answer_post(question=gone, author=verified_physician.user, body=ADVICE)
    question_mark_duplicate(moderator=moderator, question=repeat, target=original)
    question_mark_duplicate(moderator=moderator, question=gone, target=original)
    repeat.answers.update(is_removed=True)
    type(gone).objects.filter(pk=gone.pk).update(is_removed=True)

    assert answers_for_page(original) == []


def test_a_duplicate_page_records_who_marked_it(moderator, original, repeat):
    question_mark_duplicate(moderator=moderator, question=repeat, target=original)
    repeat = access_question(moderator, repeat.pk)

    page = question_page(moderator, repeat)

    assert page.duplicate_mark.decided_by == moderator
    assert page.duplicate_mark.target == original
    assert question_page(moderator, original).duplicate_mark is None


def test_lists_leave_out_duplicates(
    moderator, original, repeat, eczema, verified_physician, second_physician, outsider
):
    for question in (original, repeat):
        answer = answer_post(question=question, author=verified_physician.user,
                             body=ADVICE)  # fmt: skip
        helpful_mark(answer=answer, user=outsider)
    waiting = factories.QuestionFactory(topics=[eczema])
    waiting_repeat = factories.QuestionFactory(topics=[eczema])
    question_mark_duplicate(moderator=moderator, question=repeat, target=original)
    question_mark_duplicate(moderator=moderator, question=waiting_repeat,
                            target=waiting)  # fmt: skip

    assert list(recently_answered()) == [original]
    assert list(most_helpful()) == [original]
    assert set(questions_in_topic(eczema)) == {original, waiting}
    assert list(unanswered()) == [waiting]
    assert list(physician_queue(second_physician)) == [waiting]
    assert topic_question_counts()[eczema.pk] == 2


def test_visible_questions_and_access_still_include_duplicates(
    moderator, original, repeat
):
    """Duplicates stay readable (their page redirects); only lists drop them."""
    question_mark_duplicate(moderator=moderator, question=repeat, target=original)

    assert set(visible_questions()) == {original, repeat}
    assert access_question(AnonymousUser(), repeat.pk) == repeat
