"""Related questions: other answered questions that share the title's words."""

from curbside.search.selectors import related_questions
from curbside.search.services import search_index_question
from tests import factories


def _indexed(**kwargs):
    question = factories.QuestionFactory(**kwargs)
    search_index_question(question_id=question.pk)
    return question


def test_it_offers_answered_questions_with_the_same_words_but_not_itself(db):
    asked = _indexed(title="Eczema on my hands every winter", answer_count=2)
    similar = _indexed(title="Hand eczema that flares in winter", answer_count=1)
    _indexed(title="Eczema on the hands in winter again", answer_count=0)
    _indexed(title="Knee pain when climbing stairs", answer_count=3)

    assert related_questions(asked) == [similar]


def test_it_keeps_the_ranking_but_reads_the_questions_fresh(db):
    asked = _indexed(title="Migraine with aura and bright lights", answer_count=1)
    similar = _indexed(title="Bright lights before a migraine", answer_count=1)
    assert related_questions(asked) == [similar]

    similar.is_removed = True
    similar.save(update_fields=["is_removed"])

    assert related_questions(asked) == []
