"""Writes of the consensus: derived data, recomputed from the answers at will."""

import hashlib
import json
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q

from curbside.consensus.extractive import (
    AnswerText,
    EmbeddingSimilarity,
    Similarity,
    Stance,
    algorithm_name,
    compute,
)
from curbside.consensus.models import QuestionConsensus
from curbside.consensus.phrasing import OpenAICompatiblePhraser, Phraser, phrase
from curbside.core.clock import now
from curbside.core.embedding import CachedEmbedder, EmbeddingUnavailable, get_embedder
from curbside.core.markdown import plain_text
from curbside.questions.events import announce_question_changed
from curbside.questions.models import Agreement, Answer, Question

log = logging.getLogger(__name__)
COMPUTED, UNCHANGED, DROPPED = "computed", "unchanged", "dropped"


def consensus_inputs(question: Question) -> tuple[str, list[AnswerText], list[Stance]]:
    """What the consensus of a question is computed from: its text, its visible
    answers and those of the questions merged into it as duplicates, as plain text
    (oldest first), and the physicians' stances on them."""
    answers = list(
        Answer.objects.filter(
            Q(question=question)
            | Q(question__duplicate_of=question, question__is_removed=False),
            is_removed=False,
        )
        .select_related("physician")
        .order_by("created_at", "pk")
    )
    stances = (
        Agreement.objects.filter(answer__in=[a.pk for a in answers])
        .select_related("physician")
        .order_by("created_at", "pk")
    )
    return (
        f"{question.title}\n{question.body}",
        [
            AnswerText(a.pk, a.physician.display_name, plain_text(a.body))
            for a in answers
        ],
        [
            Stance(
                s.answer_id,
                s.physician.display_name,
                s.stance == Agreement.Stance.AGREE,
                s.reason,
            )
            for s in stances
        ],
    )


def consensus_similarity() -> Similarity | None:
    """What the consensus compares sentences with: the sentence-embedding model when
    tasks run in a worker (``TASKS_BACKEND = "database"``), loaded once per process;
    the lexical similarity (None) when tasks run inline, in the request that
    changed the question, where the model must never run, or when the model
    cannot be loaded."""
    if settings.TASKS_BACKEND != "database":
        return None
    try:
        # Most sentences are the same from one recomputation to the next.
        embedder = get_embedder(threads=settings.WORKER_EMBED_THREADS)
        return EmbeddingSimilarity(CachedEmbedder(embedder, cache))
    except EmbeddingUnavailable as exc:
        log.warning("Consensus without the embedding model: %s", exc)
        return None


def inputs_hash(
    question: str,
    answers: list[AnswerText],
    stances: list[Stance],
    algorithm: str | None = None,
) -> str:
    """A fingerprint of what a consensus is computed from, and how."""
    payload = json.dumps(
        [algorithm or algorithm_name(), question,
         [list(vars(a).values()) for a in answers],
         [list(vars(s).values()) for s in stances]],
        ensure_ascii=False, separators=(",", ":"),
    )  # fmt: skip
    return hashlib.sha256(payload.encode()).hexdigest()


def phraser_from_settings() -> Phraser | None:
    """The configured rewording endpoint, or None (the default: no rewording)."""
    url = getattr(settings, "CONSENSUS_PHRASING_URL", "")
    if not url:
        return None
    return OpenAICompatiblePhraser(
        url=url,
        model=settings.CONSENSUS_PHRASING_MODEL,
        api_key=settings.CONSENSUS_PHRASING_API_KEY,
    )


def consensus_refresh(*, question_id: int, force: bool = False) -> str:
    """Bring one question's consensus up to date.

    Returns ``"computed"`` when it was (re)computed, ``"unchanged"`` when its inputs
    are those it was last computed from (unless ``force``), ``"dropped"`` when the
    question is gone or removed. A new consensus is announced as a change of the
    question, so cached pages show it.
    """
    question = Question.objects.filter(pk=question_id).first()
    if question is None or question.is_removed:
        QuestionConsensus.objects.filter(question_id=question_id).delete()
        return DROPPED
    text, answers, stances = consensus_inputs(question)
    similarity = consensus_similarity()
    fingerprint = inputs_hash(text, answers, stances, algorithm_name(similarity))
    stored = QuestionConsensus.objects.filter(question=question).first()
    if stored and stored.inputs_hash == fingerprint and not force:
        return UNCHANGED
    consensus = compute(text, answers, stances, similarity=similarity)
    phraser = phraser_from_settings()
    if phraser is not None:
        consensus = phrase(consensus, phraser)
    with transaction.atomic():
        QuestionConsensus.objects.update_or_create(
            question=question,
            defaults={
                "algorithm": consensus.algorithm,
                "inputs_hash": fingerprint,
                "data": consensus.to_dict(),
                "computed_at": now(),
            },
        )
        if stored is None or stored.data != consensus.to_dict():
            announce_question_changed(question.pk, text_changed=False)
    return COMPUTED


def consensus_rebuild(
    *,
    question_ids: Iterable[int] | None = None,
    force: bool = True,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Refresh the consensus of the given questions (every question when None);
    returns how many were computed, unchanged and dropped."""
    tick = progress or (lambda n: None)
    ids = (
        list(question_ids)
        if question_ids is not None
        else list(Question.objects.order_by("pk").values_list("pk", flat=True))
    )
    counts = {COMPUTED: 0, UNCHANGED: 0, DROPPED: 0}
    for question_id in ids:
        counts[consensus_refresh(question_id=question_id, force=force)] += 1
        tick(1)
    return counts
