"""Only verified physicians answer, once per question; a physician's text is
never lost when the answer cannot be saved."""

from django.urls import reverse

from curbside.questions.models import Answer

TEXT = "Cold dry air strips the skin barrier. Use a thick emollient twice a day."


def _url(question):
    return reverse("web:answer_post", args=[question.pk])


def test_it_posts_a_verified_physicians_answer(client, verified_physician, question):
    client.force_login(verified_physician.user)

    response = client.post(_url(question), {"body": TEXT})

    answer = Answer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == answer.get_absolute_url()
    assert answer.physician == verified_physician
    assert answer.question.pk == question.pk
    question.refresh_from_db()
    assert question.answer_count == 1


def test_it_explains_a_second_answer_and_keeps_the_text(
    client, verified_physician, question
):
    client.force_login(verified_physician.user)
    client.post(_url(question), {"body": TEXT})

    response = client.post(_url(question), {"body": TEXT + " Also avoid hot water."})

    page = response.content.decode()
    assert response.status_code == 409
    assert "already answered this question" in page
    assert "Also avoid hot water." in page
    assert Answer.objects.count() == 1


def test_it_refuses_an_unverified_physician(client, unverified_physician, question):
    client.force_login(unverified_physician.user)

    response = client.post(_url(question), {"body": TEXT})

    assert response.status_code == 403
    assert "Only verified physicians" in response.content.decode()
    assert not Answer.objects.exists()


def test_it_refuses_a_patient(client, outsider, question):
    client.force_login(outsider)

    response = client.post(_url(question), {"body": TEXT})

    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_it_sends_a_visitor_to_log_in(client, question):
    response = client.post(_url(question), {"body": TEXT})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))
    assert not Answer.objects.exists()


def test_it_keeps_a_too_short_answer_in_the_form(client, verified_physician, question):
    client.force_login(verified_physician.user)

    response = client.post(_url(question), {"body": "See a doctor."})

    page = response.content.decode()
    assert response.status_code == 400
    assert "at least 20 characters" in page
    assert "See a doctor." in page
    assert not Answer.objects.exists()


def test_it_answers_404_for_a_removed_question(client, verified_physician, question):
    question.is_removed = True
    question.save(update_fields=["is_removed"])
    client.force_login(verified_physician.user)

    response = client.post(_url(question), {"body": TEXT})

    assert response.status_code == 404
    assert not Answer.objects.exists()
