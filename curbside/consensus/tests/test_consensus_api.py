"""GET /api/v1/questions/<id>/consensus: the points with the sentences and
physicians behind them; a clear empty state and a JSON 404."""

import pytest

from curbside.consensus.services import consensus_refresh
from tests import factories


@pytest.fixture
def answered(question, verified_physician, second_physician):
    factories.AnswerFactory(
        question=question, physician=verified_physician,
        body="Ice the knee for twenty minutes three times a day and rest it.",
    )  # fmt: skip
    factories.AnswerFactory(
        question=question, physician=second_physician,
        body="Put ice on the knee for twenty minutes a few times a day.",
    )  # fmt: skip
    question.answer_count = 2
    question.save(update_fields=["answer_count"])
    consensus_refresh(question_id=question.pk)
    return question


def test_it_returns_the_points_with_their_provenance(client, answered):
    response = client.get(f"/api/v1/questions/{answered.pk}/consensus")

    assert response.status_code == 200
    data = response.json()
    assert data["algorithm"].startswith("extractive")
    shared = [p for p in data["points"] if p["kind"] == "shared"]
    assert shared
    names = {s["physician"].split(",")[0] for s in shared[0]["support"]}
    assert names == {"Bob Baker", "Carol Chen"}
    assert all(s["via"] == "answer" for s in shared[0]["support"])
    assert shared[0]["statement"] in {s["sentence"] for s in shared[0]["support"]}


def test_it_says_why_there_are_no_points_below_two_answers(client, question):
    factories.AnswerFactory(question=question)
    question.answer_count = 1
    question.save(update_fields=["answer_count"])
    consensus_refresh(question_id=question.pk)

    data = client.get(f"/api/v1/questions/{question.pk}/consensus").json()

    assert data["points"] == []
    assert data["reason"] == "fewer-than-two-answers"


def test_it_answers_404_in_json_for_a_missing_question(client, db):
    response = client.get("/api/v1/questions/999999/consensus")

    assert response.status_code == 404
    assert response.json()["code"]


def test_it_hides_the_consensus_of_a_removed_question(client, answered):
    answered.is_removed = True
    answered.save(update_fields=["is_removed"])

    assert client.get(f"/api/v1/questions/{answered.pk}/consensus").status_code == 404
