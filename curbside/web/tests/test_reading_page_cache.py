"""Anonymous readers of the home, topic and question pages get a cached copy, and
any change a reader would see — an answer, an agreement, a helpful vote — makes
the next reader get a fresh page at once. Members always get a fresh page."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from curbside.questions import services


@pytest.fixture
def answer(question, verified_physician, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.answer_post(
            question=question,
            author=verified_physician.user,
            body="Try a fragrance-free emollient twice a day for two weeks.",
        )


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_it_serves_the_second_anonymous_reader_from_the_cache(
    client, answer, django_assert_num_queries
):
    url = answer.question.get_absolute_url()
    assert _get(client, url)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = _get(client, url)
    assert second["X-Page-Cache"] == "hit"
    assert "fragrance-free emollient" in second.content.decode()


@pytest.mark.parametrize("name", ["home", "topic"])
def test_it_caches_home_and_topic_pages_for_anonymous_readers(client, eczema, name):
    url = reverse("web:home") if name == "home" else eczema.get_absolute_url()
    assert _get(client, url)["X-Page-Cache"] == "miss"
    assert _get(client, url)["X-Page-Cache"] == "hit"


def test_an_agreement_refreshes_the_cached_question_page(
    client, answer, second_physician, django_capture_on_commit_callbacks
):
    url = answer.question.get_absolute_url()
    assert "Carol Chen" not in _get(client, url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_set(
            answer=answer, physician_user=second_physician.user, stance="agree"
        )
    fresh = _get(client, url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Carol Chen, MD" in fresh.content.decode()


def test_a_new_answer_refreshes_the_cached_question_page(
    client, answer, second_physician, django_capture_on_commit_callbacks
):
    url = answer.question.get_absolute_url()
    _get(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_post(
            question=answer.question,
            author=second_physician.user,
            body="A patch test at a dermatology clinic would tell you the cause.",
        )
    html = _get(client, url).content.decode()
    assert "A patch test at a dermatology clinic" in html
    assert "2 physician answers" in html


def test_a_helpful_vote_refreshes_the_cached_question_page(
    client, answer, outsider, django_capture_on_commit_callbacks
):
    url = answer.question.get_absolute_url()
    assert "1 found this helpful" not in _get(client, url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.helpful_mark(answer=answer, user=outsider)
    assert "1 found this helpful" in _get(client, url).content.decode()


def test_a_new_answer_refreshes_the_cached_home_page(
    client, question, verified_physician, django_capture_on_commit_callbacks
):
    home = reverse("web:home")
    assert question.title not in _get(client, home).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_post(
            question=question,
            author=verified_physician.user,
            body="Nothing to worry about: this is a harmless skin reaction.",
        )
    assert question.title in _get(client, home).content.decode()


def test_members_always_get_a_fresh_page(client, answer, outsider):
    client.force_login(outsider)
    url = answer.question.get_absolute_url()
    for _ in range(2):
        assert "X-Page-Cache" not in _get(client, url)


def test_a_member_never_sees_the_anonymous_copy(client, answer, outsider):
    url = answer.question.get_absolute_url()
    _get(client, url)
    client.force_login(outsider)
    response = _get(client, url)
    assert "X-Page-Cache" not in response
    assert "Log out" in response.content.decode()


def test_the_anonymous_page_carries_no_csrf_token_or_personal_parts(client, answer):
    response = _get(client, answer.question.get_absolute_url())
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert "csrftoken" not in response.cookies
    assert "Log out" not in html


def test_a_reader_with_a_pending_message_gets_a_fresh_page_that_is_not_stored(
    client, answer
):
    url = answer.question.get_absolute_url()
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, "You are logged out.")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies[storage.cookie_name] = carrier.cookies[storage.cookie_name].value

    first = _get(client, url)
    assert "You are logged out." in first.content.decode()
    assert "X-Page-Cache" not in first

    client.cookies.clear()
    second = client.get(url)
    assert "You are logged out." not in second.content.decode()
