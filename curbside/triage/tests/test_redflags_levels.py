"""The red-flag check gives a level, the categories found and the exact spans
that triggered them. Sentences written for these tests."""

import pytest

from curbside.triage.redflags import assess


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Crushing chest pain going down my left arm for 20 minutes.", "cardiac"),
        ("His face is drooping on one side and his speech is slurred.", "stroke"),
        ("My lips are blue and I can't catch my breath.", "breathing"),
        ("Stung by a wasp, my tongue is swelling and I can't swallow.", "anaphylaxis"),
        ("I took 30 paracetamol an hour ago but I feel fine.", "overdose"),
        ("My son drank bleach from under the sink.", "poisoning"),
        ("Blood is spurting from the cut and won't stop.", "bleeding"),
        ("My daughter's seizure has lasted 6 minutes and won't stop.", "neuro"),
        ("My 5 week old has a temperature of 38.4.", "pediatric"),
        (
            "High temperature, neck too stiff to bend, spots not fading under a glass.",
            "meningitis",
        ),
        ("34 weeks pregnant and the baby hasn't moved since yesterday.", "obstetric"),
        ("I want to kill myself.", "suicide"),
    ],
)
def test_it_flags_emergencies_with_their_category(text, category):
    result = assess("", text)
    assert result.level == "emergency"
    assert category in result.categories


def test_it_gives_the_exact_spans_that_triggered_it():
    body = "since an hour my chest is tight and I am sweating"
    result = assess("worried", body)
    spans = {(hit.field, body[hit.start : hit.end]) for hit in result.hits}
    assert ("body", "chest is tight") in spans
    assert ("body", "sweating") in spans
    assert all(hit.text == body[hit.start : hit.end] for hit in result.hits)


def test_it_reads_the_title_too():
    result = assess("can't breathe and lips going blue", "please help")
    assert result.level == "emergency"
    assert {hit.field for hit in result.hits} == {"title"}


def test_it_marks_suicide_and_self_harm_as_a_crisis():
    assert assess("", "I keep cutting myself and can't stop").crisis
    assert not assess("", "Crushing pain in my chest and sweating.").crisis


def test_it_asks_for_care_within_a_day_for_urgent_signs():
    result = assess("", "Burning when I pee and a fever of 38.5 since this morning.")
    assert result.level == "urgent"


def test_it_leaves_ordinary_questions_routine():
    result = assess("acne at 30", "Spots on my chin before my period, what helps?")
    assert result.level == "routine"
    assert result.categories == () and result.hits == ()


def test_it_handles_empty_text():
    assert assess("", "").level == "routine"
    assert assess().level == "routine"


def test_it_keeps_offsets_with_characters_that_change_length_when_lowered():
    body = "İstanbul trip. Now crushing chest pain and sweating."
    result = assess("", body)
    assert result.level == "emergency"
    assert all(hit.text == body[hit.start : hit.end] for hit in result.hits)
