"""Search filters: by topic (exactly the topics given) and answered or not."""

import pytest

from curbside.questions.services import answer_post, question_create
from curbside.search.selectors import search_questions
from tests import factories

ADVICE = "Cold dry air strips the skin barrier; use a thick emollient at night."


@pytest.fixture
def ask(patient, django_capture_on_commit_callbacks):
    def ask(title, topics=()):
        with django_capture_on_commit_callbacks(execute=True):
            return question_create(
                asker=patient, title=title, topics=list(topics),
                body="It itches most at night and keeps me awake.",
            )  # fmt: skip

    return ask


def _ids(query, **filters):
    return {r.question.pk for r in search_questions(query, **filters).results}


def test_it_keeps_only_questions_in_the_given_topics(ask, eczema):
    cardiology = factories.SpecialtyFactory(name="Cardiology")
    skin = ask("Itching hands in winter", [eczema])
    heart = ask("Itching after starting a heart pill", [cardiology])

    assert _ids("itching") == {skin.pk, heart.pk}
    assert _ids("itching", topic_ids=(eczema.pk,)) == {skin.pk}
    assert _ids("itching", topic_ids=(eczema.pk, cardiology.pk)) == {
        skin.pk,
        heart.pk,
    }


def test_a_topic_filter_matches_the_exact_topics_not_those_beneath(
    ask, dermatology, eczema
):
    filed_under_child = ask("Itching hands in winter", [eczema])

    assert _ids("itching", topic_ids=(dermatology.pk,)) == set()
    assert _ids("itching", topic_ids=(eczema.pk,)) == {filed_under_child.pk}


def test_it_keeps_answered_or_unanswered_questions(
    ask, verified_physician, django_capture_on_commit_callbacks
):
    answered = ask("Itching hands in winter")
    waiting = ask("Itching scalp after a new shampoo")
    with django_capture_on_commit_callbacks(execute=True):
        answer_post(question=answered, author=verified_physician.user, body=ADVICE)

    assert _ids("itching", answered=True) == {answered.pk}
    assert _ids("itching", answered=False) == {waiting.pk}
    assert _ids("itching", answered=None) == {answered.pk, waiting.pk}


def test_the_total_respects_the_filters(ask, eczema):
    ask("Itching hands in winter", [eczema])
    ask("Itching scalp after a new shampoo")

    assert search_questions("itching", topic_ids=(eczema.pk,)).total == 1
