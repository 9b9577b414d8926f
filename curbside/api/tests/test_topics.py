"""GET /topics and GET /topics/{slug}."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_it_lists_every_topic_with_its_parent_and_question_count(
    client, eczema, dermatology
):
    factories.QuestionFactory(topics=[eczema])
    factories.QuestionFactory(topics=[eczema], is_removed=True)
    response = client.get("/api/v1/topics")
    assert response.status_code == 200
    by_slug = {t["slug"]: t for t in response.json()}
    assert by_slug["eczema"]["parent"] == "dermatology"
    assert by_slug["eczema"]["question_count"] == 1
    assert by_slug["eczema"]["url"] == eczema.get_absolute_url()
    assert by_slug["dermatology"]["parent"] is None
    assert by_slug["dermatology"]["kind"] == "specialty"


def test_it_shows_a_topic_with_the_topics_under_it(client, eczema, dermatology):
    factories.QuestionFactory(topics=[dermatology])
    response = client.get("/api/v1/topics/dermatology")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Dermatology"
    assert body["children"] == [{"slug": "eczema", "name": "Eczema"}]
    assert body["question_count"] == 1


def test_it_answers_404_for_an_unknown_topic(client, db):
    response = client.get("/api/v1/topics/no-such-topic")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_it_lists_topics_in_a_fixed_number_of_queries(
    client, eczema, django_assert_max_num_queries
):
    """The topics, and the question counts of all topics (shared, cached)."""
    for _n in range(10):
        factories.TopicFactory(parent=eczema)
    with django_assert_max_num_queries(2):
        assert len(client.get("/api/v1/topics").json()) == 12
