"""Only the physician who wrote an answer can edit it or mark it reviewed."""

from datetime import timedelta

from django.urls import reverse

from curbside.core.clock import now
from curbside.questions.models import Answer
from curbside.questions.services import answer_post

EDITED = "Cold dry air strips the skin barrier. Use a thick ointment at night too."


def _answer(question, physician):
    return answer_post(question=question, author=physician.user,
                       body="Cold dry air strips the skin barrier; use an emollient.")  # fmt: skip


def test_it_lets_the_author_edit_the_answer(client, verified_physician, question):
    answer = _answer(question, verified_physician)
    client.force_login(verified_physician.user)
    url = reverse("web:answer_edit", args=[answer.pk])
    assert "use an emollient" in client.get(url).content.decode()

    response = client.post(url, {"body": EDITED})

    answer.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == answer.get_absolute_url()
    assert answer.body == EDITED and answer.edited_at is not None


def test_it_does_not_let_another_physician_edit(
    client, verified_physician, second_physician, question
):
    answer = _answer(question, verified_physician)
    client.force_login(second_physician.user)
    url = reverse("web:answer_edit", args=[answer.pk])

    shown = client.get(url)
    posted = client.post(url, {"body": EDITED})

    assert shown.status_code == 403 and posted.status_code == 403
    assert Answer.objects.get().body != EDITED


def test_it_keeps_a_too_short_edit_in_the_form(client, verified_physician, question):
    answer = _answer(question, verified_physician)
    client.force_login(verified_physician.user)

    response = client.post(
        reverse("web:answer_edit", args=[answer.pk]), {"body": "Ok."}
    )

    assert response.status_code == 400
    assert "Ok." in response.content.decode()
    assert Answer.objects.get().body != "Ok."


def test_it_lets_the_author_mark_the_answer_reviewed(
    client, verified_physician, question
):
    answer = _answer(question, verified_physician)
    long_ago = now() - timedelta(days=400)
    Answer.objects.filter(pk=answer.pk).update(last_reviewed_at=long_ago)
    client.force_login(verified_physician.user)

    response = client.post(reverse("web:answer_review", args=[answer.pk]))

    answer.refresh_from_db()
    assert response.status_code == 302
    assert answer.last_reviewed_at > long_ago
    assert answer.body != EDITED


def test_it_does_not_let_anyone_else_mark_it_reviewed(
    client, verified_physician, second_physician, question
):
    answer = _answer(question, verified_physician)
    long_ago = now() - timedelta(days=400)
    Answer.objects.filter(pk=answer.pk).update(last_reviewed_at=long_ago)
    client.force_login(second_physician.user)

    response = client.post(reverse("web:answer_review", args=[answer.pk]))

    answer.refresh_from_db()
    assert response.status_code == 403
    assert answer.last_reviewed_at == long_ago
