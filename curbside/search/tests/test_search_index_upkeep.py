"""The index follows the questions: removed ones vanish, and it can be rebuilt."""

import random

import pytest
from django.db import connection

from curbside.questions.models import Question
from curbside.search.selectors import search_questions
from curbside.search.services import search_index_question, search_rebuild
from tests import factories


def _ids(query):
    return [r.question.pk for r in search_questions(query).results]


def test_a_removed_question_drops_out_once_reindexed(eczema):
    question = factories.QuestionFactory(title="Peeling skin after sunburn")
    search_index_question(question_id=question.pk)
    assert _ids("sunburn") == [question.pk]

    Question.objects.filter(pk=question.pk).update(is_removed=True)
    assert _ids("sunburn") == []  # hidden at once, even before the reindex

    search_index_question(question_id=question.pk)
    assert search_questions("sunburn").total == 0


def test_a_deleted_question_drops_out_once_reindexed(db):
    question = factories.QuestionFactory(title="Peeling skin after sunburn")
    search_index_question(question_id=question.pk)
    question_id = question.pk
    question.delete()

    search_index_question(question_id=question_id)

    assert search_questions("sunburn").total == 0


def test_indexing_twice_keeps_one_entry(db):
    question = factories.QuestionFactory(title="Peeling skin after sunburn")

    search_index_question(question_id=question.pk)
    search_index_question(question_id=question.pk)

    assert search_questions("sunburn").total == 1


def test_a_rebuild_starts_from_scratch_and_reports_the_count(db):
    kept = factories.QuestionFactory.create_batch(3, title="Peeling skin after sunburn")
    removed = factories.QuestionFactory(title="Sunburn on the scalp", is_removed=True)
    for question in [*kept, removed]:
        Question.objects.filter(pk=question.pk).update(is_removed=False)
        search_index_question(question_id=question.pk)
    Question.objects.filter(pk=removed.pk).update(is_removed=True)
    stale = factories.QuestionFactory(title="Sunburn blisters")
    search_index_question(question_id=stale.pk)
    Question.objects.filter(pk=stale.pk).update(title="Blisters on the feet")

    batches = []
    indexed = search_rebuild(progress=batches.append)

    assert indexed == 4
    assert sum(batches) == 4
    assert set(_ids("sunburn")) == {q.pk for q in kept}
    assert _ids("feet") == [stale.pk]


def test_a_rebuild_of_an_empty_site_indexes_nothing(db):
    assert search_rebuild() == 0
    assert search_questions("anything").total == 0


def test_a_deleted_question_is_never_found_and_its_entry_goes_on_reindex(db):
    question = factories.QuestionFactory(title="Peeling skin after sunburn")
    search_index_question(question_id=question.pk)
    question_id = question.pk

    question.delete()

    assert search_questions("peeling sunburn").results == []
    search_index_question(question_id=question_id)
    assert _entries(question_id) == 0


def _entries(question_id: int) -> int:
    from django.db import connection

    sql = {
        "postgresql": "SELECT count(*) FROM search_lexical WHERE question_id = %s",
        "sqlite": "SELECT count(*) FROM search_lexical WHERE rowid = %s",
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(sql, [question_id])
        return cursor.fetchone()[0]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's GIN pending list"
)
def test_after_a_rebuild_a_words_search_reads_only_the_index(db):
    """New entries wait in the GIN index's pending list, which every search reads
    in full: the rebuild merges them into the index."""
    rng = random.Random(3)
    letters = "abcdefghijklmnopqrstuvwxyz"
    for n in range(80):
        words = ["".join(rng.choices(letters, k=8)) for _ in range(60)]
        factories.QuestionFactory(title=f"Question {n}", body=" ".join(words))

    search_rebuild()

    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT count(*) "
            "FROM search_lexical WHERE document @@ to_tsquery('english', 'xylophone')"
        )
        (plan,) = cursor.fetchone()[0]
    pages = plan["Plan"]["Shared Hit Blocks"] + plan["Plan"]["Shared Read Blocks"]
    assert pages <= 4
