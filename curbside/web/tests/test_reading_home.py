"""The home page explains Curbside, invites a question, and shows what was
answered recently, what readers found most helpful, what waits, and topics."""

from django.urls import reverse
from django.utils import timezone

from curbside.questions.models import Question
from tests import factories


def test_it_explains_curbside_and_invites_a_question(client, db):
    html = client.get(reverse("web:home")).content.decode()
    assert "Several verified physicians answer" in html
    assert "does not diagnose" in html
    assert "In an emergency call your local emergency number." in html
    assert "Ask a question" in html


def test_it_shows_recent_helpful_waiting_and_topics(client, patient, eczema):
    answered = factories.QuestionFactory(
        asker=patient, title="Does eczema cream thin the skin?", topics=[eczema]
    )
    Question.objects.filter(pk=answered.pk).update(
        answer_count=2,
        helpful_count=3,
        last_answered_at=timezone.now(),
        needs_answer_since=None,
    )
    factories.QuestionFactory(asker=patient, title="Still waiting here please")

    html = client.get(reverse("web:home")).content.decode()
    assert "Recently answered" in html
    assert answered.title in html
    assert "Most helpful" in html
    assert "3 found helpful" in html
    assert "question is waiting for a physician" in html
    assert "Eczema" in html
    assert "Still waiting here please" not in html.split("Recently answered")[1]


def test_it_has_a_helpful_empty_state(client, db):
    html = client.get(reverse("web:home")).content.decode()
    assert "No question has been answered yet." in html
    assert "Be the first to ask" in html
