"""GET /search: questions found by their words, with a highlighted snippet."""

import pytest

from curbside.questions import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(patient, verified_physician, eczema, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        winter = services.question_create(
            asker=patient, title="Why does my eczema flare every winter?",
            body="My hands crack and bleed from November to March.", topics=[eczema],
        )  # fmt: skip
        services.answer_post(
            question=winter, author=verified_physician.user,
            body="Cold dry air strips the skin barrier. Use a thick emollient.",
        )  # fmt: skip
        knee = services.question_create(
            asker=patient, title="My knee clicks when I climb stairs",
            body="There is no pain, only a clicking sound since last winter.",
        )  # fmt: skip
    return winter, knee


def test_it_finds_questions_by_the_words_of_their_answers(client, indexed):
    winter, knee = indexed
    response = client.get("/api/v1/search?q=emollient")
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "emollient" and body["count"] == 1
    [hit] = body["items"]
    assert hit["question"]["id"] == winter.pk
    assert hit["question"]["url"] == winter.get_absolute_url()
    assert hit["score"] > 0
    assert "<mark>" in hit["snippet_html"]


def test_it_filters_by_topic_and_answered(client, indexed):
    winter, knee = indexed
    assert client.get("/api/v1/search?q=knee&answered=true").json()["count"] == 0
    assert client.get("/api/v1/search?q=knee&answered=false").json()["count"] == 1
    found = client.get("/api/v1/search?q=winter&topic=dermatology").json()
    assert [h["question"]["id"] for h in found["items"]] == [winter.pk]
    assert client.get("/api/v1/search?q=knee&topic=eczema").json()["count"] == 0


def test_it_pages_through_results(client, indexed):
    body = client.get("/api/v1/search?q=winter&page_size=1&page=2").json()
    assert body["count"] == 2 and body["page"] == 2 and len(body["items"]) == 1


def test_it_finds_nothing_for_an_empty_query(client, indexed):
    body = client.get("/api/v1/search?q=").json()
    assert body["count"] == 0 and body["items"] == []


def test_it_rejects_a_missing_query_or_unknown_topic(client, indexed):
    assert client.get("/api/v1/search").json()["errors"]["q"]
    response = client.get("/api/v1/search?q=rash&topic=no-such-topic")
    assert response.status_code == 400
    assert "topic" in response.json()["errors"]


def test_each_hit_says_which_ranking_found_it(client, indexed):
    winter, _knee = indexed
    body = client.get("/api/v1/search?q=eczema winter hands").json()
    assert body["items"][0]["question"]["id"] == winter.pk
    assert body["items"][0]["matched"] in {"words", "both"}


def test_it_filters_by_specialty_and_rejects_an_unknown_one(
    client, indexed, dermatology
):
    winter, _knee = indexed
    body = client.get(
        f"/api/v1/search?q=eczema winter&specialty={dermatology.slug}"
    ).json()
    assert [hit["question"]["id"] for hit in body["items"]] == [winter.pk]

    response = client.get("/api/v1/search?q=eczema&specialty=astrology")
    assert response.status_code == 400
    assert "specialty" in response.json()["errors"]


def test_it_rejects_an_unknown_sort(client, indexed):
    response = client.get("/api/v1/search?q=eczema&sort=loudest")
    assert response.status_code == 400
    assert "sort" in response.json()["errors"]


def test_similar_lists_answered_questions_like_the_one_typed(client, indexed):
    winter, knee = indexed
    response = client.get(
        "/api/v1/search/similar",
        {"title": "Why does my eczema flare every winter?",
         "details": "My hands crack and bleed."},
    )  # fmt: skip
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["question"]["id"] for item in items] == [winter.pk]
    assert items[0]["question"]["answer_count"] == 1
    assert items[0]["top_specialty"] == "Dermatology"


def test_similar_rejects_an_overlong_title_with_a_reason(client, indexed):
    response = client.get("/api/v1/search/similar", {"title": "rash " * 100})
    assert response.status_code == 400
    assert "title" in response.json()["errors"]
