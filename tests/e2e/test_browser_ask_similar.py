"""In a real browser: while the patient types a question, the ask page lists
the answered questions that look like it, and posting then needs no extra step."""

import pytest

from curbside.questions.models import Question
from curbside.questions.services import question_create
from tests.e2e.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

BODY = "My doctor gave me amoxicillin for a chest infection and I have a wedding."


def test_it_lists_a_similar_answered_question_while_typing(
    live_server, open_page, patient, outsider
):
    earlier = question_create(
        asker=outsider,
        title="Can I drink alcohol while taking amoxicillin for a chest infection?",
        body=BODY,
    )
    Question.objects.filter(pk=earlier.pk).update(answer_count=2)
    alice = open_page()
    log_in(alice, live_server.url, patient.email, PASSWORD)
    alice.goto(f"{live_server.url}/ask/")

    alice.fill("textarea[name=body]", BODY)
    alice.fill(
        "input[name=title]",
        "Can I drink alcohol while I am taking amoxicillin for a chest infection?",
    )

    region = alice.locator("[data-similar-live]")
    link = region.get_by_role("link", name=earlier.title)
    link.wait_for()
    assert link.get_attribute("href") == earlier.get_absolute_url()
    assert "2 physicians answered" in region.inner_text()
    assert region.get_attribute("aria-live") == "polite"
    alice.locator("main form button[type=submit]").last.click()
    alice.wait_for_load_state()
    assert alice.url.endswith(Question.objects.get(asker=patient).get_absolute_url())
