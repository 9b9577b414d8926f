"""In a real browser: the ask page checks the question as the patient types,
shows emergency advice before anything else and needs the acknowledgement, and
replaces personal details in place."""

import pytest

from curbside.questions.models import Question
from tests.e2e.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_shows_emergency_advice_while_typing_and_posts_after_acknowledgement(
    live_server, open_page, patient
):
    alice = open_page()
    log_in(alice, live_server.url, patient.email, PASSWORD)
    alice.goto(f"{live_server.url}/ask/")
    ack = alice.locator("[data-triage-ack]")
    assert ack.is_hidden()

    alice.fill("input[name=title]", "Crushing pain in my chest right now")
    alice.fill("textarea[name=body]", "Started twenty minutes ago, sweating a lot.")

    guidance = alice.locator("[data-triage-guidance]")
    guidance.get_by_text("This may be an emergency").wait_for()
    assert "Call 911 now" in guidance.inner_text()
    ack.wait_for(state="visible")
    alice.locator("input[name=emergency_ack]").check()
    alice.locator("main form button[type=submit]").last.click()
    alice.wait_for_load_state()
    question = Question.objects.get()
    assert question.is_urgent
    assert alice.url.endswith(question.get_absolute_url())


def test_it_replaces_personal_details_in_place(live_server, open_page, patient):
    alice = open_page()
    log_in(alice, live_server.url, patient.email, PASSWORD)
    alice.goto(f"{live_server.url}/ask/")

    alice.fill("input[name=title]", "Knee pain after running every weekend")
    alice.fill(
        "textarea[name=body]",
        "I'm Ines Carvalho and my knee aches after runs. Ring 020 7946 0312.",
    )
    panel = alice.locator("[data-triage-pii]")
    panel.get_by_text("Ines Carvalho").wait_for()
    panel.get_by_role("button", name="Replace all").click()

    body = alice.locator("textarea[name=body]")
    alice.wait_for_function(
        "() => document.querySelector('textarea[name=body]').value.includes('[name]')"
    )
    assert body.input_value() == (
        "I'm [name] and my knee aches after runs. Ring [phone number]."
    )
    alice.locator("main form button[type=submit]").last.click()
    alice.wait_for_load_state()
    assert Question.objects.get().body.startswith("I'm [name]")
