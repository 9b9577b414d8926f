"""A cached page reaches an anonymous reader before sessions, authentication and
the view run — with the same security headers — while anyone with a session, or a
message waiting, goes on to the view."""

from unittest import mock

from django.test import override_settings

from curbside.questions import services


def _answered(question, physician, capture):
    with capture(execute=True):
        services.answer_post(
            question=question,
            author=physician.user,
            body="A cool compress and an unscented cream usually settle this.",
        )
    return question.get_absolute_url()


def test_a_hit_skips_the_view_and_keeps_the_security_headers(
    client, question, verified_physician, django_capture_on_commit_callbacks
):
    url = _answered(question, verified_physician, django_capture_on_commit_callbacks)
    assert client.get(url)["X-Page-Cache"] == "miss"

    with mock.patch("curbside.web.views.reading.question_page") as view_work:
        hit = client.get(url)

    view_work.assert_not_called()
    assert hit.status_code == 200 and hit["X-Page-Cache"] == "hit"
    assert "unscented cream" in hit.content.decode()
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["X-Content-Type-Options"] == "nosniff"
    assert "Cookie" in hit["Vary"]


def test_a_logged_in_reader_never_gets_the_shared_copy(
    client, question, verified_physician, patient, django_capture_on_commit_callbacks
):
    url = _answered(question, verified_physician, django_capture_on_commit_callbacks)
    client.get(url)
    client.force_login(patient)

    response = client.get(url)

    assert "X-Page-Cache" not in response
    assert "Log out" in response.content.decode()


def test_a_wrong_slug_still_redirects_to_the_cached_canonical_page(
    client, question, verified_physician, django_capture_on_commit_callbacks
):
    url = _answered(question, verified_physician, django_capture_on_commit_callbacks)
    client.get(url)

    response = client.get(f"/questions/{question.pk}/not-the-slug/")

    assert response.status_code == 301 and response["Location"] == url


@override_settings(PAGE_CACHE_SECONDS=0)
def test_with_the_page_cache_off_every_reader_gets_the_view(
    client, question, verified_physician, django_capture_on_commit_callbacks
):
    url = _answered(question, verified_physician, django_capture_on_commit_callbacks)
    client.get(url)

    assert client.get(url)["X-Page-Cache"] == "miss"
