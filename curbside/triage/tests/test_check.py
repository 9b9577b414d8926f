"""The asking-time check combines red flags and personal data, and replaces
the personal details an asker chooses."""

from curbside.triage.check import check_question, replace_personal_data


def test_it_reports_level_and_personal_data_together():
    check = check_question(
        "crushing chest pain", "I'm Ines Carvalho, sweating since an hour"
    )
    assert check.is_emergency and check.is_urgent
    data = check.as_dict()
    assert data["level"] == "emergency" and "cardiac" in data["categories"]
    assert [(f["type"], f["text"]) for f in data["personal_data"]] == [
        ("PERSON", "Ines Carvalho")
    ]


def test_it_marks_the_within_a_day_tier_urgent_but_not_an_emergency():
    check = check_question("", "Burning when I pee and a fever of 38.5 today.")
    assert check.is_urgent and not check.is_emergency


def test_it_replaces_the_chosen_findings_or_all_of_them():
    title, body = "question from Ines", "I'm Ines Carvalho, ring 020 7946 0312."
    check = check_question(title, body)
    phone = next(f for f in check.personal_data if f.span.type == "PHONE")

    assert replace_personal_data(title, body, [phone.key]) == (
        title,
        "I'm Ines Carvalho, ring [phone number].",
    )
    assert replace_personal_data(title, body)[1] == "I'm [name], ring [phone number]."
