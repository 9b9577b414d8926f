"""Search by meaning: questions found although they share no word with the query.

A small concept embedder stands in for the sentence model: words of one concept
("beer", "alcohol", "drink") land on the same axis, so the tests can say exactly
which texts mean the same thing.
"""

import numpy as np
import pytest

from curbside.questions.services import question_create
from curbside.search import vectors
from curbside.search.selectors import Sort, search_questions, similar_questions
from tests import factories

CONCEPTS = [
    {"alcohol", "beer", "drink", "drinking", "wine"},
    {"antibiotics", "antibiotic", "amoxicillin", "penicillin"},
    {"knee", "kneecap", "stairs"},
    {"rash", "eczema", "itchy", "itches"},
]


class ConceptEmbedder:
    model_id = "concepts-test"
    dim = len(CONCEPTS) + 1

    def embed(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = {w.strip("?.,!").lower() for w in text.split()}
            for axis, concept in enumerate(CONCEPTS):
                out[row, axis] = len(words & concept)
            out[row, -1] = 0.2  # every text is a little alike
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@pytest.fixture(autouse=True)
def concepts(monkeypatch):
    embedder = ConceptEmbedder()
    monkeypatch.setattr(vectors, "get_embedder", lambda: embedder)
    return embedder


@pytest.fixture
def ask(patient, django_capture_on_commit_callbacks):
    def ask(title, body="Asking for myself, thank you for any advice.", **extra):
        with django_capture_on_commit_callbacks(execute=True):
            question = question_create(asker=patient, title=title, body=body)
        if extra:
            type(question).objects.filter(pk=question.pk).update(**extra)
            question.refresh_from_db()
        return question

    return ask


def test_a_question_is_found_by_meaning_without_a_shared_word(ask):
    beer = ask("Is a beer fine while on amoxicillin?", answer_count=2)
    ask("My knee hurts on the stairs", answer_count=1)

    page = search_questions("alcohol with antibiotics")

    assert [r.question for r in page.results] == [beer]
    assert page.results[0].matched == "meaning"
    # No word matched, so the extract is the start of the details, escaped.
    assert "<mark>" not in page.results[0].snippet_html


def test_words_and_meaning_together_rank_first(ask):
    by_meaning = ask("Wine and penicillin", answer_count=1)
    both = ask("Alcohol while taking antibiotics", answer_count=1)

    page = search_questions("alcohol antibiotics")

    assert [r.question for r in page.results] == [both, by_meaning]
    assert [r.matched for r in page.results] == ["both", "meaning"]
    assert "<mark>" in page.results[0].snippet_html


def test_unrelated_questions_are_not_listed_by_meaning(ask):
    ask("My knee hurts on the stairs", answer_count=1)

    assert search_questions("itchy rash on the arm").results == []


def test_sorting_keeps_the_matches_and_changes_their_order(ask):
    old = ask("Beer with amoxicillin", helpful_count=9)
    new = ask("Wine with penicillin", helpful_count=1)

    newest = search_questions("alcohol antibiotics", sort=Sort.NEWEST)
    helpful = search_questions("alcohol antibiotics", sort=Sort.HELPFUL)

    assert [r.question for r in newest.results] == [new, old]
    assert [r.question for r in helpful.results] == [old, new]
    assert newest.total == helpful.total == 2


def test_the_specialty_filter_keeps_questions_answered_in_that_specialty(ask):
    dermatology = factories.SpecialtyFactory(name="Dermatology", slug="dermatology")
    cardiology = factories.SpecialtyFactory(name="Cardiology", slug="cardiology")
    skin_doctor = factories.PhysicianFactory(specialties=[dermatology])
    heart_doctor = factories.PhysicianFactory(specialties=[cardiology])
    answered_by_skin = ask("An itchy rash after a beer")
    answered_by_heart = ask("A rash after wine")
    factories.AnswerFactory(question=answered_by_skin, physician=skin_doctor)
    factories.AnswerFactory(question=answered_by_heart, physician=heart_doctor)

    page = search_questions("rash", specialty_ids=(dermatology.pk,))

    assert [r.question for r in page.results] == [answered_by_skin]


def test_similar_questions_offer_answered_questions_only(ask):
    answered = ask("Can I have a beer on amoxicillin?", answer_count=3)
    ask("Is wine safe with penicillin?", answer_count=0)
    ask("Knee pain on stairs", answer_count=2)

    found = similar_questions("Drinking alcohol while on antibiotics", "")

    assert [s.question for s in found] == [answered]


def test_similar_questions_name_the_most_helpful_answers_specialty(ask):
    dermatology = factories.SpecialtyFactory(name="Dermatology", slug="dermatology")
    family = factories.SpecialtyFactory(name="Family medicine", slug="family")
    question = ask("An itchy rash that will not go away", answer_count=2)
    factories.AnswerFactory(
        question=question,
        helpful_count=1,
        physician=factories.PhysicianFactory(specialties=[family]),
    )
    factories.AnswerFactory(question=question, helpful_count=7,
                            physician=factories.PhysicianFactory(specialties=[dermatology]))  # fmt: skip

    (found,) = similar_questions("eczema", "it itches")

    assert found.question == question
    assert found.top_specialty == "Dermatology"


def test_the_named_specialty_is_the_first_of_several_or_none(ask):
    pediatrics = factories.SpecialtyFactory(name="Pediatrics", slug="pediatrics")
    allergy = factories.SpecialtyFactory(name="Allergy", slug="allergy")
    several = ask("An itchy rash that will not go away", answer_count=0)
    factories.AnswerFactory(question=several, helpful_count=3,
                            physician=factories.PhysicianFactory(specialties=[pediatrics, allergy]))  # fmt: skip
    none = ask("Itchy eczema on both hands", answer_count=0)
    factories.AnswerFactory(
        question=none, helpful_count=3, physician=factories.PhysicianFactory()
    )
    for question in (several, none):
        question.answer_count = 1
        question.save(update_fields=["answer_count"])

    found = {s.question: s.top_specialty for s in similar_questions("eczema", "")}

    assert found == {several: "Allergy", none: ""}


def test_similar_questions_need_words_to_work_with(ask):
    ask("Can I have a beer on amoxicillin?", answer_count=3)

    assert similar_questions("", "") == []
    assert similar_questions("is it", "") == []


def test_a_question_sharing_only_a_common_word_is_left_out(ask):
    rash = ask("Itchy rash on my kid's arms since the camping trip")
    for title in (
        "My kid has the flu",
        "My kid coughs at night",
        "My kid will not eat vegetables",
        "My kid sleeps badly",
    ):
        ask(title)  # fmt: skip

    page = search_questions("my kid has an itchy rash")

    assert [r.question for r in page.results] == [rash]


def test_common_words_do_not_fetch_candidates_when_meaning_is_searched(
    ask, monkeypatch
):
    from curbside.search import lexical

    rash = ask("Itchy rash on my kid's arms since the camping trip")
    for title in ("My kid has the flu", "My kid coughs at night"):
        ask(title)
    monkeypatch.setattr(lexical, "DF_COMMON_MIN", 1)
    monkeypatch.setattr(lexical, "DF_COMMON_SHARE", 0.0)

    assert lexical.selective_terms(["kid", "itchy", "rash"]) == ["itchy", "rash"]
    page = search_questions("kid itchy rash")
    assert [r.question for r in page.results] == [rash]
    assert "<mark>rash</mark>" in page.results[0].snippet_html.lower()


def test_a_word_counted_up_to_the_cap_is_common_whatever_the_share(ask, monkeypatch):
    """On a large site the share limit can exceed the counting cap: a capped count
    must still read as common."""
    from curbside.search import lexical

    for title in ("My kid has a rash", "My kid has the flu", "My kid coughs at night"):
        ask(title)
    monkeypatch.setattr(lexical, "DF_CAP", 2)
    monkeypatch.setattr(lexical, "DF_COMMON_MIN", 5)

    assert lexical.selective_terms(["kid", "flu"]) == ["flu"]


def test_the_words_search_keeps_to_its_row_budget_rarest_words_first(ask, monkeypatch):
    """On a large site several words can each pass the share limit; together
    they must not make the words search rank a good part of it."""
    from curbside.search import lexical

    for title in (
        "My kid has a rash",
        "My kid has the flu",
        "My kid coughs at night",
        "A rash after the flu shot",
    ):
        ask(title)
    monkeypatch.setattr(lexical, "DF_COMMON_MIN", 100)
    from django.db import connection

    monkeypatch.setitem(lexical.DF_ROW_BUDGET, connection.vendor, 4)

    # rash 2 + flu 2 = 4 rows fit; kid (3 more) would not.
    assert lexical.selective_terms(["kid", "rash", "flu"]) == ["rash", "flu"]
    monkeypatch.setitem(lexical.DF_ROW_BUDGET, connection.vendor, 3)
    # flu and rash tie at 2 rows; ties go by the word (flu before rash), so the
    # same words are kept whatever their order in the query.
    assert lexical.selective_terms(["kid", "rash", "flu"]) == ["flu"]
