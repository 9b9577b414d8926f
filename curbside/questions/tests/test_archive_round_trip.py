"""Exporting a site and importing the archive into an empty database reproduces
its questions, answers, physicians, topics and agreements."""

import io
import json

from curbside.accounts.models import User
from curbside.physicians.models import PhysicianProfile
from curbside.questions import services
from curbside.questions.archive import archive_export, archive_import
from curbside.questions.models import Agreement, Answer, Question
from curbside.topics.models import Topic
from tests import factories


def _snapshot() -> dict[str, set]:
    return {
        "questions": set(Question.objects.values_list("title", "created_at")),
        "answers": set(
            Answer.objects.values_list("question__title", "physician__name", "body")
        ),
        "physicians": set(PhysicianProfile.objects.values_list("name", flat=True)),
        "specialties": set(
            PhysicianProfile.objects.values_list("name", "specialties__slug")
        ),
        "topics": set(Topic.objects.values_list("slug", flat=True)),
        "question_topics": set(Question.objects.values_list("title", "topics__slug")),
        "agreements": set(
            Agreement.objects.values_list(
                "answer__physician__name", "physician__name", "stance", "reason"
            )
        ),
        "answer_counts": set(Question.objects.values_list("title", "answer_count")),
    }


def _empty_the_database() -> None:
    Question.objects.all().delete()
    PhysicianProfile.objects.all().delete()
    User.objects.all().delete()
    Topic.objects.all().delete()


def test_it_reproduces_the_site_from_its_export(
    patient, verified_physician, second_physician, eczema
):
    question = services.question_create(
        asker=patient, title="Why does my eczema flare every winter?",
        body="My hands crack and bleed from November to March.", topics=[eczema],
    )  # fmt: skip
    bob = services.answer_post(question=question, author=verified_physician.user,
                               body="Cold dry air strips the *skin barrier*.")  # fmt: skip
    carol = services.answer_post(question=question, author=second_physician.user,
                                 body="Wear cotton gloves under wool ones.")  # fmt: skip
    services.agreement_set(answer=bob, physician_user=second_physician.user,
                           stance="agree")  # fmt: skip
    services.agreement_set(answer=carol, physician_user=verified_physician.user,
                           stance="disagree", reason="Gloves alone do not help.")  # fmt: skip
    services.question_create(
        asker=patient, title="Can eczema spread to my face?", anonymous=True,
        body="It started on my hands and now my eyelids itch.", topics=[eczema],
    )  # fmt: skip
    before = _snapshot()

    archive = io.StringIO()
    written = archive_export(out=archive)
    _empty_the_database()
    report = archive_import(lines=archive.getvalue().splitlines())

    assert written == 2
    assert report.errors == []
    assert report.questions_created == 2
    assert _snapshot() == before
    anonymous = Question.objects.get(title="Can eczema spread to my face?")
    assert anonymous.is_anonymous and anonymous.asker_name == patient.pseudonym


def test_it_leaves_removed_questions_and_answers_out(verified_physician, question):
    removed = factories.QuestionFactory(is_removed=True)
    factories.AnswerFactory(question=question, physician=verified_physician,
                            is_removed=True)  # fmt: skip

    archive = io.StringIO()
    archive_export(out=archive)

    records = [json.loads(line) for line in archive.getvalue().splitlines()]
    assert [r["title"] for r in records] == [question.title]
    assert records[0]["answers"] == []
    assert removed.title not in archive.getvalue()


def test_it_exports_askers_only_by_the_name_readers_see(patient, question):
    archive = io.StringIO()
    archive_export(out=archive)

    record = json.loads(archive.getvalue())
    assert record["asker"] == {"display_name": question.asker_name}
    assert patient.email not in archive.getvalue()
