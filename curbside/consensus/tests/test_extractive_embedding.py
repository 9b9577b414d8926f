"""The consensus on sentence embeddings: the same points as the lexical one where
the words say it, the question's matters first, and still only quoted sentences.

The hashing stand-in (``HashingEmbedder``) takes the model's place, as in every
test: texts sharing words get close vectors."""

from curbside.consensus.extractive import (
    DIFFERS,
    SHARED,
    SINGLE,
    AnswerText,
    EmbeddingSimilarity,
    algorithm_name,
    compute,
)
from curbside.consensus.tests.test_extractive_points import ANSWERS, QUESTION
from curbside.core.embedding import HashingEmbedder


def _compute(question, answers):
    return compute(question, answers, similarity=EmbeddingSimilarity(HashingEmbedder()))


def _kinds(consensus, word):
    """The kinds of the points with a supporting sentence that has ``word``."""
    return {
        p.kind
        for p in consensus.points
        if any(word in s.sentence.lower() for s in p.support)
    }


def test_it_finds_the_same_points_as_the_lexical_similarity():
    consensus = _compute(QUESTION, ANSWERS)

    assert SHARED in _kinds(consensus, "ice")
    assert DIFFERS in _kinds(consensus, "running")
    assert SINGLE in _kinds(consensus, "x-ray")
    shared = next(p for p in consensus.of_kind(SHARED) if "twenty" in p.statement)
    assert set(shared.answer_ids) == {11, 12, 13}


def test_it_names_the_model_in_the_algorithm():
    consensus = _compute(QUESTION, ANSWERS)

    assert consensus.algorithm == algorithm_name(EmbeddingSimilarity(HashingEmbedder()))
    assert consensus.algorithm.endswith("+hashing-v1")
    assert compute(QUESTION, ANSWERS).algorithm.endswith("+lexical")


def test_what_answers_the_question_ranks_before_what_does_not():
    answers = [
        AnswerText(1, "Dr A", "Parking at the clinic is free on weekends. "
                              "A torn meniscus often heals with rest and physiotherapy."),
        AnswerText(2, "Dr B", "Our reception opens at eight. "
                              "Small meniscus tears rarely need surgery."),
    ]  # fmt: skip
    question = "Does a torn meniscus need surgery or does it heal with rest?"

    for consensus in (_compute(question, answers), compute(question, answers)):
        ranked = [p.statement for p in consensus.ranked()]
        assert ranked.index("Small meniscus tears rarely need surgery.") < ranked.index(
            "Our reception opens at eight."
        )
        assert ranked.index(
            "A torn meniscus often heals with rest and physiotherapy."
        ) < ranked.index("Parking at the clinic is free on weekends.")


def test_it_only_quotes_the_answers():
    consensus = _compute(QUESTION, ANSWERS)
    texts = {a.answer_id: a.text for a in ANSWERS}

    for point in consensus.ranked():
        for support in point.support:
            assert texts[support.answer_id][support.start : support.end] == (
                support.sentence
            )
