"""Writes to the search index. The index is derived: it can always be rebuilt."""

from collections.abc import Callable

from django.db import transaction

from curbside.core.markdown import plain_text
from curbside.questions.models import Question
from curbside.search.lexical import lexical_backend

REINDEX_BATCH = 500


def _document(question: Question) -> tuple[str, str, str]:
    body = "\n".join([question.body, *(f.body for f in question.followups.all())])
    answers = "\n".join(
        plain_text(a.body) for a in question.answers.all() if not a.is_removed
    )
    return question.title, body, answers


def search_index_question(*, question_id: int) -> None:
    """Bring one question's index entry up to date (idempotent)."""
    backend = lexical_backend()
    question = (
        Question.objects.filter(pk=question_id)
        .prefetch_related("answers", "followups")
        .first()
    )
    with transaction.atomic():
        if question is None or question.is_removed:
            backend.remove(question_id)
        else:
            backend.index(question_id, *_document(question))


def search_rebuild(*, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the whole index from the questions; returns how many were indexed.

    Works in batches, each in its own transaction, so the site keeps serving.
    """
    backend = lexical_backend()
    queryset = (
        Question.objects.filter(is_removed=False)
        .prefetch_related("answers", "followups")
        .order_by("pk")
    )
    with transaction.atomic():
        backend.clear()
    done, last_pk = 0, 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk)[:REINDEX_BATCH])
        if not batch:
            return done
        with transaction.atomic():
            for question in batch:
                backend.index(question.pk, *_document(question))
        done += len(batch)
        last_pk = batch[-1].pk
        if progress:
            progress(len(batch))
