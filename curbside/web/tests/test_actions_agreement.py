"""Verified physicians other than the author agree, or disagree with a reason."""

import pytest
from django.urls import reverse

from curbside.questions.models import Agreement, Answer
from curbside.questions.services import answer_post


@pytest.fixture
def answer(question, verified_physician):
    return answer_post(question=question, author=verified_physician.user,
                       body="Cold dry air strips the skin barrier; use an emollient.")  # fmt: skip


def _stance(client, answer, **data):
    return client.post(reverse("web:agreement_set", args=[answer.pk]), data)


def test_it_records_another_physicians_agreement(client, answer, second_physician):
    client.force_login(second_physician.user)

    response = _stance(client, answer, stance="agree")

    assert response.status_code == 302
    assert response["Location"] == answer.get_absolute_url()
    assert Answer.objects.get(pk=answer.pk).agree_count == 1
    assert Agreement.objects.get().physician == second_physician


def test_it_requires_a_reason_to_disagree(client, answer, second_physician):
    client.force_login(second_physician.user)

    response = _stance(client, answer, stance="disagree", reason="  ")

    assert response.status_code == 400
    assert "A reason is required to disagree." in response.content.decode()
    assert not Agreement.objects.exists()


def test_it_records_a_disagreement_with_its_reason(client, answer, second_physician):
    client.force_login(second_physician.user)

    _stance(client, answer, stance="disagree", reason="Patch testing comes first.")

    agreement = Agreement.objects.get()
    assert (agreement.stance, agreement.reason) == (
        "disagree", "Patch testing comes first.",
    )  # fmt: skip
    assert Answer.objects.get(pk=answer.pk).disagree_count == 1


def test_it_replaces_a_stance_and_lets_it_be_withdrawn(
    client, answer, second_physician
):
    client.force_login(second_physician.user)
    _stance(client, answer, stance="disagree", reason="Patch testing comes first.")
    _stance(client, answer, stance="agree")
    answer.refresh_from_db()
    assert (answer.agree_count, answer.disagree_count) == (1, 0)

    response = client.post(reverse("web:agreement_withdraw", args=[answer.pk]))

    answer.refresh_from_db()
    assert response.status_code == 302
    assert (answer.agree_count, answer.disagree_count) == (0, 0)
    assert not Agreement.objects.exists()


def test_it_does_not_let_the_author_agree_with_themselves(
    client, answer, verified_physician
):
    client.force_login(verified_physician.user)

    response = _stance(client, answer, stance="agree")

    assert response.status_code == 403
    assert "your own answer" in response.content.decode()
    assert not Agreement.objects.exists()


@pytest.mark.parametrize("who", ["patient", "unverified_physician"])
def test_it_refuses_people_who_are_not_verified_physicians(
    client, answer, who, request
):
    person = request.getfixturevalue(who)
    client.force_login(getattr(person, "user", person))

    response = _stance(client, answer, stance="agree")

    assert response.status_code == 403
    assert "Only verified physicians" in response.content.decode()
    assert not Agreement.objects.exists()


def test_it_sends_a_visitor_to_log_in(client, answer):
    response = _stance(client, answer, stance="agree")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_it_rejects_an_unknown_stance(client, answer, second_physician):
    client.force_login(second_physician.user)

    response = _stance(client, answer, stance="maybe")

    assert response.status_code == 400
    assert not Agreement.objects.exists()
