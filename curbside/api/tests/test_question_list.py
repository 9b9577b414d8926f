"""GET /questions: a page of visible questions, filtered and sorted."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def three(eczema, dermatology):
    """Three questions: old and answered with helpful votes, middle and answered
    recently, new and unanswered."""
    now = timezone.now()
    old = factories.QuestionFactory(
        created_at=now - timedelta(days=3), answer_count=1, helpful_count=5,
        last_answered_at=now - timedelta(days=2), topics=[eczema],
    )  # fmt: skip
    middle = factories.QuestionFactory(
        created_at=now - timedelta(days=2), answer_count=1, helpful_count=1,
        last_answered_at=now - timedelta(hours=1), topics=[dermatology],
    )  # fmt: skip
    new = factories.QuestionFactory(created_at=now)
    return old, middle, new


def test_it_lists_newest_first_with_pagination_fields(client, three):
    old, middle, new = three
    body = client.get("/api/v1/questions").json()
    assert body["count"] == 3 and body["page"] == 1 and body["page_size"] == 20
    assert [item["id"] for item in body["items"]] == [new.pk, middle.pk, old.pk]
    first = body["items"][2]
    assert first["url"] == old.get_absolute_url()
    assert first["asker_name"] == old.asker_name
    assert first["topics"] == [{"slug": "eczema", "name": "Eczema"}]
    assert first["is_answered"] is True


def test_it_pages_through_the_list(client, three):
    old, middle, new = three
    assert ids(client.get("/api/v1/questions?page_size=2")) == [new.pk, middle.pk]
    second = client.get("/api/v1/questions?page_size=2&page=2").json()
    assert [item["id"] for item in second["items"]] == [old.pk]
    assert second["count"] == 3 and second["page"] == 2
    assert ids(client.get("/api/v1/questions?page_size=2&page=9")) == []


def test_it_refuses_a_page_size_over_100(client, three):
    response = client.get("/api/v1/questions?page_size=101")
    assert response.status_code == 400
    assert "page_size" in response.json()["errors"]
    assert client.get("/api/v1/questions?page_size=100").status_code == 200


def test_it_sorts_by_recent_answer_and_by_helpfulness(client, three):
    old, middle, new = three
    recent = ids(client.get("/api/v1/questions?sort=recently_answered"))
    assert recent == [middle.pk, old.pk, new.pk]
    helpful = ids(client.get("/api/v1/questions?sort=most_helpful"))
    assert helpful == [old.pk, middle.pk, new.pk]


def test_it_filters_answered_and_unanswered(client, three):
    old, middle, new = three
    assert ids(client.get("/api/v1/questions?answered=false")) == [new.pk]
    assert ids(client.get("/api/v1/questions?answered=true")) == [middle.pk, old.pk]


def test_it_filters_by_topic_including_topics_under_it(client, three):
    old, middle, new = three
    assert ids(client.get("/api/v1/questions?topic=eczema")) == [old.pk]
    assert ids(client.get("/api/v1/questions?topic=dermatology")) == [
        middle.pk,
        old.pk,
    ]


def test_it_says_which_topic_does_not_exist(client, three):
    response = client.get("/api/v1/questions?topic=no-such-topic")
    assert response.status_code == 400
    assert "no-such-topic" in response.json()["errors"]["topic"][0]


def test_it_hides_removed_questions(client, three):
    old, middle, new = three
    factories.QuestionFactory(is_removed=True)
    assert client.get("/api/v1/questions").json()["count"] == 3


def test_it_lists_in_a_fixed_number_of_queries(
    client, three, eczema, django_assert_max_num_queries
):
    for _n in range(10):
        factories.QuestionFactory(topics=[eczema])
    with django_assert_max_num_queries(3):
        assert len(ids(client.get("/api/v1/questions"))) == 13
