"""How the words and meaning rankings become one list (plain data, no model)."""

import random

from curbside.search.ranking import (
    LEXICAL_WEIGHT,
    TYPE_MISMATCH_PENALTY,
    fuse,
    merge,
    type_mismatch,
)


def ids(candidates):
    return [c.question_id for c in candidates]


def test_empty_input_gives_an_empty_list():
    assert fuse([]) == []
    assert fuse([], query="How is lupus treated?") == []
    assert merge([], []) == []


def test_merge_keeps_one_candidate_per_question_with_both_ranks():
    candidates = merge([(1, 9.0), (2, 4.0)], [(2, 0.8), (3, 0.7)])
    by_id = {c.question_id: c for c in candidates}
    assert sorted(by_id) == [1, 2, 3]
    assert (by_id[2].lexical_rank, by_id[2].vector_rank) == (1, 0)
    assert (by_id[2].lexical_score, by_id[2].vector_score) == (4.0, 0.8)
    assert by_id[1].vector_score is None and by_id[3].lexical_score is None


def test_vector_only_candidates_rank_by_cosine():
    fused = fuse(merge([], [(5, 0.61), (6, 0.83), (7, 0.72)]))
    assert ids(fused) == [6, 7, 5]
    assert fused[0].score == 0.83


def test_lexical_only_candidate_still_ranks():
    # Question 9 is found only by its words, and has the best bm25 of the list.
    fused = fuse(merge([(9, 12.0), (4, 3.0)], [(4, 0.90), (5, 0.60), (6, 0.50)]))
    assert set(ids(fused)) == {4, 5, 6, 9}
    # It scores as the list's lowest cosine plus its words, above that question.
    assert ids(fused).index(9) < ids(fused).index(6)
    assert ids(fused)[0] == 4


def test_words_alone_order_the_list_when_no_vector_is_known():
    fused = fuse(merge([(3, 2.0), (1, 8.0), (2, 5.0)], []))
    assert ids(fused) == [1, 2, 3]


def test_strong_cosine_beats_a_keyword_sharing_question():
    # 8 shares every keyword (best bm25) but means something else; 7 means the same.
    fused = fuse(merge([(8, 20.0), (7, 2.0)], [(7, 0.86), (8, 0.74)]))
    assert ids(fused) == [7, 8]


def test_words_break_a_near_tie_of_meaning():
    fused = fuse(merge([(2, 10.0)], [(1, 0.800), (2, 0.790)]))
    assert ids(fused) == [2, 1]
    assert fused[0].score == 0.790 + LEXICAL_WEIGHT


def test_a_short_question_asking_another_thing_is_pushed_down():
    query = "How is lupus treated?"
    candidates = merge([], [(1, 0.78), (2, 0.72)])
    candidates[0].text = "What causes lupus?"
    candidates[1].text = "Best treatment for lupus?"
    fused = fuse(candidates, query=query)
    assert ids(fused) == [2, 1]
    assert fused[1].score == 0.78 - TYPE_MISMATCH_PENALTY
    # Without the query nothing is known of what it asks: cosine order.
    assert ids(fuse(candidates)) == [1, 2]


def test_type_mismatch_needs_a_short_candidate_and_two_known_kinds():
    assert type_mismatch("How is lupus treated?", "What causes lupus?")
    assert not type_mismatch("How is lupus treated?", "Is lupus treated with steroids?")
    assert not type_mismatch(
        "Lupus?", "What causes lupus?"
    )  # the query asks nothing known
    long_text = (
        "What causes lupus? My sister has it and I have the same rash on my face "
        "every summer."
    )
    assert not type_mismatch("How is lupus treated?", long_text)
    assert not type_mismatch("", "What causes lupus?")


def test_ties_are_deterministic_newer_question_first():
    pairs = [(pk, 0.7) for pk in range(1, 21)]
    expected = list(range(20, 0, -1))
    for seed in range(5):
        shuffled = pairs[:]
        random.Random(seed).shuffle(shuffled)
        assert ids(fuse(merge([], shuffled))) == expected


def test_a_question_in_a_crowded_neighbourhood_must_be_closer_to_win():
    from curbside.search import ranking

    hub = ranking.Candidate(1, vector_rank=0, vector_score=0.80, crowding=0.75)
    quiet = ranking.Candidate(2, vector_rank=1, vector_score=0.78, crowding=0.40)

    assert [c.question_id for c in ranking.fuse([hub, quiet])] == [2, 1]

    much_closer = ranking.Candidate(1, vector_rank=0, vector_score=0.99, crowding=0.75)
    assert ranking.fuse([much_closer, quiet])[0].question_id == 1
