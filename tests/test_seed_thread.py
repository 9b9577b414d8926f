"""The acceptance thread: a patient's question about sclerotherapy on the hands and
five physicians' answers, imported from an archive, reads in full on the question
page and through the API.

The thread is read from the shared seed folder next to the repository and converted
here into the import format; the test is skipped where that folder is absent.
"""

import html
import json
import re
from pathlib import Path

import pytest

from curbside.core.markdown import plain_text
from curbside.physicians.models import PhysicianProfile
from curbside.questions.archive import archive_import
from curbside.questions.models import Question

SEED = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "seed"
    / "sclerotherapy-hands-thread.json"
)
# The seed does not name its physicians; these invented names stand in for them.
PHYSICIANS = [
    ("Amara Nwosu", "MD"),
    ("Bruno Keller", "MD, FACS"),
    ("Chen Yu", "DO"),
    ("Dalia Farouk", "MD"),
    ("Erik Sandvik", "MBBS"),
]


@pytest.fixture
def thread() -> dict:
    if not SEED.exists():
        pytest.skip(f"the seed thread is not here: {SEED}")
    return json.loads(SEED.read_text(encoding="utf-8"))


def _as_archive_line(thread: dict) -> str:
    answers = [
        {
            "body": answer["body"],
            "answered_at": f"2024-02-0{i + 2}T12:00:00Z",
            "physician": {
                "name": name,
                "credentials": credentials,
                "specialties": ["Vascular medicine"],
            },
        }  # fmt: skip
        for i, (answer, (name, credentials)) in enumerate(
            zip(thread["answers"], PHYSICIANS, strict=True)
        )
    ]
    return json.dumps({
        "title": thread["title"], "body": thread["body"],
        "topics": ["Sclerotherapy"], "asked_at": "2024-02-01T09:00:00Z",
        "asker": {"display_name": "Hand veins patient"}, "answers": answers,
    })  # fmt: skip


def _words(text: str) -> str:
    """A text reduced to its words, so markup and spacing do not matter."""
    return " ".join(re.findall(r"\w+", html.unescape(text).casefold()))


def _page_text(page_html: str) -> str:
    """What a reader sees: no scripts (structured data repeats the answers), no
    tags."""
    visible = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page_html)
    return _words(re.sub(r"<[^>]+>", " ", visible))


@pytest.fixture
def imported(db, thread, django_capture_on_commit_callbacks) -> Question:
    with django_capture_on_commit_callbacks(execute=True):
        report = archive_import(lines=[_as_archive_line(thread)])
    assert report.errors == []
    assert report.answers_created == 5
    assert report.physicians_created == 5
    return Question.objects.get()


def test_it_imports_the_five_answers_of_the_thread(imported, thread):
    assert imported.answer_count == 5
    assert PhysicianProfile.objects.count() == 5
    assert {a.body for a in imported.answers.all()} == {
        a["body"].strip() for a in thread["answers"]
    }


def test_it_shows_every_answer_in_full_on_the_question_page(client, imported, thread):
    response = client.get(imported.get_absolute_url())

    assert response.status_code == 200
    page = _page_text(response.content.decode())
    for answer in thread["answers"]:
        assert _words(plain_text(answer["body"])) in page
    for name, _credentials in PHYSICIANS:
        assert name.casefold() in page


def test_it_returns_every_answer_in_full_from_the_api(client, imported, thread):
    response = client.get(f"/api/v1/questions/{imported.pk}")

    assert response.status_code == 200
    data = response.json()
    assert data["title"] == thread["title"]
    assert len(data["answers"]) == 5
    assert {a["body"] for a in data["answers"]} == {
        a["body"].strip() for a in thread["answers"]
    }


def test_it_finds_the_thread_by_a_word_only_its_answers_use(client, imported, thread):
    asked = set(_words(thread["title"] + " " + thread["body"]).split())
    answered = set(_words(" ".join(a["body"] for a in thread["answers"])).split())
    word = max(sorted(answered - asked), key=len)

    response = client.get("/search/", {"q": word})

    assert response.status_code == 200
    assert imported.get_absolute_url() in response.content.decode()
