"""The red-flag check reads context: what keyword lists get wrong.

Every sentence here was written for these tests."""

import pytest

from curbside.triage.redflags import assess


def level(text: str, title: str = "") -> str:
    return assess(title, text).level


def reasons(text: str) -> set[str]:
    return {hit.reason for hit in assess("", text).ignored}


@pytest.mark.parametrize(
    "text",
    [
        "No chest pain and no shortness of breath, just a dry cough for a week.",
        "Discharge note says the patient denies chest pain, SOB, sweating.",
        "I'm not suicidal, I just feel flat since moving cities.",
        "Never had any throat swelling with these hives, they just itch.",
    ],
)
def test_it_sets_negated_symptoms_aside(text):
    assert level(text) != "emergency"
    assert "negation" in reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        "I had a stroke in 2019 and recovered well. Can I take ibuprofen for my back?",
        "Overdosed on sleeping tablets ten years ago; is my liver still at risk?",
        "When I was a teenager I had a seizure, none since. Can I learn to drive?",
    ],
)
def test_it_reads_the_askers_own_old_event_as_history(text):
    assert level(text) == "routine"
    assert reasons(text) & {"history", "not_current"}


@pytest.mark.parametrize(
    "text",
    [
        "My uncle had a heart attack last year. Should I have my cholesterol checked?",
        "A boy in my daughter's class had a seizure last month, is epilepsy catching?",
    ],
)
def test_it_reads_someone_elses_past_event_as_history(text):
    assert level(text) == "routine"


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("what are the warning signs of a stroke?", "Asking for my dad, he is 70."),
        ("", "How would you know if someone is having a stroke? Asking for first aid."),
        ("", "What should we do if our toddler ever swallows a coin battery?"),
    ],
)
def test_it_reads_questions_about_signs_and_first_aid_as_education(title, text):
    assert level(text, title) == "routine"


@pytest.mark.parametrize(
    "text",
    [
        "This thesis is killing me, I sleep four hours a night.",
        "I'd rather die than sit through another root canal, any sedation options?",
        "My heart skipped a beat when the scan letter arrived, all clear though.",
        "We're bleeding money on protein powder, is any of it useful?",
    ],
)
def test_it_reads_figures_of_speech_as_figures_of_speech(text):
    assert level(text) == "routine"


def test_it_does_not_flag_product_names_that_contain_alarming_words():
    assert level("Does Plan B still work three days later?") == "routine"


def test_it_does_not_flag_a_pets_emergency_as_the_askers():
    assert level("My dog is vomiting blood, what should I feed him?") != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "It feels like an elephant sitting on my chest and I'm sweating.",
        "Mum suddenly can't get her words out and her arm has gone weak.",
        "Ate a prawn curry and now my throat is closing up.",
        "I don't want to be here anymore and I have a plan for tonight.",
    ],
)
def test_it_understands_lay_phrasing_of_emergencies(text):
    assert level(text) == "emergency"


def test_it_still_flags_a_current_emergency_beside_an_old_one():
    text = (
        "I had a heart attack in 2020. Tonight the same crushing pain in my chest "
        "is back and I'm sweating."
    )
    assert level(text) == "emergency"


def test_it_does_not_let_a_denial_of_one_thing_hide_another():
    text = "No fever. But now my chest is tight and I'm short of breath and clammy."
    assert level(text) == "emergency"


def test_it_sets_aside_an_event_that_passed_as_it_always_does():
    text = (
        "My daughter has epilepsy and had a seizure at home today; it stopped "
        "after a minute like always and she is back to normal."
    )
    result = assess("", text)
    assert result.level != "emergency"
    assert "resolved" in {hit.reason for hit in result.ignored}


@pytest.mark.parametrize(
    "title",
    [
        "Crushing pain in my chest, what should I do?",
        "Crushing pain in my chest right now, what do I do?",
        "My face is drooping on one side and my arm is weak, what should I do?",
    ],
)
def test_asking_what_to_do_about_ones_own_emergency_is_not_education(title):
    """Patients phrase emergencies as questions; "what should I do" is not a
    question about signs or first aid."""
    assert level("It started ten minutes ago.", title=title) == "emergency"
