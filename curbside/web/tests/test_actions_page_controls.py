"""The question page offers each person the actions they may take, and nothing
else: visitors get links (no forms, so their copy can be cached), members a
helpful button, other physicians agree/disagree, authors edit and review."""

import pytest
from django.urls import reverse

from curbside.questions.services import agreement_set, answer_post, helpful_mark


@pytest.fixture
def answer(question, verified_physician):
    return answer_post(question=question, author=verified_physician.user,
                       body="Cold dry air strips the skin barrier; use an emollient.")  # fmt: skip


def _page(client, question, user=None):
    if user is not None:
        client.force_login(user)
    response = client.get(question.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_it_gives_visitors_a_login_link_and_no_forms(client, question, answer):
    page = _page(client, question)

    assert "Log in to mark helpful" in page
    assert "csrfmiddlewaretoken" not in page
    assert reverse("web:helpful", args=[answer.pk]) not in page
    assert reverse("web:agreement_set", args=[answer.pk]) not in page


def test_it_gives_members_a_helpful_button_that_shows_their_mark(
    client, question, answer, outsider
):
    page = _page(client, question, outsider)
    assert 'data-enhance="helpful"' in page
    assert 'aria-pressed="false"' in page
    assert reverse("web:agreement_set", args=[answer.pk]) not in page

    helpful_mark(answer=answer, user=outsider)
    page = _page(client, question)
    assert 'aria-pressed="true"' in page


def test_it_offers_other_physicians_agree_and_disagree(
    client, question, answer, second_physician
):
    agreement_set(answer=answer, physician_user=second_physician.user,
                  stance="agree")  # fmt: skip

    page = _page(client, question, second_physician.user)

    assert reverse("web:agreement_set", args=[answer.pk]) in page
    assert 'name="reason"' in page and "required" in page
    assert "You agree with this answer." in page
    assert reverse("web:agreement_withdraw", args=[answer.pk]) in page
    assert reverse("web:answer_post", args=[question.pk]) in page


def test_it_offers_the_author_edit_and_review_but_no_stance(
    client, question, answer, verified_physician
):
    page = _page(client, question, verified_physician.user)

    assert reverse("web:answer_edit", args=[answer.pk]) in page
    assert reverse("web:answer_review", args=[answer.pk]) in page
    assert reverse("web:agreement_set", args=[answer.pk]) not in page
    assert reverse("web:answer_post", args=[question.pk]) not in page
    assert "You answered this question." in page


def test_it_tells_an_unverified_physician_their_status(
    client, question, unverified_physician
):
    page = _page(client, question, unverified_physician.user)

    assert "waiting for verification" in page
    assert reverse("web:answer_post", args=[question.pk]) not in page


def test_it_offers_the_asker_edit_and_follow_up_until_answered(
    client, question, patient, verified_physician
):
    page = _page(client, question, patient)
    assert reverse("web:question_edit", args=[question.pk]) in page
    assert reverse("web:followup_add", args=[question.pk]) in page

    answer_post(question=question, author=verified_physician.user,
                body="Cold dry air strips the skin barrier; use an emollient.")  # fmt: skip
    page = _page(client, question)
    assert reverse("web:question_edit", args=[question.pk]) not in page
    assert reverse("web:followup_add", args=[question.pk]) in page


def test_it_offers_an_outsider_no_owner_actions(client, question, outsider):
    page = _page(client, question, outsider)

    assert reverse("web:question_edit", args=[question.pk]) not in page
    assert reverse("web:followup_add", args=[question.pk]) not in page
    assert reverse("web:answer_post", args=[question.pk]) not in page
