"""Helpers for API tests: a token for a person, and a question with answers."""

import pytest

from curbside.accounts.services import api_token_create
from curbside.questions import services


@pytest.fixture
def bearer():
    """``bearer(user)`` gives the header of a fresh API token of ``user``."""

    def make(user) -> dict[str, str]:
        _token, raw = api_token_create(user=user, name="tests")
        return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    return make


@pytest.fixture
def answered_question(question, verified_physician, second_physician, patient):
    """Alice's question: Bob answered, Carol agreed, Alice found it helpful."""
    answer = services.answer_post(
        question=question, author=verified_physician.user,
        body="This looks like **contact dermatitis**. Try a fragrance-free cream.",
    )  # fmt: skip
    services.agreement_set(
        answer=answer, physician_user=second_physician.user, stance="agree"
    )
    services.helpful_mark(answer=answer, user=patient)
    question.refresh_from_db()
    return question


@pytest.fixture
def bob_answer(answered_question):
    return answered_question.answers.get()
