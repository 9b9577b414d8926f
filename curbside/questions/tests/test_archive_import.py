"""Importing an archive creates questions, answers, imported physicians, topics and
agreements, with every counter a reader sees already right."""

import json
from datetime import UTC, datetime

import pytest

from curbside.accounts.models import PSEUDONYM_ADJECTIVES
from curbside.physicians.models import PhysicianProfile
from curbside.questions.archive import archive_import
from curbside.questions.events import question_changed
from curbside.questions.models import Agreement, Question
from curbside.topics.models import Topic

pytestmark = pytest.mark.django_db

THREAD = {
    "title": "Does oatmeal help with dry itchy skin on the shins?",
    "body": "Every winter my shins get dry and itchy. Would oatmeal baths help?",
    "topics": ["eczema", "Dry skin"],
    "asked_at": "2024-03-01T09:30:00",
    "asker": {"display_name": "Priya"},
    "answers": [
        {
            "body": "Colloidal oatmeal **soothes** itch; pair it with a thick cream.",
            "answered_at": "2024-03-02T08:00:00Z",
            "physician": {"name": "Nadia Haddad", "credentials": "MD, FAAD",
                          "specialties": ["Dermatology", "Allergy"]},
            "agreed_by": ["Tomas Lind", "Nadia Haddad"],
        },
        {
            "body": "Shorter lukewarm showers matter more than any bath additive.",
            "answered_at": "2024-03-03T10:15:00+02:00",
            "physician": {"name": "Tomas Lind", "credentials": "DO"},
            "disagreed_by": [{"name": "Nadia Haddad",
                              "reason": "Additives help some patients a lot."}],
        },
    ],
}  # fmt: skip


def _import(*records, **kwargs):
    return archive_import(lines=[json.dumps(r) for r in records], **kwargs)


def test_it_imports_a_whole_thread(eczema):
    report = _import(THREAD)

    assert report.errors == []
    assert (report.questions_created, report.questions_skipped) == (1, 0)
    assert report.answers_created == 2
    assert report.physicians_created == 2
    # "Dry skin" for the question and the specialty "Allergy"; "eczema" and
    # "Dermatology" were already there.
    assert report.topics_created == 2
    assert report.agreements_created == 2

    question = Question.objects.get()
    assert question.asker is None
    assert question.asker_name == "Priya" and not question.is_anonymous
    assert question.created_at == datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
    assert {t.slug for t in question.topics.all()} == {"eczema", "dry-skin"}
    assert question.answer_count == 2
    assert question.last_answered_at == datetime(2024, 3, 3, 8, 15, tzinfo=UTC)
    assert question.needs_answer_since is None
    assert question.import_key

    first, second = question.answers.order_by("created_at")
    assert "<strong>soothes</strong>" in first.body_html
    assert (first.agree_count, first.disagree_count) == (1, 0)
    assert (second.agree_count, second.disagree_count) == (0, 1)
    disagreement = Agreement.objects.get(stance="disagree")
    assert disagreement.reason == "Additives help some patients a lot."


def test_it_creates_physicians_without_a_login():
    _import(THREAD)

    nadia = PhysicianProfile.objects.get(name="Nadia Haddad")
    assert nadia.status == PhysicianProfile.Status.IMPORTED
    assert nadia.credentials == "MD, FAAD"
    assert nadia.answer_count == 1
    assert nadia.user.is_imported and not nadia.user.has_usable_password()
    assert {t.name for t in nadia.specialties.all()} == {"Dermatology", "Allergy"}
    assert Topic.objects.get(name="Allergy").kind == Topic.Kind.SPECIALTY


def test_it_ignores_an_author_agreeing_with_their_own_answer():
    _import(THREAD)

    nadia = PhysicianProfile.objects.get(name="Nadia Haddad")
    answer = nadia.answers.get()
    assert not answer.agreements.filter(physician=nadia).exists()
    assert answer.agree_count == 1


def test_it_reuses_a_physician_already_on_the_site(verified_physician):
    thread = {**THREAD, "answers": [{
        "body": "Oatmeal is fine; stop if the itch gets worse.",
        "physician": {"name": "Bob  Baker"},
    }]}  # fmt: skip

    report = _import(thread)

    assert report.physicians_created == 0
    verified_physician.refresh_from_db()
    assert verified_physician.answer_count == 1
    assert verified_physician.status == PhysicianProfile.Status.VERIFIED
    assert Question.objects.get().answers.get().physician == verified_physician


def test_it_gives_askers_without_a_name_a_pseudonym():
    _import({"title": "Is a cold sore contagious?", "body": "Asking for my son."})

    question = Question.objects.get()
    assert question.is_anonymous
    assert question.asker_name.startswith(PSEUDONYM_ADJECTIVES)


def test_it_dates_undated_questions_now_and_queues_unanswered_ones():
    before = datetime.now(UTC)
    _import({"title": "Is a cold sore contagious?", "body": "Asking for my son."})

    question = Question.objects.get()
    assert before <= question.created_at <= datetime.now(UTC)
    assert question.answer_count == 0
    assert question.needs_answer_since == question.created_at


def test_it_announces_each_imported_question_after_it_commits(
    django_capture_on_commit_callbacks,
):
    """The search index and cached pages follow imported questions."""
    announced = []

    def receiver(sender, question_id, **kwargs):
        announced.append(question_id)

    question_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            _import(THREAD, {"title": "Is a cold sore contagious?", "body": "Yes?"})
            assert announced == []
        for callback in callbacks:
            callback()
    finally:
        question_changed.disconnect(receiver)

    assert sorted(announced) == sorted(Question.objects.values_list("pk", flat=True))
    assert len(announced) == 2
