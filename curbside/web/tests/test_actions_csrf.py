"""Every form that acts needs the CSRF token of the page it came from."""

import re

from django.test import Client
from django.urls import reverse

from curbside.questions.models import HelpfulVote
from curbside.questions.services import answer_post


def test_it_refuses_a_helpful_mark_without_the_token(
    patient, question, verified_physician
):
    answer = answer_post(question=question, author=verified_physician.user,
                         body="Cold dry air strips the skin barrier; use an emollient.")  # fmt: skip
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(patient)
    url = reverse("web:helpful", args=[answer.pk])

    forged = browser.post(url, {"action": "mark"})
    page = browser.get(question.get_absolute_url()).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    genuine = browser.post(url, {"action": "mark", "csrfmiddlewaretoken": token})

    assert forged.status_code == 403
    assert genuine.status_code == 302
    assert HelpfulVote.objects.count() == 1


def test_it_refuses_a_question_without_the_token(patient):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(patient)

    response = browser.post(
        reverse("web:ask"),
        {"title": "Why does my eczema flare every winter?",
         "body": "My hands crack and bleed from November to March."},
    )  # fmt: skip

    assert response.status_code == 403
