"""Asking shows the answered questions that look like the one being typed: as
the patient types (a JSON answer with the list rendered), and without
JavaScript once, before posting, with "Post my question anyway".

The test profile's hashing embedder finds texts alike when they share most
words, so the questions here are written to share them (or not)."""

import pytest
from django.urls import reverse

from curbside.core.embedding import EmbeddingUnavailable
from curbside.questions.models import BODY_MAX, TITLE_MAX, Question
from curbside.questions.services import question_create
from curbside.search import vectors
from tests import factories

ASK = reverse("web:ask")
SIMILAR = reverse("web:ask_similar")
BODY = "My doctor gave me amoxicillin for a chest infection and I have a wedding."
ANSWERED = "Can I drink alcohol while taking amoxicillin for a chest infection?"
TYPED = "Can I drink alcohol while I am taking amoxicillin for a chest infection?"
UNRELATED = {
    "title": "Why do my knees ache when I climb the stairs at work?",
    "body": "Both knees ache going up, never going down, for about two months.",
}


@pytest.fixture
def ask_earlier(outsider, django_capture_on_commit_callbacks):
    """Oscar's earlier question, indexed for search, with answers counted."""

    def ask(title, body=BODY, *, answer_count=0):
        with django_capture_on_commit_callbacks(execute=True):
            question = question_create(asker=outsider, title=title, body=body)
        Question.objects.filter(pk=question.pk).update(answer_count=answer_count)
        question.refresh_from_db()
        return question

    return ask


def _similar(client, title=TYPED, details=BODY):
    return client.get(SIMILAR, {"title": title, "details": details})


def test_it_lists_answered_questions_like_the_one_being_typed(
    client, patient, ask_earlier, dermatology
):
    earlier = ask_earlier(ANSWERED, answer_count=2)
    factories.AnswerFactory(
        question=earlier,
        helpful_count=4,
        physician=factories.PhysicianFactory(specialties=[dermatology]),
    )
    client.force_login(patient)

    response = _similar(client)

    data = response.json()
    assert response.status_code == 200
    assert data["count"] == 1
    assert data["questions"] == [
        {
            "title": ANSWERED,
            "url": earlier.get_absolute_url(),
            "answer_count": 2,
            "top_specialty": "Dermatology",
        }
    ]
    assert data["seen"] == str(earlier.pk)
    assert "Already answered — these may answer your question" in data["html"]
    assert f'href="{earlier.get_absolute_url()}"' in data["html"]
    assert "2 physicians answered" in data["html"]
    assert "Top answer by a physician in Dermatology" in data["html"]
    assert response["Cache-Control"].startswith("max-age=0")


def test_it_says_one_physician_and_leaves_out_an_unknown_specialty(
    client, patient, ask_earlier
):
    ask_earlier(ANSWERED, answer_count=1)
    client.force_login(patient)

    html = _similar(client).json()["html"]

    assert "1 physician answered" in html
    assert "Top answer by" not in html


def test_it_leaves_out_unanswered_and_unrelated_questions(client, patient, ask_earlier):
    ask_earlier(ANSWERED, answer_count=0)
    ask_earlier(UNRELATED["title"], UNRELATED["body"], answer_count=3)
    client.force_login(patient)

    data = _similar(client).json()

    assert data == {"count": 0, "questions": [], "html": "", "seen": ""}


def test_it_refuses_text_longer_than_a_question_can_be(client, patient):
    client.force_login(patient)

    long_title = _similar(client, title="a" * (TITLE_MAX + 1))
    long_details = _similar(client, details="a" * (BODY_MAX + 1))

    for response in (long_title, long_details):
        assert response.status_code == 400
        assert response.json()["code"] == "invalid"
        assert "too long to compare" in response.json()["message"]


def test_it_answers_429_with_a_reason_past_the_hourly_limit(client, patient, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "ask_similar": 2}
    client.force_login(patient)

    statuses = [_similar(client).status_code for _ in range(3)]
    refused = _similar(client)

    assert statuses == [200, 200, 429]
    assert refused.json()["code"] == "rate_limited"
    assert "Please wait a while" in refused.json()["message"]


def test_it_is_only_for_people_who_can_ask(client):
    response = _similar(client)

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_it_answers_an_empty_list_when_the_sentence_model_is_missing(
    client, patient, ask_earlier, monkeypatch
):
    ask_earlier(ANSWERED, answer_count=2)

    def missing():
        raise EmbeddingUnavailable("model files are missing")

    monkeypatch.setattr(vectors, "get_embedder", missing)
    client.force_login(patient)

    response = _similar(client)

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_without_javascript_it_shows_the_answered_questions_once_then_posts(
    client, patient, ask_earlier
):
    earlier = ask_earlier(ANSWERED, answer_count=2)
    client.force_login(patient)
    typed = {"title": TYPED, "body": BODY}

    first = client.post(ASK, typed)
    seen = first.context["form"]["similar_seen"].value()
    second = client.post(ASK, {**typed, "similar_seen": seen})

    page = first.content.decode()
    assert first.status_code == 200
    assert "Before you post: these answered questions look like yours" in page
    assert earlier.get_absolute_url() in page
    assert "Post my question anyway" in page
    assert page.index("Before you post") < page.index("Post my question anyway")
    assert f'value="{TYPED}"' in page
    assert second.status_code == 302
    assert Question.objects.filter(asker=patient).get().title == TYPED


def test_it_shows_the_step_again_only_for_a_question_not_seen_yet(
    client, patient, ask_earlier
):
    earlier = ask_earlier(ANSWERED, answer_count=2)
    client.force_login(patient)
    edited = {"title": TYPED.replace("Can I", "May I"), "body": BODY}

    same_match = client.post(ASK, {**edited, "similar_seen": str(earlier.pk)})
    other = ask_earlier(TYPED.replace("alcohol", "beer"), answer_count=1)
    new_match = client.post(
        ASK, {"title": TYPED, "body": BODY, "similar_seen": str(earlier.pk)}
    )

    assert same_match.status_code == 302
    assert new_match.status_code == 200
    assert other.get_absolute_url() in new_match.content.decode()


def test_it_posts_at_once_when_the_list_was_shown_while_typing(
    client, patient, ask_earlier
):
    ask_earlier(ANSWERED, answer_count=2)
    client.force_login(patient)

    seen = _similar(client).json()["seen"]
    response = client.post(ASK, {"title": TYPED, "body": BODY, "similar_seen": seen})

    assert response.status_code == 302


def test_it_posts_without_a_step_when_nothing_answered_is_alike(
    client, patient, ask_earlier
):
    ask_earlier(ANSWERED, answer_count=2)
    client.force_login(patient)

    response = client.post(ASK, UNRELATED)

    assert response.status_code == 302
    assert Question.objects.filter(asker=patient).count() == 1


def test_an_emergency_gets_its_advice_not_a_list_of_questions(
    client, patient, ask_earlier
):
    ask_earlier("Crushing pain in my chest right now, what should I do?",
                "Started twenty minutes ago, I'm sweating and short of breath.",
                answer_count=2)  # fmt: skip
    client.force_login(patient)

    response = client.post(
        ASK,
        {
            "title": "Crushing pain in my chest right now, what should I do",
            "body": "Started twenty minutes ago, I'm sweating and short of breath.",
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "tick the box to post" in page
    assert "Before you post" not in page


def test_personal_details_and_answered_questions_are_shown_in_one_step(
    client, patient, ask_earlier
):
    ask_earlier(ANSWERED, answer_count=2)
    client.force_login(patient)
    typed = {"title": TYPED, "body": BODY + " Ring me on 020 7946 0312."}

    first = client.post(ASK, typed)
    form = first.context["form"]
    second = client.post(
        ASK,
        {
            **typed,
            "pii_reviewed": form["pii_reviewed"].value(),
            "similar_seen": form["similar_seen"].value(),
        },
    )

    page = first.content.decode()
    assert first.status_code == 200
    assert "Personal details in your question" in page
    assert "Before you post" in page
    assert second.status_code == 302
