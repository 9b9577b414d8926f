"""Writes to the search index. The index is derived: it can always be rebuilt."""

import logging
from collections.abc import Callable

from django.db import transaction
from django.db.models import Exists, OuterRef

from curbside.core.embedding import EmbeddingUnavailable
from curbside.core.markdown import plain_text
from curbside.questions.models import Question
from curbside.search import vectors
from curbside.search.lexical import lexical_backend

log = logging.getLogger(__name__)

REINDEX_BATCH = 500


def _document(question: Question) -> tuple[str, str, str]:
    body = "\n".join([question.body, *(f.body for f in question.followups.all())])
    answers = "\n".join(
        plain_text(a.body) for a in question.answers.all() if not a.is_removed
    )
    return question.title, body, answers


def indexable_questions():
    return Question.objects.filter(is_removed=False, duplicate_of__isnull=True)


def _listed(question: Question) -> bool:
    """Removed questions and duplicates are not searched: a duplicate's answers
    are read on its target."""
    return not question.is_removed and question.duplicate_of_id is None


def search_index_question(*, question_id: int) -> None:
    """Bring one question's index entry up to date (idempotent)."""
    backend = lexical_backend()
    question = (
        Question.objects.filter(pk=question_id)
        .prefetch_related("answers", "followups")
        .first()
    )
    with transaction.atomic():
        if question is None or not _listed(question):
            backend.remove(question_id)
        else:
            backend.index(question_id, *_document(question))
    if question is None or not _listed(question):
        vectors.drop_vector(question_id)
        return
    try:
        embedded = vectors.store_vectors(
            [(question.pk, vectors.question_text(question.title, question.body))]
        )
    except EmbeddingUnavailable:
        # Found by its words meanwhile; `curbside reindex` embeds it once the
        # model is back.
        log.exception("Question %s indexed by its words only", question_id)
        return
    if embedded and vectors.tail_size() > vectors.COMPACT_TAIL:
        from curbside.search.tasks import build_vector_index

        build_vector_index.enqueue()


def search_rebuild(*, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the whole words index from the questions; returns how many were
    indexed.

    Works in batches, each in its own transaction, so the site keeps serving.
    """
    backend = lexical_backend()
    queryset = (
        indexable_questions().prefetch_related("answers", "followups").order_by("pk")
    )
    with transaction.atomic():
        backend.clear()
    done, last_pk = 0, 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk)[:REINDEX_BATCH])
        if not batch:
            backend.refresh_statistics()
            return done
        with transaction.atomic():
            for question in batch:
                backend.index(question.pk, *_document(question))
        done += len(batch)
        last_pk = batch[-1].pk
        if progress:
            progress(len(batch))


def vectors_pending() -> int:
    """How many questions have no vector from the current model (those whose
    text changed since are found, and counted, as the rebuild reaches them)."""
    embedder = vectors.get_embedder()
    current = vectors.QuestionVector.objects.filter(
        pk=OuterRef("pk"), model_id=embedder.model_id
    )
    return indexable_questions().filter(~Exists(current)).count()


def vectors_rebuild(
    *,
    progress: Callable[[int], None] | None = None,
    force: bool = False,
    embedder: vectors.Embedder | None = None,
) -> int:
    """Embed every question whose stored vector is missing or stale; returns how
    many were embedded.

    Resumable: vectors already stored for the same text and model are kept, so a
    run that was stopped picks up where it left off. ``force`` embeds all again.
    A run that wrote vectors ends by refreshing the database's statistics.
    """
    embedder = embedder or vectors.get_embedder()
    # Vectors of questions since removed or merged into another go first. NOT
    # EXISTS, not NOT IN: PostgreSQL joins it in one pass, where NOT IN over a
    # million questions is compared row by row (hours).
    vectors.QuestionVector.objects.filter(
        ~Exists(indexable_questions().filter(pk=OuterRef("pk")))
    ).delete()
    queryset = indexable_questions().order_by("pk").values_list("pk", "title", "body")
    done, last_pk = 0, 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk)[: vectors.EMBED_BATCH * 8])
        if not batch:
            if done:
                vectors.refresh_statistics()
            return done
        embedded = vectors.store_vectors(
            [(pk, vectors.question_text(title, body)) for pk, title, body in batch],
            embedder=embedder,
            force=force,
        )
        done += embedded
        last_pk = batch[-1][0]
        if progress and embedded:
            progress(embedded)


def vectors_compact() -> None:
    """Build a new index file when enough vectors were written since the last."""
    if vectors.tail_size() > vectors.COMPACT_TAIL:
        vectors.build_index_file()
