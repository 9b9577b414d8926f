"""Helpful marks (any member) and stances (verified physicians) on answers."""

import json

import pytest

from curbside.questions.models import Agreement, HelpfulVote

pytestmark = pytest.mark.django_db


def put_stance(client, answer, headers, **data):
    return client.put(
        f"/api/v1/answers/{answer.pk}/stance",
        data=json.dumps(data),
        content_type="application/json",
        **headers,
    )


def test_it_marks_an_answer_helpful_once_and_takes_it_back(
    client, bob_answer, outsider, bearer
):
    headers = bearer(outsider)
    url = f"/api/v1/answers/{bob_answer.pk}/helpful"
    for _twice in range(2):
        response = client.post(url, **headers)
        assert response.status_code == 200
        assert response.json() == {
            "answer_id": bob_answer.pk, "helpful": True, "helpful_count": 2,
        }  # fmt: skip
    response = client.delete(url, **headers)
    assert response.json() == {
        "answer_id": bob_answer.pk, "helpful": False, "helpful_count": 1,
    }  # fmt: skip
    assert not HelpfulVote.objects.filter(user=outsider).exists()


def test_it_refuses_marking_your_own_answer_helpful(
    client, bob_answer, verified_physician, bearer
):
    response = client.post(
        f"/api/v1/answers/{bob_answer.pk}/helpful", **bearer(verified_physician.user)
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_it_answers_404_for_a_removed_answer(client, bob_answer, outsider, bearer):
    bob_answer.is_removed = True
    bob_answer.save(update_fields=["is_removed"])
    response = client.post(
        f"/api/v1/answers/{bob_answer.pk}/helpful", **bearer(outsider)
    )
    assert response.status_code == 404


def test_it_lets_a_verified_physician_disagree_with_a_reason_then_withdraw(
    client, bob_answer, second_physician, bearer
):
    headers = bearer(second_physician.user)
    response = put_stance(client, bob_answer, headers, stance="disagree",
                          reason="It could also be a fungal infection.")  # fmt: skip
    assert response.status_code == 200
    assert response.json() == {
        "answer_id": bob_answer.pk, "stance": "disagree",
        "reason": "It could also be a fungal infection.",
        "agree_count": 0, "disagree_count": 1,
    }  # fmt: skip
    response = client.delete(f"/api/v1/answers/{bob_answer.pk}/stance", **headers)
    assert response.status_code == 200
    assert response.json()["stance"] is None
    assert response.json()["agree_count"] == response.json()["disagree_count"] == 0
    assert not Agreement.objects.exists()


def test_it_requires_a_reason_to_disagree(client, bob_answer, second_physician, bearer):
    response = put_stance(client, bob_answer, bearer(second_physician.user),
                          stance="disagree")  # fmt: skip
    assert response.status_code == 400
    assert response.json()["code"] == "reason_required"
    assert "reason" in response.json()["errors"]


def test_it_refuses_an_unknown_stance(client, bob_answer, second_physician, bearer):
    response = put_stance(client, bob_answer, bearer(second_physician.user),
                          stance="maybe")  # fmt: skip
    assert response.status_code == 400
    assert "stance" in response.json()["errors"]


def test_it_refuses_a_stance_from_a_patient_or_an_unverified_physician(
    client, bob_answer, patient, unverified_physician, bearer
):
    for user in (patient, unverified_physician.user):
        response = put_stance(client, bob_answer, bearer(user), stance="agree")
        assert response.status_code == 403
        assert response.json()["code"] == "physician_required"
        response = client.delete(
            f"/api/v1/answers/{bob_answer.pk}/stance", **bearer(user)
        )
        assert response.status_code == 403
    assert Agreement.objects.count() == 1  # Carol's, from the fixture


def test_it_refuses_a_stance_on_your_own_answer(
    client, bob_answer, verified_physician, bearer
):
    response = put_stance(client, bob_answer, bearer(verified_physician.user),
                          stance="agree")  # fmt: skip
    assert response.status_code == 403
