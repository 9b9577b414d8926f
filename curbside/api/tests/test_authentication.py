"""Reads need no token; every write needs a valid one in the Authorization
header; cookies neither authorize a write nor require a CSRF token."""

import json

import pytest
from django.test import Client

from curbside.accounts.services import api_token_create, api_token_revoke
from tests.factories import PASSWORD

WRITES = [
    ("post", "/api/v1/questions", {"title": "A question title", "body": "x" * 30}),
    ("post", "/api/v1/questions/{question}/answers", {"body": "x" * 30}),
    ("post", "/api/v1/answers/{answer}/helpful", None),
    ("delete", "/api/v1/answers/{answer}/helpful", None),
    ("put", "/api/v1/answers/{answer}/stance", {"stance": "agree"}),
    ("delete", "/api/v1/answers/{answer}/stance", None),
    ("get", "/api/v1/me", None),
]


def call(client, method, url, data=None, **headers):
    if data is None:
        return getattr(client, method)(url, **headers)
    return getattr(client, method)(
        url, data=json.dumps(data), content_type="application/json", **headers
    )


def urls(answered_question, bob_answer):
    for method, url, data in WRITES:
        yield method, url.format(question=answered_question.pk,
                                 answer=bob_answer.pk), data  # fmt: skip


def test_it_refuses_every_write_from_a_visitor_with_401(
    client, answered_question, bob_answer
):
    for method, url, data in urls(answered_question, bob_answer):
        response = call(client, method, url, data)
        assert response.status_code == 401, (method, url)
        assert response.json()["code"] == "unauthorized"
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_refuses_a_wrong_or_revoked_token(client, patient, answered_question):
    token, raw = api_token_create(user=patient, name="script")
    api_token_revoke(user=patient, token_id=token.pk)
    for header in (f"Bearer {raw}", "Bearer cbs_made-up", f"Token {raw}"):
        response = client.get("/api/v1/me", HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header
        response = client.get(
            f"/api/v1/questions/{answered_question.pk}", HTTP_AUTHORIZATION=header
        )
        assert response.status_code == 401, header


def test_it_serves_reads_without_a_token(client, answered_question):
    for url in (
        "/api/v1/questions",
        f"/api/v1/questions/{answered_question.pk}",
        "/api/v1/topics",
        "/api/v1/physicians",
        "/api/v1/search?q=rash",
    ):
        assert client.get(url).status_code == 200, url


def test_it_needs_no_csrf_token_with_a_bearer_token(patient, bearer, eczema):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/questions",
        data=json.dumps({
            "title": "Can eczema spread to my face?",
            "body": "It is on my hands and now there is a dry patch on my cheek.",
            "topics": ["eczema"],
        }),
        content_type="application/json",
        **bearer(patient),
    )  # fmt: skip
    assert response.status_code == 201


@pytest.mark.django_db
def test_it_does_not_accept_a_logged_in_session_for_writes(patient):
    client = Client(enforce_csrf_checks=True)
    assert client.login(email=patient.email, password=PASSWORD)
    response = client.post(
        "/api/v1/questions",
        data=json.dumps({"title": "A question title", "body": "x" * 30}),
        content_type="application/json",
    )
    assert response.status_code == 401
