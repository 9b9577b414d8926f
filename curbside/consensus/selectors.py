"""Reads of the consensus. The caller has already checked the viewer may see the
question (``questions.selectors.access_question``)."""

from curbside.consensus.extractive import NOT_ENOUGH_ANSWERS, Consensus
from curbside.consensus.models import QuestionConsensus
from curbside.questions.models import Question


def consensus_for(question: Question) -> Consensus | None:
    """The stored consensus of a question (one query), or None when none has been
    computed yet."""
    data = (
        QuestionConsensus.objects.filter(question_id=question.pk)
        .values_list("data", flat=True)
        .first()
    )
    if not data:
        return None
    return Consensus.from_dict(data)


def consensus_shown(consensus: Consensus | None) -> bool:
    """Whether a consensus is worth a box: two or more answers and a point."""
    return bool(
        consensus
        and consensus.reason != NOT_ENOUGH_ANSWERS
        and consensus.answer_count >= 2
        and consensus.points
    )
