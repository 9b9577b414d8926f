"""How the words ranking and the meaning ranking become one list (pure).

Both searches return their best candidates; ``fuse`` merges them into the order
the product shows. It sees only plain data, so the benchmark runs the very same
function as the site.
"""

from dataclasses import dataclass

RRF_K = 60
# Below this cosine, a question is not offered as "the same question" while asking.
SIMILAR_MIN_COSINE = 0.5
LEXICAL_WEIGHT = 0.5
VECTOR_WEIGHT = 1.0


@dataclass
class Candidate:
    question_id: int
    lexical_rank: int | None = None  # 0 = the words ranking's best
    lexical_score: float | None = None
    vector_rank: int | None = None
    vector_score: float | None = None  # cosine similarity of the vectors
    text: str = ""  # the question's title and details, for features of the words
    score: float = 0.0


def fuse(candidates: list[Candidate], *, query: str = "") -> list[Candidate]:
    """Weighted reciprocal rank fusion, best first (ties: higher cosine, then
    newer question)."""
    for c in candidates:
        c.score = 0.0
        if c.lexical_rank is not None:
            c.score += LEXICAL_WEIGHT / (RRF_K + c.lexical_rank + 1)
        if c.vector_rank is not None:
            c.score += VECTOR_WEIGHT / (RRF_K + c.vector_rank + 1)
    return sorted(
        candidates,
        key=lambda c: (-c.score, -(c.vector_score or -1.0), -c.question_id),
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
