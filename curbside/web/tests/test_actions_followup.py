"""Only the asker can add a follow-up; it puts the question back in the queue."""

from django.urls import reverse

from curbside.questions.models import FollowUp, Question
from curbside.questions.services import answer_post

TEXT = "The rash spread to my other arm overnight and it now burns a little."


def _url(question):
    return reverse("web:followup_add", args=[question.pk])


def test_it_adds_the_askers_follow_up_and_requeues_the_question(
    client, patient, question, verified_physician
):
    answer_post(question=question, author=verified_physician.user,
                body="Cold dry air strips the skin barrier; use a thick emollient.")  # fmt: skip
    assert Question.objects.get(pk=question.pk).needs_answer_since is None
    client.force_login(patient)

    response = client.post(_url(question), {"body": TEXT})

    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()
    assert FollowUp.objects.get().body == TEXT
    assert Question.objects.get(pk=question.pk).needs_answer_since is not None


def test_it_does_not_let_an_outsider_add_a_follow_up(client, outsider, question):
    client.force_login(outsider)

    response = client.post(_url(question), {"body": TEXT})

    assert response.status_code == 403
    assert "Only the person who asked" in response.content.decode()
    assert not FollowUp.objects.exists()


def test_it_keeps_a_too_short_follow_up_in_the_form(client, patient, question):
    client.force_login(patient)

    response = client.post(_url(question), {"body": "Still red."})

    assert response.status_code == 400
    assert "Still red." in response.content.decode()
    assert not FollowUp.objects.exists()


def test_it_sends_a_visitor_to_log_in(client, question):
    response = client.post(_url(question), {"body": TEXT})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))
    assert not FollowUp.objects.exists()


def test_it_accepts_only_post(client, patient, question):
    client.force_login(patient)

    assert client.get(_url(question)).status_code == 405
