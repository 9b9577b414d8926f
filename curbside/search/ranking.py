"""How the words ranking and the meaning ranking become one list (pure).

Both searches return their best candidates; ``fuse`` merges them into the order
the product shows. It sees only plain data, so the benchmark runs the very same
function as the site.

The score is the meaning first: the cosine of the two questions' vectors, less
half the candidate's *crowding* (the mean cosine of its ten nearest stored
questions). That is cross-domain similarity local scaling: a question that sits
close to many others (a "hub": generic wording, or the near-twin of another
question that asks something else) must be closer to this query than a question
in a quiet neighbourhood to rank above it. On the Curai pairs it lifts Recall@1
of the vectors from 0.843 to 0.865 with the textbook weight, nothing fitted. Rank
fusion (RRF) hurts here, because a question that shares every keyword but asks
something else (its treatment rather than its cause) sits at the top of the words
ranking. So the words only nudge:

* ``LEXICAL_WEIGHT`` × the candidate's bm25 relative to the best bm25 of the list
  (0 to 1), a tie-breaker between questions of about equal meaning;
* ``TYPE_MISMATCH_PENALTY`` when the candidate is a short question (at most
  ``SHORT_QUESTION_WORDS`` words, where cue words are reliable) that asks a
  different kind of thing than the query (``intent.question_types``: treatment,
  cause, diagnosis, prognosis …) and neither kind is shared.

The constants come from ``bench/train_similarity.py`` (run with the default
data and the model the site runs; Curai medical question pairs, shared part
only; the penalty from a logistic regression on the pairs, the other two from a
grid, chosen by Recall@1). The model is tuned on those pairs
(``bench/train_embedder.py``), so they are chosen on vectors that saw the
questions; ``train_embedder.py`` cross-validates the whole procedure (tuning,
then these constants, on each fold's training questions): a held-out Recall@1
of 0.885 and MRR@10 of 0.926, against 0.878 and 0.920 for the crowding-scaled
cosine alone (0.867 and 0.918 with the packaged model and its constants, 0.02
and 0.12): the words and the kinds of question add little when ranking
patients' own questions. The penalty matters more where one side is a short,
plainly worded question: ``bench/similar_eval.py`` measures MEDIQA RQE
validation accuracy 0.881 with it (0.861 with the cosine alone; neither it nor
its training set was used to choose the constants or to tune the model; the
threshold comes from its training set).
"""

import re
from dataclasses import dataclass

from curbside.core.intent import question_types

# Below this cosine, a question is not offered as "the same question" while asking.
# The tuned model scores a typed title against a stored question (title and
# details) a little lower than the packaged one did (0.01-0.12 for the demo's
# right matches), and different-meaning pairs much lower: 0.44 where 0.5 was.
SIMILAR_MIN_COSINE = 0.44
LEXICAL_WEIGHT = 0.05
# Cross-domain similarity local scaling: cosine − ½ × crowding ranks as
# 2·cos − r(query) − r(candidate) does, the standard form (no tuning).
CROWDING_WEIGHT = 0.5
CROWDING_K = 10  # neighbours a question's crowding is the mean cosine of
TYPE_MISMATCH_PENALTY = 0.08
SHORT_QUESTION_WORDS = 6
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass
class Candidate:
    question_id: int
    lexical_rank: int | None = None  # 0 = the words ranking's best
    lexical_score: float | None = None
    vector_rank: int | None = None
    vector_score: float | None = None  # cosine similarity of the vectors
    text: str = ""  # the question's title and details, for features of the words
    # Mean cosine of the candidate's nearest stored questions (``vectors.crowding``).
    crowding: float = 0.0
    score: float = 0.0


def type_mismatch(query: str, text: str) -> bool:
    """A short candidate question that asks another kind of thing than the query."""
    if not query or len(_WORD_RE.findall(text or "")) > SHORT_QUESTION_WORDS:
        return False
    asked, offered = question_types(query), question_types(text)
    return bool(asked) and bool(offered) and not (asked & offered)


def fuse(candidates: list[Candidate], *, query: str = "") -> list[Candidate]:
    """Best first by cosine, nudged by the words (see the module's docstring).

    A candidate only the words ranking found scores as the lowest cosine of the
    list (0 when no candidate has one), so it follows the meaning matches unless
    its words lift it. Ties: higher cosine, then newer question (larger id).
    """
    meaning = {
        id(c): c.vector_score - CROWDING_WEIGHT * c.crowding
        for c in candidates
        if c.vector_score is not None
    }
    floor = min(meaning.values()) if meaning else 0.0
    best_bm25 = max((c.lexical_score or 0.0 for c in candidates), default=0.0)
    for c in candidates:
        cosine = meaning.get(id(c), floor)
        words = (c.lexical_score or 0.0) / best_bm25 if best_bm25 > 0 else 0.0
        c.score = cosine + LEXICAL_WEIGHT * max(words, 0.0)
        if type_mismatch(query, c.text):
            c.score -= TYPE_MISMATCH_PENALTY
    return sorted(
        candidates,
        key=lambda c: (
            -c.score,
            -(c.vector_score if c.vector_score is not None else -2.0),
            -c.question_id,
        ),
    )


def merge(
    lexical: list[tuple[int, float]], vector: list[tuple[int, float]]
) -> list[Candidate]:
    """Candidates from both rankings (each best first), one per question."""
    by_id: dict[int, Candidate] = {}
    for rank, (pk, score) in enumerate(lexical):
        by_id[pk] = Candidate(pk, lexical_rank=rank, lexical_score=score)
    for rank, (pk, score) in enumerate(vector):
        c = by_id.setdefault(pk, Candidate(pk))
        c.vector_rank, c.vector_score = rank, score
    return list(by_id.values())
