"""The consensus groups what physicians say alike, shows where they differ, and
keeps what only one of them raised — always in the physicians' own sentences."""

from curbside.consensus.extractive import (
    DIFFERS,
    NOT_ENOUGH_ANSWERS,
    SHARED,
    SINGLE,
    AnswerText,
    Stance,
    compute,
)

QUESTION = "Should I stop running with a sore knee after a fall?"
ANSWERS = [
    AnswerText(
        11,
        "Dr Adams",
        "Ice the knee for twenty minutes three times a day. "
        "You need to stop running for two weeks. "
        "A physiotherapist can teach quadriceps strengthening exercises.",
    ),
    AnswerText(
        12,
        "Dr Brown",
        "Put ice on the knee for twenty minutes several times a day. "
        "There is no need to stop running if the pain stays mild. "
        "Get an X-ray if you cannot bear weight on the leg.",
    ),
    AnswerText(
        13,
        "Dr Clark",
        "Icing the knee twenty minutes at a time helps the swelling settle.",
    ),
]


def _point(consensus, kind, word):
    found = [
        p for p in consensus.points if p.kind == kind and word in p.statement.lower()
    ]
    assert found, f"no {kind} point about {word!r}: {consensus.points}"
    return found[0]


def test_it_makes_a_shared_point_of_what_several_physicians_say():
    consensus = compute(QUESTION, ANSWERS)

    point = _point(consensus, SHARED, "ice")
    assert set(point.answer_ids) == {11, 12, 13}
    assert set(point.physicians) == {"Dr Adams", "Dr Brown", "Dr Clark"}


def test_it_shows_a_difference_when_one_physician_negates_what_another_says():
    consensus = compute(QUESTION, ANSWERS)

    point = _point(consensus, DIFFERS, "running")
    sides = {s.answer_id: s.side for s in point.support}
    assert sides[11] == "affirms"
    assert sides[12] == "negates"


def test_it_keeps_a_notable_point_only_one_physician_raised():
    consensus = compute(QUESTION, ANSWERS)

    point = _point(consensus, SINGLE, "x-ray")
    assert point.answer_ids == [12]
    assert point.physicians == ["Dr Brown"]


def test_it_quotes_every_supporting_sentence_exactly_as_written():
    consensus = compute(QUESTION, ANSWERS)
    texts = {a.answer_id: a.text for a in ANSWERS}

    for point in consensus.ranked():
        assert any(s.sentence == point.statement for s in point.support)
        for s in point.support:
            assert texts[s.answer_id][s.start : s.end] == s.sentence


def test_an_agreeing_physician_supports_the_points_of_the_answer():
    stances = [Stance(answer_id=13, physician="Dr Diaz", agrees=True)]

    consensus = compute(QUESTION, ANSWERS, stances)

    point = _point(consensus, SHARED, "ice")
    assert "Dr Diaz" in point.physicians
    assert [s.via for s in point.support if s.physician == "Dr Diaz"] == ["agreement"]


def test_a_disagreement_with_its_reason_is_shown_as_a_difference():
    reason = "Strengthening exercises should wait until the swelling is gone."
    stances = [Stance(answer_id=11, physician="Dr Diaz", agrees=False, reason=reason)]

    consensus = compute(QUESTION, ANSWERS, stances)

    point = _point(consensus, DIFFERS, "strengthening")
    assert point.statement.startswith("A physiotherapist")
    dissent = [s for s in point.support if s.via == "disagreement"]
    assert [(s.physician, s.sentence) for s in dissent] == [("Dr Diaz", reason)]


def test_it_gives_no_points_and_a_reason_below_two_answers():
    consensus = compute(QUESTION, ANSWERS[:1])

    assert consensus.points == ()
    assert consensus.reason == NOT_ENOUGH_ANSWERS


def test_it_survives_a_round_trip_through_stored_data():
    stances = [Stance(answer_id=11, physician="Dr Diaz", agrees=False, reason="No.")]
    talkative = AnswerText(
        14,
        "Dr Evans",
        "Swimming keeps you fit while the knee heals. "
        "Cycling on a flat road is usually fine after a week. "
        "Wear shoes with good cushioning. "
        "Lose weight if you carry extra pounds.",
    )
    consensus = compute(QUESTION, [*ANSWERS, talkative], stances)
    assert consensus.more  # the single points not shown are kept too

    assert type(consensus).from_dict(consensus.to_dict()) == consensus


def test_a_sentence_that_only_agrees_with_a_colleague_is_never_a_point():
    from curbside.consensus.extractive import AnswerText, compute

    answers = [
        AnswerText(answer_id=1, physician="Ann Ames",
                   text="Rest the knee for a week. Ice helps with the swelling."),
        AnswerText(answer_id=2, physician="Ben Bell",
                   text="I agree with Dr Ames. Physiotherapy speeds recovery of strength."),
    ]  # fmt: skip

    statements = [
        p.statement for p in compute("Sore knee after a fall", answers).points
    ]

    assert "I agree with Dr Ames." not in statements


def _statements(consensus):
    return [p.statement for p in consensus.ranked()]


def test_a_disputed_sentence_is_shown_once_with_both_sides():
    reason = "Strengthening exercises should wait until the swelling is gone."
    stances = [
        Stance(answer_id=11, physician="Dr Evans", agrees=True),
        Stance(answer_id=11, physician="Dr Diaz", agrees=False, reason=reason),
    ]

    consensus = compute(QUESTION, ANSWERS, stances)

    statements = _statements(consensus)
    assert len(statements) == len(set(statements))
    point = _point(consensus, DIFFERS, "strengthening")
    sides = {(s.physician, s.via): s.side for s in point.support}
    assert sides[("Dr Adams", "answer")] == "affirms"
    assert sides[("Dr Evans", "agreement")] == "affirms"
    assert sides[("Dr Diaz", "disagreement")] == "negates"


def test_disagreements_about_one_sentence_make_one_difference():
    stances = [
        Stance(answer_id=11, physician="Dr Diaz", agrees=False,
               reason="Strengthening exercises should wait for the swelling."),
        Stance(answer_id=11, physician="Dr Evans", agrees=False,
               reason="Quadriceps strengthening is too early this week."),
    ]  # fmt: skip

    consensus = compute(QUESTION, ANSWERS, stances)

    disputed = [p for p in consensus.points if "physiotherapist" in p.statement.lower()]
    assert len(disputed) == 1
    dissent = [s.physician for s in disputed[0].support if s.via == "disagreement"]
    assert dissent == ["Dr Diaz", "Dr Evans"]


def test_what_gives_the_kind_of_answer_asked_for_comes_first():
    question = "How can I get rid of eczema on my hands?"
    answers = [
        AnswerText(1, "Dr Adams", "Hand eczema often flares in cold weather."),
        AnswerText(2, "Dr Brown", "Emollient creams treat hand eczema well."),
    ]

    first = compute(question, answers).ranked()[0]

    assert first.statement == "Emollient creams treat hand eczema well."
