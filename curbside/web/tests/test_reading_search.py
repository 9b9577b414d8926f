"""Search finds questions by their words, highlights the matches, narrows by topic
and by answered/unanswered, pages through results, and helps when nothing is found."""

import pytest
from django.urls import reverse

from curbside.questions import services
from tests import factories


@pytest.fixture
def winter_question(patient, eczema, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.question_create(
            asker=patient,
            title="Why does my eczema flare every winter?",
            body="My hands crack and bleed from November to March every year.",
            topics=[eczema],
        )


def _search(client, **params):
    response = client.get(reverse("web:search"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_it_finds_a_question_and_highlights_the_words(client, winter_question):
    html = _search(client, q="winter eczema")
    assert winter_question.get_absolute_url() in html
    assert "<mark>" in html
    assert "1 question matches" in html


def test_it_never_lets_a_question_inject_markup(
    client, patient, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.question_create(
            asker=patient,
            title="Swelling after <script>alert(1)</script> injection",
            body="The swelling <b>grew</b> after the injection last week.",
        )
    html = _search(client, q="swelling injection")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_it_narrows_by_topic(client, winter_question, dermatology, patient):
    acne = factories.TopicFactory(name="Acne")
    assert winter_question.title in _search(client, q="winter", topic="dermatology")
    assert "No question matches" in _search(client, q="winter", topic=acne.slug)


def test_it_explains_an_unknown_topic_and_searches_everything(client, winter_question):
    html = _search(client, q="winter", topic="no-such-topic")
    assert "There is no topic called" in html
    assert winter_question.title in html


def test_it_narrows_to_answered_or_unanswered(client, winter_question):
    assert winter_question.title in _search(client, q="winter", answered="no")
    assert "No question matches" in _search(client, q="winter", answered="yes")


def test_it_pages_through_many_results(
    client, patient, settings, django_capture_on_commit_callbacks
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "question": 100}
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(23):
            services.question_create(
                asker=patient,
                title=f"Psoriasis on the elbows, case number {n}",
                body="Scaly patches on both elbows that come and go with stress.",
            )
    first = _search(client, q="psoriasis")
    assert "23 questions match" in first
    assert "Page 1 of 2" in first
    second = _search(client, q="psoriasis", page="2")
    assert "Page 2 of 2" in second
    assert second.count('class="card question-card"') == 3
    assert "Page 2 of 2" in _search(client, q="psoriasis", page="50")


def test_it_guides_a_reader_who_has_not_typed_anything(client, db):
    html = _search(client)
    assert "Type a few words about your question" in html


def test_it_helps_when_nothing_matches(client, winter_question):
    html = _search(client, q="zebra")
    assert "No question matches “zebra”." in html
    assert "Try fewer or more general words" in html


def test_it_narrows_by_the_answering_physicians_specialty(
    client, winter_question, verified_physician, dermatology, eczema
):
    factories.AnswerFactory(question=winter_question, physician=verified_physician)
    cardiology = factories.SpecialtyFactory(name="Cardiology", slug="cardiology")

    html = _search(client, q="winter eczema", specialty=dermatology.slug)
    assert winter_question.get_absolute_url() in html
    assert f'<option value="{dermatology.slug}" selected>' in html

    html = _search(client, q="winter eczema", specialty=cardiology.slug)
    assert winter_question.get_absolute_url() not in html
    assert "Search all topics and all questions" in html


def test_an_unknown_specialty_or_sort_is_ignored_with_a_notice(client, winter_question):
    html = _search(client, q="winter eczema", specialty="astrology", sort="loudest")
    assert winter_question.get_absolute_url() in html
    assert "There is no specialty called “astrology”" in html
    assert '<option value="relevance" selected>' in html


def test_it_sorts_by_newest_and_most_helpful(
    client, winter_question, patient, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        newer = services.question_create(
            asker=patient,
            title="Eczema on the hands every winter",
            body="Winter makes my eczema worse, the knuckles crack.",
        )
    type(winter_question).objects.filter(pk=winter_question.pk).update(helpful_count=5)

    newest = _search(client, q="winter eczema", sort="newest")
    helpful = _search(client, q="winter eczema", sort="helpful")

    first, second = newer.get_absolute_url(), winter_question.get_absolute_url()
    assert newest.index(first) < newest.index(second)
    assert helpful.index(second) < helpful.index(first)
    assert '<option value="newest" selected>' in newest
