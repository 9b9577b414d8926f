"""The OpenAPI document lists every endpoint; the docs page works offline."""

import pytest

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/v1/questions": {"get", "post"},
    "/api/v1/questions/{question_id}": {"get"},
    "/api/v1/questions/{question_id}/answers": {"post"},
    "/api/v1/questions/{question_id}/consensus": {"get"},
    "/api/v1/questions/{question_id}/duplicate": {"post", "delete"},
    "/api/v1/answers/{answer_id}/helpful": {"post", "delete"},
    "/api/v1/answers/{answer_id}/stance": {"put", "delete"},
    "/api/v1/topics": {"get"},
    "/api/v1/topics/{slug}": {"get"},
    "/api/v1/physicians": {"get"},
    "/api/v1/physicians/{slug}": {"get"},
    "/api/v1/search": {"get"},
    "/api/v1/search/similar": {"get"},
    "/api/v1/me": {"get"},
    "/api/v1/triage": {"post"},
}


def test_it_serves_an_openapi_document_listing_every_endpoint(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Curbside API"
    assert {path: set(ops) for path, ops in document["paths"].items()} == PATHS
    assert document["components"]["securitySchemes"]["TokenAuth"]["scheme"] == (
        "bearer"
    )


def test_it_marks_writes_as_needing_a_token_and_reads_as_not(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert paths["/api/v1/questions"]["post"]["security"] == [{"TokenAuth": []}]
    assert {} in paths["/api/v1/questions"]["get"]["security"]
    assert "ErrorOut" in str(paths["/api/v1/questions"]["post"]["responses"]["400"])


def test_it_serves_the_docs_page_from_local_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "://" not in page.split("<body", 1)[0]
