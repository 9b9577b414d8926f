"""Personal data is found with its type and exact span, and the things that
only look personal are left alone. Every name, number and address here is
invented for these tests."""

import pytest

from curbside.triage.pii import detect, replace, replace_all


def found(text: str) -> set[tuple[str, str]]:
    return {(span.type, span.text) for span in detect(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi, I'm Priya Natarajan and my knee hurts.", ("PERSON", "Priya Natarajan")),
        ("My daughter Meera coughs every night.", ("PERSON", "Meera")),
        ("Our GP, Dr Lindqvist, says wait.", ("PERSON", "Lindqvist")),
        ("Is it a sprain? - Tobias Grant", ("PERSON", "Tobias Grant")),
        ("Text me on 07700 900321 please.", ("PHONE", "07700 900321")),
        ("Call (415) 555-0188 after six.", ("PHONE", "(415) 555-0188")),
        ("Write to me at kestrel.j@example.net", ("EMAIL", "kestrel.j@example.net")),
        (
            "mail wren dot p at example dot org",
            ("EMAIL", "wren dot p at example dot org"),
        ),
        (
            "We live at 45 Birchwood Close, Reading RG4 7TT now.",
            ("ADDRESS", "45 Birchwood Close, Reading RG4 7TT"),
        ),
        (
            "Send it to 88 Larkspur Ave, Apt 3, Tulsa, OK 74104 please.",
            ("ADDRESS", "88 Larkspur Ave, Apt 3, Tulsa, OK 74104"),
        ),
        (
            "We live at Rua das Flores 9, 2º, 4050 Porto now.",
            ("ADDRESS", "Rua das Flores 9, 2º, 4050 Porto"),
        ),
        (
            "Our address is Flat 2, 14 King Street.",
            ("ADDRESS", "Flat 2, 14 King Street"),
        ),
        ("Form says DOB 02.07.1979 for me.", ("DOB", "02.07.1979")),
        ("He was born 3 March 2016 and is tall.", ("DOB", "3 March 2016")),
        ("My member ID is QRT5540021 if needed.", ("ID_NUMBER", "QRT5540021")),
        ("The MRN 4471-0093 is on my bracelet.", ("ID_NUMBER", "4471-0093")),
        ("SSN on the bill was 987-65-4320.", ("ID_NUMBER", "987-65-4320")),
        (
            "My blog is www.example.net/knee-diary if useful.",
            ("URL", "www.example.net/knee-diary"),
        ),
        ("My mother-in-law Hilda has dementia.", ("PERSON", "Hilda")),
        ("I teach at Hollybrook Academy.", ("EMPLOYER", "Hollybrook Academy")),
        (
            "I do nights at Kingsway Care Home as a carer.",
            ("EMPLOYER", "Kingsway Care Home"),
        ),
        (
            "I'm a porter at Fenwick Hydraulics Ltd and lift all day.",
            ("EMPLOYER", "Fenwick Hydraulics Ltd"),
        ),
    ],
)
def test_it_finds_each_kind_of_personal_data(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Taking amlodipine 10 mg, my BP is 150/95 and I'm 62.",
        "Cholesterol 6.2 mmol/L, LDL 4.0, ferritin 1,150 ug/L.",
        "Symptoms started on 12/03/2024 after a trip to Spain.",
        "Dr Oz said coffee is bad. Is Parkinson's hereditary?",
        "Call the Samaritans on 116 123 if you need to talk.",
        "I was born at 30 weeks; does that matter now?",
        "Read it on www.nhs.uk/conditions/gout and on mayoclinic.org.",
        "My son is 7 and weighs 24 kg.",
        "I was seen at Riverside Clinic as an outpatient.",
        "Doctor said it's Graves disease, or is it Lyme disease?",
        "It's Crohn's I think, not IBS.",
        "My dog Biscuit ate chocolate, is that dangerous?",
    ],
)
def test_it_leaves_doses_measurements_dates_public_figures_and_helplines(text):
    assert found(text) == set()


def test_it_finds_later_mentions_of_a_name():
    spans = detect("My sister Odile is 40. Odile gets migraines.")
    assert [s.text for s in spans if s.type == "PERSON"] == ["Odile", "Odile"]


def test_spans_are_exact_and_do_not_overlap():
    text = "I'm Ines Carvalho, DOB 09/10/1988, ring 020 7946 0312 or ines@example.com"
    spans = detect(text)
    assert all(text[s.start : s.end] == s.text for s in spans)
    ends = [(s.start, s.end) for s in spans]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:], strict=False))


def test_it_replaces_chosen_spans_with_neutral_placeholders():
    text = "I'm Ines Carvalho, ring 020 7946 0312."
    phone = [s for s in detect(text) if s.type == "PHONE"]
    assert replace(text, phone) == "I'm Ines Carvalho, ring [phone number]."
    assert replace_all(text) == "I'm [name], ring [phone number]."


def test_it_ignores_a_span_that_no_longer_matches_the_text():
    spans = detect("Ring 020 7946 0312.")
    assert replace("Ring me later.", spans) == "Ring me later."


def test_it_handles_empty_text():
    assert detect("") == []
