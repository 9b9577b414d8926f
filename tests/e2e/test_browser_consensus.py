"""In a real browser: following a physician's name in the consensus box marks
their sentence in their answer; without scripts the box still reads in full."""

import pytest

from curbside.consensus.services import consensus_refresh
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

FIRST = (
    "Ice the knee for twenty minutes three times a day. "
    "Keep the leg raised on a pillow while you rest in the evening."
)
SECOND = "Put ice on the knee for twenty minutes several times a day."


@pytest.fixture
def answered(patient, verified_physician, second_physician, eczema):
    question = factories.QuestionFactory(asker=patient, topics=[eczema])
    for physician, body in ((verified_physician, FIRST), (second_physician, SECOND)):
        factories.AnswerFactory(question=question, physician=physician, body=body)
    question.answer_count = 2
    question.save(update_fields=["answer_count"])
    consensus_refresh(question_id=question.pk)
    return question


def test_a_name_in_the_box_marks_the_sentence_in_the_answer(
    live_server, open_page, answered
):
    page = open_page()
    page.goto(f"{live_server.url}{answered.get_absolute_url()}")

    page.locator("#consensus a", has_text="Bob Baker").first.click()

    mark = page.locator(".answer mark.consensus-mark")
    assert mark.count() == 1
    assert mark.inner_text() == "Ice the knee for twenty minutes three times a day."
    assert page.evaluate("location.hash").startswith("#answer-")


def test_the_box_reads_without_scripts(live_server, open_page, answered):
    page = open_page(javascript=False)
    page.goto(f"{live_server.url}{answered.get_absolute_url()}")

    box = page.locator("#consensus")
    assert box.is_visible()
    assert "2 of 2 physicians" in box.inner_text()
    href = box.locator("a", has_text="Carol Chen").first.get_attribute("href")
    assert href.startswith("#answer-") and ":~:text=" in href
