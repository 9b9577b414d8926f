"""How many questions hold a word: counted, or read from the database's own
statistics, and capped where counting further would only cost time."""

import pytest
from django.db import connection

from curbside.search import lexical
from curbside.search.services import search_index_question
from tests import factories


def _indexed(title):
    question = factories.QuestionFactory(title=title, body="")
    search_index_question(question_id=question.pk)
    return question


def test_counts_are_exact_below_the_cap_and_stop_at_it(db, monkeypatch):
    for _ in range(3):
        _indexed("Itchy rash after hiking")
    _indexed("Rash on the elbow")
    monkeypatch.setattr(lexical, "DF_CAP", 3)

    total, counts = lexical.doc_frequencies(
        lexical.lexical_backend(), ["elbow", "itchy", "rash", "absent"]
    )

    assert total == 4
    assert counts == {"elbow": 1, "itchy": 3, "rash": 3, "absent": 0}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's planner statistics"
)
def test_postgresql_reads_common_words_from_its_statistics(db):
    """After ANALYZE, a word among the table's most common is not counted:
    its share of the rows at the last ANALYZE says enough."""
    questions = [_indexed("Itchy rash after hiking") for _ in range(10)]
    questions += [_indexed("Sore knee after running") for _ in range(10)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_lexical")
    # Half of the rash questions leave the index after the statistics were
    # taken: a count would say 5, the statistics still say half of 20 rows.
    for question in questions[:5]:
        lexical.lexical_backend().remove(question.pk)

    _total, counts = lexical.doc_frequencies(
        lexical.lexical_backend(), ["rash", "knee"]
    )

    assert counts == {"rash": 10, "knee": 10}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's planner statistics"
)
def test_rebuilding_the_words_index_refreshes_postgresql_statistics(db):
    from curbside.search.services import search_rebuild

    for _ in range(4):
        factories.QuestionFactory(title="Itchy rash after hiking", body="")

    assert search_rebuild() == 4
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE relname = 'search_lexical'"
        )
        assert cursor.fetchone()[0] == 4
