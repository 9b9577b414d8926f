"""Whatever a person types in the search box, search answers without an error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curbside.search.selectors import search_questions
from curbside.search.services import search_index_question
from tests import factories


@pytest.fixture
def indexed(db):
    question = factories.QuestionFactory(
        title="Does the rash near my eye need drops?",
        body="It is red, it itches and it spread to the eyelid.",
    )
    search_index_question(question_id=question.pk)
    return question


@pytest.mark.parametrize(
    "query",
    ["", "   ", "the", "is it the", "what should I do?", "?!.,;:", "---", "()"],
)
def test_stop_words_or_punctuation_alone_give_an_empty_page(indexed, query):
    page = search_questions(query)

    assert page.results == [] and page.total == 0


@pytest.mark.parametrize(
    "query",
    [
        'rash"', '"rash', "rash*", "^rash", "-rash", "rash NEAR eye",
        "NEAR(rash eye)", "rash AND eye", "rash OR", "NOT rash", "(rash",
        "rash)", "title:rash", "{title body}: rash", "rash + eye", "rash_eye",
        "Rash", "RASH!",
    ],
)  # fmt: skip
def test_search_syntax_characters_are_taken_as_plain_words(indexed, query):
    page = search_questions(query)

    assert [r.question for r in page.results] == [indexed]


def test_a_very_long_query_is_cut_short_not_refused(indexed):
    page = search_questions("rash " * 1000)

    assert [r.question for r in page.results] == [indexed]
    assert len(page.query) <= 300


syntax_heavy = st.lists(
    st.one_of(
        st.sampled_from(
            ['"', "'", "(", ")", "*", "^", "-", "+", ":", "NEAR", "AND", "OR",
             "NOT", "{", "}", "_", " ", "rash", "eye", "the", "\x00", "\\", "%"]
        ),
        st.text(max_size=5),
    ),
    max_size=20,
).map("".join)  # fmt: skip


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=st.one_of(st.text(), syntax_heavy))
def test_search_never_raises_on_any_text(indexed, query):
    page = search_questions(query)

    assert page.total >= len(page.results)
    assert all(r.question == indexed for r in page.results)
