"""POST /triage checks a question's text as the ask page does; POST /questions
includes the same check and marks urgent questions. Sentences written for
these tests."""

import json

import pytest

from curbside.questions.models import Question

pytestmark = pytest.mark.django_db

EMERGENCY = {
    "title": "Crushing pain in my chest right now",
    "body": "Started twenty minutes ago, I'm sweating and short of breath.",
}


def post(client, path, payload, **headers):
    return client.post(
        path, data=json.dumps(payload), content_type="application/json", **headers
    )


def test_it_assesses_an_emergency_with_spans_and_numbers(client):
    response = post(client, "/api/v1/triage", EMERGENCY)

    data = response.json()
    assert response.status_code == 200
    assert data["level"] == "emergency"
    assert "cardiac" in data["categories"]
    assert data["crisis"] is False
    assert data["emergency_number"] == "911" and data["crisis_line"] == "988"
    for span in data["spans"]:
        text = EMERGENCY[span["field"]]
        assert text[span["start"] : span["end"]] == span["text"]


def test_it_finds_personal_details_with_placeholders(client):
    body = "I'm Ines Carvalho; my knee aches. Ring 020 7946 0312."

    data = post(client, "/api/v1/triage", {"title": "Knee pain", "body": body}).json()

    assert data["level"] == "routine"
    assert [
        (f["type"], f["text"], f["placeholder"]) for f in data["personal_data"]
    ] == [
        ("PERSON", "Ines Carvalho", "[name]"),
        ("PHONE", "020 7946 0312", "[phone number]"),
    ]


def test_it_refuses_text_longer_than_a_question_with_a_reason(client):
    response = post(client, "/api/v1/triage", {"title": "x" * 1000, "body": ""})

    assert response.status_code in (400, 422)
    assert "title" in json.dumps(response.json())


def test_asking_includes_the_check_and_marks_an_emergency_urgent(
    client, patient, bearer
):
    response = post(client, "/api/v1/questions", EMERGENCY, **bearer(patient))

    data = response.json()
    assert response.status_code == 201
    assert data["triage"]["level"] == "emergency"
    assert data["is_urgent"] is True
    assert Question.objects.get(pk=data["id"]).is_urgent
