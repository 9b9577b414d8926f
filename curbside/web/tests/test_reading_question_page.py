"""The question page shows the question, every answer with who wrote it and where
other physicians stand, and what search engines need — never the asker's e-mail."""

import json
import re

import pytest
from django.urls import reverse

from curbside.questions import services
from curbside.questions.models import Question
from curbside.search.services import search_rebuild
from tests import factories


@pytest.fixture
def answered(
    question, verified_physician, second_physician, django_capture_on_commit_callbacks
):
    """Alice's question: Bob answers, Carol agrees with him, Alice finds it helpful."""
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.answer_post(
            question=question,
            author=verified_physician.user,
            body="This is **contact dermatitis** until proven otherwise.",
        )
        services.agreement_set(
            answer=answer, physician_user=second_physician.user, stance="agree"
        )
        services.helpful_mark(answer=answer, user=question.asker)
    return question


def test_it_shows_the_question_and_its_answer_with_credentials(client, answered):
    response = client.get(answered.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert answered.title in html
    assert "Asked by Alice" in html
    assert "alice@example.org" not in html
    assert "Bob Baker, MD" in html
    assert "Dermatology" in html
    assert "Verified physician" in html
    assert "<strong>contact dermatitis</strong>" in html
    assert "Last reviewed" in html
    assert "1 physician agrees" in html
    assert "Carol Chen, MD" in html
    assert "1 found this helpful" in html


def test_it_shows_a_disagreement_with_its_reason(
    answered, client, django_capture_on_commit_callbacks
):
    answer = answered.answers.get()
    dave = factories.PhysicianFactory(name="Dora Diaz")
    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_set(
            answer=answer,
            physician_user=dave.user,
            stance="disagree",
            reason="A patch test would settle it before calling it dermatitis.",
        )
    html = client.get(answered.get_absolute_url()).content.decode()
    assert "1 physician disagrees" in html
    assert "Dora Diaz, MD" in html
    assert "A patch test would settle it" in html


def test_it_says_imported_instead_of_verified_for_imported_physicians(client, question):
    imported = factories.PhysicianFactory(name="Ivan Imported", status="imported")
    factories.AnswerFactory(question=question, physician=imported)
    Question.objects.filter(pk=question.pk).update(answer_count=1)
    html = client.get(question.get_absolute_url()).content.decode()
    assert "Ivan Imported, MD" in html
    assert "Imported profile" in html
    assert "Verified physician" not in html


def test_it_shows_the_asker_pseudonym_for_an_anonymous_question(client, patient):
    asked = factories.QuestionFactory(
        asker=patient, asker_name=patient.pseudonym, is_anonymous=True
    )
    html = client.get(asked.get_absolute_url()).content.decode()
    assert f"Asked by {patient.pseudonym}" in html
    assert "Alice" not in html


def test_it_shows_age_sex_duration_and_follow_ups(client, patient):
    asked = factories.QuestionFactory(
        asker=patient, age_range="30-44", sex="female", duration="weeks"
    )
    services.followup_add(
        question=asked, author=patient, body="It now also itches on the other arm."
    )
    html = client.get(asked.get_absolute_url()).content.decode()
    assert "30–44" in html
    assert "Female" in html
    assert "A few weeks" in html
    assert "Follow-ups from the asker" in html
    assert "It now also itches on the other arm." in html


def test_it_carries_a_calm_medical_disclaimer(client, question):
    html = client.get(question.get_absolute_url()).content.decode()
    assert "They are not a diagnosis" in html
    assert "call your local emergency number" in html


def test_it_has_a_canonical_link_and_qapage_data(client, answered, settings):
    html = client.get(answered.get_absolute_url()).content.decode()
    canonical = f"{settings.SITE_URL}{answered.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "QAPage"
    assert data["mainEntity"]["name"] == answered.title
    assert data["mainEntity"]["answerCount"] == 1
    [suggested] = data["mainEntity"]["suggestedAnswer"]
    assert suggested["author"]["name"] == "Bob Baker, MD"
    assert suggested["upvoteCount"] == 1


def test_it_keeps_unanswered_questions_out_of_search_engines(client, question):
    html = client.get(question.get_absolute_url()).content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert "No physician has answered yet." in html


def test_it_offers_answered_questions_to_search_engines(client, answered):
    html = client.get(answered.get_absolute_url()).content.decode()
    assert "noindex" not in html


def test_it_redirects_a_wrong_slug_to_the_canonical_address(client, question):
    response = client.get(reverse("web:question", args=[question.pk, "old-title"]))
    assert response.status_code == 301
    assert response["Location"] == question.get_absolute_url()


def test_it_redirects_the_short_address_to_the_canonical_one(client, question):
    response = client.get(reverse("web:question_short", args=[question.pk]))
    assert response.status_code == 301
    assert response["Location"] == question.get_absolute_url()


def test_it_says_not_found_for_a_removed_question(client, question):
    Question.objects.filter(pk=question.pk).update(is_removed=True)
    response = client.get(question.get_absolute_url())
    assert response.status_code == 404
    assert "removed" in response.content.decode()


def test_it_says_not_found_for_a_question_that_never_existed(client, db):
    response = client.get(reverse("web:question_short", args=[999_999]))
    assert response.status_code == 404
    assert "We could not find this page" in response.content.decode()


def test_it_lets_a_moderator_see_a_removed_question(client, question, moderator):
    Question.objects.filter(pk=question.pk).update(is_removed=True)
    client.force_login(moderator)
    response = client.get(question.get_absolute_url())
    assert response.status_code == 200
    assert "Removed: only staff can see this" in response.content.decode()


def test_it_lists_related_answered_questions(client, answered, patient):
    other = factories.QuestionFactory(
        asker=patient, title="An itchy rash on my arm after a new watch strap"
    )
    unanswered = factories.QuestionFactory(
        asker=patient, title="A red rash on my arm that will not go away"
    )
    services.answer_post(
        question=other,
        author=factories.PhysicianFactory().user,
        body="Nickel in the buckle is the usual cause of this.",
    )
    search_rebuild()
    html = client.get(answered.get_absolute_url()).content.decode()
    related = html[html.index("Related questions") :]
    assert other.title in related
    assert unanswered.title not in related
