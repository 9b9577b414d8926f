"""Related questions: the nearest answered questions by meaning, else by topics."""

from curbside.search.selectors import related_questions
from curbside.search.services import search_index_question
from tests import factories


def _indexed(**kwargs):
    question = factories.QuestionFactory(**kwargs)
    search_index_question(question_id=question.pk)
    return question


def test_it_offers_the_nearest_answered_questions_but_not_itself(db):
    asked = _indexed(
        title="Eczema on my hands every winter",
        answer_count=2,
        body="The skin on my hands cracks and itches every winter.",
    )
    similar = _indexed(
        title="Hand eczema that flares in winter",
        answer_count=1,
        body="Every winter the skin on my hands cracks and itches.",
    )
    _indexed(
        title="Eczema on the hands in winter again",
        answer_count=0,
        body="The skin on my hands cracks and itches every winter again.",
    )
    _indexed(title="Knee pain when climbing stairs", answer_count=3,
             body="A sharp ache below the kneecap on the way up.")  # fmt: skip

    assert related_questions(asked) == [similar]


def test_it_keeps_the_ranking_but_reads_the_questions_fresh(db):
    asked = _indexed(title="Migraine with aura and bright lights", answer_count=1)
    similar = _indexed(title="Bright lights before a migraine", answer_count=1)
    assert related_questions(asked) == [similar]

    similar.is_removed = True
    similar.save(update_fields=["is_removed"])

    assert related_questions(asked) == []


def test_without_a_vector_it_prefers_shared_topics_then_the_newest(eczema):
    """Before the question is indexed (its vector not yet stored), topics decide."""
    make = factories.QuestionFactory
    acne = factories.TopicFactory(name="Acne", slug="acne")
    asked = make(title="Dry patches", answer_count=1, topics=[eczema, acne])
    older_one_topic = make(title="Itchy elbows", answer_count=1, topics=[eczema])
    both_topics = make(title="Spots and flaky skin", answer_count=1,
                       topics=[eczema, acne])  # fmt: skip
    one_topic = make(title="Red cheeks", answer_count=1, topics=[acne])
    make(title="Unanswered rash", answer_count=0, topics=[eczema, acne])

    assert related_questions(asked) == [both_topics, one_topic, older_one_topic]
