"""The question page opens with the consensus box when two or more physicians
answered; each name links to the sentence in that physician's answer."""

import pytest

from curbside.consensus.services import consensus_refresh
from tests import factories

ICE = "Ice the knee for twenty minutes three times a day and rest it."


def _answer(question, physician, body):
    answer = factories.AnswerFactory(question=question, physician=physician, body=body)
    question.answer_count += 1
    question.save(update_fields=["answer_count"])
    return answer


@pytest.fixture
def answered(question, verified_physician, second_physician):
    first = _answer(question, verified_physician, ICE)
    _answer(question, second_physician, "Put ice on the knee for twenty minutes.")
    consensus_refresh(question_id=question.pk)
    return question, first


def test_it_shows_the_box_above_the_answers_with_linked_names(client, answered):
    question, first = answered

    page = client.get(question.get_absolute_url()).content.decode()

    assert page.index('id="consensus"') < page.index('id="answers-title"')
    assert "2 of 2 physicians" in page
    assert f'href="#answer-{first.pk}:~:text=Ice%20the%20knee%20for,' in page
    assert ">Bob Baker, MD</a>" in page


def test_it_hides_the_box_below_two_answers(client, question, verified_physician):
    _answer(question, verified_physician, ICE)
    consensus_refresh(question_id=question.pk)

    page = client.get(question.get_absolute_url()).content.decode()

    assert 'id="consensus"' not in page


def test_the_box_reads_without_scripts(client, answered):
    question, _first = answered

    page = client.get(question.get_absolute_url()).content.decode()

    box = page[page.index('id="consensus"') : page.index('id="answers-title"')]
    assert '<q class="consensus__statement">' in box
    assert "They agree" in box
