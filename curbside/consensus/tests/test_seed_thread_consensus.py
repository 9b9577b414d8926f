"""Acceptance: the sclerotherapy thread's five answers make a consensus that says
what the physicians agree on (no replacement veins are needed), where they differ
(dexterity), and what only one raised — on the page and through the API.

The thread is read from the shared seed folder next to the repository and turned
into the import format here; the test is skipped where that folder is absent.
"""

import json
from pathlib import Path

import pytest

from curbside.consensus.selectors import consensus_for
from curbside.questions.archive import archive_import
from curbside.questions.models import Answer, Question

SEED = (
    Path(__file__).resolve().parents[4]
    / "shared"
    / "seed"
    / "sclerotherapy-hands-thread.json"
)
PHYSICIANS = ["Amara Nwosu", "Bruno Keller", "Chen Yu", "Dalia Farouk", "Erik Sandvik"]


@pytest.fixture
def imported(db, django_capture_on_commit_callbacks) -> Question:
    if not SEED.exists():
        pytest.skip(f"the seed thread is not here: {SEED}")
    thread = json.loads(SEED.read_text(encoding="utf-8"))
    answers = [
        {
            "body": answer["body"],
            "answered_at": f"2024-02-0{i + 2}T12:00:00Z",
            "physician": {
                "name": name,
                "credentials": "MD",
                "specialties": ["Vascular medicine"],
            },
        }  # fmt: skip
        for i, (answer, name) in enumerate(
            zip(thread["answers"], PHYSICIANS, strict=True)
        )
    ]
    line = json.dumps({
        "title": thread["title"], "body": thread["body"],
        "topics": ["Sclerotherapy"], "asked_at": "2024-02-01T09:00:00Z",
        "asker": {"display_name": "Hand veins patient"}, "answers": answers,
    })  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        report = archive_import(lines=[line])
    assert report.errors == []
    return Question.objects.get()


def _numbers(question) -> dict[int, int]:
    """Each answer's number in the thread (1 = first), by its id."""
    order = (
        Answer.objects.filter(question=question)
        .order_by("created_at")
        .values_list("pk", flat=True)
    )
    return {pk: n for n, pk in enumerate(order, start=1)}


def _answer_numbers(question, point) -> set[int]:
    numbers = _numbers(question)
    return {numbers[a] for a in point.answer_ids}


def _about(points, *words):
    return [p for p in points if all(w in p.statement.lower() for w in words)] or [
        p
        for p in points
        if any(all(w in s.sentence.lower() for w in words) for s in p.support)
    ]


def test_it_finds_that_no_replacement_veins_are_needed(imported):
    consensus = consensus_for(imported)

    shared = _about(consensus.of_kind("shared"), "replac")
    assert shared, consensus.points
    assert len(_answer_numbers(imported, shared[0])) >= 3


def test_it_shows_the_physicians_differ_on_dexterity(imported):
    consensus = consensus_for(imported)

    differs = _about(consensus.of_kind("differs"), "dexterity")
    assert differs, consensus.points
    numbers = _numbers(imported)
    by_answer = {}
    for s in differs[0].support:
        by_answer.setdefault(numbers[s.answer_id], s)
    assert "minimal temporary loss" in by_answer[1].sentence
    no_loss = {n for n, s in by_answer.items() if s.side != by_answer[1].side}
    assert no_loss >= {2, 4, 5}


def test_it_keeps_the_points_only_one_physician_raised(imported):
    singles = consensus_for(imported).of_kind("single")

    micro = _about(singles, "microphlebectomy")
    filler = _about(singles, "filler")
    assert micro and _answer_numbers(imported, micro[0]) == {2}
    assert filler and _answer_numbers(imported, filler[0]) == {1}


def test_the_page_opens_with_the_consensus_box(client, imported):
    page = client.get(imported.get_absolute_url()).content.decode()

    box = page.index('id="consensus"')
    assert box < page.index('id="answers-title"')
    assert "They agree" in page and "They differ" in page
    assert "of 5 physicians" in page
    first = Answer.objects.filter(question=imported).order_by("created_at").first()
    assert f'href="#answer-{first.pk}:~:text=' in page


def test_the_api_returns_it_with_its_provenance(client, imported):
    data = client.get(f"/api/v1/questions/{imported.pk}/consensus").json()

    assert data["algorithm"]
    assert {p["kind"] for p in data["points"]} == {"shared", "differs", "single"}
    bodies = {a.pk: a.body for a in Answer.objects.filter(question=imported)}
    for point in data["points"]:
        for support in point["support"]:
            assert support["physician"].split(",")[0] in PHYSICIANS
            assert " ".join(support["sentence"].split()[:3]) in " ".join(
                bodies[support["answer_id"]].split()
            )
