"""Every error answers JSON with a stable code, a message and per-field errors;
bad input is a 400 and never a 500."""

import json

import pytest

pytestmark = pytest.mark.django_db


def post_json(client, url, data, **headers):
    body = data if isinstance(data, str) else json.dumps(data)
    return client.post(url, data=body, content_type="application/json", **headers)


def test_it_answers_json_404_for_an_unknown_endpoint(client):
    for url in ("/api/v1/nothing-here", "/api/v1/questions/abc", "/api/v1/x/y/z"):
        response = client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["code"] == "unknown_endpoint"
        assert response.json()["message"]


def test_it_answers_json_405_for_a_method_an_endpoint_does_not_take(client):
    response = client.patch("/api/v1/questions")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert set(response["Allow"].split(", ")) == {"GET", "POST"}


def test_it_answers_json_404_for_an_unknown_id_or_slug(client):
    for url in (
        "/api/v1/questions/987654",
        "/api/v1/topics/no-such-topic",
        "/api/v1/physicians/no-such-doctor",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["code"] == "not_found"


def test_it_names_each_field_that_fails_the_schema(client, patient, bearer):
    response = post_json(
        client,
        "/api/v1/questions",
        {"title": 42, "topics": "eczema", "age_range": "very old"},
        **bearer(patient),
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["errors"]) == {"title", "body", "topics", "age_range"}
    assert all(body["errors"][field] for field in body["errors"])


def test_it_rejects_a_body_that_is_not_json(client, patient, bearer):
    response = post_json(client, "/api/v1/questions", "{not json", **bearer(patient))
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


def test_it_names_bad_query_parameters(client):
    response = client.get("/api/v1/questions?page=0&sort=oldest&answered=maybe")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"page", "sort", "answered"}


def test_it_refuses_a_page_number_too_large_for_the_database(client):
    for url in ("/api/v1/questions", "/api/v1/physicians", "/api/v1/search?q=a"):
        sep = "&" if "?" in url else "?"
        response = client.get(f"{url}{sep}page=99999999999999999999&page_size=100")
        assert response.status_code == 400, url
        assert "page" in response.json()["errors"]


def test_it_passes_a_service_error_code_and_field_through(client, patient, bearer):
    response = post_json(
        client,
        "/api/v1/questions",
        {"title": "Rash?", "body": "Itchy."},
        **bearer(patient),
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["errors"]) == {"title", "body"}


def test_it_answers_429_with_a_code_when_the_rate_limit_is_reached(
    client, patient, bearer, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "question": 1}
    headers = bearer(patient)
    question = {
        "title": "Why does my skin peel after swimming?",
        "body": "Every time I swim in a chlorinated pool my arms peel for days.",
    }
    assert (
        post_json(client, "/api/v1/questions", question, **headers).status_code == 201
    )
    response = post_json(client, "/api/v1/questions", question, **headers)
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
