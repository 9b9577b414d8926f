"""Search finds questions by the words of their title, details and answers."""

import pytest
from django.db import connection

from curbside.questions.services import answer_post, followup_add, question_create
from curbside.search.selectors import search_questions


@pytest.fixture
def ask(patient, django_capture_on_commit_callbacks):
    def ask(title, body, topics=()):
        with django_capture_on_commit_callbacks(execute=True):
            return question_create(
                asker=patient, title=title, body=body, topics=list(topics)
            )

    return ask


@pytest.fixture
def winter(ask, eczema):
    return ask(
        "Why do my hands crack every winter?",
        "From November to March the skin on my knuckles splits and bleeds.",
        [eczema],
    )


@pytest.fixture
def mole(ask):
    return ask(
        "Should a dermatologist look at this mole?",
        "A mole on my back changed colour over the summer.",
    )


def _ids(query, **filters):
    return [r.question.pk for r in search_questions(query, **filters).results]


def test_it_finds_a_question_by_a_word_of_its_title(winter, mole):
    assert _ids("winter") == [winter.pk]


def test_it_finds_a_question_by_a_word_of_its_details(winter, mole):
    assert _ids("knuckles") == [winter.pk]


def test_it_finds_a_question_by_a_word_of_an_answer(
    winter, mole, verified_physician, django_capture_on_commit_callbacks
):
    assert _ids("emollient") == []

    with django_capture_on_commit_callbacks(execute=True):
        answer_post(
            question=winter, author=verified_physician.user,
            body="Cold dry air strips the skin barrier; use a thick **emollient**.",
        )  # fmt: skip

    assert _ids("emollient") == [winter.pk]


def test_it_finds_a_question_by_a_word_of_a_follow_up(
    winter, patient, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        followup_add(
            question=winter, author=patient,
            body="Gloves help a little but the cracks reopen overnight.",
        )  # fmt: skip

    assert _ids("gloves") == [winter.pk]


def test_it_matches_other_forms_of_a_word(winter):
    assert _ids("cracking hand") == [winter.pk]


def test_any_of_several_words_is_enough(winter, mole):
    assert set(_ids("winter mole")) == {winter.pk, mole.pk}


def test_a_title_match_ranks_above_a_details_only_match(ask):
    in_body = ask(
        "Is this rash something to worry about?",
        "I also have psoriasis on my elbows and the new spots itch.",
    )
    in_title = ask(
        "Can psoriasis spread to the scalp?",
        "Flaky patches appeared behind my ears last month and they itch.",
    )

    assert _ids("psoriasis") == [in_title.pk, in_body.pk]


def test_it_reports_the_total_and_pages_through_results(ask):
    questions = [
        ask(f"Sunburn question number {n} this week", "Peeling after a sunburn.")
        for n in range(5)
    ]

    first = search_questions("sunburn", limit=2)
    third = search_questions("sunburn", limit=2, offset=4)

    assert first.total == 5 and len(first.results) == 2
    assert third.total == 5 and len(third.results) == 1
    seen = {r.question.pk for r in first.results} | {
        r.question.pk for r in third.results
    }
    assert seen <= {q.pk for q in questions}


def test_words_found_nowhere_give_an_empty_page(winter):
    page = search_questions("appendicitis")

    assert page.results == [] and page.total == 0
    assert page.query == "appendicitis"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's planner settings"
)
def test_a_search_leaves_the_planner_settings_of_the_connection_alone(
    transactional_db, winter
):
    """The words search turns parallel plans off for its own transaction only."""

    def parallel_workers():
        with connection.cursor() as cursor:
            cursor.execute("SHOW max_parallel_workers_per_gather")
            return cursor.fetchone()[0]

    with connection.cursor() as cursor:
        cursor.execute("SET max_parallel_workers_per_gather = 1")
    try:
        assert _ids("winter hands") == [winter.pk]
        assert parallel_workers() == "1"
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET max_parallel_workers_per_gather")
