"""POST /questions: a member with a confirmed e-mail address asks; the answer is
201 with the question as GET /questions/{id} shows it."""

import json

import pytest

from curbside.questions.models import Question
from tests import factories

pytestmark = pytest.mark.django_db

QUESTION = {
    "title": "Why does my eczema flare every winter?",
    "body": "My hands crack and bleed from November to March, every year.",
    "topics": ["eczema"],
    "age_range": "30-44",
    "sex": "female",
    "duration": "years",
}


def ask(client, headers, **changes):
    return client.post(
        "/api/v1/questions",
        data=json.dumps({**QUESTION, **changes}),
        content_type="application/json",
        **headers,
    )


def test_it_posts_a_patients_question(client, patient, bearer, eczema):
    response = ask(client, bearer(patient))
    assert response.status_code == 201
    body = response.json()
    question = Question.objects.get(pk=body["id"])
    assert question.asker == patient
    assert list(question.topics.all()) == [eczema]
    assert body["title"] == QUESTION["title"]
    assert body["asker_name"] == "Alice"
    assert body["topics"] == [{"slug": "eczema", "name": "Eczema"}]
    assert (body["age_range"], body["sex"], body["duration"]) == (
        "30-44", "female", "years",
    )  # fmt: skip
    assert body["answers"] == [] and body["is_answered"] is False
    assert body["url"] == question.get_absolute_url()
    # The question as GET shows it, plus the asking-time check (triage).
    assert body.pop("triage")["level"] == "routine"
    assert client.get(f"/api/v1/questions/{question.pk}").json() == body


def test_it_shows_the_pseudonym_of_an_anonymous_asker(client, patient, bearer, eczema):
    body = ask(client, bearer(patient), anonymous=True).json()
    assert body["asker_name"] == patient.pseudonym
    assert "Alice" not in json.dumps(body)


def test_it_accepts_a_question_without_topics_or_details(client, patient, bearer):
    response = ask(client, bearer(patient), topics=[], age_range=None, sex=None,
                   duration=None)  # fmt: skip
    assert response.status_code == 201
    assert response.json()["topics"] == [] and response.json()["sex"] == ""


def test_it_names_an_unknown_topic(client, patient, bearer, eczema):
    response = ask(client, bearer(patient), topics=["eczema", "no-such-topic"])
    assert response.status_code == 400
    [message] = response.json()["errors"]["topics"]
    assert "no-such-topic" in message
    assert not Question.objects.exists()


def test_it_refuses_too_many_topics(client, patient, bearer, eczema):
    slugs = [factories.TopicFactory().slug for _n in range(6)]
    response = ask(client, bearer(patient), topics=slugs)
    assert response.status_code == 400
    assert "topics" in response.json()["errors"]


def test_it_refuses_a_member_who_has_not_confirmed_the_email(client, bearer, eczema):
    newcomer = factories.UserFactory(email_confirmed=False)
    response = ask(client, bearer(newcomer))
    assert response.status_code == 403
    assert response.json()["code"] == "email_unconfirmed"
    assert not Question.objects.exists()


def test_it_refuses_a_visitor(client, eczema):
    response = ask(client, {})
    assert response.status_code == 401
    assert not Question.objects.exists()
