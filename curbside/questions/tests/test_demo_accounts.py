"""The demo's accounts let someone try every role with the printed password: a
patient with questions still open to edit, a verified physician who can answer, a
physician waiting for verification, and a moderator."""

from io import StringIO

import pytest
from django.core.management import call_command

from curbside.accounts.models import User
from curbside.physicians.models import PhysicianProfile, VerificationDecision
from curbside.questions.models import Question
from curbside.questions.services import answer_post, question_edit

PASSWORD = "curbside-demo"
EMAILS = (
    "patient@demo.curbside.test",
    "physician@demo.curbside.test",
    "pending@demo.curbside.test",
    "moderator@demo.curbside.test",
)


@pytest.fixture
def demo(db):
    call_command("demo", stdout=StringIO())


def test_it_lets_each_demo_account_log_in_with_the_printed_password(demo, client):
    for email in EMAILS:
        assert client.login(email=email, password=PASSWORD), email
        client.logout()
    assert not client.login(email=EMAILS[0], password="not-the-password")


def test_the_demo_physicians_are_one_verified_and_one_waiting(demo):
    physician = PhysicianProfile.objects.get(user__email="physician@demo.curbside.test")
    pending = PhysicianProfile.objects.get(user__email="pending@demo.curbside.test")
    moderator = User.objects.get(email="moderator@demo.curbside.test")

    assert moderator.is_moderator
    assert physician.is_verified
    assert physician.decisions.filter(
        decision=VerificationDecision.Decision.VERIFIED, decided_by=moderator
    ).exists()
    assert pending.status == PhysicianProfile.Status.PENDING
    waiting = Question.objects.filter(answer_count=0, asker__isnull=True).first()
    answer = answer_post(question=waiting, author=physician.user,
                         body="A demo answer with enough words to be accepted.")  # fmt: skip
    assert answer.physician == physician


def test_the_demo_patient_has_voted_and_has_questions_they_can_still_edit(demo):
    patient = User.objects.get(email="patient@demo.curbside.test")
    mine = Question.objects.filter(asker=patient)
    assert mine.count() >= 2
    assert not mine.filter(answer_count__gt=0).exists()
    assert mine.filter(needs_answer_since__isnull=False).count() == mine.count()
    assert patient.helpful_votes.exists()

    question = mine.first()
    edited = question_edit(
        question=question, editor=patient, title=question.title + " (edited)",
        body=question.body, topics=list(question.topics.all()),
    )  # fmt: skip

    assert edited.title.endswith("(edited)")
