"""Topics are listed as a tree with counts; a topic page lists the questions in
it and in the topics under it, paginated."""

from django.urls import reverse

from tests import factories


def test_it_lists_specialties_with_their_topics_and_counts(client, eczema, patient):
    factories.QuestionFactory(asker=patient, topics=[eczema])
    html = client.get(reverse("web:topics")).content.decode()
    assert "Dermatology" in html
    assert "Eczema" in html
    assert '<span class="tag__count">1</span>' in html


def test_a_specialty_page_includes_questions_filed_under_its_topics(
    client, dermatology, eczema, patient
):
    question = factories.QuestionFactory(asker=patient, topics=[eczema])
    html = client.get(dermatology.get_absolute_url()).content.decode()
    assert question.title in html
    assert "Within Dermatology" in html
    assert eczema.get_absolute_url() in html


def test_a_topic_page_leaves_out_other_topics(client, eczema, patient):
    acne = factories.TopicFactory(name="Acne")
    elsewhere = factories.QuestionFactory(asker=patient, topics=[acne])
    html = client.get(eczema.get_absolute_url()).content.decode()
    assert elsewhere.title not in html
    assert "No questions about Eczema yet." in html


def test_a_topic_page_is_paginated(client, eczema, patient):
    for _ in range(25):
        factories.QuestionFactory(asker=patient, topics=[eczema])
    html = client.get(eczema.get_absolute_url(), {"page": "2"}).content.decode()
    assert "Page 2 of 2" in html
    assert html.count('class="card question-card"') == 5


def test_an_unknown_topic_is_not_found(client, db):
    response = client.get(reverse("web:topic", args=["no-such-topic"]))
    assert response.status_code == 404
    assert "There is no topic at this address." in response.content.decode()
