"""Whatever physicians write, the consensus never fails and never says anything
that is not a sentence of one of their answers."""

from hypothesis import given, settings
from hypothesis import strategies as st

from curbside.consensus.extractive import (
    AnswerText,
    EmbeddingSimilarity,
    Stance,
    compute,
)
from curbside.core.embedding import HashingEmbedder

WORDS = ["pain", "knee", "no", "not", "rest", "ice", "doctor", "the", "swelling",
         "Dr.", "e.g.", "3", "weeks", "surgery", "never", "mild", "loss"]  # fmt: skip
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(
    lambda ws: " ".join(ws).capitalize() + "."
)
answer_text = st.one_of(
    st.lists(sentence, max_size=8).map(" ".join),
    st.text(max_size=300),
)


@settings(max_examples=150, deadline=None)
@given(
    question=st.text(max_size=200),
    texts=st.lists(answer_text, min_size=0, max_size=6),
    agreements=st.lists(
        st.tuples(st.integers(0, 5), st.booleans(), st.text(max_size=60)), max_size=4
    ),
    embedded=st.booleans(),
)
def test_it_never_fails_and_only_quotes_the_answers(
    question, texts, agreements, embedded
):
    answers = [AnswerText(i + 1, f"Physician {i}", t) for i, t in enumerate(texts)]
    stances = [
        Stance(i + 1, f"Physician {9 - i}", agrees, reason)
        for i, agrees, reason in agreements
    ]

    similarity = EmbeddingSimilarity(HashingEmbedder()) if embedded else None
    consensus = compute(question, answers, stances, similarity=similarity)

    written = {a.answer_id: a.text for a in answers}
    reasons = {s.reason.strip() for s in stances}
    for point in consensus.ranked():
        assert point.kind in {"shared", "differs", "single"}
        assert any(point.statement in text for text in written.values())
        for support in point.support:
            if support.via == "disagreement":
                assert support.sentence in reasons
            else:
                text = written[support.answer_id]
                assert text[support.start : support.end] == support.sentence
