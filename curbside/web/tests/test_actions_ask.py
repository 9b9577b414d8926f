"""Asking a question through the web form: members ask, visitors are sent to log
in, unconfirmed members are told to confirm, bad input comes back in the form."""

from django.urls import reverse

from curbside.questions.models import Question
from tests import factories

ASK = reverse("web:ask")


def _form(**overrides):
    data = {
        "title": "Why does my eczema flare every winter?",
        "body": "My hands crack and bleed from November to March every year.",
        "age_range": "30-44",
        "sex": "female",
        "duration": "years",
    }
    data.update(overrides)
    return data


def test_it_lets_a_patient_ask_and_shows_the_question(client, patient, eczema):
    client.force_login(patient)

    response = client.post(ASK, _form(topics=[eczema.pk]))

    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()
    assert question.asker == patient
    assert question.asker_name == "Alice"
    assert list(question.topics.all()) == [eczema]
    assert (question.age_range, question.sex, question.duration) == (
        "30-44", "female", "years",
    )  # fmt: skip
    page = client.get(response["Location"])
    assert "Why does my eczema flare every winter?" in page.content.decode()


def test_it_shows_only_the_pseudonym_when_asked_anonymously(client, patient):
    client.force_login(patient)

    client.post(ASK, _form(anonymous="on"))

    question = Question.objects.get()
    assert question.is_anonymous
    assert question.asker_name == patient.pseudonym
    client.logout()
    page = client.get(question.get_absolute_url()).content.decode()
    assert patient.pseudonym in page
    assert "Alice" not in page and "alice@example.org" not in page


def test_it_tells_the_member_the_pseudonym_before_asking(client, patient):
    client.force_login(patient)

    page = client.get(ASK).content.decode()

    assert patient.pseudonym in page
    assert "emergency" in page


def test_it_explains_to_visitors_that_they_need_an_account(client, db):
    response = client.get(ASK)

    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("web:signup") in page and reverse("web:login") in page
    assert 'name="title"' not in page


def test_it_sends_a_visitor_who_posts_to_log_in(client, db):
    response = client.post(ASK, _form())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))
    assert not Question.objects.exists()


def test_it_tells_an_unconfirmed_member_to_confirm_first(client, db):
    member = factories.UserFactory(email_confirmed=False)
    client.force_login(member)

    response = client.post(ASK, _form())

    page = response.content.decode()
    assert response.status_code == 403
    assert "Confirm your e-mail address first" in page
    assert reverse("web:resend_confirmation") in page
    assert "Why does my eczema flare every winter?" in page  # the text is kept
    assert not Question.objects.exists()


def test_it_shows_what_to_fix_when_the_question_is_too_short(client, patient):
    client.force_login(patient)

    response = client.post(ASK, _form(title="Rash?", body="It itches."))

    page = response.content.decode()
    assert response.status_code == 400
    assert "at least 10 characters" in page
    assert "at least 20 characters" in page
    assert not Question.objects.exists()


def test_it_refuses_more_than_five_topics(client, patient, dermatology):
    client.force_login(patient)
    topics = [factories.TopicFactory(parent=dermatology).pk for _ in range(6)]

    response = client.post(ASK, _form(topics=topics))

    assert response.status_code == 400
    assert "Choose at most 5 topics." in response.content.decode()
    assert not Question.objects.exists()


def test_it_rejects_an_unknown_choice_without_failing(client, patient):
    client.force_login(patient)

    response = client.post(ASK, _form(age_range="200", topics=["999999"]))

    assert response.status_code == 400
    assert not Question.objects.exists()
