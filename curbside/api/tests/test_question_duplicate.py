"""Duplicates in the API: ``duplicate_of`` on questions, ``merged_from`` on answers,
no redirect; moderators mark and undo with POST/DELETE /questions/{id}/duplicate."""

import json

import pytest

from curbside.questions import services
from curbside.questions.models import DuplicateDecision, Question
from tests import factories

pytestmark = pytest.mark.django_db

MERGED_ANSWER = "Dry winter air strips the skin barrier; use a thick emollient."


@pytest.fixture
def repeat(outsider, verified_physician):
    question = factories.QuestionFactory(asker=outsider,
                                         title="Eczema worse every winter, why?")  # fmt: skip
    services.answer_post(question=question, author=verified_physician.user,
                         body=MERGED_ANSWER)  # fmt: skip
    return question


def _mark(client, question, target_id, headers):
    return client.post(
        f"/api/v1/questions/{question.pk}/duplicate",
        data=json.dumps({"target": target_id}),
        content_type="application/json",
        **headers,
    )


def test_questions_carry_duplicate_of(client, answered_question, repeat, moderator):
    services.question_mark_duplicate(moderator=moderator, question=repeat,
                                     target=answered_question)  # fmt: skip

    duplicate = client.get(f"/api/v1/questions/{repeat.pk}")
    target = client.get(f"/api/v1/questions/{answered_question.pk}").json()

    assert duplicate.status_code == 200  # no redirect in the API
    assert duplicate.json()["duplicate_of"] == answered_question.pk
    assert target["duplicate_of"] is None
    merged = [a for a in target["answers"] if a["merged_from"] == repeat.pk]
    assert [a["body"] for a in merged] == [MERGED_ANSWER]
    assert sum(a["merged_from"] is None for a in target["answers"]) == 1


def test_the_list_leaves_duplicates_out(client, answered_question, repeat, moderator):
    services.question_mark_duplicate(moderator=moderator, question=repeat,
                                     target=answered_question)  # fmt: skip

    items = client.get("/api/v1/questions").json()["items"]

    assert [item["id"] for item in items] == [answered_question.pk]
    assert items[0]["duplicate_of"] is None


def test_a_moderator_marks_and_undoes_with_a_token(
    client, answered_question, repeat, moderator, bearer
):
    headers = bearer(moderator)

    marked = _mark(client, repeat, answered_question.pk, headers)
    assert marked.status_code == 200
    assert marked.json()["duplicate_of"] == answered_question.pk
    assert Question.objects.get(pk=repeat.pk).duplicate_of == answered_question

    undone = client.delete(f"/api/v1/questions/{repeat.pk}/duplicate", **headers)
    assert undone.status_code == 200
    assert undone.json()["duplicate_of"] is None
    assert [d.decided_by for d in DuplicateDecision.objects.all()] == [moderator] * 2


@pytest.mark.parametrize(
    ("target", "status", "code"),
    [(999999, 400, "unknown_target"), ("self", 400, "duplicate_of_itself")],
)
def test_it_explains_a_bad_target(
    client, repeat, moderator, bearer, target, status, code
):
    target_id = repeat.pk if target == "self" else target

    response = _mark(client, repeat, target_id, bearer(moderator))

    assert response.status_code == status
    assert response.json()["code"] == code
    assert response.json()["errors"]["target"]


def test_only_moderators_mark(client, answered_question, repeat, patient, bearer):
    response = _mark(client, repeat, answered_question.pk, bearer(patient))

    assert response.status_code == 403
    assert Question.objects.get(pk=repeat.pk).duplicate_of is None


def test_marking_needs_a_token(client, answered_question, repeat):
    response = _mark(client, repeat, answered_question.pk, {})

    assert response.status_code == 401


def test_undoing_a_question_that_is_not_a_duplicate_is_a_conflict(
    client, repeat, moderator, bearer
):
    response = client.delete(
        f"/api/v1/questions/{repeat.pk}/duplicate", **bearer(moderator)
    )

    assert response.status_code == 409
    assert response.json()["code"] == "not_duplicate"
