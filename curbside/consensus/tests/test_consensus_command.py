"""`curbside consensus --all` rebuilds every question's consensus; `curbside
consensus ID` one; a wrong call says what to type."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from curbside.consensus.models import QuestionConsensus
from tests import factories


def _run(*args) -> str:
    out = StringIO()
    call_command("consensus", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def answered(db):
    questions = []
    for _ in range(2):
        q = factories.QuestionFactory()
        factories.AnswerFactory(question=q, body="Rest the knee and ice it daily.")
        factories.AnswerFactory(question=q, body="Ice the knee daily and rest it.")
        questions.append(q)
    return questions


def test_it_rebuilds_every_question_and_sums_up(answered):
    output = _run("--all")

    assert QuestionConsensus.objects.count() == 2
    assert "2 computed" in output


def test_it_rebuilds_one_question(answered):
    output = _run(str(answered[0].pk))

    assert list(QuestionConsensus.objects.values_list("question_id", flat=True)) == [
        answered[0].pk
    ]
    assert "1 computed" in output


def test_it_names_a_question_that_does_not_exist(db):
    with pytest.raises(CommandError, match="No question with the number 999"):
        _run("999")


def test_it_asks_for_a_question_or_all(db):
    with pytest.raises(CommandError, match="--all"):
        _run()
