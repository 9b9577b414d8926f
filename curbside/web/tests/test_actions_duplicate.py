"""Moderators mark a question as a duplicate of another from its page, and undo
it; readers of a duplicate are sent to its target, which shows its answers."""

import pytest
from django.urls import reverse

from curbside.questions import services
from curbside.questions.models import DuplicateDecision, Question
from tests import factories

MERGED_ANSWER = "Dry winter air strips the skin barrier; use a thick emollient."
OWN_ANSWER = "Winter flares are common; a humidifier and short showers help."


@pytest.fixture
def original(eczema, second_physician):
    question = factories.QuestionFactory(title="Why does my eczema flare in winter?",
                                         topics=[eczema])  # fmt: skip
    services.answer_post(question=question, author=second_physician.user,
                         body=OWN_ANSWER)  # fmt: skip
    return Question.objects.get(pk=question.pk)


@pytest.fixture
def repeat(patient, eczema, verified_physician):
    question = factories.QuestionFactory(asker=patient, topics=[eczema],
                                         title="Eczema worse every winter, why?")  # fmt: skip
    services.answer_post(question=question, author=verified_physician.user,
                         body=MERGED_ANSWER)  # fmt: skip
    return question


@pytest.fixture
def merged(moderator, repeat, original):
    return services.question_mark_duplicate(
        moderator=moderator, question=repeat, target=original
    )


def _mark(client, question, target):
    return client.post(reverse("web:duplicate_mark", args=[question.pk]),
                       {"target": target})  # fmt: skip


def _target_of(question):
    return Question.objects.get(pk=question.pk).duplicate_of_id


# --- readers ---------------------------------------------------------------------


def test_readers_of_a_duplicate_are_sent_to_its_target(client, outsider, merged):
    anonymous = client.get(merged.get_absolute_url())
    client.force_login(outsider)
    member = client.get(merged.get_absolute_url())

    for response in (anonymous, member):
        assert response.status_code == 302  # not 301: the mark can be undone
        assert response["Location"] == merged.duplicate_of.get_absolute_url()


def test_the_short_address_of_a_duplicate_goes_to_the_target(client, merged):
    response = client.get(reverse("web:question_short", args=[merged.pk]))

    assert response.status_code == 302
    assert response["Location"] == merged.duplicate_of.get_absolute_url()


def test_the_target_shows_the_merged_answers_with_a_note(client, merged, original):
    page = client.get(original.get_absolute_url()).content.decode()

    assert OWN_ANSWER in page
    assert MERGED_ANSWER in page
    note = f'<p class="answer__merged">From a question merged here: {merged.title}</p>'
    assert note in page
    assert page.count("From a question merged here") == 1


def test_anonymous_readers_get_a_fresh_target_page_after_a_mark(
    client, moderator, repeat, original, django_capture_on_commit_callbacks
):
    assert client.get(original.get_absolute_url())["X-Page-Cache"] == "miss"
    assert MERGED_ANSWER not in client.get(original.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.question_mark_duplicate(moderator=moderator, question=repeat,
                                         target=original)  # fmt: skip

    fresh = client.get(original.get_absolute_url())
    assert fresh["X-Page-Cache"] == "miss"
    assert MERGED_ANSWER in fresh.content.decode()
    assert client.get(repeat.get_absolute_url()).status_code == 302


def test_lists_leave_duplicates_out(client, merged, original):
    home = client.get(reverse("web:home")).content.decode()
    topic = client.get(original.topics.first().get_absolute_url()).content.decode()

    for page in (home, topic):
        assert original.title in page
        assert merged.title not in page


# --- moderators ------------------------------------------------------------------


def test_a_moderator_sees_the_duplicate_with_a_banner_and_undo(
    client, moderator, merged, original
):
    client.force_login(moderator)

    response = client.get(merged.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert "Marked as a duplicate of" in page
    assert f'href="{original.get_absolute_url()}">{original.title}</a>' in page
    assert "Marked by Maria on" in page
    assert reverse("web:duplicate_unmark", args=[merged.pk]) in page
    assert reverse("web:answer_post", args=[merged.pk]) not in page


def test_a_moderator_gets_the_form_on_a_normal_question(
    client, moderator, merged, original
):
    client.force_login(moderator)

    page = client.get(original.get_absolute_url()).content.decode()

    assert reverse("web:duplicate_mark", args=[original.pk]) in page
    assert "Mark as a duplicate of…" in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert "Questions merged here:" in page
    assert merged.get_absolute_url() in page


def test_others_do_not_get_the_controls(client, outsider, original):
    client.force_login(outsider)

    page = client.get(original.get_absolute_url()).content.decode()

    assert reverse("web:duplicate_mark", args=[original.pk]) not in page


@pytest.mark.parametrize(
    "typed",
    ["{pk}", "#{pk}", "{url}", "http://testserver{url}", "/questions/{pk}/"],
    ids=["number", "hash-number", "path", "full-address", "short-address"],
)
def test_a_moderator_marks_a_duplicate_by_number_or_address(
    client, moderator, repeat, original, typed
):
    client.force_login(moderator)

    response = _mark(client, repeat, typed.format(pk=original.pk,
                                                  url=original.get_absolute_url()))  # fmt: skip

    assert response.status_code == 302
    assert response["Location"] == repeat.get_absolute_url()
    assert _target_of(repeat) == original.pk
    assert DuplicateDecision.objects.get().decided_by == moderator
    shown = client.get(response["Location"])
    assert "Marked as a duplicate of “" in shown.content.decode()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("999999", "There is no question #999999"),
        ("self", "cannot be a duplicate of itself"),
        ("removed", "was removed"),
        ("https://example.org/about/", "not the address of a question here"),
        ("", "This field is required"),
    ],
    ids=["unknown", "itself", "removed", "not-a-question", "empty"],
)
def test_the_form_says_what_is_wrong(client, moderator, repeat, typed, message):
    removed = factories.QuestionFactory(is_removed=True)
    value = {"self": str(repeat.pk), "removed": str(removed.pk)}.get(typed, typed)
    client.force_login(moderator)

    response = _mark(client, repeat, value)

    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert f'value="{value}"' in page or not value  # what was typed comes back
    assert reverse("web:duplicate_mark", args=[repeat.pk]) in page
    assert _target_of(repeat) is None


@pytest.mark.parametrize("who", ["patient", "outsider", "verified_physician"])
def test_only_moderators_can_mark(request, client, who, repeat, original):
    user = request.getfixturevalue(who)
    client.force_login(getattr(user, "user", user))

    response = _mark(client, repeat, str(original.pk))

    assert response.status_code == 403
    assert _target_of(repeat) is None


def test_marking_needs_a_login_and_a_post(client, repeat, original):
    url = reverse("web:duplicate_mark", args=[repeat.pk])

    assert client.get(url).status_code == 405
    response = client.post(url, {"target": str(original.pk)})
    assert response.status_code == 302
    assert reverse("web:login") in response["Location"]
    assert _target_of(repeat) is None


def test_marking_checks_the_csrf_token(moderator, repeat, original):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)

    response = _mark(client, repeat, str(original.pk))

    assert response.status_code == 403
    assert _target_of(repeat) is None


def test_a_moderator_undoes_the_mark(client, moderator, merged, original):
    client.force_login(moderator)

    response = client.post(reverse("web:duplicate_unmark", args=[merged.pk]))

    assert response.status_code == 302
    assert response["Location"] == merged.get_absolute_url()
    assert _target_of(merged) is None
    client.logout()
    assert client.get(merged.get_absolute_url()).status_code == 200
    assert MERGED_ANSWER not in client.get(original.get_absolute_url()).content.decode()


def test_undoing_twice_says_it_is_not_a_duplicate(client, moderator, repeat):
    client.force_login(moderator)

    response = client.post(reverse("web:duplicate_unmark", args=[repeat.pk]))

    assert response.status_code == 409
    assert "not marked as a duplicate" in response.content.decode()


def test_others_cannot_undo(client, outsider, merged):
    client.force_login(outsider)

    response = client.post(reverse("web:duplicate_unmark", args=[merged.pk]))

    assert response.status_code == 403
    assert _target_of(merged) is not None
