"""GET /physicians (verified and imported only) and GET /physicians/{slug}."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_it_lists_only_verified_and_imported_physicians(
    client, verified_physician, second_physician, unverified_physician
):
    imported = factories.PhysicianFactory(name="Ida Imported", status="imported")
    factories.PhysicianFactory(name="Rex Rejected", status="rejected")
    response = client.get("/api/v1/physicians")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [p["slug"] for p in body["items"]] == [
        verified_physician.slug, second_physician.slug, imported.slug,
    ]  # fmt: skip
    bob = body["items"][0]
    assert bob["display_name"] == "Bob Baker, MD"
    assert bob["status"] == "verified"
    assert bob["specialties"] == [{"slug": "dermatology", "name": "Dermatology"}]
    assert bob["url"] == verified_physician.get_absolute_url()
    assert "@" not in response.content.decode()


def test_it_pages_through_physicians(client, verified_physician, second_physician):
    body = client.get("/api/v1/physicians?page_size=1&page=2").json()
    assert body["count"] == 2 and body["page"] == 2
    assert [p["slug"] for p in body["items"]] == [second_physician.slug]


def test_it_shows_a_profile_with_recent_answers(
    client, answered_question, verified_physician
):
    verified_physician.conflicts_of_interest = "Advises a maker of emollients."
    verified_physician.practice_name = "Baker Skin Clinic"
    verified_physician.save(update_fields=["conflicts_of_interest", "practice_name"])
    response = client.get(f"/api/v1/physicians/{verified_physician.slug}")
    assert response.status_code == 200
    body = response.json()
    assert body["conflicts_of_interest"] == "Advises a maker of emollients."
    assert body["practice_name"] == "Baker Skin Clinic"
    assert body["answer_count"] == 1 and body["helpful_count"] == 1
    [recent] = body["recent_answers"]
    assert recent["question"]["id"] == answered_question.pk
    assert recent["question"]["url"] == answered_question.get_absolute_url()
    assert "@" not in response.content.decode()


def test_it_hides_a_profile_waiting_for_verification(
    client, unverified_physician, bearer
):
    url = f"/api/v1/physicians/{unverified_physician.slug}"
    assert client.get(url).status_code == 404
    own = client.get(url, **bearer(unverified_physician.user))
    assert own.status_code == 200 and own.json()["status"] == "pending"


def test_it_lists_physicians_in_a_fixed_number_of_queries(
    client, dermatology, django_assert_max_num_queries
):
    for _n in range(10):
        factories.PhysicianFactory(specialties=[dermatology])
    with django_assert_max_num_queries(3):
        assert len(client.get("/api/v1/physicians").json()["items"]) == 10
