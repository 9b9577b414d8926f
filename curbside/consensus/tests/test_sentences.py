"""Answers are cut into whole sentences, each a span of the answer's text."""

from curbside.consensus.text import negated_stems, sentence_spans, stem


def _sentences(text):
    return [text[s.start : s.end] for s in sentence_spans(text)]


def test_it_splits_at_sentence_ends_but_not_after_abbreviations():
    text = "See Dr. Smith, e.g. on Monday. Rest the knee! Is it swollen? Yes."

    assert _sentences(text) == [
        "See Dr. Smith, e.g. on Monday.",
        "Rest the knee!",
        "Is it swollen?",
        "Yes.",
    ]


def test_it_splits_sentences_glued_together_and_list_items():
    text = "Rest for a week.Then walk.\n- Ice the knee\n- Raise the leg\n\n2. Call us"

    assert _sentences(text) == [
        "Rest for a week.",
        "Then walk.",
        "Ice the knee",
        "Raise the leg",
        "Call us",
    ]


def test_it_gives_nothing_for_text_without_words():
    assert _sentences("  \n...\n- \n") == []


def test_it_stems_word_forms_and_synonyms_alike():
    assert stem("replacement") == stem("replaced") == stem("replace")
    assert stem("physician") == stem("doctor")
    assert stem("veins") == stem("vein")


def test_a_negation_reaches_its_own_clause_only():
    negated, affirmed = negated_stems(
        "It is not a frequent problem, but a small loss of dexterity can happen."
    )

    assert stem("frequent") in negated
    assert "dexter" in affirmed and "dexter" not in negated


def test_without_negates_only_what_follows_it():
    negated, affirmed = negated_stems("Nearby vessels carry the blood without trouble.")

    assert stem("carry") in affirmed and stem("trouble") in negated
    negated, _affirmed = negated_stems("Replacement veins are not needed.")
    assert stem("replacement") in negated


def test_it_splits_after_citation_marks():
    text = (
        "APL is rare.[1][2] It is treated with ATRA.[3] Most recover. See Dr. Li [4]."
    )

    assert _sentences(text) == [
        "APL is rare.[1][2]",
        "It is treated with ATRA.[3]",
        "Most recover.",
        "See Dr. Li [4].",
    ]


def test_a_negation_reaches_the_subject_only_of_a_bare_predicate():
    negated, affirmed = negated_stems(
        "Spider veins do not turn into anything dangerous."
    )
    assert stem("spider") in affirmed and stem("spider") not in negated
    assert stem("dangerous") in negated

    negated, _affirmed = negated_stems("Surgery is usually not needed in your case.")
    assert stem("surgery") in negated
