"""Members mark an answer helpful once, can undo it, and scripts get JSON."""

import pytest
from django.urls import reverse

from curbside.questions.models import Answer, HelpfulVote, Question
from curbside.questions.services import answer_post

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def answer(question, verified_physician):
    return answer_post(question=question, author=verified_physician.user,
                       body="Cold dry air strips the skin barrier; use an emollient.")  # fmt: skip


def _url(answer):
    return reverse("web:helpful", args=[answer.pk])


def _count(answer):
    return Answer.objects.get(pk=answer.pk).helpful_count


def test_it_counts_a_members_mark_once(client, patient, answer):
    client.force_login(patient)

    first = client.post(_url(answer), {"action": "mark"})
    client.post(_url(answer), {"action": "mark"})

    assert first.status_code == 302
    assert first["Location"] == answer.get_absolute_url()
    assert _count(answer) == 1
    assert HelpfulVote.objects.filter(user=patient).count() == 1
    assert Question.objects.get(pk=answer.question_id).helpful_count == 1


def test_it_lets_a_member_undo_the_mark(client, patient, answer):
    client.force_login(patient)
    client.post(_url(answer), {"action": "mark"})

    client.post(_url(answer), {"action": "unmark"})

    assert _count(answer) == 0
    assert not HelpfulVote.objects.exists()


def test_it_toggles_without_an_action(client, patient, answer):
    client.force_login(patient)

    client.post(_url(answer))
    assert _count(answer) == 1
    client.post(_url(answer))
    assert _count(answer) == 0


def test_it_answers_json_to_scripts(client, patient, outsider, answer):
    client.force_login(outsider)
    client.post(_url(answer), {"action": "mark"})
    client.force_login(patient)

    marked = client.post(_url(answer), {"action": "mark"}, **JSON)
    unmarked = client.post(_url(answer), {"action": "unmark"}, **JSON)

    assert marked.status_code == 200
    assert marked.json() == {"helpful": True, "count": 2}
    assert unmarked.json() == {"helpful": False, "count": 1}


def test_it_sends_a_visitor_to_log_in(client, answer):
    response = client.post(_url(answer), {"action": "mark"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))
    assert _count(answer) == 0


def test_it_does_not_let_the_author_mark_their_own_answer(
    client, verified_physician, answer
):
    client.force_login(verified_physician.user)

    page = client.post(_url(answer), {"action": "mark"})
    data = client.post(_url(answer), {"action": "mark"}, **JSON)

    assert page.status_code == 403 and data.status_code == 403
    assert data.json()["error"] == "forbidden"
    assert _count(answer) == 0


def test_it_answers_404_for_a_removed_answer(client, patient, answer):
    Answer.objects.filter(pk=answer.pk).update(is_removed=True)
    client.force_login(patient)

    response = client.post(_url(answer), {"action": "mark"}, **JSON)

    assert response.status_code == 404
    assert not HelpfulVote.objects.exists()


def test_it_accepts_only_post(client, patient, answer):
    client.force_login(patient)

    assert client.get(_url(answer)).status_code == 405
