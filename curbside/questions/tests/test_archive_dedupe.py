"""Importing the same archive again adds nothing twice, but a question already
present still gets the answers and agreements it was missing."""

import io
import json

import pytest

from curbside.physicians.models import PhysicianProfile
from curbside.questions.archive import archive_export, archive_import
from curbside.questions.models import Agreement, Answer, Question

pytestmark = pytest.mark.django_db

QUESTION = {
    "title": "Can I exercise with a mild fever?",
    "body": "I have 37.9 °C and a marathon training run planned.",
    "asked_at": "2024-05-01T07:00:00Z",
}


def _answer(name, body, **extra):
    return {"body": body, "physician": {"name": name}, **extra}


def _import(*records):
    return archive_import(lines=[json.dumps(r) for r in records])


def test_it_skips_questions_already_imported():
    record = {**QUESTION, "answers": [
        _answer("Ines Moreau", "Rest until the fever is gone.", agreed_by=["Kofi Mensah"])
    ]}  # fmt: skip
    _import(record)

    again = _import(record)

    assert (again.questions_created, again.questions_skipped) == (0, 1)
    assert again.answers_created == again.physicians_created == 0
    assert again.agreements_created == 0
    assert Question.objects.count() == 1
    assert Answer.objects.count() == 1
    assert Agreement.objects.count() == 1
    assert PhysicianProfile.objects.get(name="Ines Moreau").answer_count == 1


def test_it_recognises_a_question_whatever_its_spacing_or_case():
    _import(QUESTION)

    report = _import({**QUESTION, "title": "  can I exercise   with a MILD fever? "})

    assert report.questions_skipped == 1
    assert Question.objects.count() == 1


def test_it_adds_missing_answers_and_agreements_to_a_present_question():
    first = _answer("Ines Moreau", "Rest until the fever is gone.",
                    answered_at="2024-05-01T08:00:00Z")  # fmt: skip
    _import({**QUESTION, "answers": [first]})

    report = _import({**QUESTION, "answers": [
        {**first, "agreed_by": ["Kofi Mensah"]},
        _answer("Kofi Mensah", "Skip the run; light walking is fine.",
                answered_at="2024-05-02T09:00:00Z"),
    ]})  # fmt: skip

    assert report.questions_skipped == 1
    assert report.answers_created == 1
    assert report.agreements_created == 1
    question = Question.objects.get()
    assert question.answer_count == 2
    assert question.last_answered_at.isoformat() == "2024-05-02T09:00:00+00:00"
    ines_answer = Answer.objects.get(physician__name="Ines Moreau")
    assert ines_answer.agree_count == 1
    assert PhysicianProfile.objects.get(name="Kofi Mensah").answer_count == 1


def test_it_takes_a_present_question_out_of_the_queue_when_answers_arrive():
    _import(QUESTION)
    assert Question.objects.get().needs_answer_since is not None

    _import({**QUESTION, "answers": [_answer("Ines Moreau", "Rest first.")]})

    question = Question.objects.get()
    assert question.answer_count == 1
    assert question.needs_answer_since is None


def test_it_recognises_questions_posted_here_in_an_export_of_this_site(question):
    archive = io.StringIO()
    archive_export(out=archive)

    report = archive_import(lines=archive.getvalue().splitlines())

    assert (report.questions_created, report.questions_skipped) == (0, 1)
    assert Question.objects.count() == 1


def test_it_recognises_undated_imports_in_an_export_of_this_site():
    _import({"title": QUESTION["title"], "body": QUESTION["body"]})
    archive = io.StringIO()
    archive_export(out=archive)

    report = archive_import(lines=archive.getvalue().splitlines())

    assert report.questions_skipped == 1
    assert Question.objects.count() == 1
