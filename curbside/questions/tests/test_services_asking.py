"""Asking a question: who may ask, what a question needs, what readers see."""

import pytest
from django.contrib.auth.models import AnonymousUser

from curbside.core.errors import Forbidden, Invalid
from curbside.questions.models import MAX_TOPICS, Question
from curbside.questions.services import question_create
from tests import factories

TITLE = "Why does my eczema flare every winter?"
BODY = "My hands crack and bleed from November to March, every year."


def test_a_confirmed_member_asks_and_the_question_waits_for_an_answer(patient, eczema):
    question = question_create(asker=patient, title=TITLE, body=BODY, topics=[eczema])

    question.refresh_from_db()
    assert question.asker == patient
    assert question.asker_name == "Alice"
    assert question.is_anonymous is False
    assert question.slug == "why-does-my-eczema-flare-every-winter"
    assert list(question.topics.all()) == [eczema]
    assert question.needs_answer_since == question.created_at
    assert question.answer_count == 0


def test_an_anonymous_question_shows_the_pseudonym_not_the_name(patient):
    question = question_create(asker=patient, title=TITLE, body=BODY, anonymous=True)

    assert question.is_anonymous is True
    assert question.asker_name == patient.pseudonym
    assert "Alice" not in question.asker_name
    assert "alice" not in question.asker_name.lower()


def test_a_member_who_has_not_confirmed_their_e_mail_cannot_ask_yet(db):
    newcomer = factories.UserFactory(email_confirmed=False)

    with pytest.raises(Forbidden) as caught:
        question_create(asker=newcomer, title=TITLE, body=BODY)

    assert caught.value.code == "email_unconfirmed"
    assert "Confirm your e-mail" in caught.value.message
    assert not Question.objects.exists()


def test_a_visitor_cannot_ask(db):
    with pytest.raises(Forbidden) as caught:
        question_create(asker=AnonymousUser(), title=TITLE, body=BODY)

    assert caught.value.code == "login_required"


def test_a_deactivated_member_cannot_ask(patient):
    patient.is_active = False
    patient.save()

    with pytest.raises(Forbidden):
        question_create(asker=patient, title=TITLE, body=BODY)
    assert not Question.objects.exists()


def test_a_short_title_is_refused_with_a_message_on_the_title(patient):
    with pytest.raises(Invalid) as caught:
        question_create(asker=patient, title="  Rash? ", body=BODY)

    assert list(caught.value.errors) == ["title"]
    assert "at least 10 characters" in caught.value.errors["title"][0]


def test_a_short_body_is_refused_with_a_message_that_says_what_to_add(patient):
    with pytest.raises(Invalid) as caught:
        question_create(asker=patient, title=TITLE, body="It itches.")

    assert list(caught.value.errors) == ["body"]
    assert "since when" in caught.value.errors["body"][0]


def test_every_problem_is_reported_at_once(patient):
    with pytest.raises(Invalid) as caught:
        question_create(asker=patient, title="Rash?", body="Itches.")

    assert set(caught.value.errors) == {"title", "body"}


def test_too_many_topics_are_refused(patient, dermatology):
    topics = [
        factories.TopicFactory(name=f"Skin topic {n}", parent=dermatology)
        for n in range(MAX_TOPICS + 1)
    ]

    with pytest.raises(Invalid) as caught:
        question_create(asker=patient, title=TITLE, body=BODY, topics=topics)

    assert "at most 5 topics" in caught.value.errors["topics"][0]
    assert not Question.objects.exists()


def test_an_unknown_age_range_is_refused(patient):
    with pytest.raises(Invalid) as caught:
        question_create(asker=patient, title=TITLE, body=BODY, age_range="150+")

    assert "age_range" in caught.value.errors


def test_a_title_without_letters_still_gets_an_address(patient):
    question = question_create(asker=patient, title="??? !!! ??? !!! ???", body=BODY)

    assert question.slug == "question"
    assert question.get_absolute_url()
