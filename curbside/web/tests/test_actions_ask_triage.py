"""The ask form checks a question before it is posted: emergencies show the
emergency number first and need an acknowledgement, urgent questions are
marked for physicians, personal details are shown and can be replaced.
Every sentence and detail here was written for these tests."""

from django.urls import reverse

from curbside.questions.models import Question

ASK = reverse("web:ask")
CHECK = reverse("web:ask_check")
EMERGENCY = {
    "title": "Crushing pain in my chest right now",
    "body": "Started twenty minutes ago, I'm sweating and short of breath.",
}
CRISIS = {
    "title": "I don't see the point any more",
    "body": "I don't want to be here anymore and I have a plan for tonight.",
}
PERSONAL = {
    "title": "Knee pain after running every weekend",
    "body": "I'm Ines Carvalho and my knee aches after runs. Ring 020 7946 0312.",
}


def _post(client, data, **extra):
    return client.post(ASK, {**data, **extra})


def test_it_shows_emergency_guidance_and_needs_an_acknowledgement(client, patient):
    client.force_login(patient)

    response = _post(client, EMERGENCY)

    page = response.content.decode()
    assert response.status_code == 400
    assert "This may be an emergency" in page
    assert "Call 911 now" in page
    assert page.index("This may be an emergency") < page.index('name="title"')
    assert "tick the box to post" in page
    assert not Question.objects.exists()


def test_it_shows_emergency_guidance_even_when_the_question_is_too_short(
    client, patient
):
    client.force_login(patient)

    response = _post(client, {"title": "", "body": "can't breathe, lips blue"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "This may be an emergency" in page
    assert not Question.objects.exists()


def test_it_marks_shown_personal_details_reviewed_alongside_the_emergency_advice(
    client, patient
):
    client.force_login(patient)
    data = {**EMERGENCY, "body": EMERGENCY["body"] + " I'm Ines Carvalho."}

    first = _post(client, data)
    token = first.context["form"]["pii_reviewed"].value()
    second = _post(client, data, emergency_ack="on", pii_reviewed=token)

    assert first.status_code == 400
    assert second.status_code == 302
    assert Question.objects.get().is_urgent


def test_it_posts_an_acknowledged_emergency_marked_urgent(client, patient):
    client.force_login(patient)

    response = _post(client, EMERGENCY, emergency_ack="on")

    question = Question.objects.get()
    assert response.status_code == 302
    assert question.is_urgent
    page = client.get(question.get_absolute_url()).content.decode()
    assert "This question was marked urgent." in page


def test_it_uses_the_configured_numbers_and_a_crisis_line(client, patient, settings):
    settings.EMERGENCY_NUMBER = "112"
    settings.CRISIS_LINE = "116 123"
    client.force_login(patient)

    page = _post(client, CRISIS).content.decode()

    assert "Call 112 now" in page
    assert "call or text 116 123 now" in page


def test_it_advises_care_within_a_day_and_marks_the_question_urgent(client, patient):
    client.force_login(patient)

    response = _post(
        client,
        {
            "title": "Burning when I pee and a temperature",
            "body": "Since yesterday it burns, and today I have a fever of 38.6.",
        },
    )

    assert response.status_code == 302
    assert Question.objects.get().is_urgent
    page = client.get(response["Location"]).content.decode()
    assert "checked in person within a day" in page


def test_it_shows_personal_details_before_posting_then_posts_as_written(
    client, patient
):
    client.force_login(patient)

    response = _post(client, PERSONAL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Personal details in your question" in page
    assert "<mark>Ines Carvalho</mark>" in page
    assert "<mark>020 7946 0312</mark>" in page
    assert patient.pseudonym in page  # anonymous mode is explained right there
    assert not Question.objects.exists()

    token = response.context["form"]["pii_reviewed"].value()
    again = _post(client, PERSONAL, pii_reviewed=token)

    assert again.status_code == 302
    assert "Ines Carvalho" in Question.objects.get().body


def test_the_live_checks_review_token_matches_a_submitted_multiline_text(
    client, patient
):
    client.force_login(patient)
    body = "I'm Ines Carvalho.\nMy knee aches after runs, ring 020 7946 0312."
    token = client.post(CHECK, {"title": PERSONAL["title"], "body": body}).json()[
        "reviewed_token"
    ]

    response = _post(
        client,
        {"title": PERSONAL["title"], "body": body.replace("\n", "\r\n")},
        pii_reviewed=token,
    )

    assert response.status_code == 302


def test_it_asks_again_when_the_text_changed_after_review(client, patient):
    client.force_login(patient)
    token = _post(client, PERSONAL).context["form"]["pii_reviewed"].value()
    changed = {**PERSONAL, "body": PERSONAL["body"] + " Call 020 7946 0999 too."}

    response = _post(client, changed, pii_reviewed=token)

    assert response.status_code == 200
    assert not Question.objects.exists()


def test_it_replaces_all_personal_details_without_javascript(client, patient):
    client.force_login(patient)

    response = _post(client, PERSONAL, pii_replace="all")

    form = response.context["form"]
    assert response.status_code == 200
    assert form["body"].value() == (
        "I'm [name] and my knee aches after runs. Ring [phone number]."
    )
    assert not Question.objects.exists()
    posted = _post(
        client,
        {"title": PERSONAL["title"], "body": form["body"].value()},
        pii_reviewed=form["pii_reviewed"].value(),
    )
    assert posted.status_code == 302
    assert "Ines" not in Question.objects.get().body


def test_it_replaces_one_personal_detail_at_a_time(client, patient):
    client.force_login(patient)
    phone_start = PERSONAL["body"].index("020")
    key = f"body:{phone_start}:{phone_start + len('020 7946 0312')}"

    response = _post(client, PERSONAL, pii_replace=key)

    body = response.context["form"]["body"].value()
    assert "Ines Carvalho" in body and "[phone number]" in body
    assert "020 7946" not in body


def test_the_live_check_answers_with_the_same_assessment(client, patient):
    client.force_login(patient)

    response = client.post(CHECK, {**EMERGENCY, "body": EMERGENCY["body"]})

    data = response.json()
    assert response.status_code == 200
    assert data["level"] == "emergency"
    assert "cardiac" in data["categories"]
    assert data["guidance"]["emergency_number"] == "911"
    pii = client.post(CHECK, PERSONAL).json()
    assert {(f["type"], f["text"]) for f in pii["personal_data"]} == {
        ("PERSON", "Ines Carvalho"),
        ("PHONE", "020 7946 0312"),
    }


def test_the_live_check_is_for_members_and_only_by_post(client, patient):
    assert client.post(CHECK, EMERGENCY).status_code == 302  # to log in
    client.force_login(patient)
    assert client.get(CHECK).status_code == 405


def test_the_ask_page_loads_the_live_check_and_says_not_for_emergencies(
    client, patient
):
    client.force_login(patient)

    page = client.get(ASK).content.decode()

    assert "curbside/triage.js" in page
    assert CHECK in page
    assert "Not for emergencies" in page
