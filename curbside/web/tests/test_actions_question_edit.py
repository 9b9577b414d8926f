"""The asker can edit the question until the first answer arrives; nobody else
can edit it at all."""

from django.urls import reverse

from curbside.questions.services import answer_post

NEW = {
    "title": "Why does my eczema get worse every winter?",
    "body": "My hands crack and bleed from November to March, even with gloves.",
}


def _edit_url(question):
    return reverse("web:question_edit", args=[question.pk])


def test_it_lets_the_asker_edit_an_unanswered_question(client, patient, question):
    client.force_login(patient)
    assert client.get(_edit_url(question)).status_code == 200

    response = client.post(_edit_url(question), NEW)

    question.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()
    assert question.title == NEW["title"]
    assert question.edited_at is not None


def test_it_refuses_edits_once_a_physician_answered(
    client, patient, question, verified_physician
):
    answer_post(question=question, author=verified_physician.user,
                body="Cold dry air strips the skin barrier; use a thick emollient.")  # fmt: skip
    client.force_login(patient)

    shown = client.get(_edit_url(question))
    posted = client.post(_edit_url(question), NEW)

    question.refresh_from_db()
    assert shown.status_code == 403
    assert posted.status_code == 403
    assert "can no longer be edited" in posted.content.decode()
    assert question.title != NEW["title"]


def test_it_does_not_let_an_outsider_edit(client, outsider, question):
    client.force_login(outsider)

    shown = client.get(_edit_url(question))
    posted = client.post(_edit_url(question), NEW)

    question.refresh_from_db()
    assert shown.status_code == 403 and posted.status_code == 403
    assert "Only the person who asked" in posted.content.decode()
    assert question.title != NEW["title"]


def test_it_sends_a_visitor_to_log_in(client, question):
    response = client.get(_edit_url(question))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_it_keeps_the_text_and_says_what_to_fix(client, patient, question):
    client.force_login(patient)

    response = client.post(_edit_url(question), {"title": "Rash?", "body": NEW["body"]})

    question.refresh_from_db()
    assert response.status_code == 400
    assert "at least 10 characters" in response.content.decode()
    assert NEW["body"] in response.content.decode()
    assert question.title != "Rash?"


def test_it_answers_404_for_a_question_that_does_not_exist(client, patient):
    client.force_login(patient)

    response = client.get(reverse("web:question_edit", args=[999999]))

    assert response.status_code == 404
