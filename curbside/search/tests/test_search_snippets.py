"""Each result shows a snippet with the matching words marked, safely escaped."""

from curbside.search.selectors import search_questions
from curbside.search.services import search_index_question
from tests import factories


def _first_snippet(query):
    return search_questions(query).results[0].snippet_html


def test_the_snippet_marks_the_matching_words(db):
    question = factories.QuestionFactory(
        title="Peeling skin after sunburn",
        body="The sunburn on my shoulders is peeling in sheets.",
    )
    search_index_question(question_id=question.pk)

    assert "<mark>sunburn</mark>" in _first_snippet("sunburn").lower()


def test_markup_typed_in_a_question_is_shown_escaped(db):
    question = factories.QuestionFactory(
        title="What does <b>bold</b> itching mean?",
        body='My notes say <script>alert("x")</script> next to the itching rash.',
    )
    search_index_question(question_id=question.pk)

    snippet = _first_snippet("itching")

    assert "<b>" not in snippet and "<script" not in snippet
    assert "&lt;" in snippet
    assert "<mark>" in snippet


def test_markup_typed_in_an_answer_is_shown_escaped_once(verified_physician):
    question = factories.QuestionFactory(title="Sore throat for two weeks")
    factories.AnswerFactory(
        question=question,
        physician=verified_physician,
        body="Gargle salt water; if <b>tonsillitis</b> returns, see your GP.",
    )
    search_index_question(question_id=question.pk)

    snippet = _first_snippet("tonsillitis")

    assert "&lt;b&gt;" in snippet
    assert "&amp;lt;" not in snippet
