"""In a real browser: a patient asks, a verified physician answers, the patient marks
the answer helpful without a reload, and a visitor reads it all without JavaScript."""

import pytest

from curbside.questions.models import Question
from tests.e2e.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_carries_a_question_from_asking_to_a_helpful_answer(
    live_server, open_page, patient, verified_physician, eczema
):
    alice = open_page()
    log_in(alice, live_server.url, patient.email, PASSWORD)
    alice.goto(f"{live_server.url}/ask/")
    alice.fill("input[name=title]", "Why do my hands crack every winter?")
    alice.fill(
        "textarea[name=body]",
        "Since November the skin on my knuckles splits and bleeds. Creams sting.",
    )
    alice.locator("main form button[type=submit]").last.click()
    alice.wait_for_load_state()
    question = Question.objects.get(title="Why do my hands crack every winter?")
    assert alice.url.endswith(question.get_absolute_url())
    assert alice.locator("h1").inner_text() == question.title

    bob = open_page()
    log_in(bob, live_server.url, verified_physician.user.email, PASSWORD)
    bob.goto(f"{live_server.url}/queue/")
    bob.get_by_role("link", name=question.title).click()
    bob.fill(
        "textarea[name=body]",
        "Cold dry air strips the skin. Use a **thick** emollient.",
    )
    bob.locator("form[action$='/answer/'] button[type=submit]").click()
    bob.wait_for_load_state()
    answer = question.answers.get()
    assert bob.url.endswith(f"#answer-{answer.pk}")
    body = bob.locator(f"#answer-{answer.pk} .answer__body").inner_html()
    assert "<strong>thick</strong>" in body

    alice.reload()
    helpful = alice.locator("form[data-enhance=helpful] button[type=submit]").first
    helpful.click()
    alice.wait_for_function(
        "document.querySelector('form[data-enhance=helpful] button')"
        ".getAttribute('aria-pressed') === 'true'"
    )
    assert alice.url.endswith(question.get_absolute_url())  # no navigation
    assert answer.helpful_votes.filter(user=patient).exists()

    visitor = open_page(width=390, height=844, javascript=False)
    visitor.goto(f"{live_server.url}{question.get_absolute_url()}")
    assert "emollient" in visitor.locator("main").inner_text()
    assert "Bob Baker" in visitor.locator("main").inner_text()
    assert "1 found this helpful" in visitor.locator("main").inner_text()


def test_a_keyboard_user_can_skip_to_the_content(live_server, open_page, db):
    page = open_page()
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
