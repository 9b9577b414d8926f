"""GET /questions/{id}: the question with every answer, its agreements,
follow-ups and topics — and never anyone's e-mail address."""

import pytest

from curbside.questions import services
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_shows_the_question_with_its_answers(
    client, answered_question, verified_physician, second_physician
):
    response = client.get(f"/api/v1/questions/{answered_question.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == answered_question.pk
    assert body["title"] == answered_question.title
    assert body["url"] == answered_question.get_absolute_url()
    assert body["url"].startswith(f"/questions/{answered_question.pk}/")
    assert body["topics"] == [{"slug": "eczema", "name": "Eczema"}]
    assert body["answer_count"] == 1 and body["helpful_count"] == 1

    [answer] = body["answers"]
    assert "**contact dermatitis**" in answer["body"]
    assert "<strong>contact dermatitis</strong>" in answer["body_html"]
    assert answer["helpful_count"] == 1
    assert answer["agree_count"] == 1 and answer["disagree_count"] == 0
    assert answer["created_at"] and answer["last_reviewed_at"]
    assert answer["url"].endswith(f"#answer-{answer['id']}")
    physician = answer["physician"]
    assert physician["slug"] == verified_physician.slug
    assert physician["display_name"] == "Bob Baker, MD"
    assert physician["status"] == "verified"
    assert physician["specialties"] == [{"slug": "dermatology", "name": "Dermatology"}]
    [agreement] = answer["agreements"]
    assert agreement["physician"]["name"] == "Carol Chen"
    assert agreement["stance"] == "agree"


def test_it_shows_disagreements_with_their_reason(
    client, answered_question, bob_answer, second_physician
):
    services.agreement_set(
        answer=bob_answer, physician_user=second_physician.user,
        stance="disagree", reason="A patch test is needed before saying so.",
    )  # fmt: skip
    body = client.get(f"/api/v1/questions/{answered_question.pk}").json()
    [agreement] = body["answers"][0]["agreements"]
    assert agreement["stance"] == "disagree"
    assert agreement["reason"] == "A patch test is needed before saying so."
    assert body["answers"][0]["disagree_count"] == 1


def test_it_shows_the_askers_follow_ups(client, question, patient):
    services.followup_add(
        question=question, author=patient, body="It now also itches during the day."
    )
    body = client.get(f"/api/v1/questions/{question.pk}").json()
    assert [f["body"] for f in body["followups"]] == [
        "It now also itches during the day."
    ]
    assert body["answers"] == []


def test_it_never_shows_an_email_address_or_the_name_of_an_anonymous_asker(
    client, patient, verified_physician, second_physician, eczema
):
    question = services.question_create(
        asker=patient, title="Is a mole that changed colour dangerous?",
        body="A mole on my back became darker over the summer.",
        topics=[eczema], anonymous=True,
    )  # fmt: skip
    answer = services.answer_post(
        question=question, author=verified_physician.user,
        body="Any mole that changes should be seen by a dermatologist soon.",
    )  # fmt: skip
    services.agreement_set(answer=answer, physician_user=second_physician.user,
                           stance="agree")  # fmt: skip
    services.followup_add(question=question, author=patient,
                          body="It is about 7 mm across and slightly raised.")  # fmt: skip
    response = client.get(f"/api/v1/questions/{question.pk}")
    text = response.content.decode()
    assert response.status_code == 200
    assert response.json()["asker_name"] == patient.pseudonym
    assert "@" not in text
    for private in ("alice", "Alice", "bob@", "carol@"):
        assert private not in text


def test_it_answers_404_for_a_removed_question(client, patient):
    removed = factories.QuestionFactory(asker=patient, is_removed=True)
    response = client.get(f"/api/v1/questions/{removed.pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_it_shows_a_removed_question_to_a_moderator(client, moderator, bearer):
    removed = factories.QuestionFactory(is_removed=True)
    response = client.get(f"/api/v1/questions/{removed.pk}", **bearer(moderator))
    assert response.status_code == 200


def test_it_reads_a_question_in_a_bounded_number_of_queries(
    client, answered_question, django_assert_max_num_queries
):
    for _n in range(4):
        physician = factories.PhysicianFactory()
        services.answer_post(question=answered_question, author=physician.user,
                             body="Another opinion: keep the skin moisturised.")  # fmt: skip
    with django_assert_max_num_queries(6):
        body = client.get(f"/api/v1/questions/{answered_question.pk}").json()
    assert len(body["answers"]) == 5
