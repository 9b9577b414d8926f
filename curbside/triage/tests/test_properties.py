"""On any text up to the longest question, the checks never crash, stay fast
and keep their spans inside the text."""

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curbside.triage.check import check_question
from curbside.triage.pii import detect
from curbside.triage.redflags import LEVELS, assess

# The longest question body the site accepts (questions.models.BODY_MAX).
LONGEST = 10_000
WORDS = st.sampled_from(
    [
        "chest", "pain", "no", "not", "had", "stroke", "2019", "my", "sister",
        "Anna", "now", "sweating", "call", "020", "7946", "0312", "at", "12",
        "Mill", "Lane", "DOB", "01/02/1990", "what", "are", "signs", "?", ".",
        ",", "İ", "ß", "—", "\n", "can't", "breathe", "@", "example.com",
    ]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=LONGEST),
    st.lists(WORDS, max_size=1500).map(" ".join).map(lambda t: t[:LONGEST]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(max_size=200), body=TEXTS)
def test_it_never_crashes_and_keeps_spans_inside_the_text(title, body):
    result = assess(title, body)
    assert result.level in LEVELS
    for hit in (*result.hits, *result.ignored):
        text = title if hit.field == "title" else body
        assert text[hit.start : hit.end] == hit.text
    for span in detect(body):
        assert body[span.start : span.end] == span.text


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=TEXTS)
def test_it_checks_the_longest_question_within_a_fraction_of_a_second(body):
    start = time.perf_counter()
    check_question("A question", body)
    # The bench figure is ~60 ms on 10,000 characters; this bound leaves room
    # for a slow test machine while catching runaway patterns.
    assert time.perf_counter() - start < 1.0


@settings(max_examples=40, deadline=None)
@given(title=st.lists(WORDS, max_size=30).map(" ".join), body=TEXTS)
def test_skipping_patterns_by_their_literal_beginnings_never_changes_a_result(
    title, body
):
    from curbside.triage import redflags

    lexicon = redflags.lexicon()
    matchers = [f.pattern for f in lexicon.features]
    matchers += [lexicon.urgent_signs, lexicon.masks]
    fast = assess(title, body).as_dict()
    saved = [(m, m.prefixes) for m in matchers]
    try:
        for m in matchers:
            m.prefixes = None
        slow = assess(title, body).as_dict()
    finally:
        for m, prefixes in saved:
            m.prefixes = prefixes
    assert fast == slow
