"""Search engines get a sitemap of answered questions, topics and physicians, and
a robots.txt that points to it; unanswered and removed questions stay out."""

from django.urls import reverse

from curbside.questions.models import Question
from tests import factories


def test_it_lists_only_answered_visible_questions(
    client, patient, eczema, verified_physician, settings
):
    answered = factories.QuestionFactory(asker=patient)
    waiting = factories.QuestionFactory(asker=patient)
    removed = factories.QuestionFactory(asker=patient)
    Question.objects.filter(pk__in=[answered.pk, removed.pk]).update(answer_count=1)
    Question.objects.filter(pk=removed.pk).update(is_removed=True)

    response = client.get(reverse("web:sitemap"))
    xml = response.content.decode()
    assert response.status_code == 200
    assert f"{settings.SITE_URL}{answered.get_absolute_url()}" in xml
    assert waiting.get_absolute_url() not in xml
    assert removed.get_absolute_url() not in xml
    assert eczema.get_absolute_url() in xml
    assert verified_physician.get_absolute_url() in xml


def test_it_leaves_out_physicians_waiting_for_verification(
    client, unverified_physician
):
    xml = client.get(reverse("web:sitemap")).content.decode()
    assert unverified_physician.get_absolute_url() not in xml


def test_robots_txt_points_to_the_sitemap(client, settings, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in body
    assert "Disallow: /admin/" in body
