"""The kinds of answer a text asks for (or gives), from cue words."""

from curbside.core.intent import question_types


def test_question_types_reads_cue_words():
    assert "treatment" in question_types("Is there any cure for eczema?")
    assert "cause" in question_types("Why do my knees ache?")
    assert "diagnosis" in question_types("How is liver cancer diagnosed?")
    assert "prognosis" in question_types("What is the life expectancy with it?")
    assert "dosage" in question_types("How much ibuprofen can a child take?")
    assert question_types("") == frozenset()
    assert "side_effect" in question_types("Is it safe to take it with alcohol?")


def test_an_answer_sentence_reads_as_the_kind_of_answer_it_gives():
    assert "treatment" in question_types("Antiviral drugs can treat the infection.")
    assert "cause" in question_types("It is caused by a virus.")
    assert "treatment" not in question_types("It is caused by a virus.")
