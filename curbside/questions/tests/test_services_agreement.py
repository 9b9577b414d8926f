"""Physicians agree or disagree (with a reason) with another physician's answer."""

import pytest

from curbside.core.errors import Forbidden, Invalid, NotFound
from curbside.physicians.models import PhysicianProfile
from curbside.questions.models import Agreement
from curbside.questions.services import (
    agreement_set,
    agreement_withdraw,
    answer_post,
)
from tests import factories

ADVICE = "This looks like contact dermatitis. Try a fragrance-free moisturiser."


@pytest.fixture
def answer(question, verified_physician):
    return answer_post(question=question, author=verified_physician.user, body=ADVICE)


@pytest.fixture
def third_physician(dermatology):
    user = factories.UserFactory(email="erin@example.org", display_name="Erin Evans")
    return factories.PhysicianFactory(
        user=user, name="Erin Evans", specialties=[dermatology]
    )


def _counts(answer):
    answer.refresh_from_db()
    return answer.agree_count, answer.disagree_count


def test_another_physician_agrees(answer, second_physician):
    agreement = agreement_set(
        answer=answer, physician_user=second_physician.user, stance="agree"
    )

    assert agreement.physician == second_physician
    assert agreement.reason == ""
    assert _counts(answer) == (1, 0)


def test_disagreeing_needs_a_reason(answer, second_physician):
    with pytest.raises(Invalid) as caught:
        agreement_set(
            answer=answer, physician_user=second_physician.user,
            stance="disagree", reason="  ",
        )  # fmt: skip

    assert caught.value.code == "reason_required"
    assert "reason" in caught.value.errors
    assert _counts(answer) == (0, 0)


def test_a_disagreement_keeps_its_reason(answer, second_physician):
    agreement = agreement_set(
        answer=answer, physician_user=second_physician.user, stance="disagree",
        reason="  The ring shape suggests a fungal infection; scrape before treating. ",
    )  # fmt: skip

    assert agreement.reason.startswith("The ring shape")
    assert _counts(answer) == (0, 1)


def test_a_physician_cannot_take_a_stance_on_their_own_answer(
    answer, verified_physician
):
    with pytest.raises(Forbidden):
        agreement_set(
            answer=answer, physician_user=verified_physician.user, stance="agree"
        )
    assert _counts(answer) == (0, 0)


@pytest.mark.parametrize("who", ["unverified_physician", "patient", "moderator"])
def test_only_verified_physicians_take_a_stance(request, answer, who):
    person = request.getfixturevalue(who)
    user = person.user if isinstance(person, PhysicianProfile) else person

    with pytest.raises(Forbidden) as caught:
        agreement_set(answer=answer, physician_user=user, stance="agree")

    assert caught.value.code == "physician_required"
    assert _counts(answer) == (0, 0)


def test_an_unknown_stance_is_refused(answer, second_physician):
    with pytest.raises(Invalid):
        agreement_set(
            answer=answer, physician_user=second_physician.user, stance="maybe"
        )


def test_switching_stance_replaces_the_previous_one(answer, second_physician):
    agreement_set(answer=answer, physician_user=second_physician.user, stance="agree")
    agreement_set(
        answer=answer, physician_user=second_physician.user, stance="disagree",
        reason="Patch testing would settle this before any steroid.",
    )  # fmt: skip

    assert _counts(answer) == (0, 1)
    assert Agreement.objects.get().stance == "disagree"

    agreement_set(answer=answer, physician_user=second_physician.user, stance="agree")

    assert _counts(answer) == (1, 0)
    assert Agreement.objects.get().reason == ""


def test_the_counts_add_up_over_several_physicians(
    answer, second_physician, third_physician
):
    agreement_set(answer=answer, physician_user=second_physician.user, stance="agree")
    agreement_set(
        answer=answer, physician_user=third_physician.user, stance="disagree",
        reason="I would rule out scabies first given the night-time itch.",
    )  # fmt: skip

    assert _counts(answer) == (1, 1)


def test_withdrawing_a_stance_removes_it_from_the_counts(
    answer, second_physician, third_physician
):
    agreement_set(answer=answer, physician_user=second_physician.user, stance="agree")
    agreement_set(answer=answer, physician_user=third_physician.user, stance="agree")

    agreement_withdraw(answer=answer, physician_user=second_physician.user)

    assert _counts(answer) == (1, 0)
    assert Agreement.objects.get().physician == third_physician


def test_no_stance_on_a_removed_answer(answer, second_physician):
    answer.is_removed = True
    answer.save()

    with pytest.raises(NotFound):
        agreement_set(
            answer=answer, physician_user=second_physician.user, stance="agree"
        )
