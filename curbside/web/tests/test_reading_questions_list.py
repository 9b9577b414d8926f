"""The questions list shows every visible question, newest first, can be narrowed
to answered or unanswered ones, and is paginated twenty a page."""

from django.urls import reverse

from curbside.questions.models import Question
from tests import factories


def test_it_filters_answered_and_unanswered(client, patient):
    answered = factories.QuestionFactory(asker=patient, title="Answered about moles")
    Question.objects.filter(pk=answered.pk).update(answer_count=1)
    waiting = factories.QuestionFactory(asker=patient, title="Waiting about freckles")
    url = reverse("web:questions")

    both = client.get(url).content.decode()
    assert answered.title in both and waiting.title in both
    only_answered = client.get(url, {"answered": "yes"}).content.decode()
    assert answered.title in only_answered and waiting.title not in only_answered
    only_waiting = client.get(url, {"answered": "no"}).content.decode()
    assert waiting.title in only_waiting and answered.title not in only_waiting


def test_it_hides_removed_questions(client, patient):
    removed = factories.QuestionFactory(asker=patient, is_removed=True)
    assert removed.title not in client.get(reverse("web:questions")).content.decode()


def test_it_paginates_with_page_x_of_y(client, patient, django_assert_max_num_queries):
    for _ in range(45):
        factories.QuestionFactory(asker=patient)
    url = reverse("web:questions")
    with django_assert_max_num_queries(6):
        first = client.get(url).content.decode()
    assert "Page 1 of 3" in first
    assert first.count('class="card question-card"') == 20
    last = client.get(url, {"page": "3"}).content.decode()
    assert "Page 3 of 3" in last
    assert last.count('class="card question-card"') == 5


def test_it_shows_the_nearest_page_for_a_bad_page_number(client, patient):
    for _ in range(21):
        factories.QuestionFactory(asker=patient)
    url = reverse("web:questions")
    assert "Page 2 of 2" in client.get(url, {"page": "99"}).content.decode()
    assert "Page 1 of 2" in client.get(url, {"page": "abc"}).content.decode()


def test_it_says_what_to_do_when_nothing_waits(client, db):
    html = client.get(reverse("web:questions"), {"answered": "no"}).content.decode()
    assert "No question is waiting" in html
