"""POST /questions/{id}/answers: only a verified physician answers, once."""

import json

import pytest

from curbside.questions.models import Answer
from tests import factories

pytestmark = pytest.mark.django_db

ANSWER = "Cold dry air strips the skin barrier. Use a **thick emollient** twice a day."


def answer(client, question, headers, body=ANSWER):
    return client.post(
        f"/api/v1/questions/{question.pk}/answers",
        data=json.dumps({"body": body}),
        content_type="application/json",
        **headers,
    )


def test_it_posts_a_verified_physicians_answer(
    client, question, verified_physician, bearer
):
    response = answer(client, question, bearer(verified_physician.user))
    assert response.status_code == 201
    body = response.json()
    saved = Answer.objects.get(pk=body["id"])
    assert saved.physician == verified_physician and saved.question == question
    assert body["body"] == ANSWER
    assert "<strong>thick emollient</strong>" in body["body_html"]
    assert body["physician"]["slug"] == verified_physician.slug
    assert body["agreements"] == [] and body["helpful_count"] == 0
    question.refresh_from_db()
    assert question.answer_count == 1


def test_it_sanitizes_the_html_of_an_answer(
    client, question, verified_physician, bearer
):
    body = ANSWER + "\n\n<script>alert(1)</script> [x](javascript:alert(1))"
    response = answer(client, question, bearer(verified_physician.user), body)
    assert response.status_code == 201
    assert "<script" not in response.json()["body_html"]
    assert 'href="javascript:' not in response.json()["body_html"]


def test_it_refuses_a_patient(client, question, outsider, bearer):
    response = answer(client, question, bearer(outsider))
    assert response.status_code == 403
    assert response.json()["code"] == "physician_required"
    assert not Answer.objects.exists()


def test_it_refuses_a_physician_waiting_for_verification(
    client, question, unverified_physician, bearer
):
    response = answer(client, question, bearer(unverified_physician.user))
    assert response.status_code == 403
    assert response.json()["code"] == "physician_required"
    assert not Answer.objects.exists()


def test_it_refuses_a_second_answer_by_the_same_physician(
    client, question, verified_physician, bearer
):
    headers = bearer(verified_physician.user)
    assert answer(client, question, headers).status_code == 201
    response = answer(client, question, headers, ANSWER + " One more thing.")
    assert response.status_code == 409
    assert response.json()["code"] == "already_answered"
    assert Answer.objects.count() == 1


def test_it_refuses_a_too_short_answer(client, question, verified_physician, bearer):
    response = answer(client, question, bearer(verified_physician.user), "Fine.")
    assert response.status_code == 400
    assert "body" in response.json()["errors"]


def test_it_answers_404_for_a_removed_or_missing_question(
    client, verified_physician, bearer
):
    removed = factories.QuestionFactory(is_removed=True)
    headers = bearer(verified_physician.user)
    assert answer(client, removed, headers).status_code == 404
    missing = factories.QuestionFactory.build(pk=987654)
    assert answer(client, missing, headers).status_code == 404
