"""Moderators mark a question as a duplicate of another, and can undo it.

Duplicates never form chains, every mark is recorded, and both questions are
announced so the search index and cached pages follow.
"""

import pytest

from curbside.core.errors import Conflict, Forbidden, Invalid
from curbside.questions.events import question_changed
from curbside.questions.models import DuplicateDecision, Question
from curbside.questions.services import (
    answer_mark_reviewed,
    answer_post,
    question_mark_duplicate,
    question_unmark_duplicate,
)
from tests import factories

Decision = DuplicateDecision.Decision
ADVICE = "This looks like contact dermatitis. Try a fragrance-free moisturiser."


@pytest.fixture
def announced():
    """The question ids announced as changed, in order."""
    seen = []

    def receiver(sender, question_id, text_changed, **kwargs):
        seen.append((question_id, text_changed))

    question_changed.connect(receiver)
    yield seen
    question_changed.disconnect(receiver)


def _target_of(question) -> int | None:
    return Question.objects.get(pk=question.pk).duplicate_of_id


def test_it_marks_a_question_as_a_duplicate_and_records_who_and_when(
    moderator, repeat, original
):
    question_mark_duplicate(moderator=moderator, question=repeat, target=original)

    assert _target_of(repeat) == original.pk
    decision = DuplicateDecision.objects.get()
    assert (decision.question, decision.decision, decision.target) == (
        repeat, Decision.MARKED, original,
    )  # fmt: skip
    assert decision.decided_by == moderator
    assert decision.created_at is not None


@pytest.mark.parametrize("who", ["patient", "outsider", "verified_physician"])
def test_only_moderators_can_mark(request, who, repeat, original):
    user = request.getfixturevalue(who)
    user = getattr(user, "user", user)

    with pytest.raises(Forbidden) as caught:
        question_mark_duplicate(moderator=user, question=repeat, target=original)

    assert caught.value.code == "moderator_required"
    assert _target_of(repeat) is None
    assert not DuplicateDecision.objects.exists()


def test_only_moderators_can_undo(moderator, patient, repeat, original):
    question_mark_duplicate(moderator=moderator, question=repeat, target=original)

    with pytest.raises(Forbidden):
        question_unmark_duplicate(moderator=patient, question=repeat)
    assert _target_of(repeat) == original.pk


def test_a_question_cannot_be_a_duplicate_of_itself(moderator, repeat):
    with pytest.raises(Invalid) as caught:
        question_mark_duplicate(moderator=moderator, question=repeat, target=repeat)

    assert caught.value.code == "duplicate_of_itself"
    assert "itself" in str(caught.value.message)
    assert _target_of(repeat) is None


def test_a_question_cannot_be_a_duplicate_of_a_removed_one(moderator, repeat):
    removed = factories.QuestionFactory(is_removed=True)

    with pytest.raises(Invalid) as caught:
        question_mark_duplicate(moderator=moderator, question=repeat, target=removed)

    assert caught.value.code == "duplicate_of_removed"
    assert "removed" in str(caught.value.message)
    assert _target_of(repeat) is None


def test_marking_a_duplicate_of_a_duplicate_points_to_the_final_target(
    moderator, repeat, original
):
    """B is a duplicate of C; marking A a duplicate of B stores C."""
    third = factories.QuestionFactory(title="Winter makes my eczema worse")
    question_mark_duplicate(moderator=moderator, question=repeat, target=original)

    question_mark_duplicate(moderator=moderator, question=third, target=repeat)

    assert _target_of(third) == original.pk
    assert DuplicateDecision.objects.filter(question=third).get().target == original


def test_marking_the_target_of_duplicates_moves_them_to_the_new_target(
    moderator, repeat, original
):
    """A is a duplicate of B; marking B a duplicate of C makes A point to C."""
    newest = factories.QuestionFactory(title="Is winter eczema common in adults?")
    question_mark_duplicate(moderator=moderator, question=repeat, target=original)

    question_mark_duplicate(moderator=moderator, question=original, target=newest)

    assert _target_of(original) == newest.pk
    assert _target_of(repeat) == newest.pk
    moved = DuplicateDecision.objects.filter(question=repeat).first()
    assert (moved.decision, moved.target, moved.decided_by) == (
        Decision.REPOINTED, newest, moderator,
    )  # fmt: skip


def test_it_refuses_a_cycle_with_a_clear_message(moderator, repeat, original):
    question_mark_duplicate(moderator=moderator, question=repeat, target=original)

    with pytest.raises(Invalid) as caught:
        question_mark_duplicate(moderator=moderator, question=original, target=repeat)

    assert caught.value.code == "duplicate_cycle"
    assert "Undo that mark first" in str(caught.value.message)
    assert _target_of(original) is None


def test_marking_again_with_the_same_target_is_a_conflict(moderator, repeat, original):
    question_mark_duplicate(moderator=moderator, question=repeat, target=original)

    with pytest.raises(Conflict):
        question_mark_duplicate(moderator=moderator, question=repeat, target=original)
    assert DuplicateDecision.objects.count() == 1


def test_a_duplicate_can_be_moved_to_another_target(moderator, repeat, original):
    other = factories.QuestionFactory()
    question_mark_duplicate(moderator=moderator, question=repeat, target=original)

    question_mark_duplicate(moderator=moderator, question=repeat, target=other)

    assert _target_of(repeat) == other.pk


def test_undo_clears_the_mark_and_records_it(moderator, repeat, original):
    question_mark_duplicate(moderator=moderator, question=repeat, target=original)

    question_unmark_duplicate(moderator=moderator, question=repeat)

    assert _target_of(repeat) is None
    trail = list(repeat.duplicate_decisions.all())
    assert [d.decision for d in trail] == [Decision.UNMARKED, Decision.MARKED]
    assert trail[0].target == original
    assert trail[0].decided_by == moderator


def test_undoing_a_question_that_is_not_a_duplicate_is_a_conflict(moderator, repeat):
    with pytest.raises(Conflict) as caught:
        question_unmark_duplicate(moderator=moderator, question=repeat)

    assert caught.value.code == "not_duplicate"
    assert not DuplicateDecision.objects.exists()


def test_marking_announces_both_questions_after_commit(
    moderator, repeat, original, announced, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question_mark_duplicate(moderator=moderator, question=repeat, target=original)

    assert (repeat.pk, True) in announced
    assert (original.pk, True) in announced


def test_undoing_announces_both_questions_after_commit(
    moderator, repeat, original, announced, django_capture_on_commit_callbacks
):
    question_mark_duplicate(moderator=moderator, question=repeat, target=original)
    announced.clear()

    with django_capture_on_commit_callbacks(execute=True):
        question_unmark_duplicate(moderator=moderator, question=repeat)

    assert (repeat.pk, True) in announced
    assert (original.pk, True) in announced


def test_a_change_to_a_duplicate_also_announces_its_target(
    moderator, repeat, original, announced, django_capture_on_commit_callbacks
):
    """The target's page shows the duplicate's answers, so it must refresh too."""
    question_mark_duplicate(moderator=moderator, question=repeat, target=original)
    answer = factories.AnswerFactory(question=repeat)
    announced.clear()

    with django_capture_on_commit_callbacks(execute=True):
        answer_mark_reviewed(answer=answer, reviewer=answer.physician.user)

    assert (repeat.pk, False) in announced
    assert (original.pk, False) in announced
    assert (original.pk, True) not in announced


def test_a_rolled_back_mark_announces_nothing(
    moderator, repeat, announced, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Invalid):
        question_mark_duplicate(moderator=moderator, question=repeat, target=repeat)

    assert announced == []


def test_physicians_answer_the_target_not_the_duplicate(
    moderator, repeat, original, verified_physician
):
    repeat = question_mark_duplicate(
        moderator=moderator, question=repeat, target=original
    )

    with pytest.raises(Conflict) as caught:
        answer_post(question=repeat, author=verified_physician.user, body=ADVICE)

    assert caught.value.code == "question_merged"
    assert original.get_absolute_url() in str(caught.value.message)


def test_answers_stay_with_the_duplicate_and_come_back_on_undo(
    moderator, repeat, original, verified_physician
):
    answer = answer_post(question=repeat, author=verified_physician.user, body=ADVICE)

    question_mark_duplicate(moderator=moderator, question=repeat, target=original)
    question_unmark_duplicate(moderator=moderator, question=repeat)

    answer.refresh_from_db()
    assert answer.question_id == repeat.pk
    assert not answer.is_removed
