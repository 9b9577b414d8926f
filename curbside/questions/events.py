"""Events the questions app announces to apps above it (search, web caches, …).

Sent only after the transaction commits, so a rolled-back write never reaches
a receiver. Receivers must only enqueue work or drop caches.
"""

from django.db import transaction
from django.dispatch import Signal

from curbside.questions.models import Question

#: Something a reader of the question page would see changed: the question, an
#: answer, a vote or an agreement. Arguments: ``question_id``, and ``text_changed``
#: — False when only counts or stances changed (votes, agreements, a review date),
#: so receivers that index the words can skip the work.
question_changed = Signal()


def announce_question_changed(question_id: int, *, text_changed: bool = True) -> None:
    transaction.on_commit(lambda: _send(question_id, text_changed))


def _send(question_id: int, text_changed: bool) -> None:
    question_changed.send(
        sender="questions", question_id=question_id, text_changed=text_changed
    )
    # A duplicate's answers are shown on its target's page, so a change to them
    # changes that page too (its own text does not change).
    target_id = (
        Question.objects.filter(pk=question_id)
        .values_list("duplicate_of_id", flat=True)
        .first()
    )
    if target_id is not None:
        question_changed.send(
            sender="questions", question_id=target_id, text_changed=False
        )
